CREATE TABLE "follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"placement_id" text NOT NULL,
	"seeker_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"outcome" text,
	"left_reason" text,
	"wage_paid" integer,
	"note" text,
	"done_at" timestamp with time zone,
	"done_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" text PRIMARY KEY NOT NULL,
	"seeker_id" text NOT NULL,
	"vacancy_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"intent_id" text,
	"region_code" text NOT NULL,
	"start_date" date NOT NULL,
	"monthly_wage" integer NOT NULL,
	"contract_signed" boolean NOT NULL,
	"social_insurance" boolean NOT NULL,
	"confirmed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_once_key" UNIQUE("seeker_id","vacancy_id")
);
--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "retention_90" real;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "followed_up_90" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_region_due_idx" ON "follow_ups" USING btree ("region_code","status","due_at");--> statement-breakpoint
CREATE INDEX "follow_ups_placement_idx" ON "follow_ups" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "placements_region_idx" ON "placements" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "placements_employer_idx" ON "placements" USING btree ("employer_id");