"""Backtest the likelihood model in time order, fit it on every settled rumour and score the open ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.rumours.likelihood import likelihood_evaluate


class Command(BaseCommand):
    help = "Backtest the likelihood of rumours (Brier score, log loss, reliability), refit it and score open rumours."

    def handle(self, *args: Any, **options: Any) -> None:
        tested, stored, scored = likelihood_evaluate(today=timezone.localdate())
        if tested is None:
            self.stdout.write("Too few settled rumours to backtest: each fold needs fulfilled and unfulfilled ones.")
        else:
            self.stdout.write(f"Backtest on {tested.examples} examples, walking forward in time")
            self.stdout.write(f"{'':14s} {'Brier':>8s} {'log loss':>9s}")
            for name, scores in (
                ("model", tested.model),
                ("base rate", tested.base_rate),
                ("stage alone", tested.stage_alone),
            ):
                self.stdout.write(f"{name:14s} {scores.brier:8.4f} {scores.log_loss:9.4f}")
            self.stdout.write("decile  predicted  observed  examples")
            for decile, predicted, observed, n in tested.reliability:
                self.stdout.write(f"{decile:6d}  {predicted:9.3f}  {observed:8.3f}  {n:8d}")
        if stored is None:
            self.stdout.write("No fit: the settled rumours need both fulfilled and unfulfilled ones.")
        else:
            self.stdout.write(f"Fitted {stored.fitted_at:%Y-%m-%d %H:%M}; {scored} open rumour(s) scored.")
