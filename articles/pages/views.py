"""The dashboard's pages: home, articles, players, rumours, clubs and outlets.

Each page is one template with named partials; an HTMX request gets the partial it targets, any other
request (a history restore included) the whole page, and every page answers in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from players.models import Club, Outlet, Player
from rumourtracker.htmx import HtmxHttpRequest, render_partial_or_page, wants_partial
from rumourtracker.roles import Role, role_of, role_required

from ..forms import DateForm
from ..models import (
    Article,
    ArticleStatus,
    AuditLog,
    Claim,
    ClaimQuerySet,
    Decision,
    Kind,
    LikelihoodFit,
    Mention,
    PlayerMove,
    Rumour,
    Track,
)
from ..rumours.likelihood import FACTOR_LABELS
from ..rumours.records import LEAGUE_MIN_SETTLED, outlet_records_cached, with_records_cached
from ..rumours.refresh import Source, rumour_sources
from ..rumours.timeline import (
    KIND_ORDER,
    ArticleClaims,
    CareerBin,
    RumourSummary,
    Span,
    StageChange,
    WindowGroup,
    articles_with_claims,
    career_chart,
    club_stories,
    is_stale,
    stage_changes,
    text_segments,
    timeline_groups,
    window_key,
    window_label,
)
from ..tasks import articles_enqueue
from . import filters, health
from .career import CONTRACT_KINDS, ClubCareer, club_career
from .exports import articles_csv, claims_csv
from .newest_claims import NewestClaims
from .outlet_claims import OutletClaims, OutletFilters, outlet_claims_page

PAGE_SIZE = 25
# The article list's filters folded under "More filters" until one of them is used.
HOT_DAYS = 14
STORY_FIELDS = ["window", "stage", "claim_count", "first_reported", "last_reported", "player_id", "club_id", "track"]
LATEST_ARTICLES = 10
STAGE_CLAIMS_READ = 60  # the newest stage claims read to find the latest changes: bounded, whatever the data
STAGE_CHANGES_SHOWN = 6
STAGE_KINDS = [Kind.TALKS, Kind.BID, Kind.AGREEMENT, Kind.COMPLETED, Kind.DENIAL]
# Above this many claims the player page opens on his latest window instead of every window at once.
FULL_TIMELINE_LIMIT = 120
# The claims a player's timeline shows at first (the newest); a link shows the rest.
TIMELINE_CLAIMS = 30
# ?all=1 shows every claim of his timeline, this many to a page.
TIMELINE_PAGE = 50
# A rumour's timeline comes in pages; its sources and rival clubs are capped (the rest are counted).
RUMOUR_CLAIMS_PAGE = 30
SOURCES_SHOWN = 20
SOURCES_CACHE_SECONDS = 3600
RIVALS_SHOWN = 20
# The rumours listed at the top of a player's page; the timeline's window tabs reach the older ones.
RUMOURS_SHOWN = 12


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def _page(request: HttpRequest, rows: QuerySet, size: int = PAGE_SIZE) -> Page:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string minus some parameters, for links that change only those."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _claim_rows(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with everything a row shows, in two queries whatever their number."""
    related = ("player", "club", "from_club", "article", "article__outlet", "rumour")
    # Not the article's indexes: the database sorts every matching row before it keeps a page of them, and wide
    # rows make that slower. (The text stays: an untitled article's heading comes from it.)
    heavy = ("article__search_vector", "article__anchors")
    return claims.select_related(*related).defer(*heavy).prefetch_related("cited")


# --- home ---------------------------------------------------------------------------------


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    # The two live sections poll for themselves; each poll loads only what its section shows.
    if wants_partial(request, "latest-claims"):
        return render(request, "articles/home.html#latest-claims", {"latest_articles": _latest_articles()})
    if wants_partial(request, "in-progress"):
        return render(request, "articles/home.html#in-progress", {"in_progress": _in_progress()})
    hot, hot_days = _hot_rumours()
    context = {
        "latest_articles": _latest_articles(),
        "hot_rumours": hot,
        "hot_clubs": list({rumour.club_id: rumour.club for rumour in hot}.values()),
        "hot_days": hot_days,
        "stage_changes": latest_stage_changes(),
        "in_progress": _in_progress(),
        "kinds": Kind.choices,
        "languages": filters.LANGUAGE_CHOICES[1:],
    }
    return render(request, "articles/home.html", context)


