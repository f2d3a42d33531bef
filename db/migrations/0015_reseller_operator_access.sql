ALTER TABLE "delegations" ADD COLUMN "expiry_notice_14_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "delegations" ADD COLUMN "expiry_notice_1_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "number" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "operator_tenant_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "operator_name" text NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "mode" "operator_access_mode" NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "duration_minutes" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "operator_access_requests" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_entries_delegation_idx" ON "audit_entries" USING btree ("tenant_id","delegation_id","seq") WHERE "audit_entries"."delegation_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_entries_operator_access_idx" ON "audit_entries" USING btree ("tenant_id","operator_access_id","seq") WHERE "audit_entries"."operator_access_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "operator_access_requests_number_key" ON "operator_access_requests" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "operator_access_requests_operator_idx" ON "operator_access_requests" USING btree ("operator_account_id","status");--> statement-breakpoint
-- Narrow views across tenants for the reseller's and the operator's own pages. Each may only be called in
-- the caller's own organisation's scope (app.tenant_id), answers only about that organisation, and returns
-- nothing personal of another tenant beyond what the caller's side already holds (its own staff ids).
CREATE OR REPLACE FUNCTION glasshouse_reseller_clients(p_reseller uuid)
RETURNS TABLE (tenant_id uuid, slug text, name text, linked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT o.id, o.slug, o.name, l.created_at
    FROM reseller_links l JOIN organisations o ON o.id = l.tenant_id
   WHERE l.reseller_id = p_reseller
     AND p_reseller = nullif(current_setting('app.tenant_id', true), '')::uuid
   ORDER BY o.name
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_reseller_delegations(p_reseller uuid)
RETURNS TABLE (
  tenant_id uuid, id uuid, number integer, roles admin_role[], status delegation_status, message text,
  requested_by uuid, requested_at timestamptz, duration_days integer, approved_at timestamptz,
  expires_at timestamptz, ended_at timestamptz, last_used_at timestamptz, staff uuid[]
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT d.tenant_id, d.id, d.number, d.roles, d.status, d.message, d.requested_by, d.requested_at,
         d.duration_days, d.approved_at, d.expires_at, d.ended_at,
         (SELECT e.occurred_at FROM audit_entries e
           WHERE e.tenant_id = d.tenant_id AND e.delegation_id = d.id ORDER BY e.seq DESC LIMIT 1),
         coalesce((SELECT array_agg(s.staff_account_id ORDER BY s.created_at) FROM delegation_staff s
                    WHERE s.tenant_id = d.tenant_id AND s.delegation_id = d.id), '{}')
    FROM delegations d
   WHERE d.reseller_id = p_reseller
     AND p_reseller = nullif(current_setting('app.tenant_id', true), '')::uuid
   ORDER BY d.requested_at DESC
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_operator_organisations(p_operator uuid)
RETURNS TABLE (
  id uuid, slug text, name text, kind organisation_kind, primary_domain text,
  operator_access_mode operator_access_mode, created_at timestamptz, accounts bigint, active_accounts bigint
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT o.id, o.slug, o.name, o.kind, o.primary_domain, o.operator_access_mode, o.created_at,
         (SELECT count(*) FROM accounts a WHERE a.tenant_id = o.id),
         (SELECT count(*) FROM accounts a WHERE a.tenant_id = o.id AND a.status = 'active')
    FROM organisations o
   WHERE p_operator = nullif(current_setting('app.tenant_id', true), '')::uuid
     AND EXISTS (SELECT 1 FROM organisations op WHERE op.id = p_operator AND op.kind = 'operator')
   ORDER BY o.kind, o.name
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_operator_access_list(p_operator uuid)
RETURNS TABLE (
  tenant_id uuid, id uuid, number integer, operator_account_id uuid, operator_name text,
  subject_account_id uuid, read_only boolean, actions text[], ticket_reference text, justification text,
  status operator_access_status, mode operator_access_mode, duration_minutes integer,
  requested_at timestamptz, decided_at timestamptz, starts_at timestamptz, ends_at timestamptz,
  ended_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT r.tenant_id, r.id, r.number, r.operator_account_id, r.operator_name, r.subject_account_id,
         r.read_only, r.actions, r.ticket_reference, r.justification, r.status, r.mode, r.duration_minutes,
         r.requested_at, r.decided_at, r.starts_at, r.ends_at, r.ended_at
    FROM operator_access_requests r
   WHERE r.operator_tenant_id = p_operator
     AND p_operator = nullif(current_setting('app.tenant_id', true), '')::uuid
   ORDER BY r.requested_at DESC
$$;
--> statement-breakpoint
-- The operator creates organisations (the app role may not write the directory table).
CREATE OR REPLACE FUNCTION glasshouse_create_organisation(
  p_operator uuid, p_slug text, p_name text, p_kind organisation_kind, p_domain text,
  p_mode operator_access_mode
)
RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_id uuid;
BEGIN
  IF p_operator IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid
     OR NOT EXISTS (SELECT 1 FROM organisations WHERE id = p_operator AND kind = 'operator') THEN
    RAISE EXCEPTION 'only the operator creates organisations, in its own scope' USING ERRCODE = '42501';
  END IF;
  IF p_kind = 'operator' THEN
    RAISE EXCEPTION 'there is one operator organisation' USING ERRCODE = '42501';
  END IF;
  INSERT INTO organisations (slug, name, kind, primary_domain, operator_access_mode)
  VALUES (p_slug, p_name, p_kind, p_domain, p_mode)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_set_operator_access_mode(p_tenant uuid, p_mode operator_access_mode)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'organisation settings can only change in that organisation''s own scope'
      USING ERRCODE = '42501';
  END IF;
  UPDATE organisations SET operator_access_mode = p_mode WHERE id = p_tenant;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_reseller_clients(uuid), glasshouse_reseller_delegations(uuid),
  glasshouse_operator_organisations(uuid), glasshouse_operator_access_list(uuid),
  glasshouse_create_organisation(uuid, text, text, organisation_kind, text, operator_access_mode),
  glasshouse_set_operator_access_mode(uuid, operator_access_mode) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_reseller_clients(uuid), glasshouse_reseller_delegations(uuid),
  glasshouse_operator_organisations(uuid), glasshouse_operator_access_list(uuid),
  glasshouse_create_organisation(uuid, text, text, organisation_kind, text, operator_access_mode),
  glasshouse_set_operator_access_mode(uuid, operator_access_mode) TO glasshouse_app;
--> statement-breakpoint
-- How a reseller's staff member or an operator's reaches a customer's console, in one call (it runs on
-- every request they make there): the customer named by the URL's slug, and the live delegation the
-- person is assigned to (most recently approved first) or the live operator access they hold (latest end
-- first). Answers about that one person only; nothing when there is no live way in.
CREATE OR REPLACE FUNCTION glasshouse_reach_tenant(p_slug text, p_account uuid, p_home uuid, p_now timestamptz)
RETURNS TABLE (
  tenant_id uuid, tenant_name text, require_admin_mfa boolean, path text, id uuid, number integer,
  status text, roles text[], expires_at timestamptz, home_name text, mode text, subject_account_id uuid,
  read_only boolean, actions text[], ticket_reference text, justification text
)
-- plpgsql, so its statements' plans are cached for the connection (a SQL function is planned per call).
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_home organisation_kind;
BEGIN
  -- Only an active account of that organisation (and, for the operator, one of its staff with a role).
  SELECT o.kind INTO v_home
    FROM organisations o JOIN accounts a ON a.tenant_id = o.id AND a.id = p_account AND a.status = 'active'
   WHERE o.id = p_home;
  IF v_home = 'operator'
     AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.tenant_id = p_home AND r.account_id = p_account) THEN
    RETURN;
  END IF;
  IF v_home = 'reseller' THEN
    RETURN QUERY
    SELECT o.id, o.name, o.require_admin_mfa, 'delegation'::text, d.id, d.number, d.status::text, d.roles::text[],
           d.expires_at, r.name, NULL::text, NULL::uuid, NULL::boolean, NULL::text[], NULL::text, NULL::text
      FROM organisations o
      JOIN delegations d ON d.tenant_id = o.id AND d.reseller_id = p_home AND d.status = 'active'
                        AND d.expires_at > p_now
      JOIN delegation_staff s ON s.tenant_id = d.tenant_id AND s.delegation_id = d.id
                             AND s.staff_account_id = p_account
      JOIN organisations r ON r.id = d.reseller_id
     WHERE o.slug = p_slug AND o.kind = 'customer'
     ORDER BY d.approved_at DESC
     LIMIT 1;
  ELSIF v_home = 'operator' THEN
    RETURN QUERY
    SELECT o.id, o.name, o.require_admin_mfa, 'operator'::text, a.id, a.number, a.status::text, NULL::text[],
           a.ends_at, op.name, a.mode::text, a.subject_account_id, a.read_only, a.actions, a.ticket_reference,
           a.justification
      FROM organisations o
      JOIN operator_access_requests a ON a.tenant_id = o.id AND a.operator_account_id = p_account
                                     AND a.operator_tenant_id = p_home AND a.status = 'active' AND a.ends_at > p_now
      JOIN organisations op ON op.id = a.operator_tenant_id
     WHERE o.slug = p_slug AND o.kind = 'customer'
     ORDER BY a.ends_at DESC
     LIMIT 1;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_reach_tenant(text, uuid, uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_reach_tenant(text, uuid, uuid, timestamptz) TO glasshouse_app;
