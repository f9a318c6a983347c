"""What editors do to the knowledge base: verify and rename players, add and delete aliases.

Deleting an alias leaves a tombstone (`deleted_by_editor`) so that `load_kb` cannot bring it back.
Merging two players moves their claims too, so it lives on the articles side (articles/editing/merge.py).
"""

from __future__ import annotations

from django.db import transaction

from tagger.names import normalize_name

from .models import AliasBase, Player, PlayerAlias, PlayerStatus, Source


class EditError(ValueError):
    """An edit that cannot be made, with a message for the editor. The one such error: the knowledge base's
    edits raise it, and so do the claim edits and the merge on the articles side."""


def player_verify(*, player: Player) -> Player:
    player.status = PlayerStatus.VERIFIED
    player.save(update_fields=["status", "updated_at"])
    return player


def player_rename(*, player: Player, name: str) -> Player:
    """Give the player a new name; the old one stays an alias, since articles still use it."""
    name = " ".join(name.split())
    if not normalize_name(name):
        raise EditError("A name needs at least one letter or digit.")
    if name == player.name:
        return player
    with transaction.atomic():
        old = player.name
        player.name = name
        player.save(update_fields=["name", "updated_at"])
        if normalize_name(old) != normalize_name(name):
            player_alias_add(player=player, name=old)
    return player


def player_alias_add(*, player: Player, name: str) -> PlayerAlias:
    """Add a name the player goes by; an editor's own addition also revives one an editor deleted."""
    name = " ".join(name.split())
    normalized = normalize_name(name)
    if not normalized:
        raise EditError("An alias needs at least one letter or digit.")
    alias = PlayerAlias.objects.filter(player=player, normalized=normalized).first()
    if alias is None:
        return PlayerAlias.objects.create(player=player, name=name, source=Source.EDITOR)
    if alias.deleted_by_editor:
        alias.deleted_by_editor = False
        alias.name = name
        alias.source = Source.EDITOR
        alias.save()
    return alias


def alias_delete(*, alias: AliasBase) -> None:
    """Delete an alias for good: a tombstone, so a reload of the seed files does not revive it."""
    alias.deleted_by_editor = True
    alias.save(update_fields=["deleted_by_editor"])
