# want: MIG-12
# path: migrations/versions/5e1f3a4b6c92_index_orders_channel.py
"""index orders.channel

Revision ID: 5e1f3a4b6c92
Revises: 4d0e2f3a5b81
"""
from alembic import op

revision = "5e1f3a4b6c92"
down_revision = "4d0e2f3a5b81"


def upgrade() -> None:
    op.create_index("ix_orders_channel", "orders", ["channel"], postgresql_concurrently=True)


def downgrade() -> None:
    op.drop_index("ix_orders_channel", table_name="orders")
