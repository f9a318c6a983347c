"""The benchmark suites. Each loads what it needs into the throwaway database it runs on."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management import call_command

from bench.articles import corpus_articles, dense_articles, news_articles
from bench.harness import Measurement, stopwatch, suite

# Runs per measurement, medians quoted; fewer (BENCH_RUNS=1) for a quick look on a busy machine.
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def kb_load() -> None:
    from players.models import Club

    if not Club.objects.exists():
        call_command("load_kb", verbosity=0)


def kb_names() -> dict[str, Any]:
    from players.models import Club, Outlet, Player

    return {
        "players": list(Player.objects.values_list("name", flat=True)[:2000]),
        "clubs": list(Club.objects.filter(prominence__gte=3).values_list("name", flat=True)),
        "outlets": list(Outlet.objects.values_list("name", flat=True)[:100]),
    }


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def per_second(count: int, function) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function()
    return count / (time.perf_counter() - start)


def per_cpu_second(count: int, function) -> float:  # type: ignore[no-untyped-def]
    """Per second of this process's CPU time: the rate on one core, whatever else the machine runs meanwhile
    (on a shared machine the wall clock also counts the time other processes hold the core)."""
    start = time.process_time()
    function()
    return count / (time.process_time() - start)


@suite
def kb() -> list[Measurement]:
    """Building the matcher from the database, its memory, and how fast it scans 2 KB articles."""
    from players.gazetteer import build_gazetteer

    kb_load()
    build = Measurement("matcher build", "s", goal="≤ 3 s")
    memory = Measurement("peak process memory", "MB", goal="≤ 500 MB")
    scan = Measurement("2 KB articles scanned per second", "articles/s")
    for _ in range(RUNS):
        with stopwatch() as elapsed:
            gazetteer = build_gazetteer()
        build.samples += elapsed
        memory.samples.append(peak_mb())
    articles = dense_articles(**kb_names(), count=600)
    for _ in range(RUNS):
        scan.samples.append(per_second(len(articles), lambda: [gazetteer.find(text) for text in articles]))
    return [build, memory, scan]


@suite
def tagger() -> list[Measurement]:
    """Whole-article tagging on one core with the full knowledge base loaded: the train articles of the
    corpus (cut or repeated to 2 KB) when ../shared is beside the repository, generated ones otherwise;
    the whole tagger, and the rule engine alone (no learned layer) on the same articles to show its cost.
    Rates are per second of the process's CPU time, so other work on the machine does not lower them."""
    from players.gazetteer import build_gazetteer
    from tagger import tag_article
    from tagger.crossval import CORPUS

    kb_load()
    with stopwatch() as elapsed:
        gazetteer = build_gazetteer()
    names = kb_names()
    real = corpus_articles(CORPUS / "train.jsonl")
    news = real or news_articles(**names, count=600)
    dense = dense_articles(**names, count=600)
    for text in news[:6] + dense[:6]:  # one of each language: the detector and each language's cues build once
        tag_article(text=text, gazetteer=gazetteer)
    which = "train articles" if real else "generated news articles"
    rate = Measurement(f"2 KB {which} tagged per second (1 core)", "articles/s", goal="≥ 300")
    rules = Measurement(f"2 KB {which}, rule engine alone", "articles/s")
    stress = Measurement("2 KB all-claim articles tagged per second", "articles/s")

    def tagging(texts: list[str], **options: Any) -> Callable[[], object]:
        return lambda: [tag_article(text=t, gazetteer=gazetteer, **options) for t in texts]

    for _ in range(RUNS):
        rate.samples.append(per_cpu_second(len(news), tagging(news)))
        rules.samples.append(per_cpu_second(len(news), tagging(news, rules_only=True)))
        stress.samples.append(per_cpu_second(len(dense), tagging(dense)))
    build = Measurement("matcher build", "s", samples=elapsed, goal="≤ 3 s")
    memory = Measurement("peak process memory", "MB", samples=[peak_mb()], goal="≤ 500 MB")
    return [rate, rules, stress, build, memory]


@suite
def pages() -> list[Measurement]:
    """The player page, the rumour page and a filtered, searched article list over HTTP (bench/pages.py)."""
    from bench.pages import pages_suite

    return pages_suite()


RUMOUR_CLAIMS = 15_000


