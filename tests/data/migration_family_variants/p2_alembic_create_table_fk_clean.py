# clean: MIG-06
# path: migrations/versions/1b2c3d4e5f6a_create_order_notes.py
"""create order_notes

Revision ID: 1b2c3d4e5f6a
Revises: 0a1b2c3d4e5f
"""
import sqlalchemy as sa
from alembic import op

revision = "1b2c3d4e5f6a"
down_revision = "0a1b2c3d4e5f"


def upgrade():
    op.create_table(
        "order_notes",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
    )


def downgrade():
    op.drop_table("order_notes")
