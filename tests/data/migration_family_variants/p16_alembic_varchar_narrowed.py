# want: MIG-04
# path: migrations/versions/1a7f9a0b2c58_orders_code_shorter.py
"""orders.note to text

Revision ID: 0d6e8f9a1b47
Revises: 9c5d7e8f0a36
"""
import sqlalchemy as sa
from alembic import op

revision = "0d6e8f9a1b47"
down_revision = "9c5d7e8f0a36"


def upgrade() -> None:
    op.alter_column("orders", "note", existing_type=sa.String(length=255), type_=sa.String(length=64))


def downgrade() -> None:
    op.alter_column("orders", "note", existing_type=sa.String(length=64), type_=sa.String(length=255))
