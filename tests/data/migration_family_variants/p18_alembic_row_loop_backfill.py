# want: MIG-10
# path: migrations/versions/9a5b7c8d0e36_backfill_events_source.py
"""backfill events.source from the payload

Revision ID: 9a5b7c8d0e36
Revises: 8f4a6b7c9d25
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "9a5b7c8d0e36"
down_revision = "8f4a6b7c9d25"


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, payload FROM events")).fetchall()
    for row in rows:
        source = json.loads(row.payload).get("source", "api")
        conn.execute(sa.text("UPDATE events SET source = :s WHERE id = :id"), {"s": source, "id": row.id})


def downgrade() -> None:
    pass
