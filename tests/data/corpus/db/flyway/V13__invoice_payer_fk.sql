ALTER TABLE invoices ADD COLUMN payer_id bigint;

ALTER TABLE invoices
    ADD CONSTRAINT invoices_payer_fk FOREIGN KEY (payer_id) REFERENCES payers (id) NOT VALID;
