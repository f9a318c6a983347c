from __future__ import annotations

from django.contrib import admin

from .models import Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "player", "club", "outlet", "created")
    list_select_related = ("user", "player", "club", "outlet")
    raw_id_fields = ("user", "player", "club", "outlet")
    search_fields = ("user__username", "player__name", "club__name", "outlet__name")
