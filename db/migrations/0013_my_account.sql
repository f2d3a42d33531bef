ALTER TABLE "accounts" ADD COLUMN "privacy_policy_seen" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "response" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "disclose_hold_name" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "data_subject_requests_account_idx" ON "data_subject_requests" USING btree ("tenant_id","account_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "data_subject_requests_open_key" ON "data_subject_requests" USING btree ("tenant_id","account_id","kind",md5(coalesce("details", ''))) WHERE "data_subject_requests"."status" in ('received', 'in_progress', 'waiting_on_hold');--> statement-breakpoint
-- The app role may not write the directory table; this changes an organisation's own privacy and language
-- settings, in that organisation's scope only (like glasshouse_set_require_admin_mfa, migration 0006).
CREATE OR REPLACE FUNCTION glasshouse_set_organisation_preferences(
  p_tenant uuid, p_disclose_hold_name boolean, p_locale text, p_time_zone text
)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'organisation settings can only change in that organisation''s own scope'
      USING ERRCODE = '42501';
  END IF;
  UPDATE organisations
     SET disclose_hold_name = p_disclose_hold_name, default_locale = p_locale, default_time_zone = p_time_zone
   WHERE id = p_tenant;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_set_organisation_preferences(uuid, boolean, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_set_organisation_preferences(uuid, boolean, text, text) TO glasshouse_app;
