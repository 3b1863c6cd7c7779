-- Desk bookings: a person reserves a desk for a time; checking in there within the confirmation window
-- confirms it, and one nobody confirms is released.
--
-- The exclusion constraints below are the guarantee that a desk is never booked twice for one moment and a person
-- never holds two overlapping bookings, whichever instance writes. GiST compares ranges without any extension
-- (btree_gist is not in every PostgreSQL, nor in PGlite's default build), so desks and people are keyed by
-- numbers here, each turned into a one-value range.
ALTER TABLE desks ADD COLUMN booking_key bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE desks ADD CONSTRAINT desks_booking_key UNIQUE (booking_key);

-- Everyone who has booked: the key of the person-overlap constraint.
CREATE TABLE booking_people (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_name text NOT NULL,
  -- The private calendar feed's secret (SHA-256 of it; the address is shown once, renewing replaces it).
  calendar_hash text UNIQUE,
  calendar_created_at timestamptz
);
CREATE UNIQUE INDEX booking_people_name ON booking_people (lower(user_name));

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  desk_key bigint NOT NULL REFERENCES desks (booking_key) ON DELETE CASCADE,
  person_id bigint NOT NULL REFERENCES booking_people (id),
  user_name text NOT NULL,
  display_name text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- booked: waiting for its person; confirmed: they checked in within the window; released: nobody confirmed
  -- it in time; cancelled: by its person or staff.
  state text NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'confirmed', 'released', 'cancelled')),
  -- The confirmation window, fixed when the booking is made (a later policy change does not move it).
  confirm_from timestamptz NOT NULL,
  confirm_until timestamptz NOT NULL,
  booked_by text NOT NULL,
  -- The occurrences of one weekly series share it.
  series_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  ended_at timestamptz,
  ended_by text,
  -- A confirmed booking's end was acted on: its person logged out of the desk (once, by whichever instance).
  end_handled_at timestamptz,
  CHECK (ends_at > starts_at),
  CHECK (confirm_until > confirm_from),
  CONSTRAINT bookings_desk_free EXCLUDE USING gist (
    int8range(desk_key, desk_key, '[]') WITH &&,
    tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (state IN ('booked', 'confirmed')),
  CONSTRAINT bookings_person_free EXCLUDE USING gist (
    int8range(person_id, person_id, '[]') WITH &&,
    tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (state IN ('booked', 'confirmed'))
);
CREATE INDEX bookings_desk_time ON bookings (desk_id, starts_at);
-- A booking lasts a day at most: what overlaps a range starts at most a day before it (a short index range scan).
CREATE INDEX bookings_time ON bookings (starts_at);
CREATE INDEX bookings_person_time ON bookings (lower(user_name), starts_at);
CREATE INDEX bookings_due ON bookings (confirm_until) WHERE state = 'booked';
CREATE INDEX bookings_ending ON bookings (ends_at) WHERE state = 'confirmed' AND end_handled_at IS NULL;

-- Any check-in confirms the person's booking of that desk whose window it falls in, by whichever path it came
-- (the console, a logon script, a QR label, the keypad, the helpdesk, a login seen on the PBX): one rule in the
-- database instead of one call in each path.
CREATE FUNCTION confirm_booking_on_checkin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH confirmed AS (
    UPDATE bookings SET state = 'confirmed', confirmed_at = NEW.since
    WHERE desk_id = NEW.desk_id AND lower(user_name) = lower(NEW.user_name) AND state = 'booked'
      AND NEW.since >= confirm_from AND NEW.since < LEAST(confirm_until, ends_at)
    RETURNING id, user_name
  )
  INSERT INTO audit_events (actor, action, target, result, detail)
  SELECT NEW.checked_in_by, 'booking.confirm', confirmed.id::text, 'ok',
         jsonb_build_object('user', confirmed.user_name, 'method', NEW.method)
  FROM confirmed;
  RETURN NEW;
END;
$$;
CREATE TRIGGER desk_sessions_confirm_booking AFTER INSERT ON desk_sessions
  FOR EACH ROW EXECUTE FUNCTION confirm_booking_on_checkin();

-- Calls made from a free desk's phone (on its base object): once the call has ended, the person whose booking
-- of that desk is in its window is checked in (the phone confirms the booking). Written down by every instance,
-- acted on once by the leader, as the keypad's codes.
CREATE TABLE booking_calls (
  call_key text PRIMARY KEY,
  guid text NOT NULL,
  seen_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX booking_calls_open ON booking_calls (seen_at) WHERE done_at IS NULL;
