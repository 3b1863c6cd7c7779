-- The administrator's settings: one row, versioned for If-Match.
CREATE TABLE settings (
  id integer PRIMARY KEY CHECK (id = 1),
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who sits at which desk: one open row per desk, kept consistent with the PBX replica.
CREATE TABLE desk_sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  mac text NOT NULL,
  user_guid text NOT NULL,
  user_name text NOT NULL,
  display_name text NOT NULL,
  method text NOT NULL CHECK (method IN ('desk', 'computer', 'thinclient', 'console', 'phone', 'pbx')),
  checked_in_by text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  end_reason text
);

CREATE UNIQUE INDEX desk_sessions_open_desk ON desk_sessions (desk_id) WHERE ended_at IS NULL;
CREATE INDEX desk_sessions_open_user ON desk_sessions (user_guid) WHERE ended_at IS NULL;

-- Personal check-in tokens for logon scripts: only a SHA-256 of the secret is kept.
CREATE TABLE checkin_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_name text NOT NULL,
  label text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE INDEX checkin_tokens_user ON checkin_tokens (user_name) WHERE revoked_at IS NULL;
