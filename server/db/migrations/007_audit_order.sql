-- The audit log is read newest first by (at, id) and paged by that pair.
CREATE INDEX audit_events_at_id ON audit_events (at DESC, id DESC);