def _latest_articles() -> list[ArticleClaims]:
    """The newest dated articles with claims, one line each with what they claim (undated ones are never latest)."""
    has_claims = Exists(Claim.objects.live().filter(article_id=OuterRef("pk")))
    articles = Article.objects.filter(has_claims, published__isnull=False).select_related("outlet")
    latest = list(articles.defer("anchors").order_by("-published", "-id")[:LATEST_ARTICLES])
    claims = Claim.objects.live().filter(article__in=latest).select_related("player", "club").order_by("id")
    return articles_with_claims(latest, claims)


def _in_progress() -> QuerySet[Article]:
    in_progress = Article.objects.filter(status__in=[ArticleStatus.PENDING, ArticleStatus.PROCESSING])
    return in_progress.select_related("outlet").order_by("-created_at")[:8]


def _hot_rumours() -> tuple[list[Rumour], tuple[dt.date, dt.date] | None]:
    """The transfer rumours with the most claims in the 14 days up to the newest dated claim, then the most
    outlets carrying them; and those days. An old database still shows what moved in its last days of news.

    Counted from the recent claims (a small set, found through the articles' date index), not from every
    claim of every rumour that moved lately. Outlets stand in for recent independent sources.
    """
    newest = Rumour.objects.aggregate(newest=Max("last_reported"))["newest"]
    if newest is None:
        return [], None
    until = min(newest, timezone.localdate())
    since = until - dt.timedelta(days=HOT_DAYS - 1)
    recent = Claim.objects.live().filter(article__published__range=(since, until)).exclude(kind__in=CONTRACT_KINDS)
    counts = list(
        recent.values("rumour_id")
        .annotate(claims=Count("id"), outlets=Count("article__outlet", distinct=True))
        .order_by("-claims", "-outlets", "rumour_id")[:8]
    )
    rumours = Rumour.objects.select_related("player", "club").in_bulk([row["rumour_id"] for row in counts])
    hot = []
    for row in counts:
        rumour = rumours[row["rumour_id"]]
        rumour.recent_claims, rumour.recent_outlets = row["claims"], row["outlets"]  # type: ignore[attr-defined]
        hot.append(rumour)
    return hot, (since, until)


def latest_stage_changes(about: Q | None = None, shown: int = STAGE_CHANGES_SHOWN) -> list[StageChange]:
    """The latest steps rumours took (Talks → Bid, ... → Completed), read from the dated claims of the rumours
    that have one of the newest stage claims: one query, the newest of them picked out here. `about` narrows the
    steps (the watchlist's: claims of what an account follows); every dated claim of their rumours still says
    what stage each had reached before."""
    dated = Claim.objects.live().filter(article__published__isnull=False)
    step = Q(kind__in=STAGE_KINDS, rumour__track=Track.TRANSFER) & (about or Q())
    recent = dated.filter(step).order_by("-article__published", "-id").values("rumour_id")[:STAGE_CLAIMS_READ]
    claims = list(
        dated.filter(rumour_id__in=recent)
        .annotate(is_step=ExpressionWrapper(step, output_field=BooleanField()))
        .select_related("player", "club", "article", "rumour")
        .only("rumour__window", "kind", "player__name", "club__name", "club__key", "article__published")
    )
    newest = sorted(
        (c for c in claims if c.is_step),  # type: ignore[attr-defined]
        key=lambda c: (c.article.published, c.pk),
        reverse=True,
    )[:STAGE_CLAIMS_READ]
    earlier = [(c.rumour_id, c.kind, c.article.published, c.pk) for c in claims]
    return stage_changes(newest, earlier)[:shown]


