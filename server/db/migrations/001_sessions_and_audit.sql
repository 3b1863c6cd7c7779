-- Console sign-in sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE console_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);

CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);

-- Local accounts that work without the PBX (the break-glass admin). scrypt hashes only.
CREATE TABLE local_accounts (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who did what, when, with which result. Append-only.
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  result text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
