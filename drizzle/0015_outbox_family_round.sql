ALTER TABLE "outbox" ADD COLUMN "family_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "round_id" uuid;--> statement-breakpoint
-- Messages queued before these columns: the visit names family and round; a staff copy links to
-- its family; an invitation or reminder belongs to its wave's round; a family's own mail without
-- a visit to the one family of the school whose guardian has that address (none when several do:
-- the guess that erased another family's mail is what this migration ends).
UPDATE "outbox" o SET "family_id" = b."family_id", "round_id" = b."round_id"
	FROM "booking" b WHERE b."id" = o."booking_id";--> statement-breakpoint
UPDATE "outbox" o SET "round_id" = w."round_id"
	FROM "mail_wave" w WHERE w."id" = o."wave_id" AND o."round_id" IS NULL;--> statement-breakpoint
UPDATE "outbox" SET "family_id" = substring("payload"->>'familyPath' from 17)::uuid
	WHERE "family_id" IS NULL AND "payload"->>'familyPath' ~ '^/staff/families/[0-9a-f-]{36}$';--> statement-breakpoint
UPDATE "outbox" o SET "family_id" = (
		SELECT min(g."family_id"::text)::uuid FROM "guardian" g JOIN "family" f ON f."id" = g."family_id"
		WHERE f."school_id" = o."school_id" AND lower(g."email") = lower(o."to_address"))
	WHERE o."family_id" IS NULL
		AND o."kind" IN ('family_link', 'invitation', 'nudge', 'answer_declined')
		AND (SELECT count(DISTINCT g."family_id") FROM "guardian" g JOIN "family" f ON f."id" = g."family_id"
			WHERE f."school_id" = o."school_id" AND lower(g."email") = lower(o."to_address")) = 1;--> statement-breakpoint
CREATE INDEX "outbox_family_idx" ON "outbox" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "outbox_round_idx" ON "outbox" USING btree ("round_id");