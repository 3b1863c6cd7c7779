-- E-mail (issue 34): every message goes through this outbox. With a mail server (SMTP_URL) it is sent, retried
-- with backoff and given up on after a day; without one it is kept ('held') for administrators to read.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- What it is about (booking_made, reminder, emergency …) and a key that makes it once only: two instances
  -- (or one round run twice) composing the same message write one row.
  kind text NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  recipient text NOT NULL,
  -- The PBX user it is for; null for a site's alert list.
  person text,
  language text NOT NULL CHECK (language IN ('en', 'de')),
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  -- [{filename, contentType, content}] (text content, e.g. an .ics).
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The emergency call it reports, shown with the alert.
  emergency_call_id bigint,
  state text NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'held')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- An instance sending it holds it until then; a crashed instance's claim runs out.
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  give_up_at timestamptz NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_outbox_newest ON mail_outbox (created_at DESC, id DESC);
CREATE INDEX mail_outbox_emergency ON mail_outbox (emergency_call_id) WHERE emergency_call_id IS NOT NULL;

-- What each person wants by e-mail; no row: the defaults (everything but the daily summary).
CREATE TABLE mail_preferences (
  username text PRIMARY KEY,
  -- Their own address instead of the PBX user object's.
  address text,
  language text CHECK (language IN ('en', 'de')),
  bookings boolean NOT NULL DEFAULT true,
  reminders boolean NOT NULL DEFAULT true,
  releases boolean NOT NULL DEFAULT true,
  daily_summary boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Messages come from the audit log's events (booking made, cancelled, released, a helpdesk logout): written in
-- the same transaction as the change, so that none is lost to a crash. The round reads from here on, again a
-- few minutes back each time (a transaction may commit after a later one). Upgrades start from now.
CREATE TABLE mail_cursor (
  id integer PRIMARY KEY CHECK (id = 1),
  scanned_until timestamptz NOT NULL
);
INSERT INTO mail_cursor (id, scanned_until) VALUES (1, now());

-- Who is told of an emergency call at a site by e-mail.
ALTER TABLE sites ADD COLUMN alert_emails text[] NOT NULL DEFAULT '{}';
-- Calls from before e-mail existed are not mailed after the upgrade.
ALTER TABLE emergency_calls ADD COLUMN mails_queued boolean NOT NULL DEFAULT true;
ALTER TABLE emergency_calls ALTER COLUMN mails_queued SET DEFAULT false;
CREATE INDEX emergency_calls_unmailed ON emergency_calls (id) WHERE NOT mails_queued;

-- Why helpdesk logged someone out (told to the person by e-mail), kept while the logout waits for a call to end.
ALTER TABLE deferred_logouts ADD COLUMN note text;
