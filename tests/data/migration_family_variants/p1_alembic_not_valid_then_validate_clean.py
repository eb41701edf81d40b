# clean: ALEMBIC-CONSTRAINT-VALIDATE
# path: migrations/versions/1a2b3c4d5e6f_orders_customer_fk.py
"""orders.customer_id foreign key

Revision ID: 1a2b3c4d5e6f
Revises: 7f6e5d4c3b2a
"""
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = "7f6e5d4c3b2a"


def upgrade() -> None:
    op.execute(
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey "
        "FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID"
    )
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey")


def downgrade() -> None:
    op.drop_constraint("orders_customer_id_fkey", "orders", type_="foreignkey")
