-- Small facts the service keeps about itself, e.g. that the demo company was seeded once.
CREATE TABLE service_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
