"""file_results: each file's result cached for incremental runs (replaces the unused extractions table)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "file_results",
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("cache_key", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("survey_id", "cache_key"),
    )
    op.create_index("ix_file_results_sha256", "file_results", ["sha256"])
    op.drop_table("extractions")


def downgrade() -> None:
    """Undo this migration."""
    op.create_table(
        "extractions",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=False),
        sa.Column("question_key", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("locator", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "survey_id", "extractor_version", "question_key"),
    )
    op.drop_index("ix_file_results_sha256", table_name="file_results")
    op.drop_table("file_results")
