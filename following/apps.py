from __future__ import annotations

from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = "Following"
