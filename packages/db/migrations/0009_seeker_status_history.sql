CREATE TABLE "seeker_status_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"seeker_id" text NOT NULL,
	"employment_status" text NOT NULL,
	"monitored" boolean NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "seeker_status_history" ADD CONSTRAINT "seeker_status_history_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seeker_status_history_seeker_idx" ON "seeker_status_history" USING btree ("seeker_id","seq");--> statement-breakpoint
-- Seekers registered before this table: their present status, known since the record last changed.
INSERT INTO "seeker_status_history" ("seeker_id", "employment_status", "monitored", "changed_at")
SELECT "id", "employment_status", "monitored", "updated_at" FROM "seekers" ORDER BY "updated_at", "id";
