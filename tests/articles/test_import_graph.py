"""The modules of articles/ and players/ import one another one way: no circle, at module level or inside a
function (a lazy import that dodges a circle still is one). Tasks are sent only from articles/tasks.py, which
nothing below it imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = ("articles.migrations", "players.migrations")


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _imported(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join([*base, *([node.module] if node.module else [])])
    else:
        target = node.module or ""
    return [target, *(f"{target}.{alias.name}" for alias in node.names)]


def import_graph() -> dict[str, set[str]]:
    """Each module of articles/ and players/ and the project modules it imports, anywhere in its code."""
    paths = [*ROOT.glob("articles/**/*.py"), *ROOT.glob("players/**/*.py")]
    modules = {name: (path, is_package) for path in paths for name, is_package in [_module_name(path)]}
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        if module.startswith(OUTSIDE):
            continue
        nodes = [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ImportFrom)]
        found = {name for node in nodes for name in _imported(node, module, is_package)}
        graph[module] = {name for name in found if name in modules and not name.startswith(OUTSIDE)}
    return graph


def _circle_from(start: str, graph: dict[str, set[str]]) -> list[str]:
    """A path of imports from `start` back to itself, if there is one."""
    stack, seen = [(start, [start])], {start}
    while stack:
        module, path = stack.pop()
        for imported in graph.get(module, ()):
            if imported == start:
                return [*path, start]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, [*path, imported]))
    return []


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = import_graph()
    assert "articles.ingest.accept" in graph and "articles.tasks" in graph
    circles = [circle for module in sorted(graph) if (circle := _circle_from(module, graph))]
    assert circles == []


def test_only_the_views_and_commands_import_the_tasks() -> None:
    importers = {module for module, imported in import_graph().items() if "articles.tasks" in imported}
    below = {m for m in importers if m.startswith(("articles.ingest.", "articles.tagging.", "articles.models"))}
    assert below <= {"articles.ingest.views"}


def test_the_tagger_stands_alone() -> None:
    """tagger/ is a library the apps use: it imports neither Django nor players nor articles, anywhere."""
    apps = ("django", "players", "articles", "rumourtracker")
    found = []
    for path in (ROOT / "tagger").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in apps]
    assert found == []
