"""Editors' actions recompute rumours and leave an audit trail on the item they changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles.editing.actions import article_takedown, claim_add, claim_decide, claim_fix
from articles.models import Article, AuditLog, Claim, Decision, PlayerMove, Rumour, Stage
from players.kb_edit import EditError

from .conftest import Story, claim_make


def rumour_of(claim: Claim) -> Rumour:
    return Rumour.objects.get(pk=claim.rumour_id)


@pytest.mark.django_db
def test_rejecting_the_bid_lowers_the_stage_and_is_logged(story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    assert rumour_of(story.bid).stage == Stage.BID
    claim_decide(claim=story.bid, decision=Decision.REJECTED, actor=editor)
    rumour = rumour_of(story.bid)
    assert rumour.stage == Stage.TALKS
    assert rumour.claim_count == 2
    entry = AuditLog.objects.get()
    assert (entry.actor, entry.action, entry.player, entry.club) == (editor, "reject", story.tomori, story.juventus)
    assert "Rejected Fikayo Tomori → Juventus (bid)" in entry.summary


@pytest.mark.django_db
def test_confirming_a_completed_move_changes_his_club_and_keeps_the_history(story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    done = claim_make(player=story.tomori, club=story.juventus, kind="completed", day=dt.date(2025, 7, 10))
    claim_decide(claim=done, decision=Decision.CONFIRMED, actor=editor)
    story.tomori.refresh_from_db()
    assert story.tomori.club == story.juventus
    assert story.tomori.club_as_of == dt.date(2025, 7, 10)
    move = PlayerMove.objects.get()
    assert (move.from_club, move.to_club, move.recorded_by) == (story.milan, story.juventus, editor)


@pytest.mark.django_db
def test_an_added_claim_is_confirmed_and_feeds_its_rumour(story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    article = Article.objects.get(pk=story.napoli_talks.article_id)
    claim = claim_add(article=article, player=story.tomori, club=story.juventus, kind="agreement", actor=editor)
    assert claim.decision == Decision.CONFIRMED and claim.added_by_editor
    assert rumour_of(claim).stage == Stage.AGREEMENT
    with pytest.raises(EditError):
        claim_add(article=article, player=story.tomori, club=story.juventus, kind="bid", actor=editor)


@pytest.mark.django_db
def test_fixing_the_club_moves_the_claim_to_the_right_rumour(story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    old_rumour = story.napoli_talks.rumour_id
    claim_fix(claim=story.napoli_talks, club=story.milan, actor=editor)
    claim = Claim.objects.get(pk=story.napoli_talks.pk)
    assert claim.club == story.milan and claim.decision == Decision.CONFIRMED
    assert not Rumour.objects.filter(pk=old_rumour).exists()  # its only claim left
    assert claim.article.mentions.filter(club=story.milan).exists()
    assert AuditLog.objects.filter(action="fix_entity", club=story.milan).exists()


@pytest.mark.django_db
def test_a_takedown_deletes_the_article_recomputes_and_stays_on_record(story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    article_id = story.bid.article_id
    article_takedown(article=Article.objects.get(pk=article_id), actor=editor, reason="Copyright complaint")
    assert not Article.objects.filter(pk=article_id).exists()
    assert rumour_of(story.interest).stage == Stage.TALKS
    entry = AuditLog.objects.get(action="takedown")
    assert entry.article_ref == article_id and "Copyright complaint" in entry.summary
    assert entry.player == story.tomori


@pytest.mark.django_db
def test_the_reject_button_changes_the_timeline_and_the_log_shows_on_the_player(editor_client, story) -> None:  # type: ignore[no-untyped-def]
    player_url = reverse("player_detail", args=[story.tomori.pk])
    response = editor_client.post(
        reverse("claim_decide", args=[story.bid.pk]), {"decision": "rejected", "next": player_url}
    )
    assert response.status_code == 302 and response["Location"] == player_url
    html = editor_client.get(player_url).content.decode()
    assert f'id="claim-{story.bid.pk}"' not in html
    assert "Rejected Fikayo Tomori → Juventus (bid)" in html


@pytest.mark.django_db
def test_an_editor_never_returns_to_another_site(editor_client, story) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        reverse("claim_decide", args=[story.bid.pk]), {"decision": "confirmed", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("article_detail", args=[story.bid.article_id])


@pytest.mark.django_db
def test_the_forms_add_fix_and_take_down(editor_client, story) -> None:  # type: ignore[no-untyped-def]
    article_id = story.napoli_talks.article_id
    response = editor_client.post(
        reverse("claim_add", args=[article_id]),
        {
            "player": "Tomori",
            "club": "it/juventus",
            "kind": "bid",
            "deal": "loan",
            "fee": "€3m",
            "evidence": "Loan bid.",
        },
    )
    assert response.status_code == 302
    assert Claim.objects.filter(article_id=article_id, club=story.juventus, fee="€3m").exists()
    response = editor_client.post(reverse("claim_fix", args=[story.napoli_talks.pk]), {"club": "Nobody FC Atlantis"})
    assert "No club goes by “Nobody FC Atlantis”." in response.content.decode()
    response = editor_client.post(reverse("article_takedown", args=[article_id]), {"reason": "Duplicate"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article_id).exists()
    audit = editor_client.get(reverse("audit_log")).content.decode()
    assert "Took down article" in audit and "Added Fikayo Tomori" in audit


@pytest.mark.django_db
def test_a_rumour_whose_only_claim_was_rejected_leaves_the_pages(client, story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    claim_decide(claim=story.napoli_talks, decision=Decision.REJECTED, actor=editor)
    assert Rumour.objects.filter(pk=story.napoli_talks.rumour_id, claim_count=0).exists()  # kept, with its rejection
    player = client.get(reverse("player_detail", args=[story.tomori.pk])).context
    assert story.napoli.name not in {s.club for s in player["stories"]}
    rumour = client.get(reverse("rumour_detail", args=[story.bid.rumour_id])).context
    assert list(rumour["rivals"]) == []
