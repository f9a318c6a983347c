from __future__ import annotations

from django.contrib import admin

from .models import (
    Article,
    AuditLog,
    Claim,
    Feed,
    Mention,
    PlayerMove,
    Rumour,
    Upload,
    UploadItem,
    UploadPart,
    WorkerHeartbeat,
)


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["player", "club", "kind", "deal", "decision", "evidence"]
    raw_id_fields = ["player", "club", "rumour", "from_club"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published", "language", "status", "tagger_version", "created_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "url"]
    date_hierarchy = "created_at"
    raw_id_fields = ["outlet", "copy_of", "uploaded_by"]
    filter_horizontal = ["cited_outlets"]
    readonly_fields = ["content_hash", "tagger_version", "tagged_at", "attempts", "lease_until"]
    inlines = [ClaimInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["player", "club", "kind", "deal", "decision", "article", "created_at"]
    list_filter = ["kind", "deal", "decision"]
    search_fields = ["player__name", "club__name", "evidence"]
    raw_id_fields = ["article", "rumour", "player", "club", "from_club", "decided_by"]
    filter_horizontal = ["cited"]


@admin.register(Rumour)
class RumourAdmin(admin.ModelAdmin):
    list_display = ["player", "club", "window", "track", "stage", "claim_count", "source_count", "last_reported"]
    list_filter = ["stage", "track", "window"]
    search_fields = ["player__name", "club__name"]
    raw_id_fields = ["player", "club"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "player", "club", "start", "end"]
    raw_id_fields = ["article", "player", "club"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["hostname", "last_seen"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """The editors' log is evidence: it is read here, never edited."""

    list_display = ["at", "actor", "action", "summary"]
    list_filter = ["action"]
    search_fields = ["summary"]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(PlayerMove)
class PlayerMoveAdmin(admin.ModelAdmin):
    list_display = ["player", "from_club", "to_club", "on"]
    raw_id_fields = ["player", "from_club", "to_club", "claim"]


class UploadItemInline(admin.TabularInline):
    model = UploadItem
    extra = 0
    fields = ["position", "source", "title", "outcome", "article", "reason"]
    raw_id_fields = ["article"]


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "label", "created_by", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["created_by", "feed", "outlet"]
    inlines = [UploadItemInline]


@admin.register(UploadPart)
class UploadPartAdmin(admin.ModelAdmin):
    """The raw files of uploads not read yet, or whose reading failed (kept UPLOAD_KEEP_FAILED_DAYS)."""

    list_display = ["upload", "position", "kind", "name", "refusal"]
    list_filter = ["kind", "upload__status"]
    fields = readonly_fields = ("upload", "position", "kind", "name", "title", "url", "published", "refusal")

    # Parts come only from an upload, and are read as given: the admin shows them, never makes or changes one.
    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(UploadItem)
class UploadItemAdmin(admin.ModelAdmin):
    list_display = ["upload", "position", "outcome", "title", "article"]
    list_filter = ["outcome"]
    search_fields = ["title", "reason"]
    raw_id_fields = ["upload", "article", "feed"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "failures", "last_ok_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    raw_id_fields = ["outlet"]
