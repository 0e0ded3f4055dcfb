"""api indexes: dyad and threat-status indexes; on SQLite a narrow covering index of the filter
columns in date order and a (country, place) index (the REST API's filtered, paginated event
lists and map counts at 100,000 events)

Revision ID: 0003_api_indexes
Revises: 0002_doc_signatures
"""

from __future__ import annotations

from alembic import op

revision = "0003_api_indexes"
down_revision = "0002_doc_signatures"
branch_labels = None
depends_on = None

SCAN_COLUMNS = [
    "date", "id", "type", "status", "source_code", "target_code", "country", "place",
    "threat_status", "historical", "search",
]  # fmt: skip


def upgrade() -> None:
    op.create_index(
        op.f("ix_events_source_code_target_code_date"),
        "events",
        ["source_code", "target_code", "date"],
    )
    op.create_index(op.f("ix_events_threat_status_date"), "events", ["threat_status", "date"])
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_events_filter_scan", "events", SCAN_COLUMNS)
        op.create_index(op.f("ix_events_country_place"), "events", ["country", "place"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(op.f("ix_events_country_place"), table_name="events")
        op.drop_index("ix_events_filter_scan", table_name="events")
    op.drop_index(op.f("ix_events_threat_status_date"), table_name="events")
    op.drop_index(op.f("ix_events_source_code_target_code_date"), table_name="events")
