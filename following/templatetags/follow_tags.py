"""{% follow_button target %}: the Follow / Following · Unfollow button of a player, club or outlet page."""

from __future__ import annotations

from typing import Any

from django import template

from following.models import Follow, Target, target_field, target_label

register = template.Library()


def button_context(target: Target, *, signed_in: bool, following: bool, next_url: str) -> dict[str, Any]:
    """What following/button.html shows: on a page (the tag below) and after a click (following/views.py)."""
    return {
        "target": target,
        "kind": target_field(target),
        "label": target_label(target),
        "signed_in": signed_in,
        "following": following,
        "next": next_url,
    }


@register.inclusion_tag("following/button.html", takes_context=True)
def follow_button(context: template.Context, target: Target) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    following = Follow.objects.follows(user, target)
    shown = button_context(
        target, signed_in=user.is_authenticated, following=following, next_url=request.get_full_path()
    )
    return {"request": request, "csrf_token": context.get("csrf_token"), **shown}
