-- Invoices are looked up by customer and by due date.
CREATE INDEX invoices_customer_idx ON invoices (customer_id);

CREATE INDEX CONCURRENTLY invoices_due_idx ON invoices (due_on);

ALTER TABLE invoices
    DROP COLUMN legacy_ref;
