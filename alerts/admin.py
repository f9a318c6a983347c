from __future__ import annotations

from django.contrib import admin

from .models import AlertEvent, AlertPreference


@admin.register(AlertPreference)
class AlertPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery", "last_digest_at", "updated_at"]
    list_filter = ["delivery"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]


@admin.register(AlertEvent)
class AlertEventAdmin(admin.ModelAdmin):
    """What was (or is to be) mailed to whom: a record, shown as it is."""

    list_display = ["user", "line", "kind", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["user__username", "line", "key"]
    raw_id_fields = ["user"]

    # Rows are made by the scan and marked by the sender; staff may only look, or delete one.
    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
