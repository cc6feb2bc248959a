DROP INDEX "family_link_active_key";--> statement-breakpoint
CREATE INDEX "family_link_family_idx" ON "family_link" USING btree ("family_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_link_active_key" ON "family_link" USING btree ("family_id","round_id","channel") WHERE "family_link"."revoked_at" is null and "family_link"."channel" <> 'office';