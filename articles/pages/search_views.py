"""The search box: a dropdown of players, clubs, outlets and journalists as one types, and a results page
(the same names, then the matching articles with a highlighted snippet) for Enter or no JavaScript."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Paginator
from django.db.models import Case, F, QuerySet, When
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from players.search import entities_found
from rumourtracker.htmx import HtmxHttpRequest
from rumourtracker.roles import Role, role_required

from ..models import Article
from . import filters
from .search import FALLBACK_CONFIG, MARK_START, MARK_STOP, SEARCH_CONFIGS

SUGGESTIONS = 8
RESULT_ENTITIES = 12
ARTICLES_PER_PAGE = 20


def _query(request: HtmxHttpRequest) -> str:
    return request.GET.get("q", "").strip()[:200]


@role_required(Role.READER)
@require_GET
def search_suggest(request: HtmxHttpRequest) -> HttpResponse:
    """The dropdown under the search box: the best names for what has been typed so far."""
    query = _query(request)
    hits = entities_found(query, limit=SUGGESTIONS)
    listbox = request.htmx.target or "search-suggestions"  # the options' ids start with their listbox's
    context = {"query": query, "hits": hits, "listbox": listbox}
    return render(request, "articles/search_results.html#suggestions", context)


@role_required(Role.READER)
@require_GET
def search_results(request: HtmxHttpRequest) -> HttpResponse:
    query = _query(request)
    page = None
    if query:
        articles = filters.article_search(Article.objects.all(), query)
        articles = articles.order_by(F("published").desc(nulls_last=True), F("created_at").desc())
        page = Paginator(articles.only("pk"), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = _with_snippets([article.pk for article in page.object_list], query)
    context = {"query": query, "hits": entities_found(query, limit=RESULT_ENTITIES), "page": page}
    return render(request, "articles/search_results.html", context)


def _with_snippets(pks: list[int], query: str) -> list[Article]:
    """The page's articles, each with `snippet`: where the words are, in its own language's configuration.
    Only these rows pay for ts_headline."""

    def headline(config: str) -> SearchHeadline:
        words = SearchQuery(query, config=config, search_type="websearch")
        return SearchHeadline(
            "text", words, config=config, start_sel=MARK_START, stop_sel=MARK_STOP, max_words=30, min_words=12
        )

    snippet = Case(
        *(When(language=code, then=headline(config)) for code, config in SEARCH_CONFIGS.items()),
        default=headline(FALLBACK_CONFIG),
    )
    rows: QuerySet[Article] = Article.objects.filter(pk__in=pks).select_related("outlet").annotate(snippet=snippet)
    by_pk = {article.pk: article for article in rows.defer("text")}
    return [by_pk[pk] for pk in pks if pk in by_pk]
