"""The scan starts after the newest claim of the day alerts are installed: the news before it is not new."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def scan_mark_start(apps: Any, schema_editor: Any) -> None:
    Claim = apps.get_model("articles", "Claim")
    ScanMark = apps.get_model("alerts", "ScanMark")
    newest = Claim.objects.order_by("-created_at", "-id").values("created_at", "id").first()
    if newest is not None:
        ScanMark.objects.update_or_create(
            name="claims", defaults={"created_at": newest["created_at"], "last_id": newest["id"]}
        )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), ("articles", "0009_anchors_index_without_pending_list")]

    operations = [migrations.RunPython(scan_mark_start, migrations.RunPython.noop)]
