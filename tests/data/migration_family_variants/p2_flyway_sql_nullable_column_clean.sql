-- clean: MIG-02
-- path: src/main/resources/db/migration/V57__add_shipments_carrier_ref.sql
ALTER TABLE shipments ADD COLUMN carrier_reference varchar(80);
ALTER TABLE shipments ADD COLUMN delivered_at timestamptz;
