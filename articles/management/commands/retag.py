"""Re-tag, in Celery batches, the articles an older tagger version tagged.

Re-tagging never undoes an editor's decision: the claim store keeps every claim an editor touched.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from articles.models import Article, ArticleStatus
from articles.tasks import articles_enqueue
from tagger import TAGGER_VERSION


def articles_to_retag(*, everything: bool):  # type: ignore[no-untyped-def]
    """Tagged or failed articles; with everything=False only those an older tagger version read."""
    done = Article.objects.filter(status__in=[ArticleStatus.TAGGED, ArticleStatus.FAILED])
    return done if everything else done.exclude(tagger_version=TAGGER_VERSION)


class Command(BaseCommand):
    help = f"Re-tag articles tagged by a tagger version other than the current one ({TAGGER_VERSION})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count what would be re-tagged")
        parser.add_argument("--all", action="store_true", help="re-tag every tagged or failed article")
        parser.add_argument("--batch-size", type=int, default=500, help="articles queued per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(articles_to_retag(everything=options["all"]).order_by("pk").values_list("pk", flat=True))
        if options["dry_run"]:
            self.stdout.write(f"{len(ids)} article(s) would be re-tagged with tagger {TAGGER_VERSION}.")
            return
        size = max(1, options["batch_size"])
        for start in range(0, len(ids), size):
            batch = ids[start : start + size]
            with transaction.atomic():
                Article.objects.filter(pk__in=batch).update(status=ArticleStatus.PENDING, failure_reason="")
                articles_enqueue(article_ids=batch)
        self.stdout.write(f"Queued {len(ids)} article(s) for re-tagging with tagger {TAGGER_VERSION}.")
