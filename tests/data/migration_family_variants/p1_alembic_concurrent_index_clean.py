# clean: ALEMBIC-INDEX-LOCK
# path: migrations/versions/0e1f2a3b4c5d_index_events_account.py
"""index events.account_id

Revision ID: 0e1f2a3b4c5d
Revises: 4c2d8e9f0a1b
"""
from alembic import op

revision = "0e1f2a3b4c5d"
down_revision = "4c2d8e9f0a1b"


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index("ix_events_account_id", "events", ["account_id"], postgresql_concurrently=True, if_not_exists=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_events_account_id", table_name="events", postgresql_concurrently=True, if_exists=True)
