"""publications: one row per published version, and the answers each version published

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "publications",
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"]),
        sa.PrimaryKeyConstraint("survey_id", "version"),
    )
    op.create_table(
        "published_answers",
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("council_code", sa.String(length=16), nullable=False),
        sa.Column("question_key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_locator", sa.String(length=200), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["survey_id", "version"], ["publications.survey_id", "publications.version"]),
        sa.PrimaryKeyConstraint("survey_id", "version", "council_code", "question_key"),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("published_answers")
    op.drop_table("publications")
