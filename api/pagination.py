"""Cursor pagination: a page is the rows after an opaque position, newest first, so a list that grows while it
is read never repeats or skips a row, and a deep page costs what the first does."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request


class Cursor(CursorPagination):
    ordering = "-pk"
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return int(settings.API_MAX_PAGE_SIZE)

    def decode_cursor(self, request: Request) -> Any:
        """A cursor we did not write is a bad request (400), not a missing page."""
        from .params import BadQuery

        try:
            return super().decode_cursor(request)
        except NotFound as exc:
            raise BadQuery({"detail": "This cursor is not one of ours: follow the next and previous links."}) from exc


class InOrder(Cursor):
    """An upload's items in the order they were given."""

    ordering = "position"
