-- Sites: buildings with their address and the PBX location (loc) that serves them. Floors belong to a
-- site; a desk's dispatchable location is its site's address, its floor and its name.
CREATE TABLE sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  address text NOT NULL DEFAULT '',
  pbx_location text,
  emergency_number text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_name_unique ON sites (lower(name));

ALTER TABLE floors ADD COLUMN site_id uuid REFERENCES sites (id) ON DELETE SET NULL;

-- The PBX location a person had before checking in at a desk of another site: given back at check-out.
ALTER TABLE desk_sessions ADD COLUMN home_loc text;
