# want: MIG-08
# path: migrations/versions/7a3b5c6d8e14_orders_public_id.py
"""orders.public_id

Revision ID: 7a3b5c6d8e14
Revises: 6f2a4b5c7d03
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "7a3b5c6d8e14"
down_revision = "6f2a4b5c7d03"


def upgrade() -> None:
    op.add_column(
        "orders",
        sa.Column("public_id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("orders", "public_id")
