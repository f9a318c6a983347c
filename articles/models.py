"""Articles, the claims the tagger reads in them, and the rumours those claims add up to."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from players.models import Club, Outlet, Player
from tagger.titles import title_from_text


def content_hash(text: str) -> str:
    """The same text twice, whatever its whitespace and case, hashes alike."""
    canonical = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    TAGGED = "tagged", "Tagged"
    FAILED = "failed", "Failed"


class ArticleQuerySet(models.QuerySet):
    def claimable(self, now: dt.datetime) -> ArticleQuerySet:
        """Work a worker may take: pending, or processing under a lease that has run out."""
        return self.filter(Q(status=ArticleStatus.PENDING) | Q(status=ArticleStatus.PROCESSING, lease_until__lt=now))


class DateSource(models.TextChoices):
    """Where an article's publication date was read, most trusted first; an editor's date outranks them all."""

    EDITOR = "editor", "set by an editor"
    GIVEN = "given", "given at upload"
    FEED = "feed", "from the feed"
    PAGE = "page", "from the page's metadata"
    URL = "url", "from its address"
    TEXT = "text", "from its text"


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    url = models.URLField(max_length=1000, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    language = models.CharField(max_length=8, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    published_source = models.CharField(
        max_length=10, choices=DateSource.choices, blank=True, help_text="Where the date was read; empty if undated"
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="A syndicated copy of an earlier article",
    )
    status = models.CharField(
        max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.PENDING, db_index=True
    )
    failure_reason = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    tagger_version = models.CharField(max_length=64, blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    cited_outlets = models.ManyToManyField(Outlet, blank=True, related_name="cited_in_articles")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    tagged_at = models.DateTimeField(null=True, blank=True)
    # The title and text indexed with the article's language's text-search configuration (articles/pages/search.py).
    # A database trigger (migration 0004) computes it when the title, text or language change, and only then:
    # a generated column would be recomputed on every UPDATE, each status and lease change of the worker included.
    search_vector = SearchVectorField(null=True, editable=False)
    # The smallest hashes of the text's word runs (articles/ingest/similar.py): syndicated copies share them.
    anchors = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            # Without GIN's pending list: uploads look anchors up between their inserts, and a long pending list
            # (which every lookup reads through) made each lookup of a 10,000-article upload 60 times slower.
            GinIndex(fields=["anchors"], name="article_anchors_gin", fastupdate=False),
            # The article list's default order, so a page of the newest articles is an index scan.
            models.Index(
                models.F("published").desc(nulls_last=True), models.F("created_at").desc(), name="article_newest"
            ),
            models.Index(fields=["language", "-published"], name="article_language_newest"),
            models.Index(fields=["outlet", "-published"], name="article_outlet_newest"),
            # An outlet's page: its articles newest first, in the claim list's own order (undated last), and its
            # article ids without reading the rows (what it cites); an article's outlet and date by its id, without
            # reading the row (who cites an outlet; the date of each claim of a club's or an outlet's list).
            models.Index(
                models.F("outlet"),
                models.F("published").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_outlet_dated",
            ),
            models.Index(fields=["id"], include=["outlet", "published"], name="article_id_outlet_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ArticleStatus.values), name="article_status_valid")
        ]

    def __str__(self) -> str:
        return self.title or title_from_text(self.text)

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    # What mark_failed changes: the fields a batch of failures is written with.
    FAILED_FIELDS = ("status", "failure_reason", "lease_until")

    def mark_failed(self, reason: str) -> None:
        """Failed, with the reason editors read. Like set_password it does not save: the tagging worker writes a
        batch of failures in one UPDATE of FAILED_FIELDS."""
        self.status, self.failure_reason, self.lease_until = ArticleStatus.FAILED, reason[:2000], None

    def retry(self) -> bool:
        """Put a failed article back to pending; False if it was not failed (someone retried it first).

        The caller queues it (articles.tasks.articles_enqueue); until then the sweep would.
        """
        retried = Article.objects.filter(pk=self.pk, status=ArticleStatus.FAILED).update(
            status=ArticleStatus.PENDING, failure_reason=""
        )
        if retried:
            self.status, self.failure_reason = ArticleStatus.PENDING, ""
        return bool(retried)

    @property
    def reported_on(self) -> dt.date | None:
        """The date a claim counts from: the publication date. An undated article's claims count in no window."""
        return self.published


