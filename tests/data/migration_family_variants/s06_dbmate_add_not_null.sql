-- want: MIG-02
-- path: db/migrations/20261203092000_accounts_region.sql
-- migrate:up
ALTER TABLE accounts ADD COLUMN region text NOT NULL;

-- migrate:down
ALTER TABLE accounts DROP COLUMN region;
