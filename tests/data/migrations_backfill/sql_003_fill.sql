ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
UPDATE users u SET plan = o.plan FROM orgs o WHERE u.org_id = o.id;
UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 5000;
UPDATE users SET plan = 'pro' WHERE email = 'a@b.c';
CREATE TABLE plans (id int, name text);
INSERT INTO plans SELECT id, plan FROM users;
UPDATE plans SET name = 'x';
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN UPDATE users SET plan = 'x'; RETURN NEW; END $$ LANGUAGE plpgsql;
