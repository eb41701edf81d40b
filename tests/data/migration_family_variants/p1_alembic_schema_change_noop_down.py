# want: ALEMBIC-IRREVERSIBLE
# path: migrations/versions/5e6f7a8b9c0d_orders_region.py
"""orders.region

Revision ID: 5e6f7a8b9c0d
Revises: 1a2b3c4d5e6f
"""
import sqlalchemy as sa
from alembic import op

revision = "5e6f7a8b9c0d"
down_revision = "1a2b3c4d5e6f"


def upgrade() -> None:
    op.add_column("orders", sa.Column("region", sa.String(16), nullable=True))
    op.execute("UPDATE orders SET region = 'eu' WHERE id < 1000")


def downgrade() -> None:
    pass
