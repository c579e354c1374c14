-- One queue for every process: a job is claimed with a lease (lease_owner until lease_until, renewed
-- by its worker's heartbeat) and, while it talks to fal, holds one of FAL_CONCURRENCY slots. A lease
-- that runs out puts the job back for any worker; resuming goes by fal_request_id, so fal is not
-- paid twice.
ALTER TABLE generations ADD COLUMN lease_owner TEXT;
ALTER TABLE generations ADD COLUMN lease_until BIGINT;
ALTER TABLE generations ADD COLUMN holds_slot BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE generations ADD COLUMN claimed_at BIGINT;
ALTER TABLE generations ADD COLUMN cancel_requested_at BIGINT;
-- A member's jobs go in the order they were stored, as in the in-process queue (created_at is when
-- Discord's request came in: several share a millisecond, and storing can overtake).
ALTER TABLE generations ADD COLUMN queue_seq BIGSERIAL;
-- The place in line last shown to the member, so a position is edited only when it changes.
ALTER TABLE generations ADD COLUMN shown_position INTEGER;

-- Only unfinished jobs are ever claimed: the index holds those alone, however many are stored.
CREATE INDEX generations_claimable ON generations (status, created_at, id)
  WHERE status NOT IN ('delivered', 'failed');
CREATE INDEX generations_slots ON generations (lease_until) WHERE holds_slot;

-- When each member was last given a fal slot: their place in the round-robin across processes.
CREATE TABLE member_turns (
  user_id TEXT PRIMARY KEY,
  last_claimed_at BIGINT NOT NULL
);
