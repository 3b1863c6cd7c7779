-- myApps single sign-on. A session inside myApps is held by the console as a bearer token (the frame is
-- cross-site, so no cookie reaches it); a cookie session's token never works as a bearer and vice versa.
ALTER TABLE console_sessions ADD COLUMN bearer boolean NOT NULL DEFAULT false;

-- Challenges handed to the console for AppGetLogin: single use, short-lived, shared by every instance.
CREATE TABLE myapps_challenges (
  challenge text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
