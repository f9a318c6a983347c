"""Merge two players who are one person: everything the duplicate has moves to the survivor.

It lives on the articles side because it moves claims, mentions and rumours. One transaction: the
constraints a plain UPDATE would break (one claim per article, player and club; one rumour per player,
club, window and track) are resolved first, and the duplicate is deleted only once nothing points at it.
"""

from __future__ import annotations

from django.db import transaction

from players.kb_edit import EditError
from players.models import Player, PlayerAlias, PlayerStatus, Source
from tagger.names import normalize_name

from ..models import Claim, Decision, Mention, Rumour
from ..rumours.refresh import rumour_refresh


def players_merge(*, survivor: Player, duplicate: Player) -> Player:
    """Move every alias, claim, mention and rumour of `duplicate` to `survivor`, then delete `duplicate`."""
    if survivor.pk == duplicate.pk:
        raise EditError("A player cannot be merged into himself.")
    with transaction.atomic():
        # Lock both rows so that no tagging run attaches a claim to the duplicate half-way through.
        locked = {p.pk: p for p in Player.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])}
        if len(locked) != 2:
            raise EditError("One of the players no longer exists.")
        survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
        touched = _move_rumours(survivor, duplicate)
        _move_claims(survivor, duplicate)
        _move_mentions(survivor, duplicate)
        _move_aliases(survivor, duplicate)
        _absorb_fields(survivor, duplicate)
        _check_nothing_left(duplicate)
        duplicate.delete()
        for rumour in Rumour.objects.filter(pk__in=touched):
            rumour_refresh(rumour=rumour)
    return survivor


def _move_rumours(survivor: Player, duplicate: Player) -> set[int]:
    """Hand over the duplicate's rumours; where the survivor has the same one, fold the claims into it.

    Returns the rumours whose claims changed, to refresh at the end.
    """
    own = {(r.club_id, r.window, r.track): r for r in Rumour.objects.filter(player=survivor)}
    touched: set[int] = set()
    for rumour in Rumour.objects.filter(player=duplicate):
        twin = own.get((rumour.club_id, rumour.window, rumour.track))
        if twin is None:
            rumour.player = survivor
            rumour.save(update_fields=["player", "updated_at"])
            touched.add(rumour.pk)
        else:
            Claim.objects.filter(rumour=rumour).update(rumour=twin)
            rumour.delete()  # empty now: its claims belong to the twin
            touched.add(twin.pk)
    return touched


def _move_claims(survivor: Player, duplicate: Player) -> None:
    """Move the duplicate's claims; one the survivor already has for the same article and club is folded in."""
    own = {(c.article_id, c.club_id): c for c in Claim.objects.filter(player=survivor)}
    for claim in Claim.objects.filter(player=duplicate).prefetch_related("cited"):
        kept = own.get((claim.article_id, claim.club_id))
        if kept is None:
            continue
        _fold_claim(kept, claim)
        claim.delete()
    Claim.objects.filter(player=duplicate).update(player=survivor)


def _fold_claim(kept: Claim, extra: Claim) -> None:
    """Keep the survivor's claim, adding what only the duplicate's knew: cited outlets, an editor's decision."""
    kept.cited.add(*extra.cited.all())
    if kept.decision == Decision.NONE and extra.decision != Decision.NONE:
        kept.decision, kept.decided_by_id, kept.decided_at = extra.decision, extra.decided_by_id, extra.decided_at
        kept.save(update_fields=["decision", "decided_by", "decided_at"])


def _move_mentions(survivor: Player, duplicate: Player) -> None:
    """Move mentions; a span both players were found at stays once."""
    spans = set(Mention.objects.filter(player=survivor).values_list("article_id", "start", "end"))
    same = [m.pk for m in Mention.objects.filter(player=duplicate) if (m.article_id, m.start, m.end) in spans]
    Mention.objects.filter(pk__in=same).delete()
    Mention.objects.filter(player=duplicate).update(player=survivor)


def _move_aliases(survivor: Player, duplicate: Player) -> None:
    """Move aliases the survivor lacks, and keep the duplicate's name as one of the survivor's."""
    known = set(PlayerAlias.objects.filter(player=survivor).values_list("normalized", flat=True))
    known.add(normalize_name(survivor.name))
    for alias in PlayerAlias.objects.filter(player=duplicate):
        if alias.normalized in known:
            alias.delete()  # the survivor's own row (or tombstone) for this name stands
        else:
            PlayerAlias.objects.filter(pk=alias.pk).update(player=survivor)
            known.add(alias.normalized)
    if normalize_name(duplicate.name) not in known:
        PlayerAlias.objects.create(player=survivor, name=duplicate.name, source=Source.EDITOR)


def _absorb_fields(survivor: Player, duplicate: Player) -> None:
    """The survivor's facts win; blanks are filled from the duplicate, and the seed lines both came from stay his."""
    for field in ("club_id", "club_as_of", "position", "nationality", "born", "evidence"):
        if not getattr(survivor, field) and getattr(duplicate, field):
            setattr(survivor, field, getattr(duplicate, field))
    if duplicate.status == PlayerStatus.VERIFIED:
        survivor.status = PlayerStatus.VERIFIED
    # So that load_kb updates the survivor instead of bringing the duplicate back.
    survivor.seed_keys = list(dict.fromkeys([*survivor.seed_keys, *duplicate.seed_keys]))
    survivor.save()


def _check_nothing_left(duplicate: Player) -> None:
    """Refuse to delete a player something still points at: a new relation this merge does not know yet."""
    for relation in Player._meta.related_objects:
        if relation.related_model is PlayerAlias or relation.many_to_many:
            continue
        manager = relation.related_model._default_manager
        if manager.filter(**{relation.field.name: duplicate}).exists():
            raise EditError(f"{relation.related_model.__name__} rows still point at {duplicate}; merge not done.")
