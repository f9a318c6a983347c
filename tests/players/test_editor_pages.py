"""The editors' pages: search, verify, rename, aliases and merge; staff only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from players.models import ClubAlias, Outlet, OutletAlias, OutletDomain, Player, PlayerAlias, PlayerStatus, Source
from tests.factories import ClubFactory, PlayerFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def swap(target: str) -> dict[str, str]:
    """The headers htmx sends for a swap into the element with id `target`."""
    return {**HTMX, "HTTP_HX_TARGET": target}


@pytest.fixture
def editor(client: Client) -> Client:
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def reader(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    return client


@pytest.fixture
def candidate() -> Player:
    return PlayerFactory(name="Nico Paz", status=PlayerStatus.CANDIDATE, club=ClubFactory(name="Como"))


def test_an_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(client: Client, candidate: Player) -> None:
    page = client.get(reverse("kb_player_list"))
    post = client.post(reverse("kb_player_verify", args=[candidate.pk]))

    assert page.status_code == 302 and page["Location"].startswith(reverse("account_login"))
    assert post.status_code == 302 and post["Location"].startswith(reverse("account_login"))
    candidate.refresh_from_db()
    assert candidate.status == PlayerStatus.CANDIDATE


def test_an_htmx_request_without_a_session_redirects_the_whole_window(client: Client) -> None:
    response = client.get(reverse("kb_player_list"), {"q": "x"}, **HTMX)

    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_a_signed_in_reader_who_is_not_staff_is_refused(reader: Client, candidate: Player) -> None:
    urls = [reverse("kb_player_list"), reverse("kb_player_detail", args=[candidate.pk]), reverse("kb_player_merge")]
    assert [reader.get(url).status_code for url in urls] == [403, 403, 403]
    assert reader.post(reverse("kb_player_rename", args=[candidate.pk]), {"name": "X"}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.name == "Nico Paz"


def test_the_list_shows_candidates_first_and_filters(editor: Client, candidate: Player) -> None:
    PlayerFactory(name="Aaron Verified")
    PlayerFactory(name="Zed Verified", aliases=["Pazzo"])

    names = [p.name for p in editor.get(reverse("kb_player_list")).context["page"]]
    by_status = [p.name for p in editor.get(reverse("kb_player_list"), {"status": "verified"}).context["page"]]
    by_alias_page = editor.get(reverse("kb_player_list"), {"q": "paz"}).context["page"]
    by_alias = [p.name for p in by_alias_page]
    by_club = [p.name for p in editor.get(reverse("kb_player_list"), {"club": candidate.club_id}).context["page"]]

    assert names == ["Nico Paz", "Aaron Verified", "Zed Verified"]
    assert by_status == ["Aaron Verified", "Zed Verified"]
    assert by_alias == ["Nico Paz", "Zed Verified"]
    assert [p.alias_count for p in by_alias_page] == [1, 2]  # the factory adds the name itself as an alias
    assert by_club == ["Nico Paz"]


def test_an_htmx_search_gets_only_the_rows_and_varies_on_the_header(editor: Client, candidate: Player) -> None:
    response = editor.get(reverse("kb_player_list"), {"q": "nico"}, **swap("player-rows"))

    html = response.content.decode()
    assert 'id="player-rows"' in html and "<html" not in html and "Nico Paz" in html
    assert "HX-Request" in response["Vary"]
    restore = editor.get(reverse("kb_player_list"), **swap("player-rows"), HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode()
    elsewhere = editor.get(reverse("kb_player_list"), {"q": "nico"}, **swap("main"))
    assert "<html" in elsewhere.content.decode()  # a swap aimed at another element gets the whole page


def test_an_editor_verifies_a_candidate(editor: Client, candidate: Player) -> None:
    response = editor.post(reverse("kb_player_verify", args=[candidate.pk]))

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == PlayerStatus.VERIFIED


def test_verifying_from_the_list_with_htmx_returns_the_new_status(editor: Client, candidate: Player) -> None:
    response = editor.post(
        reverse("kb_player_verify", args=[candidate.pk]), {"from": "list"}, **swap(f"player-status-{candidate.pk}")
    )

    assert f'id="player-status-{candidate.pk}"' in response.content.decode()
    assert "Verified" in response.content.decode()


def test_a_rename_keeps_the_old_name_as_an_alias(editor: Client, candidate: Player) -> None:
    response = editor.post(reverse("kb_player_rename", args=[candidate.pk]), {"name": "Nicolás Paz"})

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.name == "Nicolás Paz"
    assert candidate.aliases.active().filter(normalized="nico paz").exists()


def test_an_empty_name_is_refused(editor: Client, candidate: Player) -> None:
    response = editor.post(reverse("kb_player_rename", args=[candidate.pk]), {"name": "  "})

    assert response.status_code == 400
    candidate.refresh_from_db()
    assert candidate.name == "Nico Paz"


def test_an_added_alias_records_the_editor_as_source(editor: Client, candidate: Player) -> None:
    response = editor.post(
        reverse("kb_player_alias_add", args=[candidate.pk]), {"name": "Paz"}, **swap("player-aliases")
    )

    assert 'id="player-aliases"' in response.content.decode()
    alias = candidate.aliases.get(name="Paz")
    assert alias.source == Source.EDITOR and not alias.deleted_by_editor


def test_a_deleted_alias_becomes_a_tombstone_and_adding_it_again_revives_it(editor: Client, candidate: Player) -> None:
    alias = PlayerAlias.objects.create(player=candidate, name="Nicopaz", source=Source.EDITORIAL)

    editor.post(reverse("kb_player_alias_delete", args=[candidate.pk, alias.pk]))
    alias.refresh_from_db()
    assert alias.deleted_by_editor
    editor.post(reverse("kb_player_alias_add", args=[candidate.pk]), {"name": "Nicopaz"})
    alias.refresh_from_db()
    assert not alias.deleted_by_editor and alias.source == Source.EDITOR


def test_the_detail_page_renders_with_its_forms(editor: Client, candidate: Player) -> None:
    html = editor.get(reverse("kb_player_detail", args=[candidate.pk])).content.decode()

    assert "Nico Paz" in html and "Verify" in html and "Add an alias" in html and "csrfmiddlewaretoken" in html


def test_the_merge_page_picks_two_players_and_merges_them(editor: Client, candidate: Player) -> None:
    survivor = PlayerFactory(name="Nicolás Paz")
    url = reverse("kb_player_merge")

    search = editor.get(url, {"survivor": survivor.pk, "q": "nico"}).content.decode()
    confirm = editor.get(url, {"survivor": survivor.pk, "duplicate": candidate.pk}).content.decode()
    merged = editor.post(url, {"survivor": survivor.pk, "duplicate": candidate.pk})

    assert f"duplicate={candidate.pk}" in search
    assert "Merge <strong>Nico Paz</strong> into <strong>Nicolás Paz</strong>" in confirm
    assert merged.status_code == 302 and merged["Location"] == reverse("kb_player_detail", args=[survivor.pk])
    assert not Player.objects.filter(pk=candidate.pk).exists()


def test_the_merge_refuses_one_player_twice(editor: Client, candidate: Player) -> None:
    response = editor.post(reverse("kb_player_merge"), {"survivor": candidate.pk, "duplicate": candidate.pk})

    assert response.status_code == 302
    assert Player.objects.filter(pk=candidate.pk).exists()


@pytest.fixture
def admin_client_(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("boss", password="pw"))
    return client


@pytest.mark.parametrize(
    "model", ["club", "clubalias", "player", "playeralias", "outlet", "outletalias", "outletdomain"]
)
def test_every_kb_model_has_a_searchable_admin_list(admin_client_: Client, model: str) -> None:
    response = admin_client_.get(f"/admin/players/{model}/", {"q": "juve"})

    assert response.status_code == 200


def test_the_admin_shows_aliases_inline(admin_client_: Client) -> None:
    club = ClubFactory(name="Juventus")
    ClubAlias.objects.create(club=club, name="Vecchia Signora", source=Source.EDITORIAL)
    outlet = Outlet.objects.create(name="AS")
    OutletAlias.objects.create(outlet=outlet, name="Diario AS")
    OutletDomain.objects.create(outlet=outlet, domain="as.com")

    club_page = admin_client_.get(f"/admin/players/club/{club.pk}/change/").content.decode()
    outlet_page = admin_client_.get(f"/admin/players/outlet/{outlet.pk}/change/").content.decode()

    assert "Vecchia Signora" in club_page
    assert "Diario AS" in outlet_page and "as.com" in outlet_page


def test_deleting_an_alias_in_the_admin_leaves_a_tombstone(admin_client_: Client) -> None:
    alias = ClubAlias.objects.create(club=ClubFactory(name="Juventus"), name="Zebre", source=Source.EDITORIAL)

    response = admin_client_.post(f"/admin/players/clubalias/{alias.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.deleted_by_editor


def change_form_data(response) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The data the admin change form would post back unchanged, read from its bound forms."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data


def test_deleting_an_inline_alias_in_the_admin_leaves_a_tombstone(admin_client_: Client) -> None:
    club = ClubFactory(name="Juventus")
    alias = ClubAlias.objects.create(club=club, name="Zebre", source=Source.EDITORIAL)
    url = f"/admin/players/club/{club.pk}/change/"
    data = change_form_data(admin_client_.get(url))
    data["aliases-0-DELETE"] = "on"

    response = admin_client_.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    alias.refresh_from_db()
    assert alias.deleted_by_editor
