-- clean: MIG-12
-- path: migrations/000231_shipments_tracking_idx.up.sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_tracking_code_idx ON shipments (tracking_code);