# --- articles -----------------------------------------------------------------------------


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def article_list(request: HtmxHttpRequest) -> HttpResponseBase:
    form = filters.bound(filters.ArticleFilterForm, request.GET)
    chosen = filters.chosen_from(form)
    articles = filters.articles_filtered(form, chosen)
    if _wants_csv(request):
        return articles_csv(articles, "articles")
    live = Prefetch("claims", queryset=Claim.objects.live().select_related("player", "club").order_by("id"))
    page = _page(request, articles.select_related("outlet").prefetch_related(live))
    context = {
        "form": form,
        "chosen": chosen,
        "page": page,
        "query": query_without(request, "page", "format"),
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "format")),
        "advanced": sum(1 for name in form.more_fields if request.GET.get(name)),
    }
    return render_partial_or_page(request, "articles/article_list.html", context, "article-results")


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "copy_of", "uploaded_by"), pk=pk)
    claims = Claim.objects.filter(article=article)
    if not role_of(request.user).is_editor:  # rejected claims wait for editors, who may reopen them
        claims = claims.live()
    context: dict[str, object] = {
        "article": article,
        "claims": _claim_rows(claims.order_by("id")),
        "cited": article.cited_outlets.all(),
        "date_form": DateForm(initial={"published": article.published}),
    }
    if wants_partial(request, "article-status"):
        if article.status in (ArticleStatus.PENDING, ArticleStatus.PROCESSING):
            return render(request, "articles/article_detail.html#article-status", context)
        # The worker just finished: reload the whole page, so that the text's highlights appear too.
        return HttpResponseClientRefresh()
    mentions = article.mentions.select_related("player", "club")
    context["segments"] = text_segments(article.text, [_span(m) for m in mentions])
    context["audit"] = AuditLog.objects.filter(article_ref=article.pk).select_related("actor")[:20]
    return render(request, "articles/article_detail.html", context)


def _span(mention: Mention) -> Span:
    if mention.player_id:
        url = reverse("player_detail", args=[mention.player_id])
        return Span(mention.start, mention.end, "player", url, str(mention.player))
    club = mention.club
    assert club is not None  # a mention names a player or a club (a database constraint)
    return Span(mention.start, mention.end, "club", reverse("club_detail", args=[club.key]), str(club))


@role_required(Role.MEMBER)
@require_POST
def article_retry_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk, status=ArticleStatus.FAILED)
    if article.retry():
        articles_enqueue(article_ids=[article.pk])
    messages.success(request, "The article is queued again.")
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect("article_detail", pk=pk)


# --- players ------------------------------------------------------------------------------


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def player_detail(request: HtmxHttpRequest, pk: int) -> HttpResponseBase:
    player = get_object_or_404(Player.objects.select_related("club"), pk=pk)
    claims = _claim_rows(Claim.objects.for_player(player).live())
    if _wants_csv(request):
        return claims_csv(claims, f"{player.name} claims")
    # A rumour whose every claim was rejected stays in the database (the rejections are kept) but is not shown.
    rumours = player.rumours.filter(claim_count__gt=0)
    counts = _window_counts(rumours)
    window = _player_window(request, counts)
    if window:
        claims = claims.filter(rumour__in=rumours.filter(window=window))
    in_view = sum(row.claims for row in counts if not window or row.window == window)
    page = _timeline_page(request, claims.select_related("rumour__club"), in_view)
    groups = timeline_groups(page.object_list, lambda c: c.article.reported_on)
    newest = _newest_rumours(rumours)
    transfers = [r for r in newest if r.track == Track.TRANSFER]
    context = {
        "player": player,
        "stories": club_stories(transfers),
        "older_rumours": sum(row.rumours for row in counts if row.track == Track.TRANSFER) - len(transfers),
        "contract_rumours": [r for r in newest if r.track != Track.TRANSFER],
        "windows": _windows(counts),
        "window": window,
        "transfer_groups": _track_groups(groups, transfer=True),
        "contract_groups": _track_groups(groups, transfer=False),
        "career": career_chart(_player_career_bins(player)),
        "career_kinds": KIND_ORDER,
        "page": page,
        "everything": request.GET.get("all") == "1",
        "shown": len(page.object_list),
        "in_view": in_view,
        "query": f"window={window or 'all'}&all=1",
        "moves": PlayerMove.objects.filter(player=player).select_related("from_club", "to_club"),
        "audit": AuditLog.objects.filter(player=player).select_related("actor")[:10],
        "today": timezone.localdate(),
    }
    return render_partial_or_page(request, "articles/player_detail.html", context, "player-timeline")


@dataclass(frozen=True)
class WindowCount:
    """A player's rumours of one window and track, counted by the database: a row or two per window."""

    window: str
    track: str
    rumours: int
    claims: int
    latest: dt.date | None


