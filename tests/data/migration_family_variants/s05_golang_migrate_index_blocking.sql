-- want: MIG-03
-- path: migrations/000232_shipments_carrier_idx.up.sql
CREATE INDEX IF NOT EXISTS shipments_carrier_id_idx ON shipments USING btree (carrier_id, created_at DESC);
