CREATE INDEX "booking_school_idx" ON "booking" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "visit_report_school_idx" ON "visit_report" USING btree ("school_id","held_at");--> statement-breakpoint
CREATE INDEX "family_request_school_idx" ON "family_request" USING btree ("school_id","status");