CREATE TABLE "fair_booths" (
	"fair_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"booth" text NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_booths_fair_id_employer_id_pk" PRIMARY KEY("fair_id","employer_id"),
	CONSTRAINT "fair_booths_number_key" UNIQUE("fair_id","booth")
);
--> statement-breakpoint
ALTER TABLE "livestream_viewers" ADD COLUMN "token_hash" text;--> statement-breakpoint
-- Booths as they were: an employer's number from its vacancies. Where two employers held one
-- number, the first to take it keeps it; the others' become "<number>-<employer id>" for the
-- fair's staff to move.
INSERT INTO "fair_booths" ("fair_id", "employer_id", "booth", "taken_at")
SELECT "fair_id", "employer_id",
	CASE WHEN row_number() OVER (PARTITION BY "fair_id", "booth" ORDER BY "taken_at", "employer_id") = 1
		THEN "booth" ELSE "booth" || '-' || "employer_id" END,
	"taken_at"
FROM (
	SELECT "fair_id", "employer_id", min("booth") AS "booth", min("joined_at") AS "taken_at"
	FROM "fair_vacancies" GROUP BY "fair_id", "employer_id"
) AS "held";--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_vacancies" ADD CONSTRAINT "fair_vacancies_booth_fk" FOREIGN KEY ("fair_id","employer_id") REFERENCES "public"."fair_booths"("fair_id","employer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_vacancies" DROP COLUMN "booth";