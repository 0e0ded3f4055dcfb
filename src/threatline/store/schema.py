"""SQLAlchemy Core schema: one definition for SQLite and PostgreSQL.

Alembic migrations in ``store/migrations`` create and evolve it; this module is the reference
they are checked against (``tests/store/test_migrations.py``).
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["metadata"]

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.String(64), nullable=False),
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("stats", sa.JSON, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("published_estimated", sa.Boolean, nullable=False, default=False),
    sa.Column("window_start", sa.Date),
    sa.Column("window_end", sa.Date),
    sa.Column("source", sa.Text),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("n_actors", sa.Integer, nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_quotes", sa.Integer, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index(None, "published"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32)),
    sa.Column("sector", sa.String(16)),
    sa.Column("country", sa.String(3)),
)

actor_mentions = sa.Table(
    "actor_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "doc", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("code", sa.String(64)),
    sa.Column("name", sa.Text),
    sa.Column("person", sa.Text),
    sa.Column("sector", sa.String(16)),
    sa.Column("role", sa.Text),
    sa.Column("kind", sa.String(32)),
    sa.Column("resolved", sa.Boolean, nullable=False),
    sa.Index(None, "doc"),
    sa.Index(None, "code"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("kind", sa.String(32)),
    sa.Column("geonameid", sa.Integer),
)

# One row per event as extracted from one article (its evidence lies in that article).
event_mentions = sa.Table(
    "event_mentions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column(
        "doc", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("event_id", sa.String(40)),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("source_code", sa.String(64)),
    sa.Column("target_code", sa.String(64)),
    sa.Column("place_id", sa.String(40)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Index(None, "doc"),
    sa.Index(None, "event_id"),
    sa.Index(None, "type", "date"),
)

# The columns of the SQLite-only covering index ix_events_filter_scan (see the events table);
# PostgreSQL gets neither it nor ix_events_country_place (a long text would overflow a btree).
FILTER_SCAN_COLUMNS = (
    "date", "id", "type", "status", "source_code", "target_code", "country", "place",
    "threat_status", "historical", "search",
)  # fmt: skip

# One row per real-world event: the merge of its mentions across articles.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("source_code", sa.String(64)),
    sa.Column("target_code", sa.String(64)),
    sa.Column("country", sa.String(3)),
    sa.Column("place", sa.Text),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("first_reported", sa.Date),
    sa.Column("threat_status", sa.String(16)),
    sa.Column("search", sa.Text, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Index(None, "date"),
    sa.Index(None, "type", "date"),
    sa.Index(None, "source_code", "date"),
    sa.Index(None, "target_code", "date"),
    sa.Index(None, "status", "date"),
    # -- for the REST API's filtered pages (migration 0003_api_indexes) --------------------------
    sa.Index(None, "source_code", "target_code", "date"),
    sa.Index(None, "threat_status", "date"),
    # SQLite only: every filter column in date order, so a filtered page or count reads this
    # narrow index instead of the wide rows (PostgreSQL keeps ``search`` out of btree indexes).
    sa.Index("ix_events_filter_scan", *FILTER_SCAN_COLUMNS).ddl_if(dialect="sqlite"),
    sa.Index(None, "country", "place").ddl_if(dialect="sqlite"),  # map: per country and place
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column(
        "doc", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_code", sa.String(64)),
    sa.Column("speaker_person", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("event_id", sa.String(40)),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Index(None, "doc"),
    sa.Index(None, "speaker_code"),
    sa.Index(None, "date"),
)

doc_links = sa.Table(
    "doc_links",
    metadata,
    sa.Column(
        "doc_a", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "doc_b", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("line", sa.Integer),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("doc", sa.String(512)),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# MinHash signature of each article's cleaned text, per signature scheme (near-duplicate search
# without recomputing the stored articles; see crossdoc/dedup.py).
doc_signatures = sa.Table(
    "doc_signatures",
    metadata,
    sa.Column(
        "doc", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("scheme", sa.String(64), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

# The publication date an article's own clues gave (when estimated), kept so that cross-article
# dating always starts again from it: the refined date is a function of what is stored, not of
# the order in which articles arrived.
article_estimates = sa.Table(
    "article_estimates",
    metadata,
    sa.Column(
        "doc", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("published", sa.Date),
    sa.Column("window_start", sa.Date),
    sa.Column("window_end", sa.Date),
)
