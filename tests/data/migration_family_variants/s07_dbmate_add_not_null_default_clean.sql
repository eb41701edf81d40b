-- clean: MIG-02
-- path: db/migrations/20261203092500_accounts_tier.sql
-- migrate:up
ALTER TABLE accounts ADD COLUMN tier text NOT NULL DEFAULT 'free';

-- migrate:down
ALTER TABLE accounts DROP COLUMN tier;
