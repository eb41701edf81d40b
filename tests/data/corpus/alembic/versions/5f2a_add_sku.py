"""add sku to products"""

import sqlalchemy as sa
from alembic import op

revision = "5f2a"
down_revision = "41c0"


def upgrade():
    op.add_column("products", sa.Column("sku", sa.String(40), nullable=True))
    op.create_index("products_sku_idx", "products", ["sku"])
    op.alter_column("products", "title", nullable=False)


def downgrade():
    op.drop_index("products_sku_idx", table_name="products")
    op.drop_column("products", "sku")