def _window_counts(rumours: QuerySet[Rumour]) -> list[WindowCount]:
    rows = rumours.values("window", "track").annotate(n=Count("id"), c=Sum("claim_count"), latest=Max("last_reported"))
    return [WindowCount(r["window"], r["track"], r["n"], r["c"], r["latest"]) for r in rows.order_by()]


def _newest_rumours(rumours: QuerySet[Rumour]) -> list[RumourSummary]:
    """The RUMOURS_SHOWN newest rumours of each track, as plain rows, in one query."""
    newest_first = [F("last_reported").desc(nulls_last=True), F("id").desc()]
    ranked = rumours.annotate(rank=Window(RowNumber(), partition_by=F("track"), order_by=newest_first))
    # Who reported each first: its earliest dated live claim's outlet, found by index for each row shown.
    earliest = Claim.objects.live().filter(rumour_id=OuterRef("pk"), article__published__isnull=False)
    first_by = earliest.order_by("article__published", "id").values("article__outlet__name")[:1]
    shown = ranked.filter(rank__lte=RUMOURS_SHOWN).annotate(first_by=Subquery(first_by)).order_by(*newest_first)
    rows = shown.values_list(*RumourSummary.FIELDS, "first_by")
    return [RumourSummary(*row) for row in rows]


def _timeline_page(request: HttpRequest, claims: QuerySet[Claim], in_view: int) -> Page:
    """The newest TIMELINE_CLAIMS claims; with ?all=1 every claim, TIMELINE_PAGE at a time, newest first."""
    claims = claims.order_by(F("article__published").desc(nulls_last=True), "-id")
    size = TIMELINE_PAGE if request.GET.get("all") == "1" else TIMELINE_CLAIMS
    paginator = Paginator(claims, size)
    paginator.count = in_view  # known from the rumours' figures: no COUNT over his claims
    return paginator.get_page(request.GET.get("page") if size == TIMELINE_PAGE else 1)


def _windows(counts: list[WindowCount]) -> list[tuple[str, str, int]]:
    """(window, label, claims) for each window he was linked in, newest first."""
    claims: dict[str, int] = {}
    for row in counts:
        claims[row.window] = claims.get(row.window, 0) + row.claims
    return [(w, window_label(w), n) for w, n in sorted(claims.items(), key=lambda i: window_key(i[0]), reverse=True)]


def _player_window(request: HttpRequest, counts: list[WindowCount]) -> str:
    """The window to show: the one asked for, else every window, else (for a much-linked player) the latest."""
    asked = request.GET.get("window", "")
    windows = [w for w, _, _ in _windows(counts)]
    if asked == "all" or (not asked and sum(row.claims for row in counts) <= FULL_TIMELINE_LIMIT):
        return ""
    return asked if asked in windows else (windows[0] if windows else "")


def _track_groups(groups: list, *, transfer: bool) -> list:  # type: ignore[type-arg]
    kept = []
    for group in groups:
        rumours = [r for r in group.rumours if (r.rumour.track == Track.TRANSFER) == transfer]
        if rumours:
            kept.append(WindowGroup(group.window, group.label, rumours))
    return kept


def _player_career_bins(player: Player) -> list[CareerBin]:
    """His dated live claims counted by club, window and kind: one small grouped query, whatever their number."""
    claims = Claim.objects.for_player(player).live().filter(article__published__isnull=False)
    rows = claims.values_list("rumour__club__key", "rumour__club__name", "rumour__window", "kind", "rumour__stage")
    return [
        CareerBin(key, name, reverse("club_detail", args=[key]), window, kind, n, stage)
        for key, name, window, kind, stage, n in rows.annotate(n=Count("id")).order_by()
    ]


