# want: MIG-03
# path: migrations/versions/3c9d1e2f4a70_index_orders_placed_at.py
"""index orders.placed_at

Revision ID: 3c9d1e2f4a70
Revises: 2b8c0d1e3f6a
"""
from alembic import op

revision = "3c9d1e2f4a70"
down_revision = "2b8c0d1e3f6a"


def upgrade() -> None:
    op.create_index("ix_orders_placed_at", "orders", ["placed_at"])


def downgrade() -> None:
    op.drop_index("ix_orders_placed_at", table_name="orders")
