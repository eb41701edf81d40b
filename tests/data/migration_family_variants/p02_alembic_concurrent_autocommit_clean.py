# clean: MIG-03
# path: migrations/versions/4d0e2f3a5b81_index_orders_shipped_at.py
"""index orders.shipped_at concurrently

Revision ID: 4d0e2f3a5b81
Revises: 3c9d1e2f4a70
"""
from alembic import op

revision = "4d0e2f3a5b81"
down_revision = "3c9d1e2f4a70"


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_orders_shipped_at",
            "orders",
            ["shipped_at"],
            postgresql_concurrently=True,
            if_not_exists=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_shipped_at", table_name="orders", postgresql_concurrently=True)
