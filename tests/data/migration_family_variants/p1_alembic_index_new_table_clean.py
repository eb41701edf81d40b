# clean: ALEMBIC-INDEX-LOCK
# path: migrations/versions/7f6e5d4c3b2a_create_api_tokens.py
"""create api_tokens

Revision ID: 7f6e5d4c3b2a
Revises: 0e1f2a3b4c5d
"""
import sqlalchemy as sa
from alembic import op

revision = "7f6e5d4c3b2a"
down_revision = "0e1f2a3b4c5d"


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_index("ix_api_tokens_digest", "api_tokens", ["digest"], unique=True)


def downgrade() -> None:
    op.drop_table("api_tokens")
