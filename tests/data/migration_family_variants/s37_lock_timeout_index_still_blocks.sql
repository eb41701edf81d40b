-- want: MIG-03
-- path: src/main/resources/db/migration/V160__orders_email_idx.sql
SET lock_timeout = '5s';
CREATE INDEX orders_email_idx ON orders (email);
