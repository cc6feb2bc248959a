ALTER TABLE "guardian" ADD COLUMN "relation" text;--> statement-breakpoint
CREATE INDEX "audit_event_subject_idx" ON "audit_event" USING btree ("subject_id");