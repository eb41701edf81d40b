# want: MIG-02
# path: migrations/versions/1c7d9e0f2a58_events_account_required.py
"""events.account_id required

Revision ID: 1c7d9e0f2a58
Revises: 0b6c8d9e1f47
"""
from alembic import op

revision = "1c7d9e0f2a58"
down_revision = "0b6c8d9e1f47"


def upgrade() -> None:
    op.execute("ALTER TABLE events ALTER COLUMN account_id SET NOT NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE events ALTER COLUMN account_id DROP NOT NULL")
