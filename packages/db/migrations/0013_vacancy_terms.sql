ALTER TABLE "vacancies" ALTER COLUMN "wage_min" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "wage_max" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "driving_licences" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "terms" jsonb DEFAULT '{}'::jsonb NOT NULL;