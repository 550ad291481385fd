CREATE TABLE "vacancy_index" (
	"id" text PRIMARY KEY NOT NULL,
	"employer_id" text NOT NULL,
	"employer_blacklisted" boolean NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"province_code" text,
	"prefecture_code" text,
	"county_code" text,
	"lat" double precision,
	"lng" double precision,
	"monthly_wage_min" integer NOT NULL,
	"monthly_wage_max" integer NOT NULL,
	"occupation_code" text,
	"skill_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"fair_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"livestream_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"date_posted" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "vacancy_index_words_idx" ON "vacancy_index" USING gin ("words");--> statement-breakpoint
CREATE INDEX "vacancy_index_regions_idx" ON "vacancy_index" USING gin ("region_codes");--> statement-breakpoint
CREATE INDEX "vacancy_index_skills_idx" ON "vacancy_index" USING gin ("skill_codes");--> statement-breakpoint
CREATE INDEX "vacancy_index_fairs_idx" ON "vacancy_index" USING gin ("fair_ids");--> statement-breakpoint
CREATE INDEX "vacancy_index_livestreams_idx" ON "vacancy_index" USING gin ("livestream_ids");--> statement-breakpoint
CREATE INDEX "vacancy_index_tags_idx" ON "vacancy_index" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "vacancy_index_status_wage_idx" ON "vacancy_index" USING btree ("status","monthly_wage_max");--> statement-breakpoint
CREATE INDEX "vacancy_index_status_posted_idx" ON "vacancy_index" USING btree ("status","date_posted" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vacancy_index_province_posted_idx" ON "vacancy_index" USING btree ("status","province_code","date_posted" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vacancy_index_prefecture_posted_idx" ON "vacancy_index" USING btree ("status","prefecture_code","date_posted" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vacancy_index_county_posted_idx" ON "vacancy_index" USING btree ("status","county_code","date_posted" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vacancy_index_geo_idx" ON "vacancy_index" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "vacancy_index_employer_idx" ON "vacancy_index" USING btree ("employer_id");