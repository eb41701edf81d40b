# clean: ALEMBIC-IRREVERSIBLE
# path: migrations/versions/4c2d8e9f0a1b_backfill_user_locale.py
"""backfill users.locale

Revision ID: 4c2d8e9f0a1b
Revises: 9a8b7c6d5e4f
"""
import sqlalchemy as sa
from alembic import op

revision = "4c2d8e9f0a1b"
down_revision = "9a8b7c6d5e4f"


def upgrade() -> None:
    conn = op.get_bind()
    while True:
        done = conn.execute(
            sa.text(
                "UPDATE users SET locale = 'en' WHERE id IN "
                "(SELECT id FROM users WHERE locale IS NULL LIMIT 5000)"
            )
        ).rowcount
        if not done:
            break


def downgrade() -> None:
    # Data-only: the column stays, and the filled-in values are valid under the old code.
    pass
