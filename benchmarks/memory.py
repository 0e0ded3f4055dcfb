"""Peak memory of an ingest: RSS of the main process and of every worker, sampled while it runs.

The ingest runs in a child process (``python -m benchmarks.memory --child ...``), which calls the
library's ``ingest()`` exactly as the CLI does; this process samples the RSS of the child and of
all its descendants (pool or Dask workers) with psutil every 0.2 s. ``pipeline`` chooses what
runs per article: ``full`` (``build_pipeline``: everything the lead has wired in), ``clean``
(the clean stage only) or ``none`` (no per-article stage: sources, dedup, runner and store only,
i.e. the streaming path itself).

``python -m benchmarks.memory --articles 100000 [--workers 2] [--pipeline none]`` prints JSON;
``--sizes 10000,30000`` runs several sizes to show that memory is flat with size;
``--refresh DB`` measures ``refresh()`` (the cross-article stages) alone over an existing store.
``run(n_articles) -> dict`` is the entry point for ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.corpus import write_jsonl

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
SAMPLE_SECONDS = 0.2

__all__ = ["measure_ingest", "measure_refresh", "run"]


def clean_only(settings: Any) -> Any:
    """Pipeline factory: the clean stage only (importable by spawned workers)."""
    from threatline.pipeline import build_pipeline

    return build_pipeline(settings, with_nlp=False)


def no_stages(settings: Any) -> Any:
    """Pipeline factory: no per-article stage at all."""
    from threatline.pipeline import Pipeline

    return Pipeline([])


def _child(
    corpus: str, db: str, *, workers: int, pipeline: str, dask: str | None, refresh: bool
) -> None:
    """Run one ingest and print its report (and progress timestamps) as JSON."""
    import threatline.ingest
    from threatline.config import load_settings
    from threatline.ingest import ingest
    from threatline.pipeline import build_pipeline
    from threatline.runners import make_runner
    from threatline.store import open_store

    factory = {"full": build_pipeline, "clean": clean_only, "none": no_stages}[pipeline]
    if not refresh:  # the per-article phase alone
        threatline.ingest.refresh = lambda store: 0
    settings = load_settings(db=db, workers=workers)
    marks: list[tuple[float, int]] = []  # one per batch: small next to what is measured

    def progress(done: int, failed: int) -> None:
        marks.append((time.perf_counter(), done))

    start = time.perf_counter()
    # The full pipeline as the CLI runs it: ingest() makes (and closes) its own runner.
    own = pipeline == "full" and not dask
    runner = None if own else make_runner(settings, dask=dask, factory=factory)
    with open_store(settings.db) as store:  # type: ignore[attr-defined]
        report = ingest([corpus], store, settings, runner=runner, progress=progress)
    if runner is not None:
        runner.close()
    out = report.as_dict()
    out["wall_seconds"] = round(time.perf_counter() - start, 3)
    if len(marks) >= 5:
        # Steady state: from 20% to 90% of the batches (start-up and drain left out).
        (t0, n0), (t1, n1) = marks[len(marks) // 5], marks[len(marks) * 9 // 10]
        out["first_batch_seconds"] = round(marks[0][0] - start, 3)
        out["steady_articles_per_second"] = round((n1 - n0) / (t1 - t0), 2) if t1 > t0 else None
    print(json.dumps(out), flush=True)


def measure_ingest(
    corpus: Path,
    db: str,
    *,
    workers: int = 1,
    pipeline: str = "full",
    dask: str | None = None,
    refresh: bool = True,
) -> dict[str, Any]:
    """Ingest ``corpus`` into ``db`` in a child process; its report plus peak RSS figures.

    Without ``refresh`` the cross-article stages are left out (the per-article phase alone)."""
    cmd = [sys.executable, "-m", "benchmarks.memory", "--child", str(corpus), db,
           str(workers), pipeline, dask or "", "refresh" if refresh else ""]  # fmt: skip
    report, peaks = _sampled(cmd)
    report.update(
        {
            "workers": workers,
            "pipeline": pipeline,
            "dask": dask,
            "refresh": refresh,
            **peaks,
        }
    )
    return report


def _sampled(cmd: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run ``cmd`` (a child that prints its report as its last line of JSON), sampling the RSS of
    it and of its descendants; its report and the peaks."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    main = psutil.Process(proc.pid)
    peak_main = peak_worker = peak_total = 0
    workers_seen: set[int] = set()
    while proc.poll() is None:
        try:
            rss_main = main.memory_info().rss
            kids = main.children(recursive=True)
        except psutil.Error:
            break
        rss_kids = []
        for kid in kids:
            try:
                rss_kids.append(kid.memory_info().rss)
                workers_seen.add(kid.pid)
            except psutil.Error:
                continue
        peak_main = max(peak_main, rss_main)
        peak_worker = max([peak_worker, *rss_kids])
        peak_total = max(peak_total, rss_main + sum(rss_kids))
        time.sleep(SAMPLE_SECONDS)
    stdout, _ = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed with status {proc.returncode}")
    report: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return report, {
        "child_processes_seen": len(workers_seen),
        "peak_rss_mb_main": round(peak_main / MB, 1),
        "peak_rss_mb_worker": round(peak_worker / MB, 1),
        "peak_rss_mb_total": round(peak_total / MB, 1),
    }


def _refresh_child(db: str) -> None:
    """Run the cross-article stages over a store and print their report as JSON."""
    from threatline.crossdoc.refresh import run_crossdoc
    from threatline.store import open_store

    start = time.perf_counter()
    with open_store(db) as store:
        report = run_crossdoc(store)
    out = dict(vars(report))
    out["wall_seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(out), flush=True)


def measure_refresh(db: str) -> dict[str, Any]:
    """Peak RSS of ``refresh()`` (every cross-article stage) over an existing store, alone."""
    report, peaks = _sampled([sys.executable, "-m", "benchmarks.memory", "--refresh-child", db])
    report["peak_rss_mb"] = peaks["peak_rss_mb_main"]
    return report


def run(n_articles: int = 100_000, *, workers: int = 2, pipeline: str = "full") -> dict[str, Any]:
    """Peak memory of ingesting ``n_articles`` generated articles into SQLite."""
    with tempfile.TemporaryDirectory(prefix="threatline-mem-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_jsonl(corpus, n_articles, seed=5)
        start = time.perf_counter()
        out = measure_ingest(corpus, f"sqlite:///{tmp}/mem.db", workers=workers, pipeline=pipeline)
        out["articles"] = n_articles
        out["words"] = words
        out["corpus_mb"] = round(corpus.stat().st_size / MB, 1)
        out["measure_seconds"] = round(time.perf_counter() - start, 1)
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--refresh-child":
        _refresh_child(sys.argv[2])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        corpus, db, workers, pipeline, dask, refresh = sys.argv[2:8]
        _child(
            corpus,
            db,
            workers=int(workers),
            pipeline=pipeline,
            dask=dask or None,
            refresh=refresh == "refresh",
        )
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--sizes", help="comma-separated sizes instead of --articles, e.g. 10000,30000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pipeline", choices=["full", "clean", "none"], default="full")
    ap.add_argument("--refresh", metavar="DB", help="measure refresh() alone over this store")
    args = ap.parse_args()
    if args.refresh:
        print(json.dumps(measure_refresh(args.refresh)), flush=True)
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.articles]
    for n in sizes:
        print(json.dumps(run(n, workers=args.workers, pipeline=args.pipeline)), flush=True)


if __name__ == "__main__":
    main()
