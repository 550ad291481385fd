CREATE TABLE "fair_checkins" (
	"fair_id" text NOT NULL,
	"seeker_id" text NOT NULL,
	"method" text NOT NULL,
	"recommended" text[] DEFAULT '{}'::text[] NOT NULL,
	"checked_in_by" text NOT NULL,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_checkins_fair_id_seeker_id_pk" PRIMARY KEY("fair_id","seeker_id")
);
--> statement-breakpoint
CREATE TABLE "fair_vacancies" (
	"fair_id" text NOT NULL,
	"vacancy_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"booth" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_vacancies_fair_id_vacancy_id_pk" PRIMARY KEY("fair_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"venue_region_code" text NOT NULL,
	"origin_region_code" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"feed_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intents" (
	"id" text PRIMARY KEY NOT NULL,
	"context_id" text NOT NULL,
	"person_id" text NOT NULL,
	"vacancy_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intents_once_key" UNIQUE("context_id","person_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "livestream_vacancies" (
	"livestream_id" text NOT NULL,
	"vacancy_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "livestream_vacancies_livestream_id_vacancy_id_pk" PRIMARY KEY("livestream_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "livestream_viewers" (
	"seq" bigserial NOT NULL,
	"id" text PRIMARY KEY NOT NULL,
	"livestream_id" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"seeker_id" text,
	"region_code" text NOT NULL,
	"skill_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"expected_monthly_wage" integer,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "livestream_viewers_platform_user_key" UNIQUE("livestream_id","platform_user_id")
);
--> statement-breakpoint
CREATE TABLE "livestreams" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"host" text NOT NULL,
	"platform" text NOT NULL,
	"region_code" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"target_regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"pinned_vacancy_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"presenting_vacancy_id" text,
	"created_by" text NOT NULL,
	"feed_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fair_checkins" ADD CONSTRAINT "fair_checkins_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_checkins" ADD CONSTRAINT "fair_checkins_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_vacancies" ADD CONSTRAINT "fair_vacancies_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_vacancies" ADD CONSTRAINT "fair_vacancies_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_vacancies" ADD CONSTRAINT "fair_vacancies_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intents" ADD CONSTRAINT "intents_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intents" ADD CONSTRAINT "intents_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livestream_vacancies" ADD CONSTRAINT "livestream_vacancies_livestream_id_livestreams_id_fk" FOREIGN KEY ("livestream_id") REFERENCES "public"."livestreams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livestream_vacancies" ADD CONSTRAINT "livestream_vacancies_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ADD CONSTRAINT "livestream_viewers_livestream_id_livestreams_id_fk" FOREIGN KEY ("livestream_id") REFERENCES "public"."livestreams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ADD CONSTRAINT "livestream_viewers_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fair_vacancies_vacancy_idx" ON "fair_vacancies" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "intents_vacancy_idx" ON "intents" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "livestream_vacancies_vacancy_idx" ON "livestream_vacancies" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "livestream_viewers_seq_idx" ON "livestream_viewers" USING btree ("livestream_id","seq");