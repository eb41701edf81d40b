# clean: MIG-03
# path: migrations/versions/6d2e4f5a7b03_create_payout_batches.py
"""create payout_batches

Revision ID: 6d2e4f5a7b03
Revises: 5c1d3e4f6a92
"""
import sqlalchemy as sa
from alembic import op

revision = "6d2e4f5a7b03"
down_revision = "5c1d3e4f6a92"


def upgrade() -> None:
    op.create_table(
        "payout_batches",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("merchant_id", sa.BigInteger(), sa.ForeignKey("merchants.id"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
    )
    op.create_index("ix_payout_batches_merchant", "payout_batches", ["merchant_id"])
    op.create_unique_constraint("uq_payout_batches_status", "payout_batches", ["merchant_id", "status"])


def downgrade() -> None:
    op.drop_table("payout_batches")