# --- rumours ------------------------------------------------------------------------------


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def rumour_detail(request: HtmxHttpRequest, pk: int) -> HttpResponseBase:
    rumour = get_object_or_404(Rumour.objects.select_related("player", "player__club", "club"), pk=pk)
    claims = Claim.objects.filter(rumour=rumour).order_by("article__published", "article__created_at", "id")
    if _wants_csv(request):
        return claims_csv(claims, f"{rumour.player} {rumour.club} {rumour.window}")
    # Editors see the rejected claims too, to restore them; readers only the live ones.
    shown = claims if role_of(request.user).is_editor else claims.live()
    page = _page(request, _claim_rows(shown), RUMOUR_CLAIMS_PAGE)
    rivals = Rumour.objects.filter(
        player_id=rumour.player_id, window=rumour.window, track=Track.TRANSFER, claim_count__gt=0
    )
    sources = _sources(rumour)
    context = {
        "rumour": rumour,
        "window_label": window_label(rumour.window),
        "page": page,
        "first": _first_live(page, claims),
        "sources": sources,
        "more_sources": max(0, rumour.source_count - len(sources)),
        "stale": is_stale(rumour.stage, rumour.last_reported, timezone.localdate()),
        "rivals": rivals.exclude(pk=rumour.pk).select_related("club").order_by("-last_reported")[:RIVALS_SHOWN],
        "story": _story_windows(rumour),
        "audit": AuditLog.objects.about_rumour(rumour).select_related("actor")[:10],
    }
    return render_partial_or_page(request, "articles/rumour_detail.html", context, "rumour-timeline")


def _story_windows(rumour: Rumour) -> list[Rumour]:
    """Every window of the same player and club story (this one included), newest first, the undated last."""
    story = Rumour.objects.filter(player_id=rumour.player_id, club_id=rumour.club_id, track=rumour.track)
    windows = list(story.filter(claim_count__gt=0).only(*STORY_FIELDS))
    return sorted(windows, key=lambda r: window_key(r.window), reverse=True)


def _sources(rumour: Rumour) -> list[Source]:
    """The rumour's first sources, kept until it changes: grouping thousands of claims is its page's dearest query,
    and every change to its claims recomputes the rumour, which moves updated_at and so the key."""
    key = f"rumour-sources:{rumour.pk}:{rumour.updated_at.isoformat()}:{SOURCES_SHOWN}"
    sources: list[Source] | None = cache.get(key)
    if sources is None:
        sources = rumour_sources(rumour=rumour, limit=SOURCES_SHOWN)
        cache.set(key, sources, SOURCES_CACHE_SECONDS)
    return sources


def _first_live(page: Page, claims: ClaimQuerySet) -> Claim | None:
    """The earliest live claim: on the first page already, unless editors rejected every claim on it."""
    if page.number == 1:
        first = next((c for c in page.object_list if c.decision != Decision.REJECTED), None)
        if first is not None or not page.has_next():
            return first
    return _claim_rows(claims.live()).first()


# --- clubs --------------------------------------------------------------------------------

DIRECTIONS = [("incoming", "Incoming links"), ("outgoing", "Outgoing players"), ("contracts", "Renewals and exits")]


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def club_detail(request: HtmxHttpRequest, key: str) -> HttpResponseBase:
    club = get_object_or_404(Club, key=key)
    form = filters.bound(filters.ClubClaimFilterForm, request.GET)
    chosen = filters.chosen_from(form)
    direction = request.GET.get("direction") or "incoming"
    claims = filters.claims_filtered(club_claims(club, direction), form, chosen)
    if _wants_csv(request):
        return claims_csv(claims, f"{club.name} {direction}")
    incoming = club.rumours.filter(track=Track.TRANSFER, claim_count__gt=0).select_related("player")
    # The chart is not part of the claims a page of them asked for by htmx shows.
    career = club_career(club) if not wants_partial(request, "club-claims") else ClubCareer([], None, 0)
    newest = NewestClaims(claims, _claim_rows(Claim.objects.all()))
    context = {
        "club": club,
        "form": form,
        "chosen": chosen,
        "directions": DIRECTIONS,
        "direction": direction,
        "page": _page(request, newest.read_page(request.GET.get("page"), PAGE_SIZE)),  # type: ignore[arg-type]
        "query": query_without(request, "page", "format"),
        "direction_query": query_without(request, "page", "format", "direction"),
        "hot": incoming.order_by(F("last_reported").desc(nulls_last=True))[:8],
        "career": career_chart(career.bins, span=career.span, more_rows=career.more_rows),
        "career_kinds": KIND_ORDER,
        "today": timezone.localdate(),
    }
    return render_partial_or_page(request, "articles/club_detail.html", context, "club-claims")


