"""Template filters for the dashboard: labels and the stage track, computed in articles/rumours/timeline.py."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.pages.search import MARK_START, MARK_STOP
from articles.rumours.timeline import Step, is_stale, stage_steps, window_label

register = template.Library()


@register.filter(name="window_label")
def window_label_filter(window: str) -> str:
    return window_label(window)


@register.filter(name="stage_steps")
def stage_steps_filter(stage: str) -> list[Step]:
    return stage_steps(stage)


@register.filter(name="stale")
def stale_filter(rumour: object) -> bool:
    """Whether a rumour has had nothing new for weeks (and has not ended)."""
    return is_stale(getattr(rumour, "stage", ""), getattr(rumour, "last_reported", None), timezone.localdate())


@register.filter(name="found_or_typed")
def found_or_typed(field: BoundField, chosen: object) -> str:
    """What a name filter shows: the name of what it found ("juve" reads "Juventus"), else what was typed."""
    found = getattr(chosen, field.name, None)
    return str(getattr(found, "name", "")) if found is not None else str(field.value() or "")


@register.filter(name="marked")
def marked(snippet: str) -> SafeString:
    """A search snippet with the words found in <mark>: the text escaped first, so only our marks are HTML."""
    html = escape(snippet or "").replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; the marks are ours
