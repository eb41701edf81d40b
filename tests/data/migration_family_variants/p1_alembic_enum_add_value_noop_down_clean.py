# clean: ALEMBIC-IRREVERSIBLE
# path: migrations/versions/b7a1c9d2e3f4_order_status_refunded.py
"""add 'refunded' to order_status

Revision ID: b7a1c9d2e3f4
Revises: 5d0e8f1a2b3c
"""
from alembic import op

revision = "b7a1c9d2e3f4"
down_revision = "5d0e8f1a2b3c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'")


def downgrade() -> None:
    # PostgreSQL has no way to remove an enum value; leaving it is harmless.
    pass
