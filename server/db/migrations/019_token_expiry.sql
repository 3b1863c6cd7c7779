-- Check-in tokens expire (Settings: their lifetime). Tokens made before have none: a logon script that works
-- keeps working after the upgrade.
ALTER TABLE checkin_tokens ADD COLUMN expires_at timestamptz;
