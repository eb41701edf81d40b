# want: MIG-04
# path: migrations/versions/9c5d7e8f0a36_orders_total_numeric.py
"""orders.total to numeric

Revision ID: 9c5d7e8f0a36
Revises: 8b4c6d7e9f25
"""
import sqlalchemy as sa
from alembic import op

revision = "9c5d7e8f0a36"
down_revision = "8b4c6d7e9f25"


def upgrade() -> None:
    op.alter_column(
        "orders",
        "total",
        existing_type=sa.Integer(),
        type_=sa.Numeric(precision=12, scale=2),
        postgresql_using="total::numeric(12,2)",
    )


def downgrade() -> None:
    op.alter_column("orders", "total", existing_type=sa.Numeric(12, 2), type_=sa.Integer())
