"""HTMX in the views of every app: the request type, and one way to answer a swap with just its partial.

A page is one template with named partials, each named after the id of the element it replaces. A request
whose HX-Target is one of them gets that partial; any other request, a history restore included (the back
button after a swap), gets the whole page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest, partial: str) -> bool:
    """Whether an HTMX swap asks for `partial`: the element it targets has that id, and it is no history restore."""
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request and htmx.target == partial


def render_partial_or_page(
    request: HtmxHttpRequest, template: str, context: Mapping[str, Any], *partials: str, status: int = 200
) -> HttpResponse:
    """The one of `partials` that an HTMX swap asks for, else the whole page."""
    for partial in partials:
        if wants_partial(request, partial):
            return render(request, f"{template}#{partial}", context, status=status)
    return render(request, template, context, status=status)
