CREATE TABLE "fair_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"fair_id" text NOT NULL,
	"employer_id" text,
	"region_code" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "fair_codes_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "fair_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "fair_code_id" text;--> statement-breakpoint
ALTER TABLE "fair_codes" ADD CONSTRAINT "fair_codes_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_codes" ADD CONSTRAINT "fair_codes_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fair_codes_fair_idx" ON "fair_codes" USING btree ("fair_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_fair_code_id_fair_codes_id_fk" FOREIGN KEY ("fair_code_id") REFERENCES "public"."fair_codes"("id") ON DELETE no action ON UPDATE no action;