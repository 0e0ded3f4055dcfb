"""Rich tables of an :class:`~threatline.eval.report.EvalReport`.

Figures that cannot be computed (nothing predicted, nothing in gold) are shown as "n/a", never
as a flattering number.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table

from threatline.eval.report import PRF, EvalReport, Rate

__all__ = ["fmt", "render", "render_tables"]

_ATTRIBUTE_LABELS = {
    "date": "event date (compatible)",
    "status": "event status",
    "threatened_type": "threatened type (THREATEN)",
    "location": "event location",
    "killed": "killed (>= gold)",
    "injured": "injured (>= gold)",
}


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _prf_row(table: Table, label: str, prf: PRF) -> None:
    table.add_row(
        label,
        fmt(prf.precision),
        fmt(prf.recall),
        fmt(prf.f1),
        str(prf.tp),
        str(prf.gold),
        str(prf.predicted),
    )


def _rate_row(table: Table, label: str, rate: Rate) -> None:
    table.add_row(label, fmt(rate.value), f"{rate.correct}/{rate.total}")


def render_tables(report: EvalReport, per_doc: bool = True) -> list[Table]:
    """Precision/recall/F1 per field, accuracies and rates, and (optionally) one row per doc."""
    overall = report.overall
    title = f"Threatline eval: {report.gold or 'gold'} ({len(report.docs)} docs)"
    prf = Table(title=title)
    for name in ("field", "P", "R", "F1", "matched", "gold", "predicted"):
        prf.add_column(name, justify="left" if name == "field" else "right")
    _prf_row(prf, "events (strict, §2.9)", overall.events.strict)
    _prf_row(prf, "events (core: type+source+target)", overall.events.core)
    _prf_row(prf, "quotes", overall.quotes.all)
    _prf_row(prf, "quotes direct", overall.quotes.direct)
    _prf_row(prf, "quotes reported", overall.quotes.reported)
    _prf_row(prf, "boilerplate lines", overall.boilerplate)

    rates = Table(title="Accuracies and rates")
    rates.add_column("figure")
    rates.add_column("value", justify="right")
    rates.add_column("correct/total", justify="right")
    _rate_row(rates, "main events recall (strict)", overall.events.main_recall)
    _rate_row(rates, "main events recall (core)", overall.events.main_recall_core)
    for name, label in _ATTRIBUTE_LABELS.items():
        _rate_row(rates, f"{label}, core pairs", overall.events.attributes.get(name, Rate()))
    _rate_row(rates, "quote speaker (text+direct found)", overall.quotes.speaker)
    _rate_row(rates, "actor aliases resolved", overall.actors.aliases)
    for kind, rate in overall.actors.by_kind.items():
        _rate_row(rates, f"  aliases: {kind}", rate)
    _rate_row(rates, "actors with an alias resolved", overall.actors.actors)
    _rate_row(rates, "title exact", overall.title)
    _rate_row(rates, "published in window", overall.published.in_window)
    _rate_row(rates, "published = estimate", overall.published.exact)
    tables = [prf, rates]

    if per_doc:
        docs = Table(title="Per document (F1 / rate)")
        for name in ("doc", "events", "core", "quotes", "aliases", "boilerplate", "title", "date"):
            docs.add_column(name, justify="left" if name == "doc" else "right")
        for doc in report.docs:
            s = doc.scores
            docs.add_row(
                doc.doc,
                fmt(s.events.strict.f1),
                fmt(s.events.core.f1),
                fmt(s.quotes.all.f1),
                fmt(s.actors.aliases.value),
                fmt(s.boilerplate.f1),
                fmt(s.title.value),
                fmt(s.published.in_window.value),
            )
        tables.append(docs)
    if report.ignored_docs:
        ignored = Table(title="Predicted documents without gold (not scored)")
        ignored.add_column("doc")
        for name in report.ignored_docs:
            ignored.add_row(name)
        tables.append(ignored)
    return tables


def render(report: EvalReport, per_doc: bool = True) -> Group:
    """All tables as one renderable: ``rich.console.Console().print(render(report))``."""
    return Group(*render_tables(report, per_doc=per_doc))
