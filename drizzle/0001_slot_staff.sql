CREATE TABLE "slot_staff" (
	"slot_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slot_staff_slot_id_staff_id_pk" PRIMARY KEY("slot_id","staff_id")
);
--> statement-breakpoint
ALTER TABLE "slot_staff" ADD CONSTRAINT "slot_staff_slot_id_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slot"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_staff" ADD CONSTRAINT "slot_staff_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slot_staff_staff_idx" ON "slot_staff" USING btree ("staff_id","starts_at");