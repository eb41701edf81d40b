# want: MIG-03
# path: migrations/versions/8f4a6b7c9d25_index_events_by_account.py
"""index events by account and by kind

Revision ID: 8f4a6b7c9d25
Revises: 7e3f5a6b8c14
"""
from alembic import op

revision = "8f4a6b7c9d25"
down_revision = "7e3f5a6b8c14"


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    _index("events", "account_id", "created_at")
    _index("events", "kind")


def downgrade() -> None:
    op.drop_index("ix_events_kind", table_name="events")
    op.drop_index("ix_events_account_id_created_at", table_name="events")
