-- want: MIG-08
-- path: src/main/resources/db/migration/V142__payments_public_id.sql
ALTER TABLE payments ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
