CREATE TYPE "public"."wave_kind" AS ENUM('invitation', 'nudge');--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'skipped';--> statement-breakpoint
CREATE TABLE "calendar_feed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mail_wave" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" "wave_kind" NOT NULL,
	"created_by" uuid,
	"families" integer NOT NULL,
	"without_email" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" uuid NOT NULL,
	"ok" boolean NOT NULL,
	"transport" text NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "staff_invite_details" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "wave_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_wave" ADD CONSTRAINT "mail_wave_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_wave" ADD CONSTRAINT "mail_wave_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_wave" ADD CONSTRAINT "mail_wave_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_attempt" ADD CONSTRAINT "outbox_attempt_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_hash_key" ON "calendar_feed" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_active_key" ON "calendar_feed" USING btree ("staff_id") WHERE "calendar_feed"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "mail_wave_round_idx" ON "mail_wave" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_attempt_outbox_idx" ON "outbox_attempt" USING btree ("outbox_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_wave_id_mail_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."mail_wave"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_school_idx" ON "outbox" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_wave_idx" ON "outbox" USING btree ("wave_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key" ON "outbox" USING btree ("dedupe_key") WHERE "outbox"."dedupe_key" is not null;