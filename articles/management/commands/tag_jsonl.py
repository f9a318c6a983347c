"""Tag a JSON Lines file of articles with the knowledge base in the database; write gold-format lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from players.gazetteer import gazetteer_from_db
from tagger import result_to_gold, tag_article
from tagger.matcher import Gazetteer


class Command(BaseCommand):
    help = "Tag IN (one article per line: id, text, optional title/url/outlet/published/language) into OUT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("infile", help="JSON Lines articles")
        parser.add_argument("outfile", help="gold-format JSON Lines, one line per input article, in input order")

    def handle(self, *args: Any, **options: Any) -> None:
        gazetteer = gazetteer_from_db()
        failures = 0
        with (
            Path(options["infile"]).open(encoding="utf-8") as src,
            Path(options["outfile"]).open("w", encoding="utf-8") as out,
        ):
            for number, line in enumerate(src, start=1):
                if not line.strip():
                    continue
                row, error = _tag_line(line, gazetteer)
                if error:
                    failures += 1
                    self.stderr.write(f"line {number}: {error}")
                if row is not None:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if failures:
            raise CommandError(f"{failures} article(s) could not be tagged")


def _tag_line(line: str, gazetteer: Gazetteer) -> tuple[dict[str, Any] | None, str]:
    """The gold-format row for one input line, or the reason it could not be tagged."""
    try:
        article = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    if not isinstance(article, dict):
        return None, "not a JSON object"
    article_id = str(article.get("id", ""))
    text = article.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, f"article {article_id or '?'} has no text"
    result = tag_article(
        text=text,
        gazetteer=gazetteer,
        title=article.get("title") or "",
        published=article.get("published"),
        outlet=article.get("outlet"),
        url=article.get("url"),
        language=article.get("language"),
    )
    return result_to_gold(result, article_id), ""
