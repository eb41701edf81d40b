# want: MIG-06
# path: migrations/versions/2f8a0b1c3d69_refunds_payment_fk.py
"""refunds.payment_id fk

Revision ID: 2f8a0b1c3d69
Revises: 1e7f9a0b2c58
"""
from alembic import op

revision = "2f8a0b1c3d69"
down_revision = "1e7f9a0b2c58"


def upgrade() -> None:
    op.create_foreign_key("fk_refunds_payment", "refunds", "payments", ["payment_id"], ["id"], ondelete="CASCADE")


def downgrade() -> None:
    op.drop_constraint("fk_refunds_payment", "refunds", type_="foreignkey")
