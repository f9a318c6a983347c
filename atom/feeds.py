"""One Atom feed of claims, whatever they are about: a page's view hands it a Subject (its title, its page and the
claims it lists) and the feed writes the newest of them, each an entry linking to its article.

Dates are honest as on the pages: an entry is dated by its article's publication date; an undated article's
claims are dated by when the article arrived, and their summary says the date is unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Claim
from articles.rumours.timeline import window_label

# The newest claims a feed holds: a reader polls often, and keeps what it read.
FEED_CLAIMS = 50
HONESTY = "Claims are read from the news by a machine: a lead to check, not a fact."


@dataclass
class Subject:
    """What a feed is about: its title, a line under it, its page (a path) and the claims that page lists."""

    title: str
    subtitle: str
    page: str
    claims: QuerySet[Claim]


def newest_claims(claims: QuerySet[Claim], limit: int = FEED_CLAIMS) -> list[Claim]:
    """The newest claims, by their article's date or, undated, by when it arrived, in three queries.

    The dated and the undated are asked apart, each in the order of an index on articles (the article list's own,
    and the time each arrived), so neither sorts every claim: a feed of every claim costs what one page does.
    """
    related = ("player", "club", "from_club", "rumour", "article", "article__outlet")
    rows = claims.select_related(*related).defer("article__search_vector", "article__anchors")
    dated = rows.filter(article__published__isnull=False).order_by(
        F("article__published").desc(), F("article__created_at").desc(), F("id").desc()
    )
    undated = rows.filter(article__published__isnull=True).order_by(F("article__created_at").desc(), F("id").desc())
    newest = sorted([*dated[:limit], *undated[:limit]], key=lambda c: (claim_updated(c), c.pk), reverse=True)[:limit]
    prefetch_related_objects(newest, "cited")
    return newest


def claim_updated(claim: Claim) -> dt.datetime:
    """The entry's date: its article's publication date (midnight UTC), else when the article arrived."""
    published = claim.article.published
    if published is None:
        return claim.article.created_at
    return dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC)


class ClaimFeed(Feed):  # type: ignore[type-arg]
    """The Atom feed of a Subject's newest claims. Called as `ClaimFeed()(request, subject=...)`."""

    feed_type = Atom1Feed
    author_name = "RumourTracker"

    def get_object(self, request: HttpRequest, *args: Any, subject: Subject, **kwargs: Any) -> Subject:
        self.request = request
        return subject

    def title(self, subject: Subject) -> str:
        return f"{subject.title} · RumourTracker"

    def subtitle(self, subject: Subject) -> str:
        return f"{subject.subtitle} The newest {FEED_CLAIMS} claims, newest first. {HONESTY}"

    def link(self, subject: Subject) -> str:
        return subject.page

    def feed_url(self, subject: Subject) -> str:
        return self.request.get_full_path()  # rel="self" names the filtered feed, query and all

    def feed_guid(self, subject: Subject) -> str:
        return self.request.build_absolute_uri()

    def items(self, subject: Subject) -> list[Claim]:
        return newest_claims(subject.claims)

    def item_title(self, claim: Claim) -> str:
        # Atom titles are plain text (the XML writer escapes them), unlike RSS's: no HTML escaping here.
        outlet = f" ({claim.article.outlet})" if claim.article.outlet else ""
        return f"{claim.player} – {claim.club}: {claim.get_kind_display().lower()}{outlet}"

    def item_link(self, claim: Claim) -> str:
        return reverse("article_detail", args=[claim.article_id])

    def item_guid(self, claim: Claim) -> str:
        """The claim's own address on its article's page: stable through editors' fixes of player or club."""
        return self.request.build_absolute_uri(f"{self.item_link(claim)}#claim-{claim.pk}")

    def item_updateddate(self, claim: Claim) -> dt.datetime:
        return claim_updated(claim)

    def item_pubdate(self, claim: Claim) -> dt.datetime | None:
        published = claim.article.published
        return None if published is None else claim_updated(claim)

    def item_author_name(self, claim: Claim) -> str | None:
        return claim.article.outlet.name if claim.article.outlet else None

    def item_author_link(self, claim: Claim) -> str | None:
        outlet_id = claim.article.outlet_id
        return self.request.build_absolute_uri(reverse("outlet_detail", args=[outlet_id])) if outlet_id else None

    def item_categories(self, claim: Claim) -> tuple[str, ...]:
        return (claim.get_kind_display(),)

    def item_description(self, claim: Claim) -> str:
        """The summary (HTML, atom/claim_summary.html), its template's indentation folded away."""
        context = {"claim": claim, "window": window_label(claim.rumour.window), "updated": claim_updated(claim)}
        return " ".join(render_to_string("atom/claim_summary.html", context).split())
