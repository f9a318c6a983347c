"""The pages' filter forms as the API's query parameters: the same forms validate them and the same functions
(articles/pages/filters.py, players/resolve.py) turn them into querysets, so a filter means one thing everywhere.

Where a page quietly drops a value it cannot use, the API answers 400 and says why: a bad value, or a name
that stands for several things (the choices, most prominent first) or for nothing (the closest names).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException

from articles.pages.filters import Chosen, FilterForm, chosen_from

AnyForm = TypeVar("AnyForm", bound=forms.Form)


class BadQuery(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Some query parameters cannot be used."


def form_valid(form: AnyForm, detail: str = BadQuery.default_detail) -> AnyForm:
    """The form, validated; a field that does not validate is a 400 naming it."""
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        raise BadQuery({"detail": detail, "errors": errors})
    return form


def names_chosen(form: FilterForm) -> Chosen:
    """The form's names resolved (players/resolve.py through the pages' chosen_from); a name that is not exactly
    one thing is a 400 with the choices or the closest names, never a silently empty list."""
    chosen = chosen_from(form)
    if chosen.questions:
        names = {}
        for question in chosen.questions:
            options = [
                {"label": label, "value": QueryDict(link.lstrip("?")).get(question.field, "")}
                for label, link in question.options
            ]
            if question.ambiguous:
                message = f"Several go by “{question.typed}”: give one of the choices' values."
            else:
                message = f"Nothing goes by “{question.typed}”." + (" The closest names:" if options else "")
            names[question.field] = {
                "typed": question.typed,
                "problem": "ambiguous" if question.ambiguous else "unknown",
                "message": message,
                "choices": options,
            }
        raise BadQuery({"detail": "Some names do not stand for exactly one thing.", "names": names})
    return chosen


def _schema_of(field: forms.Field) -> tuple[Any, list[str] | None]:
    if isinstance(field, forms.DateField):
        return OpenApiTypes.DATE, None
    if isinstance(field, forms.ChoiceField):
        return OpenApiTypes.STR, [str(value) for value, _ in field.choices if value != ""]  # type: ignore[attr-defined,misc,union-attr]
    if isinstance(field, forms.IntegerField):
        return OpenApiTypes.INT, None
    return OpenApiTypes.STR, None


def form_parameters(
    form_class: type[forms.Form], *, skip: tuple[str, ...] = (), help: dict[str, str] | None = None
) -> list[OpenApiParameter]:
    """The form's fields as OpenAPI query parameters (a date is a date, a choice an enum)."""
    help = help or {}
    form = form_class()
    parameters = []
    name_fields = getattr(form_class, "name_fields", ())
    for name, field in form.fields.items():
        if name in skip:
            continue
        kind, enum = _schema_of(field)
        description = help.get(name) or str(field.help_text or field.label or "")
        if name in name_fields:
            description = description or "A name, alias, key or number; an ambiguous or unknown name answers 400"
        parameters.append(
            OpenApiParameter(name, kind, OpenApiParameter.QUERY, required=False, enum=enum, description=description)
        )
    return parameters
