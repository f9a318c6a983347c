"""Writing tagging results: the articles' status, entities, mentions, claims and the rumours they feed.

A batch of articles is written together, in a fixed number of queries whatever its size. Storing the same
results twice changes nothing, and a claim an editor decided or added stays exactly as the editor left it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from players.models import Outlet, Player, PlayerAlias, PlayerStatus, Source
from tagger.names import normalize_name

from ..bulk import rows_update
from ..models import Article, ArticleStatus, Claim, Decision, Mention
from ..rumours.refresh import RumourKey, rumour_key, rumours_for, rumours_refresh

if TYPE_CHECKING:
    from tagger import FoundClaim, FoundOutlet, FoundPlayer, TagResult

# A name as the tagger found it, with the knowledge-base id it matched (None: not in the knowledge base).
NamedKey = tuple[str, int | None]


@dataclass
class Tagged:
    """An article and what the tagger read in it."""

    article: Article
    result: TagResult


def tag_results_store(*, tagged: Sequence[Tagged], tagger_version: str) -> None:
    """Write a batch of results, inside the caller's transaction (which holds the articles' row locks)."""
    if not tagged:
        return
    players = players_resolve(found=[found for t in tagged for found in _players_named(t.result)])
    outlets = outlets_resolve(found=[found for t in tagged for found in _outlets_named(t.result)])
    articles_mark_tagged(tagged=tagged, tagger_version=tagger_version)
    cited_outlets_store(tagged=tagged, outlets=outlets)
    mentions_store(tagged=tagged, players=players)
    claims_store(tagged=tagged, players=players, outlets=outlets)


def _players_named(result: TagResult) -> list[FoundPlayer]:
    """Every player the result names: those it found, and any a claim names that it did not list."""
    listed = {found.name for found in result.players}
    return [*result.players, *(_as_player(c) for c in result.claims if c.player not in listed)]


def _outlets_named(result: TagResult) -> list[FoundOutlet]:
    return [*result.cited, *(outlet for claim in result.claims for outlet in claim.cited)]


def _as_player(found: FoundClaim) -> FoundPlayer:
    from tagger import FoundPlayer

    return FoundPlayer(name=found.player, player_id=found.player_id, spans=[], evidence=found.evidence)


def _claim_player(result: TagResult, found: FoundClaim) -> NamedKey:
    """A claim's player is the found player of that name, if the result lists one."""
    for player in result.players:
        if player.name == found.player:
            return (player.name, player.player_id)
    return (found.player, found.player_id)


def players_resolve(*, found: Iterable[FoundPlayer]) -> dict[NamedKey, int]:
    """The player id of each name: the KB player it matched, else the candidate of that name, else a new one."""
    ids: dict[NamedKey, int] = {}
    unknown: dict[str, FoundPlayer] = {}
    for player in found:
        if player.player_id is not None:
            ids[(player.name, player.player_id)] = player.player_id
        else:
            unknown.setdefault(player.name, player)
    candidates = candidates_resolve(found=list(unknown.values()))
    ids.update({(name, None): candidates[normalize_name(name)] for name in unknown})
    return ids


def candidates_resolve(*, found: list[FoundPlayer]) -> dict[str, int]:
    """Normalized name -> player id: whom an active alias of that name names, else a new candidate and alias."""
    if not found:
        return {}
    by_name: dict[str, FoundPlayer] = {}
    for player in found:
        by_name.setdefault(normalize_name(player.name), player)
    aliases = PlayerAlias.objects.active().filter(normalized__in=by_name).order_by("-pk")
    known = dict(aliases.values_list("normalized", "player_id"))  # the oldest alias wins, as before
    new = {
        normalized: Player(
            name=player.name, status=PlayerStatus.CANDIDATE, source=Source.TAGGER, evidence=player.evidence[:1000]
        )
        for normalized, player in sorted(by_name.items())
        if normalized not in known
    }
    Player.objects.bulk_create(new.values())
    PlayerAlias.objects.bulk_create(
        PlayerAlias(player=player, name=player.name, normalized=normalized, source=Source.TAGGER)
        for normalized, player in new.items()
    )
    return known | {normalized: player.pk for normalized, player in new.items()}


