ALTER TABLE "broadcasts" ADD COLUMN "planned_through" text;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "planned_so_far" integer DEFAULT 0 NOT NULL;