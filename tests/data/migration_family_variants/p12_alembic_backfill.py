# want: MIG-10
# path: migrations/versions/4b0c2d3e5f81_orders_region_backfill.py
"""backfill orders.region

Revision ID: 4b0c2d3e5f81
Revises: 3a9b1c2d4e70
"""
import sqlalchemy as sa
from alembic import op

revision = "4b0c2d3e5f81"
down_revision = "3a9b1c2d4e70"


def upgrade() -> None:
    op.add_column("orders", sa.Column("region", sa.String(length=8), nullable=True))
    op.execute("UPDATE orders SET region = 'eu'")


def downgrade() -> None:
    op.drop_column("orders", "region")
