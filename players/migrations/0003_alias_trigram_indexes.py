"""Trigram indexes over the accent-folded names, for "did you mean" and the search box's partial words."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("players", "0002_player_seed_keys")]

    operations = [
        TrigramExtension(),
        migrations.AddIndex(
            model_name="clubalias",
            index=GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="club_alias_trigram"),
        ),
        migrations.AddIndex(
            model_name="playeralias",
            index=GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="player_alias_trigram"),
        ),
        migrations.AddIndex(
            model_name="outletalias",
            index=GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="outlet_alias_trigram"),
        ),
    ]
