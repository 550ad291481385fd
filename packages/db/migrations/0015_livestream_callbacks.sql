ALTER TABLE "livestream_viewers" ADD COLUMN "callback_phone" text;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ADD COLUMN "callback_consented_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "livestreams_region_idx" ON "livestreams" USING btree ("region_code","id");