def outlets_resolve(*, found: Iterable[FoundOutlet]) -> dict[NamedKey, int]:
    """The outlet id of each name: the KB outlet it matched, else the outlet of that name, made if need be.

    Outlet names are unique, so INSERT ... ON CONFLICT DO NOTHING makes one outlet however many workers try.
    """
    ids: dict[NamedKey, int] = {}
    unknown: set[str] = set()
    for outlet in found:
        if outlet.outlet_id is not None:
            ids[(outlet.name, outlet.outlet_id)] = outlet.outlet_id
        else:
            unknown.add(outlet.name)
    if unknown:
        new = [Outlet(name=name, status=PlayerStatus.CANDIDATE, source=Source.TAGGER) for name in sorted(unknown)]
        Outlet.objects.bulk_create(new, ignore_conflicts=True)
        ids.update({(name, None): pk for name, pk in Outlet.objects.filter(name__in=unknown).values_list("name", "pk")})
    return ids


def articles_mark_tagged(*, tagged: Sequence[Tagged], tagger_version: str) -> None:
    """One UPDATE for the batch; the search vector is recomputed only where the language changed (a trigger)."""
    now = timezone.now()
    for item in tagged:
        article = item.article
        article.language = item.result.language
        if article.published is None:
            article.published, article.published_source = item.result.published, item.result.published_source
        article.status, article.tagger_version, article.failure_reason = ArticleStatus.TAGGED, tagger_version, ""
        article.tagged_at = article.updated_at = now
        article.lease_until = None
    fields = [
        "language",
        "published",
        "published_source",
        "status",
        "tagger_version",
        "failure_reason",
        "tagged_at",
        "updated_at",
    ]
    rows_update(rows=[item.article for item in tagged], fields=[*fields, "lease_until"])


def cited_outlets_store(*, tagged: Sequence[Tagged], outlets: dict[NamedKey, int]) -> None:
    through = Article.cited_outlets.through
    through.objects.filter(article_id__in=[item.article.pk for item in tagged]).delete()
    rows = {(item.article.pk, outlets[(found.name, found.outlet_id)]) for item in tagged for found in item.result.cited}
    through.objects.bulk_create(through(article_id=a, outlet_id=o) for a, o in sorted(rows))


def mentions_store(*, tagged: Sequence[Tagged], players: dict[NamedKey, int]) -> None:
    Mention.objects.filter(article_id__in=[item.article.pk for item in tagged]).delete()
    rows = [
        Mention(article=item.article, player_id=players[(found.name, found.player_id)], start=start, end=end)
        for item in tagged
        for found in item.result.players
        for start, end in found.spans
    ]
    rows += [
        Mention(article=item.article, club_id=found.club_id, start=start, end=end)
        for item in tagged
        for found in item.result.clubs
        for start, end in found.spans
    ]
    Mention.objects.bulk_create([m for m in rows if m.end > m.start])


@dataclass
class ClaimRow:
    """One claim the tagger found, with the ids it is stored under."""

    article: Article
    player_id: int
    found: FoundClaim

    @property
    def key(self) -> tuple[int, int, int]:
        """What makes it one claim: its article, player and club (the claim_one_per_pair constraint)."""
        return (self.article.pk, self.player_id, self.found.club_id)

    @property
    def rumour_key(self) -> RumourKey:
        return rumour_key(
            player_id=self.player_id,
            club_id=self.found.club_id,
            kind=self.found.kind,
            reported_on=self.article.reported_on,
        )