class Mention(models.Model):
    """Where a player or club is named in an article's text, for highlighting."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    player = models.ForeignKey(Player, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(player__isnull=False) ^ Q(club__isnull=False), name="mention_one_entity"
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="mention_span_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.player or self.club} at {self.start}-{self.end}"


class Kind(models.TextChoices):
    INTEREST = "interest", "Interest"
    TALKS = "talks", "Talks"
    BID = "bid", "Bid"
    AGREEMENT = "agreement", "Agreement"
    COMPLETED = "completed", "Completed"
    RENEWAL = "renewal", "Renewal"
    EXIT = "exit", "Exit"
    DENIAL = "denial", "Denial"


# The transfer track's stages, least to most advanced.
STAGE_ORDER = [Kind.INTEREST, Kind.TALKS, Kind.BID, Kind.AGREEMENT, Kind.COMPLETED]


class Deal(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    LOAN = "loan", "Loan"
    LOAN_OPTION = "loan_option", "Loan with option"
    FREE = "free", "Free transfer"
    UNKNOWN = "unknown", "Unknown"


class Track(models.TextChoices):
    TRANSFER = "transfer", "Transfer"
    RENEWAL = "renewal", "Renewal"
    EXIT = "exit", "Exit"


class Stage(models.TextChoices):
    INTEREST = "interest", "Interest"
    TALKS = "talks", "Talks"
    BID = "bid", "Bid"
    AGREEMENT = "agreement", "Agreement"
    COMPLETED = "completed", "Completed"
    DENIED = "denied", "Denied"
    RENEWAL = "renewal", "Renewal"
    EXIT = "exit", "Exit"


UNDATED = "undated"  # the window of the rumours that only undated articles report


def transfer_window(day: dt.date | None) -> str:
    """Summer window: articles dated April-September; winter: October-March (spanning two years)."""
    if day is None:
        return UNDATED
    if 4 <= day.month <= 9:
        return f"{day.year}-summer"
    start = day.year if day.month >= 10 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}-winter"


def window_index(window: str) -> int:
    """Windows in time order: summer of year Y is 2Y, the winter that starts in year Y is 2Y + 1."""
    start = int(window[:4])
    return 2 * start + (1 if window.endswith("winter") else 0)


def window_start(index: int) -> dt.date:
    """The first day of the window of this index (see window_index)."""
    year, winter = divmod(index, 2)
    return dt.date(year, 10, 1) if winter else dt.date(year, 4, 1)


class Settlement(models.TextChoices):
    """How a rumour ended (articles/rumours/outcomes.py defines each)."""

    OPEN = "open", "Open"
    FULFILLED = "fulfilled", "Fulfilled"
    ELSEWHERE = "elsewhere", "Went elsewhere"
    DENIED = "denied", "Denied"
    LAPSED = "lapsed", "Lapsed"


def track_for(kind: str) -> str:
    return {Kind.RENEWAL: Track.RENEWAL, Kind.EXIT: Track.EXIT}.get(kind, Track.TRANSFER)  # type: ignore[call-overload]


class Rumour(models.Model):
    """One player-club link in one transfer window, across every article that reports it."""

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="rumours")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="rumours")
    window = models.CharField(max_length=20, db_index=True)
    track = models.CharField(max_length=20, choices=Track.choices, default=Track.TRANSFER)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INTEREST, db_index=True)
    first_reported = models.DateField(null=True, blank=True)
    last_reported = models.DateField(null=True, blank=True, db_index=True)
    claim_count = models.PositiveIntegerField(default=0)
    source_count = models.PositiveIntegerField(default=0, help_text="Independent sources")
    updated_at = models.DateTimeField(auto_now=True)
    # The outcome, kept by articles/rumours/outcomes.py: stale once the claims change, settled again by a task.
    outcome = models.CharField(max_length=20, choices=Settlement.choices, default=Settlement.OPEN, db_index=True)
    settled_on = models.DateField(null=True, blank=True)
    outcome_club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Where he went"
    )
    lapses_on = models.DateField(null=True, blank=True, help_text="When an open rumour lapses if nothing happens")
    outcome_stale = models.BooleanField(default=True)
    # How likely an open transfer rumour is to be fulfilled, and the three factors that move it most
    # (articles/rumours/likelihood.py); null until a fit exists.
    likelihood = models.FloatField(null=True, blank=True)
    likelihood_why = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-last_reported"]
        indexes = [
            # The settling task's work: stale rumours, and open ones whose time has run out.
            models.Index(fields=["outcome_stale"], condition=Q(outcome_stale=True), name="rumour_outcome_stale"),
            models.Index(fields=["lapses_on"], condition=Q(outcome="open"), name="rumour_open_lapses"),
            # A club's page: its latest incoming transfer rumours.
            models.Index(
                models.F("club"),
                models.F("last_reported").desc(nulls_last=True),
                condition=Q(track="transfer", claim_count__gt=0),
                name="rumour_club_latest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["player", "club", "window", "track"], name="rumour_unique"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="rumour_stage_valid"),
            models.CheckConstraint(condition=Q(track__in=Track.values), name="rumour_track_valid"),
            models.CheckConstraint(condition=Q(outcome__in=Settlement.values), name="rumour_outcome_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.player} – {self.club} ({self.window})"


class LikelihoodFit(models.Model):
    """A fit of the likelihood model and its walk-forward backtest (evaluate_likelihood); the newest one counts."""

    fitted_at = models.DateTimeField(default=timezone.now)
    coefficients = models.JSONField()
    intercept = models.FloatField()
    means = models.JSONField()
    backtest = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-fitted_at"]
        get_latest_by = "fitted_at"

    def __str__(self) -> str:
        return f"Likelihood fit of {self.fitted_at:%Y-%m-%d %H:%M}"


class Decision(models.TextChoices):
    NONE = "none", "None"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class ClaimQuerySet(models.QuerySet):
    def live(self) -> ClaimQuerySet:
        """Claims that count: not rejected by an editor."""
        return self.exclude(decision=Decision.REJECTED)

    def for_player(self, player: Player) -> ClaimQuerySet:
        return self.filter(player=player)

    def for_club(self, club: Club) -> ClaimQuerySet:
        return self.filter(club=club)


class Claim(models.Model):
    """What one article says about one player and one club."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    rumour = models.ForeignKey(Rumour, on_delete=models.CASCADE, related_name="claims")
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="claims")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    deal = models.CharField(max_length=20, choices=Deal.choices, default=Deal.UNKNOWN)
    from_club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fee = models.CharField(max_length=100, blank=True, help_text='As stated, e.g. "£34m"')
    contract_until = models.CharField(max_length=100, blank=True, help_text='As stated, e.g. "until 2029"')
    evidence = models.TextField(blank=True)
    evidence_start = models.PositiveIntegerField(null=True, blank=True)
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    cited = models.ManyToManyField(Outlet, blank=True, related_name="cited_in_claims")
    confidence = models.FloatField(default=0.5)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.NONE)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    added_by_editor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article__published", "id"]
        indexes = [
            # Filters on the dashboard: a club's claims by kind, a player's by kind, the newest claims.
            models.Index(fields=["club", "kind"], name="claim_club_kind"),
            models.Index(fields=["player", "kind"], name="claim_player_kind"),
            models.Index(fields=["kind", "article"], name="claim_kind_article"),
            models.Index(fields=["-created_at"], name="claim_newest"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "player", "club"], name="claim_one_per_pair"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="claim_kind_valid"),
            models.CheckConstraint(condition=Q(deal__in=Deal.values), name="claim_deal_valid"),
            models.CheckConstraint(condition=Q(decision__in=Decision.values), name="claim_decision_valid"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="claim_confidence_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.player} → {self.club}: {self.kind}"


class WorkerHeartbeat(models.Model):
    """When each Celery worker last reported in, for /healthz."""

    hostname = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return self.hostname


class AuditAction(models.TextChoices):
    CONFIRM = "confirm", "Confirmed a claim"
    REJECT = "reject", "Rejected a claim"
    ADD_CLAIM = "add_claim", "Added a claim"
    FIX_ENTITY = "fix_entity", "Fixed an entity"
    TAKEDOWN = "takedown", "Took an article down"
    SET_DATE = "set_date", "Set an article's date"


class AuditLogQuerySet(models.QuerySet):
    def about_rumour(self, rumour: Rumour) -> AuditLogQuerySet:
        return self.filter(player_id=rumour.player_id, club_id=rumour.club_id)


class AuditLog(models.Model):
    """Who changed what, and when: one line per editor action, shown on the item it changed.

    The article is a nullable link plus a copy of its id and title, so a takedown stays on record after the
    article is gone.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    summary = models.TextField()
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries")
    article_ref = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The article's id, kept after a takedown"
    )
    claim_ref = models.PositiveBigIntegerField(null=True, blank=True)
    player = models.ForeignKey(Player, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["player", "club", "-at"], name="audit_player_club")]
        constraints = [models.CheckConstraint(condition=Q(action__in=AuditAction.values), name="audit_action_valid")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.summary}"


class PlayerMove(models.Model):
    """A completed move an editor confirmed: the player's club history, newest last."""

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="moves")
    from_club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.player}: {self.from_club or '?'} → {self.to_club} ({self.on})"


