-- Keypad codes as every instance sees them (RCC tells each instance of every call): written down once, done by
-- the instance that leads, also when it took over after the code was dialled.
CREATE TABLE keypad_codes (
  call_key text PRIMARY KEY,
  guid text NOT NULL,
  dialled text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX keypad_codes_open ON keypad_codes (seen_at) WHERE done_at IS NULL;

-- Wrong PINs per phone and extension (an attacker at one phone locks only that phone out for that extension,
-- never the owner at their own desk), and per phone over every extension (a phone trying many extensions is
-- slowed down).
CREATE TABLE keypad_attempts (
  phone text NOT NULL,
  extension text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure timestamptz,
  PRIMARY KEY (phone, extension)
);
DROP TABLE keypad_failures;
