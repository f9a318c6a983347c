"""API test data: a few players, clubs, outlets, articles, claims and rumours written directly (no tagger), the
accounts of each role with their personal tokens, and a client that sends a token."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from api.models import ApiToken
from articles.models import Article, Claim
from rumourtracker.roles import editor_grant
from tests.dashboard.conftest import claim_make
from tests.kb import NamesKb, names_kb_make

PASSWORD = "a-long-test-password"


@dataclass
class ApiWorld:
    kb: NamesKb
    member: User
    editor: User
    member_token: str
    editor_token: str
    interest: Claim
    bid: Claim
    madrid: Claim
    article: Article


def api_world_make() -> ApiWorld:
    kb = names_kb_make()
    small = kb.small
    users = get_user_model().objects
    member = users.create_user("api-member", password=PASSWORD)
    editor = users.create_user("api-editor", password=PASSWORD)
    editor_grant(editor)
    interest = claim_make(
        player=small.tomori, club=small.juventus, kind="interest", day=dt.date(2025, 6, 2), outlet=small.tuttosport
    )
    bid = claim_make(
        player=small.tomori,
        club=small.juventus,
        kind="bid",
        day=dt.date(2025, 6, 20),
        outlet=kb.romano,
        cited=(small.tuttosport,),
    )
    madrid = claim_make(player=kb.mbappe, club=kb.bayern, kind="interest", day=dt.date(2025, 7, 1), outlet=kb.romano)
    _, member_token = ApiToken.objects.make(user=member, name="member's script")
    _, editor_token = ApiToken.objects.make(user=editor, name="editor's script")
    return ApiWorld(kb, member, editor, member_token, editor_token, interest, bid, madrid, interest.article)


@pytest.fixture
def api_world(db: Any) -> ApiWorld:
    return api_world_make()


def bearer(token: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
