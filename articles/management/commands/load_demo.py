"""Load the demo articles (written for RumourTracker) into an empty database, and a demo editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.ingest.intake import Given, upload_receive
from articles.models import Article, PartKind, UploadKind
from articles.tasks import upload_read_enqueue
from rumourtracker.roles import editor_grant

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"
DEMO_USER, DEMO_PASSWORD = "editor", "rumours-demo"


class Command(BaseCommand):
    help = "Load demo articles into an empty database and make sure the demo editor account exists and edits."

    def handle(self, *args: Any, **options: Any) -> None:
        self.demo_editor_ensure()
        if Article.objects.exists():
            self.stdout.write("Articles already exist: no demo articles loaded.")
            return
        data = DEMO_FILE.read_bytes()
        demo = Given(kind=PartKind.FILE, name=DEMO_FILE.name, data=data, size=len(data))
        upload = upload_receive(given=[demo], kind=UploadKind.COMMAND, label="demo articles")
        upload_read_enqueue(upload=upload)
        self.stdout.write(
            f"Queued the demo articles as upload #{upload.pk}; the worker reads and tags them as it starts."
        )

    def demo_editor_ensure(self) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=DEMO_USER, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        editor_grant(user)
        self.stdout.write(self.style.SUCCESS(f"Demo editor login: {DEMO_USER} / {DEMO_PASSWORD}"))
