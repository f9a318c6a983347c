"""{% follow_button target %}: the Follow / Following · Unfollow button of a player, club or outlet page."""

from __future__ import annotations

from typing import Any

from django import template

from following.models import Follow, Target, target_field, target_label

register = template.Library()


@register.inclusion_tag("following/button.html", takes_context=True)
def follow_button(context: template.Context, target: Target) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "target": target,
        "kind": target_field(target),
        "label": target_label(target),
        "signed_in": user.is_authenticated,
        "following": Follow.objects.follows(user, target),
        "next": request.get_full_path(),
    }
