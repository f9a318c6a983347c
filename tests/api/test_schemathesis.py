"""Schemathesis against the API's own OpenAPI schema, through the WSGI application (no server): up to 25 generated
requests per operation, as an editor's token, on this run's throwaway database with a few rows of data. No answer
may be a server error or fall outside the schema (status code, content type, headers and body)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rumourtracker.celery import app, worker_queues

from .conftest import api_world_make

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 25
BUDGET_SECONDS = 180


@pytest.fixture
def no_leftover_messages(celery_queue: str) -> Iterator[None]:
    """Uploads queue their reading on this test's own queues; nothing reads them, so they go with the test."""
    yield
    with app.connection_for_write() as connection:
        for queue in worker_queues(celery_queue):
            connection.default_channel.queue_delete(queue)


def test_every_operation_answers_within_the_schema(
    transactional_db: Any, settings: Any, no_leftover_messages: None
) -> None:
    world = api_world_make()
    settings.UPLOADS_PER_HOUR = 0  # every generated upload is read, none refused by the hourly limit
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    headers = {"Authorization": f"Bearer {world.editor_token}"}
    started = time.monotonic()
    ran = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]

        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def answers_within_the_schema(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_within_the_schema()
        ran.append(operation.label)
    elapsed = time.monotonic() - started
    print(f"\nschemathesis: {len(ran)} operations, up to {EXAMPLES} examples each, in {elapsed:.1f} s")
    assert len(ran) >= 17, ran
    assert elapsed < BUDGET_SECONDS
