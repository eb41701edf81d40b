-- want: MIG-02
-- path: migrations/20261203093000_orders_channel_required.sql
-- Make the sales channel required now that every writer sets it.
ALTER TABLE "orders" ALTER COLUMN "channel" SET NOT NULL;
