ALTER TABLE payers ADD CONSTRAINT payers_country_len CHECK (char_length(country) = 2);
ALTER TABLE payers ALTER COLUMN country SET NOT NULL;
