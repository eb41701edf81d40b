# want: MIG-07
# path: migrations/versions/1e7f9a0b2c58_users_email_unique.py
"""users.email unique

Revision ID: 1e7f9a0b2c58
Revises: 0d6e8f9a1b47
"""
from alembic import op

revision = "1e7f9a0b2c58"
down_revision = "0d6e8f9a1b47"


def upgrade() -> None:
    op.create_unique_constraint("uq_users_email", "users", ["email"])


def downgrade() -> None:
    op.drop_constraint("uq_users_email", "users", type_="unique")
