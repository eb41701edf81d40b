# clean: MIG-10
# path: migrations/versions/2d8e0f1a3b69_backfill_events_region.py
"""backfill events.region row by row, committing as it goes

Revision ID: 2d8e0f1a3b69
Revises: 1c7d9e0f2a58
"""
import sqlalchemy as sa
from alembic import op

revision = "2d8e0f1a3b69"
down_revision = "1c7d9e0f2a58"


def upgrade() -> None:
    conn = op.get_bind()
    with op.get_context().autocommit_block():
        rows = conn.execute(sa.text("SELECT id, country FROM events")).fetchall()
        for row in rows:
            conn.execute(sa.text("UPDATE events SET region = :r WHERE id = :id"), {"r": row.country[:2], "id": row.id})


def downgrade() -> None:
    pass
