# clean: MIG-06
# path: migrations/versions/3a9b1c2d4e70_refunds_order_fk.py
"""refunds.order_id fk, validated in the next revision

Revision ID: 3a9b1c2d4e70
Revises: 2f8a0b1c3d69
"""
from alembic import op

revision = "3a9b1c2d4e70"
down_revision = "2f8a0b1c3d69"


def upgrade() -> None:
    op.execute(
        "ALTER TABLE refunds ADD CONSTRAINT fk_refunds_order "
        "FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID"
    )


def downgrade() -> None:
    op.drop_constraint("fk_refunds_order", "refunds", type_="foreignkey")
