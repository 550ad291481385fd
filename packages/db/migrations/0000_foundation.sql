CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"employer_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"request_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"credit_code" text NOT NULL,
	"region_code" text NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blacklisted" boolean DEFAULT false NOT NULL,
	"blacklist_reason" text,
	"blacklisted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "employers_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "outbox_consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_deliveries" (
	"consumer" text NOT NULL,
	"event_seq" bigint NOT NULL,
	"aggregate_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	CONSTRAINT "outbox_deliveries_consumer_event_seq_pk" PRIMARY KEY("consumer","event_seq")
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "seekers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text,
	"gender" text,
	"birth_date" date,
	"residence_region_code" text NOT NULL,
	"education" text,
	"priority_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"monitored" boolean DEFAULT false NOT NULL,
	"employment_status" text DEFAULT 'unemployed' NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skill_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"certificates" text[] DEFAULT '{}'::text[] NOT NULL,
	"training_needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"demand" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"household_income" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outcome" jsonb DEFAULT '{"status":"pending"}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"registered_by" text,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "seekers_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"family_code" text,
	"synonyms" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" text PRIMARY KEY NOT NULL,
	"employer_id" text NOT NULL,
	"external_id" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"occupation_code" text,
	"required_skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preferred_skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required_certificates" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"wage_min" integer NOT NULL,
	"wage_max" integer,
	"wage_unit" text NOT NULL,
	"pieces_per_month" integer,
	"monthly_wage_min" integer NOT NULL,
	"monthly_wage_max" integer NOT NULL,
	"headcount" integer NOT NULL,
	"filled_count" integer DEFAULT 0 NOT NULL,
	"employment_type" text DEFAULT 'full_time' NOT NULL,
	"min_education" text,
	"age_min" integer,
	"age_max" integer,
	"housing_provided" boolean DEFAULT false NOT NULL,
	"meals_provided" boolean DEFAULT false NOT NULL,
	"shift" text,
	"public_welfare" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"date_posted" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_through" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_consumer_outbox_consumers_name_fk" FOREIGN KEY ("consumer") REFERENCES "public"."outbox_consumers"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_event_seq_outbox_events_seq_fk" FOREIGN KEY ("event_seq") REFERENCES "public"."outbox_events"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_employer_idx" ON "api_keys" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "employers_region_idx" ON "employers" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "outbox_deliveries_pending_idx" ON "outbox_deliveries" USING btree ("consumer","status","available_at","event_seq");--> statement-breakpoint
CREATE INDEX "outbox_deliveries_aggregate_idx" ON "outbox_deliveries" USING btree ("consumer","aggregate_id","event_seq");--> statement-breakpoint
CREATE INDEX "outbox_events_aggregate_idx" ON "outbox_events" USING btree ("aggregate_id","seq");--> statement-breakpoint
CREATE INDEX "seekers_residence_idx" ON "seekers" USING btree ("residence_region_code");--> statement-breakpoint
CREATE INDEX "seekers_phone_idx" ON "seekers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "seekers_skill_codes_idx" ON "seekers" USING gin ("skill_codes");--> statement-breakpoint
CREATE INDEX "seekers_priority_groups_idx" ON "seekers" USING gin ("priority_groups");--> statement-breakpoint
CREATE INDEX "skills_family_idx" ON "skills" USING btree ("family_code");--> statement-breakpoint
CREATE INDEX "vacancies_employer_idx" ON "vacancies" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "vacancies_status_region_idx" ON "vacancies" USING btree ("status","region_code");--> statement-breakpoint
CREATE INDEX "vacancies_valid_through_idx" ON "vacancies" USING btree ("valid_through");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_employer_external_idx" ON "vacancies" USING btree ("employer_id","external_id");