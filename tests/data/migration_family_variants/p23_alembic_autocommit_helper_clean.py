# clean: MIG-12
# path: migrations/versions/4f0a2b3c5d81_index_events_session.py
"""index events by session, through a helper that leaves the transaction

Revision ID: 4f0a2b3c5d81
Revises: 3e9f1a2b4c70
"""
from alembic import op

revision = "4f0a2b3c5d81"
down_revision = "3e9f1a2b4c70"


def _without_transaction(step):
    with op.get_context().autocommit_block():
        step()


def upgrade() -> None:
    _without_transaction(
        lambda: op.create_index("ix_events_session", "events", ["session_id"], postgresql_concurrently=True)
    )


def downgrade() -> None:
    _without_transaction(
        lambda: op.drop_index("ix_events_session", table_name="events", postgresql_concurrently=True)
    )
