# want: MIG-02
# path: migrations/versions/6f2a4b5c7d03_orders_region_required.py
"""orders.region required

Revision ID: 6f2a4b5c7d03
Revises: 5e1f3a4b6c92
"""
import sqlalchemy as sa
from alembic import op

revision = "6f2a4b5c7d03"
down_revision = "5e1f3a4b6c92"


def upgrade() -> None:
    op.alter_column("orders", "region", existing_type=sa.String(length=8), nullable=False)


def downgrade() -> None:
    op.alter_column("orders", "region", existing_type=sa.String(length=8), nullable=True)
