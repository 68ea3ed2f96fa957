"""review queue: article identity and revisions, claim matching, queue index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 06:40:00

Only operations SQLite does in place (add a column, add or drop an index, create a
table; server defaults as plain strings, since a SQL expression makes Alembic rebuild
the table): rebuilding ``claim`` would run an implicit DELETE with foreign keys on
and cascade to the verdicts. tests/test_migrations.py checks the verdicts survive.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from claims.migrate import has_column, has_index, has_table

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Each step is skipped when it is done already: an older version, killed in the
    # middle of this migration, could leave the `identity` column with no stamp.
    if not has_column("article", "identity"):
        op.add_column("article", sa.Column("identity", sa.Text(), nullable=True))
    # One row per identity: when 0001 stored several texts of one source, the newest
    # carries the identity and becomes the one later revisions update.
    op.execute(
        """
        UPDATE article SET identity = COALESCE(url, source)
        WHERE source <> '-' AND id = (
            SELECT MAX(a2.id) FROM article AS a2
            WHERE COALESCE(a2.url, a2.source) = COALESCE(article.url, article.source)
        )
        """
    )
    if not has_index("article", "ix_article_identity"):
        op.create_index("ix_article_identity", "article", ["identity"], unique=True)

    for column in (
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("gone_revision", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("match_of", sa.Integer(), nullable=True),
    ):
        if not has_column("claim", column.name):
            op.add_column("claim", column)
    if has_index("claim", "ix_claim_queue"):
        op.drop_index("ix_claim_queue", table_name="claim")
    if not has_index("claim", "ix_claim_next"):
        op.create_index("ix_claim_next", "claim", ["status", "score", "created_at", "id"], unique=False)
    if not has_index("claim", "ix_claim_fingerprint"):
        op.create_index(op.f("ix_claim_fingerprint"), "claim", ["fingerprint"], unique=False)
    if not has_index("lease", "ix_lease_reviewer"):
        op.create_index(op.f("ix_lease_reviewer"), "lease", ["reviewer"], unique=False)

    if not has_table("article_revision"):
        op.create_table(
            "article_revision",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("revision", sa.Integer(), nullable=False),
            sa.Column("content_hash", AutoString(length=64), nullable=False),
            sa.Column("checked_at", UTCDateTime(), nullable=False),
            sa.Column("added", sa.Integer(), nullable=False),
            sa.Column("kept", sa.Integer(), nullable=False),
            sa.Column("gone", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("article_id", "revision", name="uq_article_revision"),
        )
    if not has_index("article_revision", "ix_article_revision_article_id"):
        op.create_index(op.f("ix_article_revision_article_id"), "article_revision", ["article_id"], unique=False)
    op.execute(
        """
        INSERT INTO article_revision (article_id, revision, content_hash, checked_at, added, kept, gone)
        SELECT a.id, a.revision, a.content_hash, a.checked_at,
               (SELECT COUNT(*) FROM claim AS c WHERE c.article_id = a.id), 0, 0
        FROM article AS a
        WHERE NOT EXISTS (SELECT 1 FROM article_revision AS r WHERE r.article_id = a.id)
        """
    )
    _backfill_fingerprints()


def _backfill_fingerprints() -> None:
    """Fingerprint the claims stored before 0003 (core SQL: no dependence on today's models)."""
    from claims.matching import fingerprint

    claim = sa.table(
        "claim",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("values", sa.JSON()),
        sa.column("speaker", sa.Text()),
        sa.column("fingerprint", sa.String()),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(claim.c.id, claim.c.kind, claim.c["values"], claim.c.speaker)).all()
    updates = [{"cid": r.id, "fp": fingerprint(r.kind, r[2] or {}, r.speaker)} for r in rows]
    if updates:
        bind.execute(
            claim.update().where(claim.c.id == sa.bindparam("cid")).values(fingerprint=sa.bindparam("fp")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_revision_article_id"))
    op.drop_table("article_revision")
    with op.batch_alter_table("lease", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lease_reviewer"))
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_fingerprint"))
        batch_op.drop_index("ix_claim_next")
        batch_op.create_index("ix_claim_queue", ["status", "score"], unique=False)
        batch_op.drop_column("match_of")
        batch_op.drop_column("fingerprint")
        batch_op.drop_column("gone_revision")
        batch_op.drop_column("revision")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_identity")
        batch_op.drop_column("identity")
