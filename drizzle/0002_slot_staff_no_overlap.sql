-- No person may be in two overlapping slots, as teacher or as second staff member.
-- Half-open ranges: a slot ending at 16:45 and one starting at 16:45 do not overlap.
-- btree_gist is a trusted extension (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "slot_staff" ADD CONSTRAINT "slot_staff_no_overlap"
	EXCLUDE USING gist ("staff_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&);
