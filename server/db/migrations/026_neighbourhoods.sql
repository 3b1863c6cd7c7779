-- Neighbourhoods (issue 33, part 3): zones or single desks kept for the members of a PBX group; others only from
-- a local time of the day on (others_from), or never (null).
CREATE TABLE neighbourhoods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  pbx_group text NOT NULL,
  others_from text CHECK (others_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX neighbourhoods_name_unique ON neighbourhoods (lower(name));

-- What belongs to one: a zone (its desks) or a desk. A desk of its own counts before its zone's; each zone and each
-- desk is in one neighbourhood at most.
CREATE TABLE neighbourhood_places (
  neighbourhood_id uuid NOT NULL REFERENCES neighbourhoods (id) ON DELETE CASCADE,
  zone_id uuid UNIQUE REFERENCES zones (id) ON DELETE CASCADE,
  desk_id uuid UNIQUE REFERENCES desks (id) ON DELETE CASCADE,
  CHECK ((zone_id IS NULL) <> (desk_id IS NULL))
);
CREATE INDEX neighbourhood_places_of ON neighbourhood_places (neighbourhood_id);

-- Some desks are for walk-ins only: nobody books them ahead.
ALTER TABLE desks ADD COLUMN bookable boolean NOT NULL DEFAULT true;
