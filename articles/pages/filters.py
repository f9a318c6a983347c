"""The dashboard's filters and search: GET parameters in, QuerySets out.

Every filter becomes part of one SQL query (subqueries, never lists of ids fetched first), so a
filtered page costs the same few queries whatever the data. Names typed into a filter go through
players/resolve.py: one that is not exactly one thing is asked about, never guessed; the search box combines full-text
search in every language's configuration with trigram matching of player and club names, so "Tomory Juve"
still finds Tomori.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any, TypeVar

from django import forms
from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.db.models import F, Q, QuerySet, Value
from django.http import QueryDict

from players.models import Club, ClubAlias, Outlet, Player, PlayerAlias
from players.resolve import Answer, NamedModel, Resolution, choice_label, choice_value, name_resolve
from tagger.names import normalize_name

from ..forms import LANGUAGE_CHOICES
from ..models import Article, ArticleStatus, Claim, Kind
from .search import ALL_CONFIGS, FALLBACK_CONFIG, SEARCH_CONFIGS, name_words

# How many players and clubs one search word may stand for; the closest names first.
NAME_MATCHES = 8


def _choices(blank: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", blank), *choices]


class OutletRole:
    ANY = ""
    PUBLISHER = "publisher"
    CITED = "cited"
    CHOICES = [(ANY, "published or cited"), (PUBLISHER, "published it"), (CITED, "cited in it")]


def _name_field(placeholder: str) -> forms.CharField:
    return forms.CharField(required=False, max_length=200, widget=forms.TextInput(attrs={"placeholder": placeholder}))


class FilterForm(forms.Form):
    """A list's filters, drawn by templates/articles/includes/claim_filters.html; every list has dates."""

    # Fields that take a name: looked up by chosen_from, shown as the name of what they found.
    name_fields: tuple[str, ...] = ()
    # Fields folded under "More filters".
    more_fields: tuple[str, ...] = ()

    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))


class ArticleFilterForm(FilterForm):
    q = forms.CharField(
        required=False, max_length=200, label="Search", widget=forms.TextInput(attrs={"type": "search"})
    )
    club = _name_field("Juventus")
    player = _name_field("Tomori")
    outlet = _name_field("Tuttosport")
    role = forms.ChoiceField(required=False, choices=OutletRole.CHOICES, label="Outlet role")
    kind = forms.ChoiceField(required=False, choices=_choices("any kind", Kind.choices))
    language = forms.ChoiceField(required=False, choices=_choices("any language", LANGUAGE_CHOICES[1:]))
    status = forms.ChoiceField(required=False, choices=_choices("any status", ArticleStatus.choices))
    field_order = ["q", "club", "player", "outlet", "role", "kind", "language", "status", "since", "until"]
    name_fields = ("club", "player", "outlet")
    more_fields = ("outlet", "role", "kind", "language", "status", "since", "until")


class ClubClaimFilterForm(FilterForm):
    """A club's claims, by kind, outlet and date."""

    kind = forms.ChoiceField(required=False, choices=_choices("any kind", Kind.choices))
    outlet = _name_field("Tuttosport")
    field_order = ["kind", "outlet", "since", "until"]
    name_fields = ("outlet",)


class OutletClaimFilterForm(FilterForm):
    """An outlet's claims, by kind, club and date."""

    kind = forms.ChoiceField(required=False, choices=_choices("any kind", Kind.choices))
    club = _name_field("Juventus")
    field_order = ["kind", "club", "since", "until"]
    name_fields = ("club",)


AnyFilterForm = TypeVar("AnyFilterForm", bound=FilterForm)


@dataclass(frozen=True)
class Question:
    """A name filter that stands for several things, or for nothing: what was asked, and links that pick."""

    field: str
    typed: str
    ambiguous: bool
    options: list[tuple[str, str]]  # (label, the list's address with this one picked)


@dataclass
class Chosen:
    """The entities a filter's names stand for (None where nothing was asked or the name is in question)."""

    club: Club | None = None
    player: Player | None = None
    outlet: Outlet | None = None
    questions: list[Question] = field(default_factory=list)


def bound(form_class: type[AnyFilterForm], data: Mapping[str, Any]) -> AnyFilterForm:
    """A filter form bound to the query string; invalid fields are dropped, not fatal."""
    form = form_class(data)
    form.is_valid()
    return form


def cleaned(form: forms.Form, name: str) -> object:
    return form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None


