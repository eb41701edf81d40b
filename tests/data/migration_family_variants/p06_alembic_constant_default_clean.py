# clean: MIG-08
# path: migrations/versions/8b4c6d7e9f25_orders_source.py
"""orders.source

Revision ID: 8b4c6d7e9f25
Revises: 7a3b5c6d8e14
"""
import sqlalchemy as sa
from alembic import op

revision = "8b4c6d7e9f25"
down_revision = "7a3b5c6d8e14"


def upgrade() -> None:
    op.add_column("orders", sa.Column("source", sa.String(length=16), server_default="web", nullable=False))


def downgrade() -> None:
    op.drop_column("orders", "source")
