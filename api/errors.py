"""Every error the API answers has one shape: `detail` says what went wrong, `errors` says it per field."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        data = response.data
        if not (isinstance(data, dict) and "detail" in data):
            response.data = {"detail": "Some fields cannot be used; nothing was changed.", "errors": _by_field(data)}
    return response


def _by_field(data: Any) -> dict[str, Any]:
    return data if isinstance(data, dict) else {"non_field_errors": data}
