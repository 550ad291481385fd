CREATE TABLE "oidc_claim_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_name" text NOT NULL,
	"claim_value" text NOT NULL,
	"region_code" text NOT NULL,
	"role" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_pending_sign_ins" (
	"state" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"browser_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_oidc_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_oidc_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject"),
	CONSTRAINT "staff_oidc_identities_staff_id_unique" UNIQUE("staff_id")
);
--> statement-breakpoint
ALTER TABLE "staff_oidc_identities" ADD CONSTRAINT "staff_oidc_identities_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_claim_rules_region_idx" ON "oidc_claim_rules" USING btree ("region_code");