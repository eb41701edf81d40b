-- want: MIG-01
-- path: db/sql/0094_drop_legacy_sessions.sql
DROP TABLE legacy_sessions;
