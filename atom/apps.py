from __future__ import annotations

from django.apps import AppConfig


class AtomConfig(AppConfig):
    name = "atom"
    verbose_name = "Atom feeds"
