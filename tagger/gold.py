"""The gold format (corpus/GUIDELINES.md): an article line read into the tagger's arguments, and the tagger's
result written as one line."""

from __future__ import annotations

from typing import Any

from .types import TagResult


def result_to_gold(result: TagResult, article_id: str) -> dict[str, Any]:
    return {
        "id": article_id,
        "language": result.language,
        "published": result.published.isoformat() if result.published else None,
        "players": [p.name for p in result.players],
        "clubs": [c.name for c in result.clubs],
        "claims": [
            {
                "player": c.player,
                "club": c.club,
                "kind": c.kind,
                "from_club": c.from_club,
                "deal": c.deal,
                "fee": c.fee,
                "contract_until": c.contract_until,
                "cited": [o.said or o.name for o in c.cited],
                "evidence": c.evidence,
                "start": c.start,
                "end": c.end,
                "optional": False,
            }
            for c in result.claims
        ],
        "cited": [o.said or o.name for o in result.cited],
    }


def article_arguments(article: dict[str, Any]) -> dict[str, Any]:
    """What `tag_article` and `read_article` take from an article line, besides its text."""
    return {
        "title": article.get("title") or "",
        "published": article.get("published"),
        "outlet": article.get("outlet"),
        "url": article.get("url"),
        "language": article.get("language"),
    }
