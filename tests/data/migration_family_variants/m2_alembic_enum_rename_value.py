# want: MIG-05
# path: migrations/versions/5e1f0a9c2b77_ticket_state_closed.py
"""ticket state: resolved -> closed

Revision ID: 5e1f0a9c2b77
Revises: 4d0e9f8b1a66
"""
from alembic import op

revision = "5e1f0a9c2b77"
down_revision = "4d0e9f8b1a66"


def upgrade() -> None:
    op.execute("ALTER TYPE ticket_state RENAME VALUE 'resolved' TO 'closed'")


def downgrade() -> None:
    op.execute("ALTER TYPE ticket_state RENAME VALUE 'closed' TO 'resolved'")
