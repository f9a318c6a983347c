"""What the API answers: each object with the ids and API addresses of what it links to, and its page on the site."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.forms import LANGUAGE_CHOICES
from articles.models import Article, Claim, Decision, Outcome, Rumour, Upload, UploadItem
from players.models import Club, Outlet, Player


def _absolute(serializer: serializers.Serializer, path: str) -> str:  # type: ignore[type-arg]
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class PageUrl(serializers.Field):  # type: ignore[type-arg]
    """The object's page on the site (not the API): `reverse(name, args=[attribute])`."""

    def __init__(self, name: str, attribute: str = "pk", **kwargs: Any) -> None:
        self.name, self.attribute = name, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return _absolute(self.parent, reverse(self.name, args=[getattr(value, self.attribute)]))  # type: ignore[arg-type]


extend_schema_field(OpenApiTypes.URI)(PageUrl)


class ClubRef(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Club
        fields = ["id", "key", "name"]


class PlayerRef(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Player
        fields = ["id", "name"]


class OutletRef(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Outlet
        fields = ["id", "name", "kind"]


class PlayerSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_player_detail")
    page = PageUrl("player_detail")
    club = ClubRef(allow_null=True)

    class Meta:
        model = Player
        fields = ["id", "url", "page", "name", "club", "club_as_of", "position", "nationality", "born", "status"]
        fields += ["recent_claims"]


class ClubSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_club_detail")
    page = PageUrl("club_detail", "key")
    league_name = serializers.CharField(read_only=True)

    class Meta:
        model = Club
        fields = ["id", "url", "page", "key", "name", "country", "city", "league", "league_name", "prominence"]
        fields += ["recent_claims"]


class OutletSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_outlet_detail")
    page = PageUrl("outlet_detail")
    works_for = OutletRef(allow_null=True)

    class Meta:
        model = Outlet
        fields = ["id", "url", "page", "name", "kind", "language", "country", "works_for", "status", "recent_claims"]


class ClaimSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_claim_detail")
    article = serializers.HyperlinkedRelatedField(view_name="api_article_detail", read_only=True)
    article_id = serializers.IntegerField(read_only=True)
    published = serializers.DateField(source="article.published", read_only=True, allow_null=True)
    outlet = OutletRef(source="article.outlet", allow_null=True, read_only=True)
    rumour = serializers.HyperlinkedRelatedField(view_name="api_rumour_detail", read_only=True)
    rumour_id = serializers.IntegerField(read_only=True)
    player = PlayerRef()
    club = ClubRef()
    from_club = ClubRef(allow_null=True)
    cited = OutletRef(many=True)

    class Meta:
        model = Claim
        fields = ["id", "url", "article", "article_id", "published", "outlet", "rumour", "rumour_id", "player"]
        fields += ["club", "from_club", "kind", "deal", "fee", "contract_until", "evidence", "cited", "confidence"]
        fields += ["decision", "added_by_editor"]


class ArticleClaim(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A claim as the article lists it."""

    url = serializers.HyperlinkedIdentityField(view_name="api_claim_detail")
    player = PlayerRef()
    club = ClubRef()

    class Meta:
        model = Claim
        fields = ["id", "url", "player", "club", "kind", "decision"]


class ArticleSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_article_detail")
    page = PageUrl("article_detail")
    heading = serializers.CharField(source="__str__", read_only=True, help_text="The title, or the text's start")
    outlet = OutletRef(allow_null=True)
    claims = ArticleClaim(many=True, source="live_claims", read_only=True)
    url_given = serializers.CharField(source="url", read_only=True, help_text="The article's own address, if any")

    class Meta:
        model = Article
        fields = ["id", "url", "page", "heading", "title", "url_given", "outlet", "language", "published"]
        fields += ["published_source", "status", "copy_of", "created_at", "tagged_at", "claims"]


class ArticleDetailSerializer(ArticleSerializer):
    cited_outlets = OutletRef(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "cited_outlets", "failure_reason"]


class RumourSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_rumour_detail")
    page = PageUrl("rumour_detail")
    player = PlayerRef()
    club = ClubRef()
    outcome_club = ClubRef(allow_null=True)
    likelihood_why = serializers.ListField(
        child=serializers.JSONField(), read_only=True, help_text="The factors that move the likelihood most"
    )

    class Meta:
        model = Rumour
        fields = ["id", "url", "page", "player", "club", "window", "track", "stage", "first_reported"]
        fields += ["last_reported", "claim_count", "source_count", "outcome", "settled_on", "outcome_club"]
        fields += ["lapses_on", "likelihood", "likelihood_why"]


class RumourDetailSerializer(RumourSerializer):
    timeline = serializers.SerializerMethodField(help_text="The first live claims, oldest first")
    timeline_more = serializers.SerializerMethodField(help_text="Every live claim of the rumour, page by page")

    class Meta(RumourSerializer.Meta):
        fields = [*RumourSerializer.Meta.fields, "timeline", "timeline_more"]

    @extend_schema_field(ClaimSerializer(many=True))
    def get_timeline(self, rumour: Rumour) -> list[dict[str, Any]]:
        return ClaimSerializer(self.context["timeline"], many=True, context=self.context).data  # type: ignore[return-value]

    @extend_schema_field(OpenApiTypes.URI)
    def get_timeline_more(self, rumour: Rumour) -> str:
        return _absolute(self, f"{reverse('api_claim_list')}?rumour={rumour.pk}")


class UploadItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    article = serializers.HyperlinkedRelatedField(view_name="api_article_detail", read_only=True, allow_null=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, read_only=True)
    duplicate_of = serializers.SerializerMethodField(help_text="The article this one is a duplicate of")

    class Meta:
        model = UploadItem
        fields = ["position", "source", "title", "outcome", "article_id", "article", "duplicate_of", "reason", "note"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_duplicate_of(self, item: UploadItem) -> int | None:
        return item.article_id if item.outcome == Outcome.DUPLICATE else None


class UploadSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.HyperlinkedIdentityField(view_name="api_upload_detail")
    page = PageUrl("upload_detail")
    items_url = serializers.SerializerMethodField()

    class Meta:
        model = Upload
        fields = ["id", "url", "page", "items_url", "kind", "label", "status", "created_at", "read_at", "read_error"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_items_url(self, upload: Upload) -> str:
        return _absolute(self, reverse("api_upload_items", args=[upload.pk]))


class ProgressSerializer(serializers.Serializer):  # type: ignore[type-arg]
    total = serializers.IntegerField()
    added = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    rejected = serializers.IntegerField()
    working = serializers.IntegerField(help_text="Added articles the worker has not tagged yet")
    tagged = serializers.IntegerField()
    failed = serializers.IntegerField()


class UploadDetailSerializer(UploadSerializer):
    progress = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField(help_text="The first items; items_url has them all, page by page")

    class Meta(UploadSerializer.Meta):
        fields = [*UploadSerializer.Meta.fields, "progress", "items"]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, upload: Upload) -> dict[str, int]:
        return ProgressSerializer(self.context["progress"]).data  # type: ignore[return-value]

    @extend_schema_field(UploadItemSerializer(many=True))
    def get_items(self, upload: Upload) -> list[dict[str, Any]]:
        return UploadItemSerializer(self.context["items"], many=True, context=self.context).data  # type: ignore[return-value]


class ArticleInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One article of a batch: the fields a .jsonl line of the upload page may carry."""

    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True)
    url = serializers.CharField(required=False, allow_blank=True)
    outlet = serializers.CharField(required=False, allow_blank=True)
    published = serializers.CharField(required=False, allow_blank=True, help_text="YYYY-MM-DD")
    language = serializers.CharField(required=False, allow_blank=True)


class Batch(serializers.ListField):  # type: ignore[type-arg]
    """Articles passed on as given: the reader of .jsonl files judges each, as for a file on the upload page."""


extend_schema_field(ArticleInSerializer(many=True))(Batch)


class UploadFieldsIn(serializers.Serializer):  # type: ignore[type-arg]
    """What the upload page takes besides files: a pasted article (text, title, url), a link to fetch, and the
    outlet, date and language of everything in the upload."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    link = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published = serializers.DateField(required=False, allow_null=True)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False, allow_blank=True)


class UploadInSerializer(UploadFieldsIn):
    """As JSON: the page's fields and a batch of articles, read as the page reads a .jsonl file."""

    articles = Batch(
        child=serializers.JSONField(),
        required=False,
        help_text="Each article read alone, as a line of a .jsonl file is: a broken one is rejected with its reason",
    )


class UploadFilesInSerializer(UploadFieldsIn):
    """As multipart/form-data: the page's fields and its files (.txt, .html, .json, .jsonl, .csv or .zip)."""

    documents = serializers.ListField(child=serializers.FileField(allow_empty_file=True), required=False)


class DecisionInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(
        choices=Decision.choices, help_text="confirmed or rejected; none clears an earlier decision"
    )


class NameQuestionOption(serializers.Serializer):  # type: ignore[type-arg]
    label = serializers.CharField()
    value = serializers.CharField(help_text="Give this back in the same parameter to pick exactly this one")


class NameQuestion(serializers.Serializer):  # type: ignore[type-arg]
    typed = serializers.CharField()
    problem = serializers.ChoiceField(choices=["ambiguous", "unknown"])
    message = serializers.CharField()
    choices = NameQuestionOption(many=True)


class BadRequest(serializers.Serializer):  # type: ignore[type-arg]
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text="What is wrong with each field, by field"
    )
    names = serializers.DictField(child=NameQuestion(), required=False)


class Problem(serializers.Serializer):  # type: ignore[type-arg]
    detail = serializers.CharField()
