"""How many articles are in each state; with --require-done, fail while any is still waiting."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from articles.models import Article, ArticleStatus, Upload, UploadStatus


class Command(BaseCommand):
    help = "Count articles by status."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--require-done",
            action="store_true",
            help="exit non-zero unless there are articles, none pending or processing, and no upload unread",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = dict(Article.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
        for status in ArticleStatus.values:
            self.stdout.write(f"{status:12s} {counts.get(status, 0)}")
        unread = Upload.objects.filter(status__in=[UploadStatus.QUEUED, UploadStatus.READING]).count()
        self.stdout.write(f"{'unread uploads':12s} {unread}")
        waiting = counts.get(ArticleStatus.PENDING, 0) + counts.get(ArticleStatus.PROCESSING, 0) + unread
        if options["require_done"] and (waiting or not counts):
            raise CommandError(f"{waiting} article(s) or upload(s) still waiting" if counts else "no articles yet")
