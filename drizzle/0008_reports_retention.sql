CREATE TYPE "public"."interpreter_kind" AS ENUM('none', 'professional', 'staff', 'family', 'other');--> statement-breakpoint
CREATE TYPE "public"."report_follow_up" AS ENUM('none', 'care_coordinator', 'director');--> statement-breakpoint
CREATE TYPE "public"."visit_not_held" AS ENUM('no_show', 'cancelled_late', 'moved');--> statement-breakpoint
CREATE TABLE "visit_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"booking_id" uuid,
	"family_id" uuid NOT NULL,
	"held" boolean NOT NULL,
	"not_held_reason" "visit_not_held",
	"held_at" timestamp with time zone NOT NULL,
	"location" "visit_location",
	"staff_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"parents_present" text[] DEFAULT '{}'::text[] NOT NULL,
	"other_present" text DEFAULT '' NOT NULL,
	"child_present" boolean DEFAULT false NOT NULL,
	"siblings_present" boolean DEFAULT false NOT NULL,
	"interpreter" "interpreter_kind" DEFAULT 'none' NOT NULL,
	"interpreter_name" text DEFAULT '' NOT NULL,
	"main_points" text DEFAULT '' NOT NULL,
	"follow_up" "report_follow_up" DEFAULT 'none' NOT NULL,
	"written_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_report_not_held_has_reason" CHECK ("visit_report"."held" or "visit_report"."not_held_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "school_year_ends" text DEFAULT '07-31' NOT NULL;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "booking_retention_days" integer;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "report_retention_months" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "visit_round" ADD COLUMN "evaluation" jsonb;--> statement-breakpoint
ALTER TABLE "visit_round" ADD COLUMN "personal_data_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit_report" ADD CONSTRAINT "visit_report_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_report" ADD CONSTRAINT "visit_report_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_report" ADD CONSTRAINT "visit_report_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_report" ADD CONSTRAINT "visit_report_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_report" ADD CONSTRAINT "visit_report_written_by_staff_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_report_booking_key" ON "visit_report" USING btree ("booking_id") WHERE "visit_report"."booking_id" is not null;--> statement-breakpoint
CREATE INDEX "visit_report_round_idx" ON "visit_report" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "visit_report_family_idx" ON "visit_report" USING btree ("family_id");