CREATE TYPE "public"."link_channel" AS ENUM('office', 'email');--> statement-breakpoint
DROP INDEX "family_link_active_key";--> statement-breakpoint
ALTER TABLE "family_link" ADD COLUMN "channel" "link_channel" DEFAULT 'office' NOT NULL;--> statement-breakpoint
ALTER TABLE "visit_round" ADD COLUMN "newsletter_code" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_round_newsletter_code_key" ON "visit_round" USING btree ("newsletter_code");--> statement-breakpoint
CREATE UNIQUE INDEX "family_link_active_key" ON "family_link" USING btree ("family_id","round_id","channel") WHERE "family_link"."revoked_at" is null;