"""axe-core, vendored from npm for tests (tests/vendor/README.md), run in a Playwright page.

It is evaluated through the DevTools protocol rather than added as a <script>, so the page's
Content-Security-Policy (no inline script) stays on while it runs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core-4.11.1" / "axe.min.js"


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Each WCAG A/AA rule the page breaks, with where: empty when axe finds nothing."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
        "wcag21aa", "best-practice"]}})).violations.map(v => v.id + ": " + v.help + " at "
        + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))"""
    )
    return list(violations)
