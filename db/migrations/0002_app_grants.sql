-- What the app role may do. drizzle-kit writes no GRANTs, so they live here; default privileges cover
-- tables that later migrations create (run by the same owner). Audit entries are append-only for the app.
GRANT USAGE ON SCHEMA public TO glasshouse_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO glasshouse_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO glasshouse_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "organisations", "privacy_policy_versions" FROM glasshouse_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON "audit_entries", "audit_checkpoints" FROM glasshouse_app;
--> statement-breakpoint
-- The only two ways to learn a row's tenant before a tenant is set: the sign-in name, and the hash of a
-- session token. Each returns the tenant and the row's id, nothing else; everything after runs under RLS.
CREATE OR REPLACE FUNCTION glasshouse_find_sign_in(p_email text)
RETURNS TABLE (tenant_id uuid, account_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT a.tenant_id, a.id FROM accounts a WHERE lower(a.email) = lower(p_email)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_find_session(p_id text)
RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT s.tenant_id FROM sessions s WHERE s.id = p_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_find_sign_in(text), glasshouse_find_session(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_find_sign_in(text), glasshouse_find_session(text) TO glasshouse_app;
