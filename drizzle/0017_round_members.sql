CREATE TABLE "visit_round_family" (
	"round_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teacher_name" text,
	CONSTRAINT "visit_round_family_round_id_family_id_pk" PRIMARY KEY("round_id","family_id")
);
--> statement-breakpoint
ALTER TABLE "visit_round" ADD COLUMN "members_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit_round_family" ADD CONSTRAINT "visit_round_family_round_id_visit_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."visit_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_round_family" ADD CONSTRAINT "visit_round_family_family_id_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."family"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_round_family" ADD CONSTRAINT "visit_round_family_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_round_family_family_idx" ON "visit_round_family" USING btree ("family_id");