def club_claims(club: Club, direction: str) -> QuerySet[Claim]:
    """The live claims of one direction of a club's page (its Atom feed's too), unfiltered and unordered."""
    claims = Claim.objects.live()
    if direction == "outgoing":
        # His players' ids first, so that PostgreSQL can combine two index scans instead of scanning claims.
        squad = list(Player.objects.filter(club=club).values_list("pk", flat=True))
        return claims.filter(Q(from_club=club) | Q(player_id__in=squad)).exclude(club=club)
    if direction == "contracts":
        return claims.filter(club=club, kind__in=CONTRACT_KINDS)
    return claims.filter(club=club).exclude(kind__in=CONTRACT_KINDS)


# --- outlets ------------------------------------------------------------------------------


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def outlet_detail(request: HtmxHttpRequest, pk: int) -> HttpResponseBase:
    outlet = get_object_or_404(Outlet.objects.select_related("works_for"), pk=pk)
    form = filters.bound(filters.OutletClaimFilterForm, request.GET)
    chosen = filters.chosen_from(form)
    claims = filters.claims_filtered(outlet_claims(outlet), form, chosen)
    if _wants_csv(request):
        return claims_csv(claims, f"{outlet.name} claims")
    # The page itself: the same claims, read newest first from the outlet's own indexes (outlet_claims.py).
    since, until = filters.cleaned(form, "since"), filters.cleaned(form, "until")
    shown = OutletFilters(str(filters.cleaned(form, "kind") or ""), chosen.club, since, until)  # type: ignore[arg-type]
    # The side cards, which a page of claims asked for by htmx leaves as they are.
    whole = not wants_partial(request, "outlet-claims")
    cites, cited_by = (
        with_records_cached(f"outlet-sources:{outlet.pk}", lambda: _outlet_sources(outlet)) if whole else ([], [])
    )
    context = {
        "outlet": outlet,
        "form": form,
        "chosen": chosen,
        "page": outlet_claims_page(
            OutletClaims(outlet, shown, _claim_rows(Claim.objects.all())), request.GET.get("page"), PAGE_SIZE
        ),
        "query": query_without(request, "page", "format"),
        "cites": cites,
        "cited_by": cited_by,
        "records": outlet_records_cached(outlet=outlet) if whole else None,
        "league_min_settled": LEAGUE_MIN_SETTLED,
    }
    return render_partial_or_page(request, "articles/outlet_detail.html", context, "outlet-claims")


def outlet_claims(outlet: Outlet) -> QuerySet[Claim]:
    """The live claims an outlet's page lists (its Atom feed's too): what it published and what others attribute
    to it ("according to Tuttosport"): an agency or a paper quoted by the sites we read may publish nothing we
    ingest. Unfiltered and unordered."""
    cited = Claim.cited.through.objects.filter(outlet=outlet).values("claim_id")
    # Two subqueries, each by its own index; `article__outlet` here would join every claim to its article first.
    published = Article.objects.filter(outlet=outlet).values("pk")
    return Claim.objects.live().filter(Q(article__in=published) | Q(pk__in=cited))


def _outlet_sources(outlet: Outlet) -> tuple[list[Outlet], list[Outlet]]:
    """The outlets it cites most and those that cite it most, counted by article through each article's cited
    outlets: two joins over every article of the outlet, kept with its records."""
    cites = Outlet.objects.filter(cited_in_articles__outlet=outlet)
    cited_by = Outlet.objects.filter(articles__cited_outlets=outlet)
    return (
        list(cites.annotate(n=Count("cited_in_articles")).order_by("-n", "name")[:12]),
        list(cited_by.annotate(n=Count("articles")).order_by("-n", "name")[:12]),
    )


@role_required(Role.READER)
@require_GET
def about_likelihood(request: HttpRequest) -> HttpResponse:
    """How the likelihood is worked out, and the newest backtest's figures with its date."""
    latest = LikelihoodFit.objects.order_by("-fitted_at").first()
    return render(request, "articles/about_likelihood.html", {"fit": latest, "factors": FACTOR_LABELS})


@role_required(Role.PUBLIC)
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the database and the broker answer, and when a worker last reported in."""
    database_ok = health.database_answers()
    broker_ok = health.broker_answers()
    last = health.worker_last_seen() if database_ok else None
    body = {
        "database": "ok" if database_ok else "unreachable",
        "broker": "ok" if broker_ok else "unreachable",
        "worker_last_seen": last.isoformat() if last else None,
        "worker_seconds_ago": round((timezone.now() - last).total_seconds()) if last else None,
    }
    return JsonResponse(body, status=200 if database_ok and broker_ok else 503)