class UploadKind(models.TextChoices):
    PAGE = "page", "Upload page"
    COMMAND = "command", "import_articles"
    FEED = "feed", "Feed"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    READING = "reading", "Reading"
    READ = "read", "Read"
    FAILED = "failed", "Reading failed"


class UploadQuerySet(models.QuerySet):
    def readable(self, now: dt.datetime) -> UploadQuerySet:
        """Uploads a reading task may take: queued, or reading under a lease that ran out (its worker died)."""
        return self.filter(Q(status=UploadStatus.QUEUED) | Q(status=UploadStatus.READING, read_lease_until__lt=now))


class Upload(models.Model):
    """One batch of articles someone gave us (a paste, a link, files, a command run or a feed poll).

    The request that receives it only stores what was given (its parts); a reading task turns the parts
    into items, batch by batch, and deletes them once read.
    """

    kind = models.CharField(max_length=20, choices=UploadKind.choices, default=UploadKind.PAGE)
    label = models.CharField(max_length=500, blank=True, help_text="What was given: file names, a link")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    feed = models.ForeignKey("Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What applies to the items that name none of their own.
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=8, blank=True)
    # A date people gave for the whole upload (the upload page's date, import_articles --published): the
    # reading gives it to every item, over the dates the items carry.
    published = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=UploadStatus.choices, default=UploadStatus.READ, db_index=True)
    # The end of the reading delivery's lease is its token: only the delivery that set it may write items.
    read_lease_until = models.DateTimeField(null=True, blank=True)
    read_error = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=UploadKind.values), name="upload_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=UploadStatus.values), name="upload_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Upload #{self.pk}: {self.label}"

    @property
    def unread(self) -> bool:
        return self.status in (UploadStatus.QUEUED, UploadStatus.READING)


