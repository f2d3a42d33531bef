ALTER TABLE "delegations" ADD COLUMN "ended_reason" text;--> statement-breakpoint
-- The reseller's view of its delegations now says why a client declined or revoked one (migration 0015).
DROP FUNCTION glasshouse_reseller_delegations(uuid);
--> statement-breakpoint
CREATE FUNCTION glasshouse_reseller_delegations(p_reseller uuid)
RETURNS TABLE (
  tenant_id uuid, id uuid, number integer, roles admin_role[], status delegation_status, message text,
  requested_by uuid, requested_at timestamptz, duration_days integer, approved_at timestamptz,
  expires_at timestamptz, ended_at timestamptz, ended_reason text, last_used_at timestamptz, staff uuid[]
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT d.tenant_id, d.id, d.number, d.roles, d.status, d.message, d.requested_by, d.requested_at,
         d.duration_days, d.approved_at, d.expires_at, d.ended_at, d.ended_reason,
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
REVOKE ALL ON FUNCTION glasshouse_reseller_delegations(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_reseller_delegations(uuid) TO glasshouse_app;
