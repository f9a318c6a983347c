"""manage.py tag_jsonl: one gold line per article, in order; bad lines named on stderr and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

django_apps = pytest.importorskip("django.apps")
if not django_apps.apps.ready:  # run without the Django plugin: no command to call
    pytest.skip("Django is not set up", allow_module_level=True)

from django.core.management import CommandError, call_command  # noqa: E402

from tests.tagger.kb import GAZETTEER  # noqa: E402


@pytest.fixture(autouse=True)
def small_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("articles.management.commands.tag_jsonl.gazetteer_from_db", lambda: GAZETTEER)


def test_it_writes_one_gold_line_per_article_in_order(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [
        {"id": "b", "text": "Juventus want Fikayo Tomori."},
        {"id": "a", "text": "Napoli want Mario Gila.", "extra": 1},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    call_command("tag_jsonl", str(src), str(out))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["b", "a"]
    assert lines[0]["claims"][0]["player"] == "Fikayo Tomori"


def test_a_bad_line_is_named_and_the_rest_still_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('not json\n{"id": "x"}\n{"id": "ok", "text": "Napoli want Mario Gila."}\n', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("tag_jsonl", str(src), str(out))
    err = capsys.readouterr().err
    assert "line 1" in err and "article x has no text" in err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["ok"]
