CREATE TYPE "public"."family_notice" AS ENUM('moved', 'cancelled');--> statement-breakpoint
ALTER TABLE "booking" ADD COLUMN "family_notice" "family_notice";