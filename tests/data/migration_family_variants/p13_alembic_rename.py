# want: MIG-05
# path: migrations/versions/5c1d3e4f6a92_rename_orders_state.py
"""rename orders.state to status

Revision ID: 5c1d3e4f6a92
Revises: 4b0c2d3e5f81
"""
from alembic import op

revision = "5c1d3e4f6a92"
down_revision = "4b0c2d3e5f81"


def upgrade() -> None:
    op.alter_column("orders", "state", new_column_name="status")


def downgrade() -> None:
    op.alter_column("orders", "status", new_column_name="state")
