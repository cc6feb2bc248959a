CREATE TABLE "school_translation" (
	"school_id" uuid NOT NULL,
	"language" text NOT NULL,
	"source_key" text NOT NULL,
	"source" text NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_translation_school_id_language_source_key_pk" PRIMARY KEY("school_id","language","source_key"),
	CONSTRAINT "school_translation_text_length" CHECK (char_length("school_translation"."text") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "school_translation" ADD CONSTRAINT "school_translation_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE cascade ON UPDATE no action;