"""Load the demo articles (written for RumourTracker) into an empty database, and a demo editor."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.models import Article
from articles.submit import article_submit, outlet_by_name
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
        rows = [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
        for row in rows:
            article_submit(
                text=row["text"],
                title=row["title"],
                outlet=outlet_by_name(row["outlet"]),
                published=dt.date.fromisoformat(row["published"]),
                language=row["language"],
            )
        self.stdout.write(f"Loaded {len(rows)} demo articles; the worker tags them as it starts.")

    def demo_editor_ensure(self) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=DEMO_USER, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        editor_grant(user)
        self.stdout.write(self.style.SUCCESS(f"Demo editor login: {DEMO_USER} / {DEMO_PASSWORD}"))
