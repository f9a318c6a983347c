"""`python manage.py load_kb [--data-dir DIR]`: load the knowledge-base data files, idempotently."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from players.kb_files import DATA_DIR
from players.kb_load import LoadReport, kb_load


class Command(BaseCommand):
    help = "Load clubs, club aliases, players and outlets from players/data/ (a second run changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder holding the data files")

    def handle(self, *args: object, data_dir: Path, **options: object) -> None:
        started = time.monotonic()
        report = kb_load(data_dir=data_dir)
        self._print(report, time.monotonic() - started)

    def _print(self, report: LoadReport, seconds: float) -> None:
        for problem in report.problems:
            self.stderr.write(f"warning: {problem}")
        for model, tally in report.tallies.items():
            self.stdout.write(
                f"{model}: {tally.created} created, {tally.updated} updated, "
                f"{tally.unchanged} unchanged, {tally.deleted} deleted"
            )
        totals = ", ".join(f"{tally.total} {model}" for model, tally in report.tallies.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Knowledge base: {totals}; {report.changed} changes, {len(report.problems)} warnings, {seconds:.1f}s"
            )
        )
