-- The third way to learn a row's tenant before a tenant is set: a passkey sign-in names only its credential
-- id. Returns the tenant and account of that credential, nothing else; everything after runs under RLS.
CREATE OR REPLACE FUNCTION glasshouse_find_passkey(p_credential_id text)
RETURNS TABLE (tenant_id uuid, account_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT p.tenant_id, p.account_id FROM passkeys p WHERE p.credential_id = p_credential_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_find_passkey(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_find_passkey(text) TO glasshouse_app;
--> statement-breakpoint
-- The app role may not write the organisations directory. Organisation settings change through functions
-- like this one, which act only on the tenant the transaction is scoped to (set by SET LOCAL app.tenant_id).
CREATE OR REPLACE FUNCTION glasshouse_set_require_admin_mfa(p_tenant uuid, p_value boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'organisation settings can only change in that organisation''s own scope'
      USING ERRCODE = '42501';
  END IF;
  UPDATE organisations SET require_admin_mfa = p_value WHERE id = p_tenant;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_set_require_admin_mfa(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_set_require_admin_mfa(uuid, boolean) TO glasshouse_app;
