"""add status

Revision ID: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("users", sa.Column("status", sa.Text(), nullable=True))
    op.execute("UPDATE users SET status = 'active'")
    op.execute("UPDATE users SET status = 'active' WHERE status IS NULL")
    op.execute("UPDATE users SET status = 'x' WHERE id = 5")
    op.execute(
        "UPDATE users SET status = 'y' "
        "WHERE id BETWEEN 1 AND 1000"
    )
    op.create_table("audit", sa.Column("id", sa.Integer()))
    op.execute("UPDATE audit SET id = 1")
    op.execute("""
        INSERT INTO audit (id)
        SELECT id FROM users
    """)
    op.execute("INSERT INTO audit (id) SELECT id FROM users WHERE id < 100")
    op.execute("INSERT INTO users_archive SELECT * FROM users")


def downgrade():
    op.execute("UPDATE users SET status = NULL")
    op.drop_column("users", "status")
