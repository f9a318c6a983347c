"""Recount the recent claims of every club, player and outlet (the index pages' "activity" sort)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from articles.pages.activity import activity_refresh


class Command(BaseCommand):
    help = "Store each club's, player's and outlet's claims in the 30 days up to the newest dated claim."

    def handle(self, *args: Any, **options: Any) -> None:
        last_day = activity_refresh()
        self.stdout.write(f"Activity counted up to {last_day}." if last_day else "No dated claims: all counts are 0.")
