-- Logouts a desk deletion or a replace import decided on, written in the same transaction that removes
-- the desks and done on the PBX after it commits: after a crash either the removal did not happen and
-- nobody was logged out, or it did and the logouts are completed on the next start.
CREATE TABLE pending_logouts (
  id bigserial PRIMARY KEY,
  mac text NOT NULL,
  user_guid text NOT NULL,
  user_name text NOT NULL,
  desk_name text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sessions are counted and ended per person (at most a few each, the oldest ends first).
CREATE INDEX console_sessions_user ON console_sessions (lower(username), created_at DESC);
