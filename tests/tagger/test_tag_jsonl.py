"""make tag (scripts/tagging.py): one gold line per article, in order; bad lines named on stderr and a non-zero exit.
make eval and make train say clearly that they need ../shared when it is missing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scripts import tagging
from tests.tagger.kb import GAZETTEER


def test_it_writes_one_gold_line_per_article_in_order(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [
        {"id": "b", "text": "Juventus want Fikayo Tomori."},
        {"id": "a", "text": "Napoli want Mario Gila.", "extra": 1},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert tagging.tag_file(src, out, GAZETTEER, io.StringIO()) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["b", "a"]
    assert lines[0]["claims"][0]["player"] == "Fikayo Tomori"


def test_a_bad_line_is_named_and_the_rest_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('not json\n{"id": "x"}\n{"id": "ok", "text": "Napoli want Mario Gila."}\n', encoding="utf-8")
    monkeypatch.setattr(tagging, "knowledge_base", lambda: tagging.KbEntries(*_entries()))
    assert tagging.run_tag(str(src), str(out)) == 1
    err = capsys.readouterr().err
    assert "line 1" in err and "article x has no text" in err and "2 article(s) could not be tagged" in err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["ok"]


def _entries() -> tuple[list, list, list]:
    return list(GAZETTEER.clubs.values()), list(GAZETTEER.players.values()), list(GAZETTEER.outlets.values())


def test_eval_and_train_without_the_corpus_say_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tagging.crossval, "CORPUS", tmp_path / "corpus")
    for run in (lambda: tagging.run_eval(tmp_path / "out.jsonl", curve=False), tagging.run_train):
        with pytest.raises(SystemExit) as stopped:
            run()
        assert stopped.value.code == 2
        err = capsys.readouterr().err
        assert "../shared/corpus" in err and str(tmp_path / "corpus" / "train.jsonl") in err
