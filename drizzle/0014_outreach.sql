CREATE TYPE "public"."outbox_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'letter', 'gate', 'door', 'colleague', 'text');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('no_answer', 'will_book', 'booked_for_them', 'wants_school', 'declines', 'wrong_number');--> statement-breakpoint
CREATE TYPE "public"."family_request_kind" AS ENUM('call_me', 'other_time');--> statement-breakpoint
CREATE TYPE "public"."family_request_status" AS ENUM('open', 'done', 'withdrawn');--> statement-breakpoint
ALTER TYPE "public"."link_channel" ADD VALUE 'sms';--> statement-breakpoint
ALTER TYPE "public"."link_channel" ADD VALUE 'whatsapp';--> statement-breakpoint
CREATE TABLE "contact_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"staff_id" uuid,
	"channel" "contact_channel" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_attempt_note_short" CHECK (char_length("contact_attempt"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "family_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"kind" "family_request_kind" NOT NULL,
	"status" "family_request_status" DEFAULT 'open' NOT NULL,
	"days" text[] DEFAULT '{}'::text[] NOT NULL,
	"parts" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"phone" text,
	"language" text DEFAULT 'nl' NOT NULL,
	"slot_id" uuid,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_request_note_short" CHECK (char_length("family_request"."note") <= 500),
	CONSTRAINT "family_request_days_known" CHECK ("family_request"."days" <@ array['mon','tue','wed','thu','fri','sat']::text[]),
	CONSTRAINT "family_request_parts_known" CHECK ("family_request"."parts" <@ array['morning','afternoon','evening']::text[])
);
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_kind_known";--> statement-breakpoint
ALTER TABLE "slot" ADD COLUMN "reserved_for_family_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "channel" "outbox_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request" ADD CONSTRAINT "family_request_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request" ADD CONSTRAINT "family_request_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request" ADD CONSTRAINT "family_request_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request" ADD CONSTRAINT "family_request_slot_id_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slot"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request" ADD CONSTRAINT "family_request_handled_by_staff_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_attempt_family_idx" ON "contact_attempt" USING btree ("round_id","family_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "family_request_one_open" ON "family_request" USING btree ("family_id","round_id","kind") WHERE "family_request"."status" = 'open';--> statement-breakpoint
CREATE INDEX "family_request_round_idx" ON "family_request" USING btree ("round_id","status");--> statement-breakpoint
ALTER TABLE "slot" ADD CONSTRAINT "slot_reserved_for_family_id_family_id_fk" FOREIGN KEY ("reserved_for_family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slot_reserved_idx" ON "slot" USING btree ("reserved_for_family_id") WHERE "slot"."reserved_for_family_id" is not null;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_known" CHECK ("kind" in ('family_link', 'invitation', 'nudge', 'visit_booked', 'visit_changed', 'visit_cancelled', 'visit_reminder', 'answer_declined', 'staff_visit_booked', 'staff_visit_changed', 'staff_visit_cancelled', 'interpreter_request', 'interpreter_visit', 'interpreter_arranged', 'staff_invite', 'password_reset', 'report_follow_up', 'text_link', 'time_offered'));--> statement-breakpoint
-- A time made for one family is that family's only: the database refuses anyone else's booking,
-- whatever path the booking comes by (written by hand: drizzle-kit does not model triggers).
CREATE FUNCTION "booking_slot_reserved_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW."status" = 'booked' AND EXISTS (
		SELECT 1 FROM "slot" s
		WHERE s."id" = NEW."slot_id"
			AND s."reserved_for_family_id" IS NOT NULL
			AND s."reserved_for_family_id" <> NEW."family_id"
	) THEN
		RAISE EXCEPTION 'slot % is reserved for another family', NEW."slot_id"
			USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_slot_reserved';
	END IF;
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "booking_slot_reserved" BEFORE INSERT OR UPDATE OF "slot_id", "status", "family_id" ON "booking"
	FOR EACH ROW EXECUTE FUNCTION "booking_slot_reserved_check"();
