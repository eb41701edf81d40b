# clean: MIG-10
# path: migrations/versions/9a1b2c3d4e5f_backfill_orders_currency.py
"""backfill orders.currency in batches

Revision ID: 9a1b2c3d4e5f
Revises: 8f7e6d5c4b3a
"""
import sqlalchemy as sa
from alembic import op

revision = "9a1b2c3d4e5f"
down_revision = "8f7e6d5c4b3a"

BATCH = 5000


def upgrade():
    with op.get_context().autocommit_block():
        conn = op.get_bind()
        while True:
            result = conn.execute(
                sa.text(
                    "UPDATE orders SET currency = 'USD' "
                    "WHERE id IN (SELECT id FROM orders WHERE currency IS NULL LIMIT :batch)"
                ),
                {"batch": BATCH},
            )
            if result.rowcount == 0:
                break


def downgrade():
    pass
