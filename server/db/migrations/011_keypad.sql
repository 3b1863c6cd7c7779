-- The PIN an employee types on a desk phone's keypad after their extension (scrypt, as passwords are).
CREATE TABLE phone_pins (
  user_name text PRIMARY KEY,
  pin_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Wrong PINs per extension: after five in a row, keypad logins for it are refused until locked_until,
-- a quarter of an hour, doubling with each further lockout.
CREATE TABLE keypad_failures (
  extension text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);
