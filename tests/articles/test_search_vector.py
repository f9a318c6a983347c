"""The search vector a trigger keeps: each language's configuration, recomputed when the words change."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.models import Article, ArticleStatus
from articles.pages.search import FALLBACK_CONFIG, SEARCH_CONFIGS
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def stored_vector(article_id: int) -> str:
    return str(Article.objects.values_list("search_vector", flat=True).get(pk=article_id))


def vector_of(config: str, title: str, text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s || ' ' || %s)::text", [config, title, text])
        return str(cursor.fetchone()[0])


@pytest.mark.parametrize(("language", "config"), [*SEARCH_CONFIGS.items(), ("xx", FALLBACK_CONFIG)])
def test_each_language_is_indexed_with_its_own_configuration(language: str, config: str) -> None:
    article = ArticleFactory.create(title="Transfers", text="The clubs were talking about fees", language=language)
    assert stored_vector(article.pk) == vector_of(config, article.title, article.text)


def test_the_vector_follows_a_new_text_and_a_new_language_but_not_what_a_client_writes() -> None:
    article = ArticleFactory.create(title="Calciomercato", text="Le trattative continuano", language="")
    Article.objects.filter(pk=article.pk).update(language="it")
    assert stored_vector(article.pk) == vector_of("italian", article.title, article.text)
    Article.objects.filter(pk=article.pk).update(text="Nuove trattative per il difensore")
    assert stored_vector(article.pk) == vector_of("italian", article.title, "Nuove trattative per il difensore")
    before = stored_vector(article.pk)
    Article.objects.filter(pk=article.pk).update(search_vector=None, status=ArticleStatus.TAGGED)
    assert stored_vector(article.pk) == before
