ALTER TABLE "outbox" DROP CONSTRAINT "outbox_kind_known";--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "interpreter_name_to_families" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD COLUMN "exclusive" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD COLUMN "family_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_known" CHECK ("kind" in ('family_link', 'invitation', 'nudge', 'visit_booked', 'visit_changed', 'visit_cancelled', 'visit_reminder', 'answer_declined', 'staff_visit_booked', 'staff_visit_changed', 'staff_visit_cancelled', 'interpreter_request', 'interpreter_visit', 'interpreter_arranged', 'staff_invite', 'password_reset', 'report_follow_up'));--> statement-breakpoint
-- A service sends whoever is free: only a person's arrangements (exclusive) may not overlap.
ALTER TABLE "interpreter_request" DROP CONSTRAINT "interpreter_no_overlap";--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_no_overlap"
	EXCLUDE USING gist ("interpreter_id" WITH =, tstzrange("blocked_from", "blocked_until", '[)') WITH &&)
	WHERE ("status" = 'arranged' AND "exclusive");
