-- Trigram matching for the accounts search (ILIKE %…%): a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."bulk_item_outcome" AS ENUM('pending', 'succeeded', 'refused', 'failed');--> statement-breakpoint
CREATE TYPE "public"."bulk_run_status" AS ENUM('queued', 'running', 'done');--> statement-breakpoint
CREATE TABLE "bulk_run_items" (
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"outcome" "bulk_item_outcome" DEFAULT 'pending' NOT NULL,
	"message" text,
	"code" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "bulk_run_items_tenant_id_run_id_position_pk" PRIMARY KEY("tenant_id","run_id","position")
);
--> statement-breakpoint
ALTER TABLE "bulk_run_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bulk_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"operation" text NOT NULL,
	"action" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"selection" jsonb NOT NULL,
	"requested_by" uuid NOT NULL,
	"request_id" text,
	"ip_address" text,
	"user_agent" text,
	"status" "bulk_run_status" DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "bulk_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "bulk_run_items" ADD CONSTRAINT "bulk_run_items_tenant_id_run_id_bulk_runs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."bulk_runs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_run_items_outcome_idx" ON "bulk_run_items" USING btree ("tenant_id","run_id","outcome","position");--> statement-breakpoint
CREATE INDEX "bulk_runs_created_idx" ON "bulk_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "accounts_tenant_email_idx" ON "accounts" USING btree ("tenant_id","email","display_name","id");--> statement-breakpoint
CREATE INDEX "accounts_tenant_created_idx" ON "accounts" USING btree ("tenant_id","created_at","display_name","id");--> statement-breakpoint
CREATE INDEX "accounts_tenant_last_sign_in_idx" ON "accounts" USING btree ("tenant_id","last_sign_in_at","display_name","id");--> statement-breakpoint
CREATE INDEX "accounts_tenant_suspended_name_idx" ON "accounts" USING btree ("tenant_id","display_name","id") WHERE "accounts"."status" = 'suspended';--> statement-breakpoint
CREATE INDEX "accounts_tenant_terminated_name_idx" ON "accounts" USING btree ("tenant_id","display_name","id") WHERE "accounts"."status" = 'terminated';--> statement-breakpoint
CREATE INDEX "accounts_name_trgm_idx" ON "accounts" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accounts_email_trgm_idx" ON "accounts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "bulk_run_items" AS PERMISSIVE FOR ALL TO "glasshouse_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "bulk_runs" AS PERMISSIVE FOR ALL TO "glasshouse_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
-- The accounts list finds and orders accounts through this view (app/accounts/directory.server.ts): it is
-- owned by the schema's owner, so the trigram and partial indexes can answer ILIKE and the status tests
-- (under row-level security only "leakproof" operators may use an index, and ILIKE is not one). Its WHERE is
-- the tenant_isolation policy's own condition: it shows the transaction's tenant and nobody else's. It holds
-- what finding and ordering need; the rows shown are then read from accounts under row-level security.
CREATE OR REPLACE VIEW "account_directory" AS
  SELECT "tenant_id", "id", "display_name", "email", "status", "manager_id", "created_at", "last_sign_in_at"
  FROM "accounts"
  WHERE "tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Read-only: default privileges would let the app role write through it, past row-level security.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "account_directory" FROM glasshouse_app;--> statement-breakpoint
GRANT SELECT ON "account_directory" TO glasshouse_app;
