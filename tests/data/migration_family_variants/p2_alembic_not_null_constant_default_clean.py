# clean: MIG-02
# path: migrations/versions/0a1b2c3d4e5f_orders_priority.py
"""add orders.priority

Revision ID: 0a1b2c3d4e5f
Revises: 9a1b2c3d4e5f
"""
import sqlalchemy as sa
from alembic import op

revision = "0a1b2c3d4e5f"
down_revision = "9a1b2c3d4e5f"


def upgrade():
    op.add_column(
        "orders",
        sa.Column("priority", sa.SmallInteger(), nullable=False, server_default=sa.text("0")),
    )


def downgrade():
    op.drop_column("orders", "priority")
