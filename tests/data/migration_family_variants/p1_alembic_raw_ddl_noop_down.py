# want: ALEMBIC-IRREVERSIBLE
# path: migrations/versions/6f7a8b9c0d1e_drop_legacy_flags.py
"""drop legacy flags

Revision ID: 6f7a8b9c0d1e
Revises: 5e6f7a8b9c0d
"""
from alembic import op

revision = "6f7a8b9c0d1e"
down_revision = "5e6f7a8b9c0d"


def upgrade() -> None:
    op.execute("ALTER TABLE accounts DROP COLUMN legacy_flags")


def downgrade() -> None:
    pass
