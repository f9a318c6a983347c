"""The editors group (see rumourtracker/roles.py), with today's staff and the demo editor in it: until now
staff were the editors, and the demo editor's account should keep editing."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Q

EDITORS_GROUP = "editors"  # rumourtracker.roles.EDITORS_GROUP, frozen as this migration wrote it
DEMO_EDITOR = "editor"  # articles/management/commands/load_demo.py


def editors_group_create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS_GROUP)
    users = apps.get_model("auth", "User").objects.filter(Q(is_staff=True) | Q(username=DEMO_EDITOR))
    group.user_set.add(*users)


def editors_group_delete(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(editors_group_create, editors_group_delete)]