def chosen_from(form: FilterForm) -> Chosen:
    """Resolve the form's name fields; a name that is not exactly one thing becomes a question, and that
    filter is left out rather than matching nothing."""
    chosen = Chosen()
    models: dict[str, NamedModel] = {"club": Club, "player": Player, "outlet": Outlet}
    for name in form.name_fields:
        resolution = name_resolve(model=models[name], typed=str(cleaned(form, name) or ""))
        if resolution.answer == Answer.EXACT:
            setattr(chosen, name, resolution.entity)
        elif resolution.answer != Answer.EMPTY:
            chosen.questions.append(_question(form, name, resolution))
    return chosen


def _question(form: FilterForm, name: str, resolution: Resolution) -> Question:
    def picked(entity: Any) -> str:
        query = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
        query[name] = choice_value(entity)
        query.pop("page", None)
        return f"?{query.urlencode()}"

    options = [(choice_label(entity), picked(entity)) for entity in resolution.offered]
    return Question(name, resolution.typed, resolution.answer == Answer.CHOICES, options)


# --- search -------------------------------------------------------------------------------


def text_match(query: str) -> Q:
    """The search in each article's own language: Italian articles with the Italian configuration, and so on.

    The first condition, the query in every configuration OR-ed into one tsquery, is what the GIN index
    answers; the per-language branches then keep only the articles that match in their own language.
    """
    per_config = {config: SearchQuery(query, config=config, search_type="websearch") for config in ALL_CONFIGS}
    branches = [Q(language=code, search_vector=per_config[config]) for code, config in SEARCH_CONFIGS.items()]
    branches.append(~Q(language__in=list(SEARCH_CONFIGS)) & Q(search_vector=per_config[FALLBACK_CONFIG]))
    return Q(search_vector=reduce(or_, per_config.values())) & reduce(or_, branches)


def _named(model: type[Player] | type[Club], word: str, index: int) -> QuerySet:
    return (
        model.objects.filter(name__trigram_word_similar=word)
        .annotate(similarity=TrigramWordSimilarity(word, "name"), word=Value(index), entity=Value(model.__name__))
        .order_by("-similarity")
        .values_list("word", "entity", "pk")[:NAME_MATCHES]
    )


def _aliased(word: str, index: int) -> list[QuerySet]:
    """Players known by this exact name ("CDK") and clubs with a nickname like it ("Bianconeri")."""
    folded = normalize_name(word)
    players = PlayerAlias.objects.active().filter(normalized=folded)
    clubs = ClubAlias.objects.active().filter(normalized__trigram_word_similar=folded)
    return [
        players.annotate(word=Value(index), entity=Value("Player")).values_list("word", "entity", "player_id")[
            :NAME_MATCHES
        ],
        clubs.annotate(similarity=TrigramWordSimilarity(folded, "normalized"), word=Value(index), entity=Value("Club"))
        .order_by("-similarity")
        .values_list("word", "entity", "club_id")[:NAME_MATCHES],
    ]


def names_for(words: list[str]) -> list[tuple[set[int], set[int]]]:
    """For each word, the players and the clubs whose names or aliases look like it: one query in all."""
    found: list[tuple[set[int], set[int]]] = [(set(), set()) for _ in words]
    parts = [_named(model, word, i) for i, word in enumerate(words) for model in (Player, Club)]
    parts += [part for i, word in enumerate(words) for part in _aliased(word, i)]
    for index, entity, pk in parts[0].union(*parts[1:], all=True):
        found[index][0 if entity == "Player" else 1].add(pk)
    return found


def name_claims(query: str) -> QuerySet[Claim] | None:
    """Claims about the players and clubs the search names, or None when some word names nobody.

    Every word must name the claim's player or its club: "Tomory Juventus" finds Tomori's Juventus claims.
    The ids are fetched first so that PostgreSQL can combine the claim indexes (a BitmapOr).
    """
    words = name_words(query)
    if not words:
        return None
    matches = names_for(words)
    if not all(players or clubs for players, clubs in matches):
        return None
    condition = reduce(and_, [Q(player__in=players) | Q(club__in=clubs) for players, clubs in matches])
    return Claim.objects.live().filter(condition)


