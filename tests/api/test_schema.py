"""The OpenAPI schema is valid OpenAPI 3 and generates without a warning (an unnamed enum, a field it cannot type)."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command


def test_the_schema_is_valid_and_generates_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    assert "openapi: 3" in schema and "/api/v1/claims/{id}/decision/:" in schema and "personalToken" in schema