class PartKind(models.TextChoices):
    FILE = "file", "File"
    TEXT = "text", "Pasted text"
    LINK = "link", "Link"


class UploadPart(models.Model):
    """What one upload was given, kept raw until its reading task has read it (and for a while after a failure)."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=PartKind.choices)
    name = models.CharField(max_length=1000, help_text="The file's name, or the link")
    data = models.BinaryField(blank=True, help_text="The file's bytes, or the pasted text in UTF-8")
    # A pasted article's own fields.
    title = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True)
    refusal = models.TextField(blank=True, help_text="Why it was refused unread (its size), if it was")

    class Meta:
        ordering = ["upload", "position"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "position"], name="upload_part_position_unique"),
            models.CheckConstraint(condition=Q(kind__in=PartKind.values), name="upload_part_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.upload_id}/{self.position}: {self.name}"


class Outcome(models.TextChoices):
    ADDED = "added", "Added"
    DUPLICATE = "duplicate", "Duplicate"
    REJECTED = "rejected", "Rejected"


class UploadItem(models.Model):
    """What became of one article of an upload: added, a duplicate of an article we had, or rejected (why)."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    source = models.CharField(max_length=500, help_text="Where in the upload: file, line, row")
    title = models.CharField(max_length=500, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="upload_items")
    reason = models.TextField(blank=True, help_text="Why it was rejected")
    note = models.CharField(max_length=500, blank=True, help_text="What we changed or guessed while reading it")
    # A feed item is taken once: the feed and the item's guid (or link) are unique together.
    feed = models.ForeignKey("Feed", null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    feed_key = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["upload", "position"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "position"], name="upload_item_position_unique"),
            models.UniqueConstraint(
                fields=["feed", "feed_key"], condition=Q(feed__isnull=False), name="feed_item_taken_once"
            ),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="upload_item_outcome_valid"),
            models.CheckConstraint(
                condition=Q(outcome="rejected") | Q(reason=""), name="upload_item_reason_if_rejected"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.outcome}"


class Feed(models.Model):
    """An RSS or Atom feed an editor added; beat polls it and its new items become articles."""

    url = models.URLField(max_length=1000, unique=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    title = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Polls in a row that failed")
    poll_lease_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def failing(self) -> bool:
        return self.failures >= settings.FEED_FAILING_AFTER
