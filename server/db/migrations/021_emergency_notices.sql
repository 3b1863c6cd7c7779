-- The notice to security of each emergency call, kept until it is delivered (an outbox): retried with
-- backoff for a bounded time, across restarts and by whichever instance is up. notice_state null: no webhook
-- was configured when the call was made.
ALTER TABLE emergency_calls ADD COLUMN notice jsonb;
ALTER TABLE emergency_calls ADD COLUMN notice_url text;
ALTER TABLE emergency_calls ADD COLUMN notice_state text CHECK (notice_state IN ('pending', 'delivered', 'failed'));
ALTER TABLE emergency_calls ADD COLUMN notice_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE emergency_calls ADD COLUMN notice_next_at timestamptz;
-- An instance delivering it holds it until then; a crashed instance's claim runs out.
ALTER TABLE emergency_calls ADD COLUMN notice_lease_until timestamptz;
ALTER TABLE emergency_calls ADD COLUMN notice_error text;
ALTER TABLE emergency_calls ADD COLUMN notice_done_at timestamptz;
CREATE INDEX emergency_calls_notice_due ON emergency_calls (notice_next_at) WHERE notice_state = 'pending';
-- An administrator sent a given-up notice again: the bounded retry period counts from then.
ALTER TABLE emergency_calls ADD COLUMN notice_retry_from timestamptz;
