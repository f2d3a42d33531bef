-- Devices take their model and OS from their latest event by time and then id, as installations do: the id
-- decides between two events of the same instant. Rows from before this migration have none, and give way
-- to any event of their last instant.
ALTER TABLE "devices" ADD COLUMN "last_event_id" uuid;