def claims_store(*, tagged: Sequence[Tagged], players: dict[NamedKey, int], outlets: dict[NamedKey, int]) -> None:
    """Replace the tagger's claims on these articles, keeping every claim an editor touched."""
    article_ids = [item.article.pk for item in tagged]
    rumours_before = set(
        Claim.objects.filter(article_id__in=article_ids).order_by().values_list("rumour_id", flat=True)
    )
    rows = claim_rows(tagged=tagged, players=players)
    rumours = rumours_for(keys=[row.rumour_key for row in rows])
    written = claims_upsert(rows=rows, rumours=rumours)
    stale = Claim.objects.filter(article_id__in=article_ids, decision=Decision.NONE, added_by_editor=False)
    stale.exclude(pk__in=written.values()).delete()
    claim_citations_store(rows=[row for row in rows if row.key in written], written=written, outlets=outlets)
    rumours_refresh(rumour_ids=rumours_before | set(rumours.values()))


def claim_rows(*, tagged: Sequence[Tagged], players: dict[NamedKey, int]) -> list[ClaimRow]:
    """The claims to write, one per article, player and club: of two about one pair, the later wins."""
    rows: dict[tuple[int, int, int], ClaimRow] = {}
    for item in tagged:
        for found in item.result.claims:
            row = ClaimRow(article=item.article, player_id=players[_claim_player(item.result, found)], found=found)
            rows[row.key] = row
    return list(rows.values())


# The unique pair decides what is the same claim; the WHERE leaves a claim an editor decided or added as the
# editor left it, even one that appeared while we tagged. RETURNING gives the claims written, and only those.
CLAIM_UPSERT = """
INSERT INTO articles_claim AS claim (
    article_id, player_id, club_id, rumour_id, kind, deal, from_club_id, fee, contract_until, evidence,
    evidence_start, evidence_end, confidence, decision, added_by_editor, created_at
)
SELECT u.*, %s, false, %s FROM unnest(
    %s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::bigint[], %s::text[],
    %s::text[], %s::text[], %s::integer[], %s::integer[], %s::double precision[]
) AS u
ON CONFLICT (article_id, player_id, club_id) DO UPDATE SET
    rumour_id = EXCLUDED.rumour_id, kind = EXCLUDED.kind, deal = EXCLUDED.deal, from_club_id = EXCLUDED.from_club_id,
    fee = EXCLUDED.fee, contract_until = EXCLUDED.contract_until, evidence = EXCLUDED.evidence,
    evidence_start = EXCLUDED.evidence_start, evidence_end = EXCLUDED.evidence_end, confidence = EXCLUDED.confidence
WHERE claim.decision = %s AND NOT claim.added_by_editor
RETURNING claim.article_id, claim.player_id, claim.club_id, claim.id
"""


def claims_upsert(*, rows: list[ClaimRow], rumours: dict[RumourKey, int]) -> dict[tuple[int, int, int], int]:
    """Insert or update the tagger's claims in one statement; the id of each claim written, by its key."""
    if not rows:
        return {}
    columns = list(zip(*(_claim_values(row, rumours) for row in rows), strict=True))
    with connection.cursor() as cursor:
        cursor.execute(CLAIM_UPSERT, [Decision.NONE, timezone.now(), *map(list, columns), Decision.NONE])
        return {(article, player, club): pk for article, player, club, pk in cursor.fetchall()}


def _claim_values(row: ClaimRow, rumours: dict[RumourKey, int]) -> tuple[object, ...]:
    found = row.found
    return (
        *row.key,
        rumours[row.rumour_key],
        found.kind,
        found.deal,
        found.from_club_id,
        found.fee or "",
        found.contract_until or "",
        found.evidence,
        found.start,
        found.end,
        max(0.0, min(1.0, found.confidence)),
    )


def claim_citations_store(
    *, rows: list[ClaimRow], written: dict[tuple[int, int, int], int], outlets: dict[NamedKey, int]
) -> None:
    through = Claim.cited.through
    through.objects.filter(claim_id__in=written.values()).delete()
    pairs = {(written[row.key], outlets[(o.name, o.outlet_id)]) for row in rows for o in row.found.cited}
    through.objects.bulk_create(through(claim_id=c, outlet_id=o) for c, o in sorted(pairs))
