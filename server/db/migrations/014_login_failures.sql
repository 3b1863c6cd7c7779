-- Failed sign-ins, shared by every instance on one PostgreSQL (server/auth/login-throttle.ts); PGlite keeps
-- them in the process.
CREATE TABLE login_failures (
  key text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
