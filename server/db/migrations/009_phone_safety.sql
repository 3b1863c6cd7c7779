-- The base object of each desk: the PBX object (created and owned by the service) that holds the desk's
-- phone while nobody sits there. No foreign key: a deleted desk's row stays until its object is deleted.
CREATE TABLE base_objects (
  desk_id uuid PRIMARY KEY,
  guid text NOT NULL UNIQUE,
  cn text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A logout asked for while the person was on a call: done when the call ends, or at the deadline.
CREATE TABLE deferred_logouts (
  desk_id uuid PRIMARY KEY REFERENCES desks (id) ON DELETE CASCADE,
  user_guid text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- null: waits for the call to end, however long it takes (a helpdesk's logout).
  deadline timestamptz
);

-- Emergency calls from desk phones; a desk is frozen until the latest one's callback window ends.
CREATE TABLE emergency_calls (
  id bigserial PRIMARY KEY,
  call_key text NOT NULL UNIQUE,
  desk_id uuid REFERENCES desks (id) ON DELETE SET NULL,
  desk_name text NOT NULL,
  user_guid text NOT NULL,
  -- null: nobody was checked in (the call came from the desk's base object).
  user_name text,
  number text NOT NULL,
  at timestamptz NOT NULL,
  frozen_until timestamptz NOT NULL
);
CREATE INDEX emergency_calls_desk ON emergency_calls (desk_id, frozen_until DESC);
