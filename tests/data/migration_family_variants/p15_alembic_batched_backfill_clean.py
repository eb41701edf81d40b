# clean: MIG-10
# path: migrations/versions/7e3f5a6b8c14_backfill_orders_channel.py
"""backfill orders.channel in batches outside the migration transaction

Revision ID: 7e3f5a6b8c14
Revises: 6d2e4f5a7b03
"""
import sqlalchemy as sa
from alembic import op

revision = "7e3f5a6b8c14"
down_revision = "6d2e4f5a7b03"

BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    with op.get_context().autocommit_block():
        while True:
            done = conn.execute(
                sa.text(
                    "UPDATE orders SET channel = 'web' WHERE id IN ("
                    "SELECT id FROM orders WHERE channel IS NULL LIMIT :batch)"
                ),
                {"batch": BATCH},
            ).rowcount
            if not done:
                break


def downgrade() -> None:
    pass
