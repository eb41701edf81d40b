# clean: MIG-10
# path: migrations/versions/3e9f1a2b4c70_fix_default_workspace_owner.py
"""point the default workspace at its first admin

Revision ID: 3e9f1a2b4c70
Revises: 2d8e0f1a3b69
"""
import sqlalchemy as sa
from alembic import op

revision = "3e9f1a2b4c70"
down_revision = "2d8e0f1a3b69"


def upgrade() -> None:
    conn = op.get_bind()
    members = conn.execute(sa.text("SELECT id, role FROM workspace_members"))
    for member_id, role in members:
        if role == "admin":
            conn.execute(sa.text("UPDATE workspaces SET owner_id = :m WHERE is_default"), {"m": member_id})
            break


def downgrade() -> None:
    pass
