-- Device moves between PBX objects, written before the first PBX write and closed after the last:
-- an open row after a dropped connection or a crash is a half-done move the resync repairs.
CREATE TABLE pbx_moves (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mac text NOT NULL,
  from_guid text,
  to_guid text,
  from_device jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('done', 'undone', 'superseded'))
);

CREATE INDEX pbx_moves_open ON pbx_moves (id) WHERE outcome IS NULL;
