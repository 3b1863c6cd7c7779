-- The emergency alert every helpdesk and administrator console shows until someone acknowledges it (issue 34).
ALTER TABLE emergency_calls ADD COLUMN acknowledged_by text;
ALTER TABLE emergency_calls ADD COLUMN acknowledged_at timestamptz;
-- Calls from before the alert existed were dealt with then: they do not pop up after the upgrade.
UPDATE emergency_calls SET acknowledged_by = 'upgrade', acknowledged_at = now();
CREATE INDEX emergency_calls_open ON emergency_calls (at) WHERE acknowledged_at IS NULL;
