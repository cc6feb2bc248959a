ALTER TABLE "booking" ADD COLUMN "staff_note" text;--> statement-breakpoint
-- Until now the office's "book for this family" form stored its note as the parents' questions,
-- and the family's page showed it to them. What staff wrote becomes a staff note.
UPDATE "booking" SET "staff_note" = "parent_questions", "parent_questions" = NULL WHERE "booked_by" = 'staff' AND "parent_questions" IS NOT NULL;