def article_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """The given articles whose text matches, or that carry a claim about the players and clubs named.

    Both branches are narrowed by the other filters first, so each index scan stays small; their union of
    ids is then one semi-join.
    """
    query = query.strip()
    if not query:
        return articles
    matching = articles.filter(text_match(query)).order_by().values("pk")
    claims = name_claims(query)
    if claims is not None:
        claims = claims.filter(article__in=articles.order_by().values("pk"))
        matching = matching.union(claims.order_by().values("article_id"))
    return Article.objects.filter(pk__in=matching)


# --- the article list ---------------------------------------------------------------------


def articles_filtered(form: forms.Form, chosen: Chosen) -> QuerySet[Article]:
    """The articles the article list's filters and search select, newest first."""
    articles: QuerySet[Article] = Article.objects.all()
    for name in ("language", "status"):
        if value := cleaned(form, name):
            articles = articles.filter(**{name: value})
    articles = _in_dates(articles, form, "published")
    articles = _about(articles, chosen, str(cleaned(form, "kind") or ""))
    articles = _by_outlet(articles, chosen.outlet, str(cleaned(form, "role") or ""))
    articles = article_search(articles, str(cleaned(form, "q") or ""))
    return articles.order_by(F("published").desc(nulls_last=True), F("created_at").desc())


def _in_dates(rows: QuerySet, form: forms.Form, date_field: str) -> QuerySet:
    since: dt.date | None = cleaned(form, "since")  # type: ignore[assignment]
    until: dt.date | None = cleaned(form, "until")  # type: ignore[assignment]
    if since:
        rows = rows.filter(**{f"{date_field}__gte": since})
    if until:
        rows = rows.filter(**{f"{date_field}__lte": until})
    return rows


def claims_about(chosen: Chosen, kind: str) -> QuerySet[Claim] | None:
    """The live claims about the chosen club and player, of the chosen kind; None when none of them is asked."""
    if not (chosen.club or chosen.player or kind):
        return None
    claims = Claim.objects.live()
    if chosen.club:
        claims = claims.filter(club=chosen.club)
    if chosen.player:
        claims = claims.filter(player=chosen.player)
    if kind:
        claims = claims.filter(kind=kind)
    return claims


def _about(articles: QuerySet[Article], chosen: Chosen, kind: str) -> QuerySet[Article]:
    """Articles with a live claim about the chosen club and player, of the chosen kind."""
    claims = claims_about(chosen, kind)
    if claims is None:
        return articles
    return articles.filter(pk__in=claims.order_by().values("article_id"))


def article_list_claims(form: forms.Form, chosen: Chosen) -> QuerySet[Claim]:
    """The claims the article list's filters select (its Atom feed's): the live claims of the articles it lists,
    narrowed to the chosen club, player and kind, so an article's other claims stay out. Unordered."""
    articles = articles_filtered(form, chosen).order_by().values("pk")
    claims = claims_about(chosen, str(cleaned(form, "kind") or ""))
    return (Claim.objects.live() if claims is None else claims).filter(article__in=articles)


def _by_outlet(articles: QuerySet[Article], outlet: Outlet | None, role: str) -> QuerySet[Article]:
    if outlet is None:
        return articles
    # An article's cited outlets hold every outlet its claims cite (the tagger stores both), so one table
    # answers "cited"; OR-ed with the publisher, the newest page is an index scan in date order.
    cited = Article.cited_outlets.through.objects.filter(outlet=outlet).order_by().values("article_id")
    if role == OutletRole.PUBLISHER:
        return articles.filter(outlet=outlet)
    if role == OutletRole.CITED:
        return articles.filter(pk__in=cited)
    return articles.filter(Q(outlet=outlet) | Q(pk__in=cited))


# --- claims on club and outlet pages ------------------------------------------------------


def claims_filtered(claims: QuerySet[Claim], form: forms.Form, chosen: Chosen) -> QuerySet[Claim]:
    """A list of claims narrowed by kind, outlet (publisher or cited), club and date, newest first."""
    if kind := cleaned(form, "kind"):
        claims = claims.filter(kind=kind)
    if chosen.club:
        claims = claims.filter(club=chosen.club)
    if chosen.outlet:
        cited = Claim.cited.through.objects.filter(outlet=chosen.outlet).order_by().values("claim_id")
        claims = claims.filter(Q(article__outlet=chosen.outlet) | Q(pk__in=cited))
    claims = _in_dates(claims, form, "article__published")
    return claims.order_by(F("article__published").desc(nulls_last=True), "-id")
