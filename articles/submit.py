"""Saving a submitted article exactly once and queueing it for the worker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, transaction

from players.models import Outlet

from .ingest.copies import copies_mark
from .ingest.similar import text_anchors
from .models import Article, DateSource, content_hash
from .tasks import articles_enqueue


@dataclass
class Submission:
    article: Article
    created: bool


def outlet_by_name(name: str) -> Outlet | None:
    """The outlet an editor typed, by any of its names; an unknown name becomes a new outlet."""
    name = name.strip()
    if not name:
        return None
    outlet = Outlet.objects.named(name)
    if outlet is None:
        outlet, _ = Outlet.objects.get_or_create(name=name)
    return outlet


def article_submit(
    *,
    text: str,
    title: str = "",
    url: str = "",
    outlet: Outlet | None = None,
    published: dt.date | None = None,
    language: str = "",
    uploaded_by: AbstractBaseUser | AnonymousUser | None = None,
) -> Submission:
    """Save the article and queue it on commit; the same text twice returns the first article.

    The unique content hash decides what is a duplicate, not a check before the insert.
    """
    user = uploaded_by if isinstance(uploaded_by, User) and uploaded_by.is_authenticated else None
    article = Article(
        title=title,
        text=text,
        url=url,
        outlet=outlet,
        published=published,
        published_source=DateSource.GIVEN if published else "",  # else the tagger reads it from the URL or text
        language=language,
        uploaded_by=user,
        anchors=text_anchors(text),
    )
    try:
        with transaction.atomic():
            article.save()
            copies_mark(articles=[article])
            articles_enqueue(article_ids=[article.pk])
    except IntegrityError:
        return Submission(article=Article.objects.get(content_hash=content_hash(text)), created=False)
    return Submission(article=article, created=True)
