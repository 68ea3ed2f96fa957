"""verdict binding: each verdict keeps the claim as it was judged, its public sentence and its rating's values

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 15:30:00

A verdict now records the claim's text, quote, normalized values, speaker and sentence
at the moment it was given, so a revision of the article that changes the claim's facts
can tell the verdict no longer applies. It also records the ClaimReview sentence the
editor signed (when they corrected it), the rating's normalized value and ClaimReview
numbers on the scale of the day, and the verdict it confirmed (a data link, never text).
The article records how many claims the extractor found, when more than were kept, and
each revision how many claims lost their verdict to a change of facts.

Only columns are added (SQLite does it in place: no table rebuild, no cascade to the
verdicts). Verdicts given before this revision are bound to the claim as it is now (the
best that is known), and take their rating's values from the scale in use now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SNAPSHOT = ("claim_text", "claim_quote", "claim_speaker", "claim_sentence")


def upgrade() -> None:
    with op.batch_alter_table("verdict", schema=None) as batch_op:
        for name in _SNAPSHOT:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("claim_values", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("claim_reviewed", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("normalized", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("rating_value", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("best_rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("worst_rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("based_on", sa.Integer(), nullable=True))
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claims_found", sa.Integer(), nullable=True))
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changed", sa.Integer(), nullable=False, server_default="0"))
    _backfill()


def _backfill() -> None:
    """Bind the verdicts stored before 0004 to their claim as it is now (core SQL, no models)."""
    from claims.errors import InvalidInput
    from claims.ratings import load_scale

    scale = load_scale()
    verdict = sa.table(
        "verdict",
        sa.column("id", sa.Integer()),
        sa.column("claim_id", sa.Integer()),
        sa.column("rating", sa.String()),
        *(sa.column(name, sa.Text()) for name in _SNAPSHOT),
        sa.column("claim_values", sa.JSON()),
        sa.column("normalized", sa.String()),
        sa.column("rating_value", sa.Integer()),
        sa.column("best_rating", sa.Integer()),
        sa.column("worst_rating", sa.Integer()),
    )
    claim = sa.table(
        "claim",
        sa.column("id", sa.Integer()),
        sa.column("text", sa.Text()),
        sa.column("quote", sa.Text()),
        sa.column("speaker", sa.Text()),
        sa.column("sentence", sa.Text()),
        sa.column("values", sa.JSON()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            verdict.c.id, verdict.c.rating, claim.c.text, claim.c.quote, claim.c.speaker, claim.c.sentence,
            claim.c["values"],
        ).join(claim, claim.c.id == verdict.c.claim_id)
    ).all()  # fmt: skip
    updates = []
    for row in rows:
        try:
            rating = scale.get(row.rating)
            numbers = {"norm": rating.normalized, "value": rating.value, "best": scale.best, "worst": scale.worst}
        except InvalidInput:
            numbers = {"norm": None, "value": None, "best": None, "worst": None}
        updates.append(
            {"vid": row.id, "text": row.text, "quote": row.quote, "speaker": row.speaker, "sentence": row.sentence,
             "vals": row[6] or {}, **numbers}
        )  # fmt: skip
    if updates:
        bind.execute(
            verdict.update()
            .where(verdict.c.id == sa.bindparam("vid"))
            .values(
                claim_text=sa.bindparam("text"),
                claim_quote=sa.bindparam("quote"),
                claim_speaker=sa.bindparam("speaker"),
                claim_sentence=sa.bindparam("sentence"),
                claim_values=sa.bindparam("vals", type_=sa.JSON()),
                normalized=sa.bindparam("norm"),
                rating_value=sa.bindparam("value"),
                best_rating=sa.bindparam("best"),
                worst_rating=sa.bindparam("worst"),
            ),
            updates,
        )


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch rebuild of
    # ``article`` would drop the table and cascade to its claims.
    op.execute("ALTER TABLE article_revision DROP COLUMN changed")
    op.execute("ALTER TABLE article DROP COLUMN claims_found")
    for name in (
        "based_on", "worst_rating", "best_rating", "rating_value", "normalized", "claim_reviewed", "claim_values",
        *reversed(_SNAPSHOT),
    ):  # fmt: skip
        op.execute(f"ALTER TABLE verdict DROP COLUMN {name}")