@suite
def rumour() -> list[Measurement]:
    """The page of one rumour of 15,000 claims, and its player's every-claim timeline, over HTTP (gunicorn)."""
    import os
    import statistics

    from django.db import connection

    from bench.pages import ROUNDS, gunicorn, timed_get
    from bench.rumours import rumour_make

    big, small = rumour_make(RUMOUR_CLAIMS), rumour_make(30, sources=10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load; the planner needs the new sizes
    paths = {
        "15,000-claim rumour page": f"/rumours/{big.pk}/",
        "its player's page, ?all=1": f"/players/{big.player_id}/?window=all&all=1",
        # What any page costs on this machine, to read the two above against.
        "30-claim rumour page, for reference": f"/rumours/{small.pk}/",
    }
    results = []
    with gunicorn(os.environ["DATABASE_URL"]) as base:
        for name, path in paths.items():
            timed_get(base + path)  # warm both workers
            timed_get(base + path)
            samples = [timed_get(base + path) for _ in range(ROUNDS * 10)]
            results.append(Measurement(f"{name} (median)", "ms", samples))
            p95 = statistics.quantiles(samples, n=20)[-1]
            results.append(Measurement(f"{name} (p95)", "ms", [p95], goal="< 200 ms"))
    return results


# --- ingest: uploads through the upload page, read by the intake worker, tagged by two worker processes ------

INGEST_ARTICLES = 10_000
# The overlapping slice posted while the workers tag the articles it repeats: lines 4,000 to 6,000.
OVERLAP = range(4_000, 6_000)
ZIP_FILES, ZIP_FILE_CHARS = 600, 150_000


def ingest_workers_start(queue: str, plan: list[tuple[str, list[str], int]]) -> list[Any]:
    """Real Celery worker processes, one pool process each, on queues of the bench's own: (name, queues,
    niceness), as `make run` and docker-compose start them."""
    import subprocess
    import sys

    from articles.models import WorkerHeartbeat

    env = {**os.environ, "CELERY_QUEUE": queue, "PYTHONUNBUFFERED": "1"}
    workers = [
        subprocess.Popen(
            ["nice", "-n", str(niceness), sys.executable, "-m", "celery", "-A", "rumourtracker", "worker"]
            + ["-Q", ",".join(queues), "-c", "1", "-n", f"{queue}-{name}@%h", "-l", "warning"],
            env=env,
        )
        for name, queues, niceness in plan
    ]
    deadline = time.monotonic() + 90
    while WorkerHeartbeat.objects.filter(hostname__startswith=queue).count() < len(plan):
        if time.monotonic() > deadline:
            raise RuntimeError("the bench workers did not start within 90 s")
        time.sleep(0.2)
    return workers


def ingest_workers_stop(workers: list[Any]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(timeout=60)


def ingest_texts(run: int, count: int) -> list[str]:
    """~2 KB news-like articles: two transfer sentences from bench/articles.py among neutral ones."""
    import random

    from bench.articles import BACKGROUND, LANGUAGES, SENTENCES

    names = kb_names()
    rng = random.Random(100 + run)
    texts = []
    for n in range(count):
        language = LANGUAGES[n % len(LANGUAGES)]
        fill = {
            "player": rng.choice(names["players"]),
            "club": rng.choice(names["clubs"]),
            "outlet": rng.choice(names["outlets"]),
        }
        claims = [template.format(**fill) for template in rng.sample(SENTENCES[language], 2)]
        parts = [f"Run {run}, story {n}.", *claims]
        while sum(len(p) + 1 for p in parts) < 2048:
            parts.append(rng.choice(BACKGROUND[language]) + f" ({rng.randrange(10**6)})")
        texts.append(" ".join(parts))
    return texts


def ingest_jsonl(run: int, texts: list[str], lines: range) -> bytes:
    import json

    # The run number keeps every run's articles new: the same text twice would be a duplicate, not an article.
    return "\n".join(json.dumps({"title": f"Bench {run}-{n}", "text": texts[n]}) for n in lines).encode()


def ingest_zip(run: int) -> bytes:
    """ZIP_FILES texts of ZIP_FILE_CHARS characters each, every one made of distinct 2 KB articles."""
    import io
    import zipfile

    texts = iter(ingest_texts(100 + run, ZIP_FILES * (ZIP_FILE_CHARS // 2048 + 1)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(ZIP_FILES):
            parts: list[str] = []
            while sum(len(p) + 2 for p in parts) < ZIP_FILE_CHARS - 2100:
                parts.append(next(texts))
            archive.writestr(f"long-{n}.txt", "\n\n".join(parts))
    return buffer.getvalue()


def ingest_wait(total: int, timeout: float = 900) -> None:
    from articles.models import Article, ArticleStatus

    deadline = time.monotonic() + timeout
    while Article.objects.filter(status__in=[ArticleStatus.TAGGED, ArticleStatus.FAILED]).count() < total:
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not finish tagging within the bench's timeout")
        time.sleep(0.25)


def upload_read_wait(upload: Any, timeout: float = 600) -> None:
    from articles.models import UploadStatus

    deadline = time.monotonic() + timeout
    while True:
        upload.refresh_from_db(fields=["status", "read_error"])
        if upload.status == UploadStatus.FAILED:
            raise RuntimeError(f"reading upload {upload.pk} failed: {upload.read_error}")
        if upload.status == UploadStatus.READ:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"upload {upload.pk} was not read within the bench's timeout")
        time.sleep(0.05)


def ingest_post(client: Any, name: str, data: bytes) -> tuple[float, Any]:
    """Post one file on the upload page: the seconds the answer took, and the upload it made."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Upload

    start = time.perf_counter()
    response = client.post("/articles/new/", {"documents": [SimpleUploadedFile(name, data)]})
    answered = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    return answered, Upload.objects.latest("pk")


@suite
def ingest() -> list[Measurement]:
    """A 10,000-article JSONL upload, read by the intake worker and tagged by two workers; while they tag, an
    upload of 2,000 of its lines; then a zip of 600 texts of 150 KB with the reading process's peak memory."""
    import uuid

    from django.contrib.auth import get_user_model
    from django.test import Client

    from articles.models import Article, ArticleStatus, Claim, Outcome, Rumour
    from rumourtracker.celery import app, queue_named

    kb_load()
    queue = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    client = Client()
    client.force_login(get_user_model().objects.get_or_create(username="bench-ingest")[0])
    answered = Measurement("10,000-article JSONL upload: answer", "s", goal="< 1 s")
    accepted = Measurement("10,000-article JSONL upload accepted (read)", "s", goal="≤ 30 s")
    tagged = Measurement("10,000 articles tagged by 2 workers", "s", goal="≤ 120 s")
    overlap = Measurement("overlap upload (2,000 lines, being tagged): answer", "s", goal="< 1 s")
    overlap_read = Measurement("overlap upload read", "s")
    failed = Measurement("articles failed", "articles", goal="0")
    claims = Measurement("claims stored per article", "claims")
    intake = ("intake", [queue_named("uploads"), queue_named("feeds")], 0)
    workers = ingest_workers_start(queue, [("tagging-0", [queue], 10), ("tagging-1", [queue], 10), intake])
    try:
        for run in range(RUNS):
            Rumour.objects.all().delete()
            Article.objects.all().delete()
            texts = ingest_texts(run, INGEST_ARTICLES)
            start = time.perf_counter()
            seconds, upload = ingest_post(client, "bench.jsonl", ingest_jsonl(run, texts, range(INGEST_ARTICLES)))
            answered.samples.append(seconds)
            upload_read_wait(upload)
            accepted.samples.append(time.perf_counter() - start)
            added = upload.items.filter(outcome=Outcome.ADDED).count()
            assert added == INGEST_ARTICLES, list(upload.items.exclude(outcome="added").values_list("reason")[:3])
            slice_start = time.perf_counter()
            seconds, sliced = ingest_post(client, "slice.jsonl", ingest_jsonl(run, texts, OVERLAP))
            overlap.samples.append(seconds)
            upload_read_wait(sliced)
            overlap_read.samples.append(time.perf_counter() - slice_start)
            others = sliced.items.exclude(outcome=Outcome.DUPLICATE)
            assert not others.exists(), (others.count(), list(others.values_list("outcome", "reason")[:3]))
            ingest_wait(INGEST_ARTICLES)
            tagged.samples.append(time.perf_counter() - start)
            failed.samples.append(Article.objects.filter(status=ArticleStatus.FAILED).count())
            claims.samples.append(Claim.objects.count() / INGEST_ARTICLES)
    finally:
        ingest_workers_stop(workers)
    return [answered, accepted, tagged, overlap, overlap_read, failed, claims, *ingest_zip_read(queue, client, intake)]


def ingest_zip_read(queue: str, client: Any, intake: tuple[str, list[str], int]) -> list[Measurement]:
    """The zip read by the intake worker alone (nothing tags meanwhile), and its pool process's peak memory."""
    import psutil

    from articles.models import Article, Rumour

    answer = Measurement(f"{ZIP_FILES} x 150 KB zip upload: answer", "s", goal="< 1 s")
    read = Measurement(f"{ZIP_FILES} x 150 KB zip read", "s")
    memory = Measurement("reading process peak memory (zip)", "MB", goal="< 300 MB")
    [worker] = ingest_workers_start(queue, [intake])
    try:
        pool = pool_process(psutil.Process(worker.pid))
        for run in range(RUNS):
            Rumour.objects.all().delete()
            Article.objects.all().delete()
            data = ingest_zip(run)
            Path(f"/proc/{pool.pid}/clear_refs").write_text("5")  # resets the process's peak resident memory
            start = time.perf_counter()
            seconds, upload = ingest_post(client, "long.zip", data)
            answer.samples.append(seconds)
            upload_read_wait(upload)
            read.samples.append(time.perf_counter() - start)
            assert upload.items.filter(outcome="added").count() == ZIP_FILES, upload.items.first()
            memory.samples.append(peak_rss_mb(pool.pid))
    finally:
        ingest_workers_stop([worker])
    return [answer, read, memory]


def pool_process(worker: Any) -> Any:
    """The worker's one pool process, the one that runs the tasks (it may start a moment after the worker)."""
    deadline = time.monotonic() + 60
    while not (children := worker.children(recursive=True)):
        if time.monotonic() > deadline:
            raise RuntimeError("the intake worker started no pool process")
        time.sleep(0.2)
    return children[-1]


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory since its last reset (VmHWM, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


INGEST_PROFILED = 1_000


def ingest_per_article() -> list[Measurement]:
    """In this process, with the workers stopped: what one worker spends per article, tagging and the rest.

    The same articles are tagged twice: by the tagger alone, then by the worker's own code (articles_tag, in
    batches of TAG_BATCH_SIZE) with every SQL query counted. The rest is taking, storing and the
    knowledge-base check. The figures are noisy on a shared machine, less than the two-worker total.
    """
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.tagging.pipeline import articles_tag
    from players.gazetteer import gazetteer_from_db
    from tagger import tag_article

    articles = ingest_articles_saved(INGEST_PROFILED)
    gazetteer = gazetteer_from_db()
    with stopwatch() as tagging:
        for article in articles:
            tag_article(text=article.text, title=article.title, gazetteer=gazetteer)
    size = max(1, settings.TAG_BATCH_SIZE)
    with stopwatch() as working, CaptureQueriesContext(connection) as queries:
        for start in range(0, len(articles), size):
            articles_tag(article_ids=[a.pk for a in articles[start : start + size]])
    per_article = 1000 / len(articles)
    return [
        Measurement("SQL queries per article (tagging worker)", "queries", [len(queries) / len(articles)]),
        Measurement("ms per article: tagger (1 core)", "ms", [tagging[0] * per_article]),
        Measurement("ms per article: take, store, KB check", "ms", [(working[0] - tagging[0]) * per_article]),
    ]


def ingest_articles_saved(count: int) -> list[Any]:
    """Pending articles saved straight to the database: no task is queued for them."""
    from articles.ingest.similar import text_anchors
    from articles.models import Article, Rumour, content_hash

    Rumour.objects.all().delete()
    Article.objects.all().delete()
    texts = ingest_texts(RUNS, count)
    return Article.objects.bulk_create(
        Article(title=f"Profiled {n}", text=text, content_hash=content_hash(text), anchors=text_anchors(text))
        for n, text in enumerate(texts)
    )


LIKELIHOOD_LINKS = 3_000


@suite
def likelihood() -> list[Measurement]:
    """On generated history with known outlet accuracies: the walk-forward backtest against its two baselines, and
    how many outlets' track records hold their known accuracy within their 95% interval."""
    from articles.rumours.likelihood import backtest, examples_build, history_load
    from articles.rumours.records import outlet_records
    from bench.likelihood import history_generate
    from players.models import Outlet

    accuracies = history_generate(links=LIKELIHOOD_LINKS)
    with stopwatch() as elapsed:
        tested = backtest(examples_build(history_load()))
    assert tested is not None
    recovered = 0
    for name, accuracy in accuracies.items():
        low, high = outlet_records(outlet=Outlet.objects.get(name=name))["published"].total.interval
        recovered += low <= accuracy <= high
    return [
        Measurement("Brier score: model", "", [tested.model.brier], goal="< both baselines"),
        Measurement("Brier score: base rate", "", [tested.base_rate.brier]),
        Measurement("Brier score: stage alone", "", [tested.stage_alone.brier]),
        Measurement("log loss: model", "", [tested.model.log_loss]),
        Measurement("log loss: base rate", "", [tested.base_rate.log_loss]),
        Measurement("log loss: stage alone", "", [tested.stage_alone.log_loss]),
        Measurement(
            "outlets whose known accuracy is in the interval", "outlets", [recovered], goal=f"{len(accuracies)}"
        ),
        Measurement("backtest time", "s", elapsed),
    ]


@suite
def alerts() -> list[Measurement]:
    """Alerts for 1,000 followers of 100 players: the scan that records them, and the daily digest (bench/alerts.py)."""
    from bench.alerts import alerts_suite

    return alerts_suite(RUNS)
