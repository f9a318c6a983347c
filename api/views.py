"""The API's views (/api/v1/): lists and details of players, clubs, outlets, rumours, claims and articles with
the pages' filters, uploads of articles as the upload page takes them, and editors' decisions on claims.

Every list is cursor-paginated and costs a fixed number of queries whatever the page size; who may do what is
the site's one rule (api/permissions.py asks rumourtracker/roles.py).
"""

from __future__ import annotations

import json
import math
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import APIException, Throttled
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.editing.actions import claim_decide
from articles.ingest.accept import upload_progress
from articles.ingest.throttle import upload_throttle_message, upload_throttle_wait
from articles.ingest.views import UploadForm, upload_from_form, uploads_visible_to
from articles.models import Article, Claim, Outcome, Rumour, Settlement, Stage, Track, Upload, UploadItem
from articles.pages import filters
from articles.pages.index_views import (
    ClubIndexForm,
    OutletIndexForm,
    PlayerIndexForm,
    clubs_selected,
    outlets_selected,
    players_selected,
)
from articles.tasks import upload_read_enqueue
from players.kb_edit import EditError
from players.models import Club, Outlet, Player
from rumourtracker.roles import Role, role_of

from . import serializers as s
from .pagination import InOrder
from .params import BadQuery, form_parameters, form_valid, names_chosen

# How many claims a rumour's detail shows of its timeline, and items an upload's detail shows; the rest page by page.
TIMELINE_SHOWN = 50
ITEMS_SHOWN = 100
# The name of the batch of an API upload, read as the upload page reads a .jsonl file of that name.
BATCH_NAME = "batch.jsonl"

ERRORS = {
    400: OpenApiResponse(s.BadRequest, description="A parameter that cannot be used, or a name in question"),
    401: OpenApiResponse(s.Problem, description="No account (REQUIRE_LOGIN_TO_BROWSE) or a bad token"),
    403: OpenApiResponse(s.Problem, description="The account's role may not do this"),
    429: OpenApiResponse(s.Problem, description="Too many requests; Retry-After says when to come back"),
}
NOT_FOUND = {404: OpenApiResponse(s.Problem, description="No such object")}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


READ_ERRORS = _errors(400, 401, 403, 429)
DETAIL_ERRORS = {**_errors(401, 403, 429), **NOT_FOUND}


class RoleNamed:
    """Views name their roles (api/permissions.py reads them); the URL walk of tests/test_roles.py reads
    `required_role` off the view function, as it does of every page's."""

    read_role: ClassVar[Role] = Role.READER
    write_role: ClassVar[Role] = Role.EDITOR

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)  # type: ignore[misc]
        view.required_role = cls.read_role
        return view


# --- players, clubs, outlets ------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Verified players",
        parameters=form_parameters(PlayerIndexForm, skip=("sort",)),
        responses={200: s.PlayerSerializer(many=True), **READ_ERRORS},
    )
)
class PlayerList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.PlayerSerializer

    def get_queryset(self) -> QuerySet[Player]:
        return players_selected(form_valid(PlayerIndexForm(self.request.GET)))


@extend_schema_view(get=extend_schema(summary="A player", responses={200: s.PlayerSerializer, **DETAIL_ERRORS}))
class PlayerDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.PlayerSerializer
    queryset = Player.objects.select_related("club")


@extend_schema_view(
    get=extend_schema(
        summary="Clubs",
        parameters=form_parameters(ClubIndexForm, skip=("sort",)),
        responses={200: s.ClubSerializer(many=True), **READ_ERRORS},
    )
)
class ClubList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.ClubSerializer

    def get_queryset(self) -> QuerySet[Club]:
        return clubs_selected(form_valid(ClubIndexForm(self.request.GET)))


@extend_schema_view(get=extend_schema(summary="A club", responses={200: s.ClubSerializer, **DETAIL_ERRORS}))
class ClubDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.ClubSerializer
    queryset = Club.objects.all()


