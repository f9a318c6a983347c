"""The dashboard's story (Tomori's summer, claims written directly) serves the feeds' tests too."""

from __future__ import annotations

from tests.dashboard.conftest import editor, editor_client, story

__all__ = ["editor", "editor_client", "story"]
