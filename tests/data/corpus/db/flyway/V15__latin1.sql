SELECT 1;
-- café in latin-1