@extend_schema_view(
    get=extend_schema(
        summary="Outlets and journalists",
        description="`kind=journalist` lists the journalists, each with the outlet they work for.",
        parameters=form_parameters(OutletIndexForm, skip=("sort",)),
        responses={200: s.OutletSerializer(many=True), **READ_ERRORS},
    )
)
class OutletList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.OutletSerializer

    def get_queryset(self) -> QuerySet[Outlet]:
        return outlets_selected(form_valid(OutletIndexForm(self.request.GET)))


@extend_schema_view(get=extend_schema(summary="An outlet", responses={200: s.OutletSerializer, **DETAIL_ERRORS}))
class OutletDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.OutletSerializer
    queryset = Outlet.objects.select_related("works_for")


# --- claims --------------------------------------------------------------------------------


class ClaimFilterForm(filters.FilterForm):
    """The claim filters of the club and outlet pages (kind, club, outlet, dates), with a player and a rumour."""

    kind = filters.ClubClaimFilterForm.base_fields["kind"]
    club = filters.OutletClaimFilterForm.base_fields["club"]
    player = filters.ArticleFilterForm.base_fields["player"]
    outlet = filters.ClubClaimFilterForm.base_fields["outlet"]
    rumour = forms.IntegerField(required=False, min_value=1, help_text="A rumour's id: its timeline, page by page")
    name_fields = ("club", "player", "outlet")


