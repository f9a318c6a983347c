"""What a typed name stands for: the one way filters, editors' forms and the search box turn a name into a
club, player or outlet.

The answer is exact (one thing goes by that name, or the name is a key or number), choices (several go by
it: "Inter" is Inter Milan, Inter Miami and Internacional) or unknown (nothing does; the closest names are
offered). Nothing here guesses: a caller acts only on an exact answer and otherwise asks the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import F, Max, Model, QuerySet

from tagger.names import normalize_name

from .models import Club, Outlet, Player

# How many choices or suggestions a question offers.
OFFERED = 8
# How similar (pg_trgm, 0-1) a name must be to be offered as "did you mean".
SUGGEST_SIMILARITY = 0.3

NamedModel = type[Club] | type[Player] | type[Outlet]


class Answer:
    EMPTY = "empty"
    EXACT = "exact"
    CHOICES = "choices"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Resolution:
    typed: str
    answer: str
    entity: Any = None
    # Several that go by the name (choices) or the most similar names (unknown); most prominent first.
    offered: list[Any] = field(default_factory=list)


def described(model: NamedModel) -> QuerySet:
    """The model's rows with what a choice shows beside the name (a player's club)."""
    if model is Player:
        return Player.objects.select_related("club")
    return model.objects.all()


def prominent_first(model: NamedModel) -> list[Any]:
    if model is Club:
        return [F("prominence").desc(), "name", "pk"]
    if model is Player:
        return [F("status").desc(), F("club__prominence").desc(nulls_last=True), "name", "pk"]
    return [F("status").desc(), "name", "pk"]


def name_resolve(*, model: NamedModel, typed: str) -> Resolution:
    """Resolve one typed name: two queries at most (the exact names, then, if none, the similar ones)."""
    typed = (typed or "").strip()
    if not typed:
        return Resolution(typed, Answer.EMPTY)
    rows = described(model)
    if typed.isdigit():
        found = rows.filter(pk=int(typed)).first()
        return Resolution(typed, Answer.EXACT, entity=found) if found else _unknown(model, typed)
    exact = list(rows.filter(model.objects.all().goes_by(typed)).order_by(*prominent_first(model))[: OFFERED + 1])
    if len(exact) == 1:
        return Resolution(typed, Answer.EXACT, entity=exact[0])
    if exact:
        return Resolution(typed, Answer.CHOICES, offered=exact[:OFFERED])
    return _unknown(model, typed)


def _unknown(model: NamedModel, typed: str) -> Resolution:
    """Nothing goes by the name: the things whose names (or aliases, accents folded) are most like it."""
    folded = normalize_name(typed)
    if not folded:
        return Resolution(typed, Answer.UNKNOWN)
    similar = (
        described(model)
        .filter(aliases__normalized__trigram_similar=folded, aliases__deleted_by_editor=False)
        .annotate(similarity=Max(TrigramSimilarity("aliases__normalized", folded)))
        .filter(similarity__gte=SUGGEST_SIMILARITY)
        .order_by("-similarity", *prominent_first(model))[:OFFERED]
    )
    return Resolution(typed, Answer.UNKNOWN, offered=list(similar))


def choice_label(entity: Model) -> str:
    """A choice as a person tells them apart: "Juventus (it, Italian Serie A)", "Tomori (AC Milan)"."""
    if isinstance(entity, Club):
        details = [part for part in (entity.country.upper(), entity.league_name) if part]
    elif isinstance(entity, Player):
        details = [entity.club.name if entity.club else "no club", entity.get_position_display()]
    elif isinstance(entity, Outlet):
        details = [entity.get_kind_display(), entity.language]
    else:
        details = []
    shown = ", ".join(part for part in details if part)
    return f"{entity} ({shown})" if shown else str(entity)


def choice_value(entity: Model) -> str:
    """What picks exactly this one when typed back: a club's key, else the number."""
    return str(entity.key) if isinstance(entity, Club) else str(entity.pk)
