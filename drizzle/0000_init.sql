CREATE TYPE "public"."staff_role" AS ENUM('admin', 'teacher');--> statement-breakpoint
CREATE TYPE "public"."staff_title" AS ENUM('teacher', 'intern', 'care_coordinator', 'director', 'office');--> statement-breakpoint
CREATE TYPE "public"."staff_token_purpose" AS ENUM('setup', 'reset');--> statement-breakpoint
CREATE TYPE "public"."booked_by" AS ENUM('parent', 'staff');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('booked', 'declined', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."visit_location" AS ENUM('home', 'school', 'neutral');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."actor_kind" AS ENUM('staff', 'family', 'system');--> statement-breakpoint
CREATE TABLE "neutral_place" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"street" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"time_zone" text DEFAULT 'Europe/Amsterdam' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"mail_from_name" text,
	"reply_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"title" "staff_title" DEFAULT 'teacher' NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_session" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"secret_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"purpose" "staff_token_purpose" NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "family" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"street" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"visiting_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"year" smallint,
	"is_language_class" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_teacher" (
	"group_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	CONSTRAINT "group_teacher_group_id_staff_id_pk" PRIMARY KEY("group_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "guardian" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"language" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pupil" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"group_id" uuid,
	"pupil_number" text NOT NULL,
	"first_name" text NOT NULL,
	"infix" text DEFAULT '' NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"is_new" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visit_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"visit_minutes" integer DEFAULT 45 NOT NULL,
	"travel_minutes" integer DEFAULT 15 NOT NULL,
	"booking_opens_at" timestamp with time zone NOT NULL,
	"booking_closes_at" timestamp with time zone NOT NULL,
	"change_deadline_hours" integer DEFAULT 24 NOT NULL,
	"reminder_hours_before" integer DEFAULT 24 NOT NULL,
	"include_new_pupils" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_round_group" (
	"round_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"talking_points" text DEFAULT '' NOT NULL,
	CONSTRAINT "visit_round_group_round_id_group_id_pk" PRIMARY KEY("round_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"slot_id" uuid,
	"status" "booking_status" NOT NULL,
	"location" "visit_location",
	"neutral_place_id" uuid,
	"visit_address" text,
	"interpreter_language" text,
	"parent_questions" text,
	"not_home_reason" text,
	"not_home_reason_text" text,
	"booked_by" "booked_by" DEFAULT 'parent' NOT NULL,
	"booked_by_staff_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "booking_booked_has_slot" CHECK ("booking"."status" <> 'booked' or ("booking"."slot_id" is not null and "booking"."location" is not null))
);
--> statement-breakpoint
CREATE TABLE "slot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"second_staff_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"allows_home" boolean DEFAULT true NOT NULL,
	"allows_school" boolean DEFAULT true NOT NULL,
	"allows_neutral" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_ends_after_start" CHECK ("slot"."ends_at" > "slot"."starts_at"),
	CONSTRAINT "slot_two_different_staff" CHECK ("slot"."second_staff_id" is null or "slot"."second_staff_id" <> "slot"."staff_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"to_name" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" uuid,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" uuid,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "neutral_place" ADD CONSTRAINT "neutral_place_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_token" ADD CONSTRAINT "staff_token_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family" ADD CONSTRAINT "family_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family" ADD CONSTRAINT "family_visiting_staff_id_staff_id_fk" FOREIGN KEY ("visiting_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_group" ADD CONSTRAINT "school_group_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_teacher" ADD CONSTRAINT "group_teacher_group_id_school_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."school_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_teacher" ADD CONSTRAINT "group_teacher_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian" ADD CONSTRAINT "guardian_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil" ADD CONSTRAINT "pupil_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil" ADD CONSTRAINT "pupil_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil" ADD CONSTRAINT "pupil_group_id_school_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."school_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_link" ADD CONSTRAINT "family_link_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_link" ADD CONSTRAINT "family_link_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_round" ADD CONSTRAINT "visit_round_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_round_group" ADD CONSTRAINT "visit_round_group_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_round_group" ADD CONSTRAINT "visit_round_group_group_id_school_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."school_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_id_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slot"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_neutral_place_id_neutral_place_id_fk" FOREIGN KEY ("neutral_place_id") REFERENCES "public"."neutral_place"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_booked_by_staff_id_staff_id_fk" FOREIGN KEY ("booked_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot" ADD CONSTRAINT "slot_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot" ADD CONSTRAINT "slot_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot" ADD CONSTRAINT "slot_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot" ADD CONSTRAINT "slot_second_staff_id_staff_id_fk" FOREIGN KEY ("second_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_email_key" ON "staff" USING btree ("email");--> statement-breakpoint
CREATE INDEX "staff_school_idx" ON "staff" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "staff_session_staff_idx" ON "staff_session" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_token_hash_key" ON "staff_token" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "staff_token_open_idx" ON "staff_token" USING btree ("staff_id") WHERE "staff_token"."used_at" is null;--> statement-breakpoint
CREATE INDEX "family_school_idx" ON "family" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "school_group_name_key" ON "school_group" USING btree ("school_id","name");--> statement-breakpoint
CREATE INDEX "guardian_family_idx" ON "guardian" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "guardian_email_idx" ON "guardian" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "pupil_number_key" ON "pupil" USING btree ("school_id","pupil_number");--> statement-breakpoint
CREATE INDEX "pupil_family_idx" ON "pupil" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "pupil_group_idx" ON "pupil" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_link_hash_key" ON "family_link" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "family_link_active_key" ON "family_link" USING btree ("family_id","round_id") WHERE "family_link"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "visit_round_school_idx" ON "visit_round" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_one_answer_per_family" ON "booking" USING btree ("family_id","round_id") WHERE "booking"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "booking_one_per_slot" ON "booking" USING btree ("slot_id") WHERE "booking"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "booking_round_idx" ON "booking" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "slot_round_staff_idx" ON "slot" USING btree ("round_id","staff_id","starts_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "audit_event_school_idx" ON "audit_event" USING btree ("school_id","created_at");