def claim_rows(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with everything the API shows of one, in two queries whatever their number."""
    related = ("player", "club", "from_club", "article", "article__outlet")
    return claims.select_related(*related).defer("article__search_vector", "article__anchors").prefetch_related("cited")


@extend_schema_view(
    get=extend_schema(
        summary="Claims (live: not rejected by an editor), newest first",
        parameters=form_parameters(ClaimFilterForm),
        responses={200: s.ClaimSerializer(many=True), **READ_ERRORS},
    )
)
class ClaimList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.ClaimSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        form = form_valid(ClaimFilterForm(self.request.GET))
        chosen = names_chosen(form)
        claims = filters.claims_filtered(Claim.objects.live(), form, chosen)
        if chosen.player:
            claims = claims.filter(player=chosen.player)
        if rumour := form.cleaned_data.get("rumour"):
            claims = claims.filter(rumour_id=rumour)
        return claim_rows(claims)


def visible_claims(request: Request) -> QuerySet[Claim]:
    """Editors see rejected claims too (to reopen them), as on the pages; everyone else the live ones."""
    return Claim.objects.all() if role_of(request.user).is_editor else Claim.objects.live()


@extend_schema_view(get=extend_schema(summary="A claim", responses={200: s.ClaimSerializer, **DETAIL_ERRORS}))
class ClaimDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.ClaimSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_rows(visible_claims(self.request))


class ClaimDecision(RoleNamed, APIView):
    """An editor confirms or rejects a claim, as on the article page (articles/editing/actions.claim_decide):
    the rumour is recomputed and the audit log keeps who did it."""

    read_role = Role.EDITOR

    @extend_schema(
        summary="Confirm or reject a claim (editors' tokens)",
        request=s.DecisionInSerializer,
        responses={200: s.ClaimSerializer, **_errors(400, 401, 403, 429), **NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        incoming = s.DecisionInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        claim = get_object_or_404(Claim.objects.select_related("article", "player", "club", "rumour"), pk=pk)
        try:
            claim_decide(claim=claim, decision=incoming.validated_data["decision"], actor=request.user)  # type: ignore[arg-type]
        except EditError as error:
            raise BadQuery({"detail": str(error)}) from error
        shown = claim_rows(Claim.objects.filter(pk=claim.pk)).get()
        return Response(s.ClaimSerializer(shown, context={"request": request}).data)


# --- rumours -------------------------------------------------------------------------------


class RumourFilterForm(filters.FilterForm):
    player = filters.ArticleFilterForm.base_fields["player"]
    club = filters.ArticleFilterForm.base_fields["club"]
    window = forms.CharField(required=False, max_length=20, help_text="e.g. 2025-summer, 2025-26-winter, undated")
    track = forms.ChoiceField(required=False, choices=[("", "any"), *Track.choices])
    stage = forms.ChoiceField(required=False, choices=[("", "any"), *Stage.choices])
    outcome = forms.ChoiceField(required=False, choices=[("", "any"), *Settlement.choices])
    name_fields = ("club", "player")


def rumour_rows(rumours: QuerySet[Rumour]) -> QuerySet[Rumour]:
    return rumours.select_related("player", "club", "outcome_club")


@extend_schema_view(
    get=extend_schema(
        summary="Rumours (a player and a club in one window), with stage, outcome and likelihood",
        parameters=form_parameters(
            RumourFilterForm, help={"since": "Last reported on or after", "until": "Last reported on or before"}
        ),
        responses={200: s.RumourSerializer(many=True), **READ_ERRORS},
    )
)
class RumourList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.RumourSerializer

    def get_queryset(self) -> QuerySet[Rumour]:
        form = form_valid(RumourFilterForm(self.request.GET))
        chosen = names_chosen(form)
        # A rumour whose every claim was rejected is kept (the rejections are) but, as on the pages, not shown.
        rumours = Rumour.objects.filter(claim_count__gt=0)
        if chosen.player:
            rumours = rumours.filter(player=chosen.player)
        if chosen.club:
            rumours = rumours.filter(club=chosen.club)
        for name in ("window", "track", "stage", "outcome"):
            if value := form.cleaned_data.get(name):
                rumours = rumours.filter(**{name: value})
        return rumour_rows(filters._in_dates(rumours, form, "last_reported"))


@extend_schema_view(
    get=extend_schema(
        summary="A rumour with its timeline, outcome and likelihood",
        responses={200: s.RumourDetailSerializer, **DETAIL_ERRORS},
    )
)
class RumourDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.RumourDetailSerializer
    queryset = rumour_rows(Rumour.objects.all())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rumour = self.get_object()
        claims = Claim.objects.live().filter(rumour=rumour).order_by("article__published", "article__created_at", "id")
        context = {**self.get_serializer_context(), "timeline": list(claim_rows(claims)[:TIMELINE_SHOWN])}
        return Response(s.RumourDetailSerializer(rumour, context=context).data)


# --- articles and uploads ------------------------------------------------------------------


def article_rows(articles: QuerySet[Article]) -> QuerySet[Article]:
    live = Prefetch(
        "claims", queryset=Claim.objects.live().select_related("player", "club").order_by("id"), to_attr="live_claims"
    )
    return articles.select_related("outlet").defer("search_vector", "anchors").prefetch_related(live)


@extend_schema_view(
    get=extend_schema(
        summary="Articles with their live claims, newest received first",
        parameters=form_parameters(filters.ArticleFilterForm),
        responses={200: s.ArticleSerializer(many=True), **READ_ERRORS},
    ),
)
class ArticleList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = s.ArticleSerializer
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Article]:
        form = form_valid(filters.ArticleFilterForm(self.request.GET))
        return article_rows(filters.articles_filtered(form, names_chosen(form)))

    @extend_schema(
        summary="Add an article or a batch of articles (editors' tokens), as the upload page does",
        description=(
            "Answers 202 with the upload at once; a worker reads it, and GET on its `url` shows each item as it lands: "
            "added, a duplicate of an article we had, or rejected with the reason. A batch (`articles`) is read as "
            "the upload page reads a .jsonl file, each article alone. Uploads count in the upload page's hourly limit."
        ),
        request={"application/json": s.UploadInSerializer, "multipart/form-data": s.UploadFilesInSerializer},
        responses={
            202: s.UploadDetailSerializer,
            **_errors(400, 401, 403, 429),
            413: OpenApiResponse(s.Problem, description="More than INGEST_MAX_UPLOAD_BYTES in one request"),
        },
    )
    def post(self, request: Request) -> Response:
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.INGEST_MAX_UPLOAD_BYTES:
            raise TooLarge  # refused before the body is read, as the upload page's limit on an upload's size
        files: list[UploadedFile]
        if request.content_type.startswith("multipart/"):
            incoming: s.UploadFieldsIn = s.UploadFieldsIn(data=request.data)
            files = request.FILES.getlist("documents")  # every file as given: the readers judge each
        else:
            incoming = s.UploadInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        wait = upload_throttle_wait(user=request.user)
        if wait:
            raise Throttled(wait=math.ceil(wait.total_seconds()), detail=upload_throttle_message(wait))
        data = dict(incoming.validated_data)
        if not request.content_type.startswith("multipart/"):
            batch = data.pop("articles", None) or []
            files = [_batch_file(batch)] if batch else []
        form = form_valid(UploadForm(_form_data(data), MultiValueDict({"documents": files})), "Nothing was added.")
        upload = upload_from_form(data=form.cleaned_data, files=files, user=request.user)
        upload_read_enqueue(upload=upload)
        response = _upload_response(request, upload, status.HTTP_202_ACCEPTED)
        response["Location"] = reverse("api_upload_detail", args=[upload.pk])
        return response


class TooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "This request is larger than one upload may be; send the articles in several."


def _form_data(data: dict[str, Any]) -> dict[str, str]:
    """The upload form's fields, as the page would post them."""
    published = data.get("published")
    fields = {name: str(data.get(name) or "") for name in ("title", "text", "url", "link", "outlet", "language")}
    return {**fields, "published": published.isoformat() if published else ""}


def _batch_file(batch: list[Any]) -> SimpleUploadedFile:
    """The batch as the .jsonl file the upload page reads: one article a line, each read, refused or added alone."""
    lines = "".join(json.dumps(article) + "\n" for article in batch)
    return SimpleUploadedFile(BATCH_NAME, lines.encode("utf-8"), content_type="application/jsonl")


def _upload_response(request: Request, upload: Upload, code: int = status.HTTP_200_OK) -> Response:
    context = {
        "request": request,
        "progress": upload_progress(upload),
        "items": list(upload.items.order_by("position")[:ITEMS_SHOWN]),
    }
    return Response(s.UploadDetailSerializer(upload, context=context).data, status=code)


@extend_schema_view(
    get=extend_schema(
        summary="An article with its text and live claims", responses={200: s.ArticleDetailSerializer, **DETAIL_ERRORS}
    )
)
class ArticleDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = s.ArticleDetailSerializer

    def get_queryset(self) -> QuerySet[Article]:
        return article_rows(Article.objects.all()).prefetch_related("cited_outlets")


@extend_schema_view(
    get=extend_schema(
        summary="Your uploads (editors: everyone's)",
        responses={200: s.UploadSerializer(many=True), **READ_ERRORS},
    )
)
class UploadList(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    read_role = Role.MEMBER
    serializer_class = s.UploadSerializer

    def get_queryset(self) -> QuerySet[Upload]:
        return uploads_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary="An upload, how far its reading and tagging are, and its first items",
        responses={200: s.UploadDetailSerializer, **DETAIL_ERRORS},
    )
)
class UploadDetail(RoleNamed, generics.RetrieveAPIView):  # type: ignore[type-arg]
    read_role = Role.MEMBER
    serializer_class = s.UploadDetailSerializer

    def get_queryset(self) -> QuerySet[Upload]:
        return uploads_visible_to(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return _upload_response(request, self.get_object())


@extend_schema_view(
    get=extend_schema(
        summary="An upload's items in order: added, duplicate (of which article) or rejected (why)",
        parameters=[OpenApiParameter("outcome", str, enum=Outcome.values, required=False)],
        responses={200: s.UploadItemSerializer(many=True), **READ_ERRORS, **NOT_FOUND},
    )
)
class UploadItems(RoleNamed, generics.ListAPIView):  # type: ignore[type-arg]
    read_role = Role.MEMBER
    serializer_class = s.UploadItemSerializer
    pagination_class = InOrder

    def get_queryset(self) -> QuerySet[UploadItem]:
        upload = get_object_or_404(uploads_visible_to(self.request.user), pk=self.kwargs["pk"])
        items = upload.items.all()
        outcome = self.request.GET.get("outcome", "")
        if outcome:
            items = items.filter(outcome=form_valid(_OutcomeForm({"outcome": outcome})).cleaned_data["outcome"])
        return items


class _OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices)
