"""`make eval`: the tagger's claims scored by 5-fold cross-validation over the annotated train articles."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from players.gazetteer import gazetteer_from_db
from players.models import Player, Source
from tagger import crossval
from tagger.matcher import Gazetteer


def corpus_scorer() -> ModuleType:
    """The corpus's scorer, or a clear message when ../shared is not beside the repository."""
    try:
        crossval.require_corpus()
    except crossval.CorpusMissing as exc:
        raise CommandError(str(exc)) from exc
    return crossval.scorer()


class Command(BaseCommand):
    help = "Cross-validate the tagger on ../shared/corpus/train (dev only learned from); print the scorer's tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=".cache/eval/out-of-fold.jsonl", help="where the out-of-fold output goes")
        parser.add_argument("--curve", action="store_true", help="also the learning curve (25/50/100%% of train)")

    def handle(self, *args: Any, **options: Any) -> None:
        score = corpus_scorer()
        gazetteer = gazetteer_from_db()
        corpus = crossval.Articles.load("train"), crossval.Articles.load("dev")
        train, dev = crossval.read_corpus(*corpus, gazetteer, score)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)

        rules = [crossval.tagged_row(r, None, a.article_id) for r, a in zip(train.reads, train.labelled, strict=True)]
        rules_path = out.with_name("rules-only.jsonl")
        crossval.write_jsonl(rules_path, rules)
        self.stdout.write("== the rule engine's claims (player discovery learned out of fold, no decision layer) ==")
        self._headline(train.gold, rules, rules_path, score)

        rows = crossval.out_of_fold(train, dev, log=self.stdout.write)
        crossval.write_jsonl(out, rows)
        self.stdout.write(f"== out of fold, written to {out} ==")
        self.stdout.write(crossval.scorer_table(train.gold, out, by_language=True))
        for name, members in crossval.groups(train.gold).items():
            low, high = crossval.bootstrap_f1([train.gold[i] for i in members], [rows[i] for i in members], score)
            self.stdout.write(f"  {name:22s} claims F1 90% interval [{low:.3f}, {high:.3f}]")
        for half in ("first half (xx-3NN)", "second half (xx-5NN)"):
            members = crossval.groups(train.gold)[half]
            self.stdout.write(f"== {half} ==")
            self.stdout.write(crossval.scorer_table([train.gold[i] for i in members], out))
        self.stdout.write("== error causes (errors.py) ==")
        self.stdout.write(crossval.error_causes(train.gold, out))
        if options["curve"]:
            self._curve(train, dev, out, score)
        self._without_hand_made_players(gazetteer, corpus, out, score)
        low, high = crossval.bootstrap_f1(train.gold, rows, score)
        self.stdout.write(f"all 480, claims F1 90% interval [{low:.3f}, {high:.3f}]")
        self.stdout.write(crossval.scorer_table(train.gold, out).strip().splitlines()[-1])

    def _headline(self, gold: list[dict], rows: list[dict], path: Path, score: Any) -> None:
        table = crossval.scorer_table(gold, path).strip().splitlines()
        low, high = crossval.bootstrap_f1(gold, rows, score)
        self.stdout.write("\n".join(table[1:-1]))
        self.stdout.write(f"{table[-1]} (90% interval [{low:.3f}, {high:.3f}])")

    def _curve(self, train: crossval.Split, dev: crossval.Split, out: Path, score: Any) -> None:
        self.stdout.write("== learning curve: share of the other folds learned from (dev always) ==")
        for share in (0.25, 0.5):
            rows = crossval.out_of_fold(train, dev, share=share, log=lambda _: None)
            path = out.with_name(f"curve-{int(share * 100)}.jsonl")
            crossval.write_jsonl(path, rows)
            self.stdout.write(f"{int(share * 100)}% of train:")
            self._headline(train.gold, rows, path, score)

    def _without_hand_made_players(
        self, gazetteer: Gazetteer, corpus: tuple[crossval.Articles, crossval.Articles], out: Path, score: Any
    ) -> None:
        """The same measure with the hand-made player lists (players/data/players/) left out."""
        hand_made = set(Player.objects.filter(source=Source.EDITORIAL).values_list("id", flat=True))
        bare = Gazetteer(
            clubs=gazetteer.clubs.values(),
            players=[p for p in gazetteer.players.values() if p.id not in hand_made],
            outlets=gazetteer.outlets.values(),
        )
        train, dev = crossval.read_corpus(*corpus, bare, score)
        rows = crossval.out_of_fold(train, dev, log=lambda _: None)
        path = out.with_name("without-hand-made-players.jsonl")
        crossval.write_jsonl(path, rows)
        self.stdout.write(f"== without the hand-made player files ({len(hand_made)} players left out) ==")
        self._headline(train.gold, rows, path, score)
