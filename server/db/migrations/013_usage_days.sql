-- Utilisation rolled up per office-local day, so that a year's answer reads days instead of sessions.
-- No names: the rows outlive the sessions' retention (two years, see AGGREGATE_KEEP_DAYS).
CREATE TABLE usage_days (
  level text NOT NULL CHECK (level IN ('site', 'floor', 'zone', 'desk')),
  day date NOT NULL,
  group_id text NOT NULL,
  -- The floor of a floor, zone or desk group (for a floor filter); '' for a site.
  floor_id text NOT NULL,
  seconds double precision NOT NULL,
  peak integer NOT NULL,
  people integer NOT NULL,
  -- Per local hour of the day (23 or 25 on a clock-change day); null for a desk.
  hour_seconds double precision[],
  hour_peaks integer[],
  hour_people integer[],
  PRIMARY KEY (level, day, group_id)
);

-- The ended days already rolled up, and in which time zone.
CREATE TABLE usage_days_done (
  day date PRIMARY KEY,
  time_zone text NOT NULL,
  done_at timestamptz NOT NULL DEFAULT now()
);
