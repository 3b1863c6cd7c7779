-- Floors, their plan images, zones and desks. Plans live in the database (not DATA_DIR) so that they work
-- the same with PGlite and with a PostgreSQL shared by several service instances, and are in its backups.
CREATE TABLE floors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  building text NOT NULL DEFAULT '',
  sort_order integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX floors_name_unique ON floors (lower(building), lower(name));

CREATE TABLE floor_plans (
  floor_id uuid PRIMARY KEY REFERENCES floors (id) ON DELETE CASCADE,
  mime text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE zones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  floor_id uuid NOT NULL REFERENCES floors (id) ON DELETE CASCADE,
  name text NOT NULL,
  color text NOT NULL,
  polygon jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1
);

CREATE INDEX zones_floor ON zones (floor_id);

CREATE TABLE desks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  mac text NOT NULL,
  floor_id uuid REFERENCES floors (id) ON DELETE SET NULL,
  x double precision,
  y double precision,
  rotation double precision NOT NULL DEFAULT 0,
  zone_id uuid REFERENCES zones (id) ON DELETE SET NULL,
  enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX desks_name_unique ON desks (lower(name));
CREATE UNIQUE INDEX desks_mac_unique ON desks (mac);
CREATE INDEX desks_floor ON desks (floor_id);
CREATE INDEX desks_order ON desks (lower(name), id);

CREATE TABLE desk_computer_names (
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL
);

CREATE UNIQUE INDEX desk_computer_names_unique ON desk_computer_names (lower(name));
CREATE INDEX desk_computer_names_desk ON desk_computer_names (desk_id);
