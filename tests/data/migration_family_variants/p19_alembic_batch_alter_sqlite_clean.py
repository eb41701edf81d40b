# clean: MIG-04
# database: sqlite
# path: migrations/versions/0b6c8d9e1f47_notes_body_text.py
"""notes.body to text (SQLite: batch mode rebuilds the table)

Revision ID: 0b6c8d9e1f47
Revises: 9a5b7c8d0e36
"""
import sqlalchemy as sa
from alembic import op

revision = "0b6c8d9e1f47"
down_revision = "9a5b7c8d0e36"


def upgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("body", existing_type=sa.String(length=500), type_=sa.Text())


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("body", existing_type=sa.Text(), type_=sa.String(length=500))
