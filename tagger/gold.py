"""The tagger's result as one line of the gold format (corpus/GUIDELINES.md)."""

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
