"""API latency: filtered event lists over 100,000 events in SQLite, through the in-process app.

`python -m benchmarks.api [--events N] [--repeats R]` fills a SQLite store with N synthetic
events (the generator of tests/api/synth.py: 22 actors, every PLOVER type and status, places,
one to three sources per event) by a bulk path (articles and merged events inserted directly,
no NLP), then times `GET /api/events` with the filters analysts use (actor, source/target,
type, status, date range, place, words, threat status; first and deep pages; both sort
orders) over the ASGI app in process. Prints p50/p95 per query and overall; the target is an
overall p95 under 100 ms. Each request is also timed in process CPU time (``*_cpu_ms``): on a
machine shared with other work the wall time includes waiting for a core, the CPU time does
not. Results also go to benchmarks/out/api.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from tests.api.synth import ACTORS, PLACES, bulk

from threatline.api import create_app
from threatline.ids import record_id
from threatline.models import Article
from threatline.store import schema as t
from threatline.store.sql import SqlStore

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

__all__ = ["QUERIES", "fill", "run"]

OUT = Path(__file__).resolve().parent / "out"
TARGET_P95_MS = 100.0
_CHUNK = 1000

QUERIES: dict[str, str] = {
    "first page": "limit=50",
    "newest first": "sort=-date&limit=50",
    "deep page": "limit=50&offset=60000",
    "actor": "actor=IRN&limit=50",
    "actor, newest, page 10": "actor=IRN&sort=-date&limit=50&offset=450",
    "source+target+type": "source=HOUTHIS&target=USA&type=ASSAULT&limit=50",
    "type": "type=ASSAULT&sort=-date&limit=50",
    "status": "status=denied&limit=50",
    "date range": "since=2024-03-01&until=2024-03-31&limit=50",
    "date range + type": "since=2023-06-01&until=2023-12-31&type=SANCTION&limit=100",
    "place": "place=IRQ&limit=50&offset=200",
    "place name": "place=baghdad&limit=50",
    "text": "text=sanctions&limit=50",
    "text + actor": "text=missile strikes&actor=USA&sort=-date&limit=50",
    "text, rare": "text=prisoner exchange&since=2024-01-01&limit=50",
    "threat status": "threat_status=pending&limit=50",
    "everything": "actor=ISR&type=ASSAULT&status=occurred&since=2023-01-01&until=2024-12-31"
    "&text=strikes&limit=25&offset=25",
}


# Other endpoints and pages, timed for information (not part of the target).
OTHERS: dict[str, str] = {
    "actors": "/api/actors?limit=100",
    "actor detail": "/api/actors/IRN?limit=50",
    "event detail": "/api/events/{event}",
    "threat board": "/api/threats?limit=30",
    "stats (chart + map)": "/api/stats?places=200",
    "documents": "/api/documents?limit=50",
    "page: timeline": "/",
    "page: actor": "/actors/IRN",
    "page: threats": "/threats",
}


def _article_row(a: Article, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": a.id,
        "content_hash": a.content_hash,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published,
        "published_estimated": False,
        "window_start": None,
        "window_end": None,
        "source": a.source,
        "raw": a.raw,
        "text": a.text,
        "removed": [s.model_dump() for s in a.removed],
        "n_actors": 0,
        "n_events": a.text.count(". ") + 1,
        "n_quotes": 0,
        "run_id": None,
        "ingested_at": now,
    }


def fill(store: SqlStore, n_events: int, seed: int = 7) -> dict[str, float]:
    """Bulk-load ``n_events`` synthetic events (and their articles, places, actors)."""
    start = time.perf_counter()
    articles, events = bulk(n_events, seed=seed)
    generated = time.perf_counter() - start
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        rows = [_article_row(a, now) for a in articles]
        for i in range(0, len(rows), _CHUNK):
            conn.execute(t.articles.insert(), rows[i : i + _CHUNK])
        conn.execute(
            t.places.insert(),
            [{"id": record_id("pl", p.name, p.country), **p.model_dump()} for p in PLACES],
        )
        conn.execute(
            t.actors.insert(),
            [
                {"code": a.code, "name": a.name, "kind": a.kind, "sector": a.sector,
                 "country": a.code if a.code and len(a.code) == 3 else None}
                for a in ACTORS
            ],
        )  # fmt: skip
    store.replace_events(events, {})
    return {
        "generate_seconds": round(generated, 1),
        "load_seconds": round(time.perf_counter() - start - generated, 1),
        "articles": len(articles),
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(n_events: int = 100_000, repeats: int = 20, db: Path | None = None) -> dict[str, Any]:
    """Fill a fresh SQLite store (or reuse ``db`` if it already holds ``n_events`` events), then
    time every query of QUERIES ``repeats`` times."""
    with tempfile.TemporaryDirectory(prefix="threatline-bench-") as tmp:
        path = db or Path(tmp) / "api.db"
        store = SqlStore(f"sqlite:///{path}")
        setup: dict[str, Any] = {"reused": True}
        if store.count_events() != n_events:
            store.close()
            path.unlink(missing_ok=True)
            store = SqlStore(f"sqlite:///{path}")
            setup = fill(store, n_events)
        per_query: dict[str, dict[str, Any]] = {}
        everything: list[float] = []
        all_cpu: list[float] = []
        others: dict[str, dict[str, Any]] = {}
        with TestClient(create_app(store)) as client:
            for name, query in QUERIES.items():
                url = f"/api/events?{query}"
                first = client.get(url)  # warm the page cache and the route
                if first.status_code != 200:
                    raise RuntimeError(f"{url}: {first.status_code} {first.text}")
                times: list[float] = []
                cpu: list[float] = []
                for _ in range(repeats):
                    t0, c0 = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                    assert response.status_code == 200
                everything += times
                all_cpu += cpu
                per_query[name] = {
                    "query": query,
                    "total": first.json()["total"],
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(_percentile(times, 0.95), 1),
                    "p95_cpu_ms": round(_percentile(cpu, 0.95), 1),
                }
            event = client.get("/api/events?limit=1&sort=-date").json()["items"][0]["id"]
            for name, template in OTHERS.items():
                url = template.format(event=event)
                times = []
                for _ in range(max(3, repeats // 4) + 1):
                    t0 = time.perf_counter()
                    assert client.get(url).status_code == 200, url
                    times.append((time.perf_counter() - t0) * 1000)
                others[name] = {"url": url, "median_ms": round(statistics.median(times[1:]), 1)}
        store.close()
    p95 = _percentile(everything, 0.95)
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}",
        "events": n_events,
        "requests": len(everything),
        **setup,
        "p50_ms": round(statistics.median(everything), 1),
        "p95_ms": round(p95, 1),
        "p50_cpu_ms": round(statistics.median(all_cpu), 1),
        "p95_cpu_ms": round(_percentile(all_cpu, 0.95), 1),
        "target_p95_ms": TARGET_P95_MS,
        "target_met": p95 < TARGET_P95_MS,
        "queries": per_query,
        "other_endpoints": others,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--db", type=Path, help="keep the store in this file (reused when it fits)")
    args = ap.parse_args()
    result = run(args.events, args.repeats, args.db)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "api.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
