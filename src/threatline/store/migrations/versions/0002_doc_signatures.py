"""crossdoc: MinHash signatures of articles (incremental near-duplicate search) and the
articles' own publication estimates (order-independent cross-article dating)

Revision ID: 0002_doc_signatures
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_doc_signatures"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "doc_signatures",
        sa.Column("doc", sa.String(length=512), nullable=False),
        sa.Column("scheme", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc"],
            ["articles.id"],
            name=op.f("fk_doc_signatures_doc_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc", "scheme", name=op.f("pk_doc_signatures")),
    )
    op.create_table(
        "article_estimates",
        sa.Column("doc", sa.String(length=512), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["doc"],
            ["articles.id"],
            name=op.f("fk_article_estimates_doc_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc", name=op.f("pk_article_estimates")),
    )


def downgrade() -> None:
    op.drop_table("article_estimates")
    op.drop_table("doc_signatures")
