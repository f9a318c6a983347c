"""What a follow URL names: a kind ("player", "club", "outlet") and a primary key."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from players.models import Club, Outlet, Player

from .models import Target

MODELS: dict[str, type[Player] | type[Club] | type[Outlet]] = {"player": Player, "club": Club, "outlet": Outlet}


def target_get(kind: str, pk: int) -> Target:
    """The player, club or outlet a follow URL names, or 404."""
    model = MODELS.get(kind)
    if model is None:
        raise Http404("Only players, clubs, outlets and journalists can be followed.")
    target = get_object_or_404(model, pk=pk)
    assert isinstance(target, Player | Club | Outlet)
    return target
