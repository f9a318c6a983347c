"""`make train`: fit the tagger's model from the annotated corpus into tagger/model.json."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from articles.management.commands.eval_tagger import corpus_scorer
from players.gazetteer import gazetteer_from_db
from tagger import crossval
from tagger.model import MODEL_FILE, write_model


class Command(BaseCommand):
    help = "Fit the decision layer on ../shared/corpus (train, dev and seeds) and write tagger/model.json."

    def handle(self, *args: Any, **options: Any) -> None:
        score = corpus_scorer()
        gazetteer = gazetteer_from_db()
        model, discovery = crossval.train_everything(gazetteer, score)
        write_model(model, discovery)
        size = MODEL_FILE.stat().st_size
        self.stdout.write(
            f"{MODEL_FILE.name}: {len(model.weights)} claim weights, {len(discovery['weights'])} discovery weights, "
            f"threshold {model.threshold:.2f}, {size / 1e6:.2f} MB"
        )
