"""Cursor pagination: a page is the rows after an opaque position, newest first, so a list that grows while it
is read never repeats or skips a row, and a deep page costs what the first does."""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = "-pk"
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return int(settings.API_MAX_PAGE_SIZE)


class InOrder(Cursor):
    """An upload's items in the order they were given."""

    ordering = "position"
