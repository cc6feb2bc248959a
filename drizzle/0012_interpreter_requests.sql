CREATE TYPE "public"."interpreter_mode" AS ENUM('in_person', 'phone');--> statement-breakpoint
CREATE TYPE "public"."interpreter_request_status" AS ENUM('requested', 'arranged', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."interpreter_source" AS ENUM('staff', 'volunteer', 'service');--> statement-breakpoint
CREATE TABLE "interpreter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "interpreter_source" NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text,
	"email" text,
	"mail_language" text DEFAULT 'nl' NOT NULL,
	"staff_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpreter_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"language" text NOT NULL,
	"status" "interpreter_request_status" DEFAULT 'requested' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" "visit_location" NOT NULL,
	"interpreter_id" uuid,
	"mode" "interpreter_mode",
	"contact_name" text,
	"contact_phone" text,
	"blocked_from" timestamp with time zone,
	"blocked_until" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"arranged_at" timestamp with time zone,
	"arranged_by_staff_id" uuid,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interpreter_request_arranged_has_who" CHECK ("interpreter_request"."status" <> 'arranged' or ("interpreter_request"."interpreter_id" is not null and "interpreter_request"."mode" is not null and "interpreter_request"."blocked_from" is not null and "interpreter_request"."blocked_until" is not null)),
	CONSTRAINT "interpreter_request_blocks_the_visit" CHECK (("interpreter_request"."blocked_from" is null or "interpreter_request"."blocked_from" <= "interpreter_request"."starts_at") and ("interpreter_request"."blocked_until" is null or "interpreter_request"."blocked_until" >= "interpreter_request"."ends_at"))
);
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_kind_known";--> statement-breakpoint
ALTER TABLE "booking" ADD COLUMN "own_interpreter_language" text;--> statement-breakpoint
ALTER TABLE "interpreter" ADD CONSTRAINT "interpreter_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter" ADD CONSTRAINT "interpreter_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_request_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_request_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_request_interpreter_id_interpreter_id_fk" FOREIGN KEY ("interpreter_id") REFERENCES "public"."interpreter"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_request_arranged_by_staff_id_staff_id_fk" FOREIGN KEY ("arranged_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interpreter_school_idx" ON "interpreter" USING btree ("school_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_request_one_open" ON "interpreter_request" USING btree ("booking_id") WHERE "interpreter_request"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "interpreter_request_school_idx" ON "interpreter_request" USING btree ("school_id","status","starts_at");--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_one_interpreter_choice" CHECK ("booking"."interpreter_language" is null or "booking"."own_interpreter_language" is null);--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_known" CHECK ("kind" in ('family_link', 'invitation', 'nudge', 'visit_booked', 'visit_changed', 'visit_cancelled', 'visit_reminder', 'answer_declined', 'staff_visit_booked', 'staff_visit_changed', 'staff_visit_cancelled', 'interpreter_request', 'interpreter_visit', 'staff_invite', 'password_reset', 'report_follow_up'));--> statement-breakpoint
-- One interpreter is never at two visits at once: an arranged request holds them for
-- [blocked_from, blocked_until), the visit plus, when they come in person, half the round's
-- travel time on each side.
ALTER TABLE "interpreter_request" ADD CONSTRAINT "interpreter_no_overlap"
	EXCLUDE USING gist ("interpreter_id" WITH =, tstzrange("blocked_from", "blocked_until", '[)') WITH &&)
	WHERE ("status" = 'arranged');--> statement-breakpoint
-- Visits booked before requests existed: each interpreter asked for becomes an open request.
INSERT INTO "interpreter_request" ("school_id", "booking_id", "language", "starts_at", "ends_at", "location")
	SELECT b."school_id", b."id", b."interpreter_language", s."starts_at", s."ends_at", b."location"
	FROM "booking" b JOIN "slot" s ON s."id" = b."slot_id"
	WHERE b."status" = 'booked' AND b."interpreter_language" IS NOT NULL AND b."location" IS NOT NULL;
