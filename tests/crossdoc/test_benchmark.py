"""The merge benchmark is importable and its generator produces what it claims."""

from __future__ import annotations

from collections import Counter

from benchmarks.merge import generate, run


def test_generator_has_duplicates_and_coarse_dates() -> None:
    mentions, truth = generate(3000, seed=1)
    assert len(mentions) == len(truth) == 3000
    sizes = Counter(truth.values())
    assert max(sizes.values()) > 1 and min(sizes.values()) == 1
    precisions = Counter(m.date.precision.value if m.date else None for m in mentions)
    assert set(precisions) == {"day", "month", "year", None}
    assert generate(3000, seed=1)[1] == truth  # reproducible


def test_run_reports_time_memory_and_quality() -> None:
    result = run(2000, sizes=(500,))
    assert result["mentions"] == 2000 and set(result["seconds_by_size"]) == {"500", "2000"}
    assert result["peak_memory_mb"] > 0
    assert result["merged_events"] >= result["true_events"] * 0.9
    assert result["b3_f1"] > 0.9  # the merge recovers the generated events
