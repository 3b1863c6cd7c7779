-- Who asked for each myApps challenge: an address may hold only so many unused ones (anonymous requests are
-- bounded, on every instance).
ALTER TABLE myapps_challenges ADD COLUMN address text;
CREATE INDEX myapps_challenges_address ON myapps_challenges (address, expires_at);
