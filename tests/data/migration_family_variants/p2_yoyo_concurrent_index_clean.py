# clean: MIG-03
# path: migrations/0014.index-events-account.py
"""
Index events by account
"""

from yoyo import step

__depends__ = {"0013.create-events"}
__transactional__ = False

steps = [
    step(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS events_account_idx ON events (account_id)",
        "DROP INDEX CONCURRENTLY IF EXISTS events_account_idx",
    )
]
