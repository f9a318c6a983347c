"""Admin for the knowledge base: every model, with its aliases inline.

Deleting an alias here leaves a tombstone, as on the editors' page, so that `load_kb` cannot revive it;
untick "deleted by editor" to bring a name back.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .kb_edit import alias_delete
from .models import Club, ClubAlias, Outlet, OutletAlias, OutletDomain, Player, PlayerAlias, PlayerClubSpell


class TombstoneInline(admin.TabularInline):
    extra = 0
    readonly_fields = ["normalized"]


class ClubAliasInline(TombstoneInline):
    model = ClubAlias
    fields = ["name", "normalized", "language", "kind", "ambiguous", "source", "deleted_by_editor"]


class PlayerAliasInline(TombstoneInline):
    model = PlayerAlias
    fields = ["name", "normalized", "source", "deleted_by_editor"]


class OutletAliasInline(TombstoneInline):
    model = OutletAlias
    fields = ["name", "normalized", "case_sensitive", "source", "deleted_by_editor"]


class PlayerClubSpellInline(admin.TabularInline):
    model = PlayerClubSpell
    extra = 0
    raw_id_fields = ["club"]


class OutletDomainInline(admin.TabularInline):
    model = OutletDomain
    extra = 0


class TombstoneAdminMixin:
    """Aliases deleted through an inline or the alias list become tombstones instead of vanishing."""

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:  # type: ignore[no-untyped-def]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if hasattr(obj, "deleted_by_editor"):
                alias_delete(alias=obj)
            else:
                obj.delete()
        for obj in instances:
            obj.save()
        formset.save_m2m()


class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "source", "deleted_by_editor"]
    list_filter = ["source", "deleted_by_editor"]
    search_fields = ["name", "normalized"]
    readonly_fields = ["normalized"]

    @admin.display(description="of")
    def owner(self, obj) -> str:  # type: ignore[no-untyped-def]
        return str(getattr(obj, self.owner_field))

    owner_field = ""

    def delete_model(self, request: HttpRequest, obj) -> None:  # type: ignore[no-untyped-def]
        alias_delete(alias=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        queryset.update(deleted_by_editor=True)


@admin.register(Club)
class ClubAdmin(TombstoneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "key", "country", "league", "prominence", "source"]
    list_filter = ["prominence", "source", "league", "country"]
    search_fields = ["name", "key", "aliases__name"]
    raw_id_fields = ["reserve_of"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ClubAliasInline]


@admin.register(ClubAlias)
class ClubAliasAdmin(AliasAdmin):
    list_display = ["name", "owner", "language", "kind", "ambiguous", "source", "deleted_by_editor"]
    list_filter = ["source", "kind", "ambiguous", "deleted_by_editor", "language"]
    list_select_related = ["club"]
    raw_id_fields = ["club"]
    owner_field = "club"


@admin.register(Player)
class PlayerAdmin(TombstoneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "club", "position", "nationality", "status", "source"]
    list_filter = ["status", "source", "position"]
    list_select_related = ["club"]
    search_fields = ["name", "aliases__name", "club__name"]
    autocomplete_fields = ["club"]
    readonly_fields = ["seed_keys", "created_at", "updated_at"]
    inlines = [PlayerAliasInline, PlayerClubSpellInline]


@admin.register(PlayerClubSpell)
class PlayerClubSpellAdmin(admin.ModelAdmin):
    list_display = ["player", "club", "since", "until", "source"]
    list_select_related = ["player", "club"]
    raw_id_fields = ["player", "club"]
    search_fields = ["player__name", "club__name", "source"]


@admin.register(PlayerAlias)
class PlayerAliasAdmin(AliasAdmin):
    list_select_related = ["player"]
    raw_id_fields = ["player"]
    owner_field = "player"


@admin.register(Outlet)
class OutletAdmin(TombstoneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "language", "country", "works_for", "status", "source"]
    list_filter = ["kind", "language", "status", "source"]
    list_select_related = ["works_for"]
    search_fields = ["name", "aliases__name", "domains__domain"]
    autocomplete_fields = ["works_for"]
    inlines = [OutletAliasInline, OutletDomainInline]


@admin.register(OutletAlias)
class OutletAliasAdmin(AliasAdmin):
    list_display = ["name", "owner", "case_sensitive", "source", "deleted_by_editor"]
    list_filter = ["source", "case_sensitive", "deleted_by_editor"]
    list_select_related = ["outlet"]
    raw_id_fields = ["outlet"]
    owner_field = "outlet"


@admin.register(OutletDomain)
class OutletDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["domain", "outlet__name"]
    raw_id_fields = ["outlet"]
