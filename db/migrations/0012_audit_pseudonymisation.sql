ALTER TABLE "audit_entries" ADD COLUMN "pseudonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "pseudonymised_by" uuid;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "sealed_hash" text;--> statement-breakpoint
-- Purge pseudonymises the audit trail: an entry's personal fields are replaced once, in place, and sealed.
-- The trail stays append-only for everything else. The trigger lets exactly one kind of UPDATE through:
-- inside glasshouse_pseudonymise_audit (which sets the flag for its own statement), on an entry not yet
-- pseudonymised, touching only the personal fields and the seal columns. Chain position, hash, prev_hash,
-- ids, action, outcome, policies and visibility never change, so the chain's links and checkpoints still
-- hold; the seal (sealed_hash, and the purge entry that vouches for it) makes the new contents checkable.
CREATE OR REPLACE FUNCTION glasshouse_guard_audit_entry()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('glasshouse.pseudonymising', true) = 'on'
     AND OLD.pseudonymised_by IS NULL
     AND NEW.pseudonymised_by IS NOT NULL AND NEW.pseudonymised_at IS NOT NULL AND NEW.sealed_hash IS NOT NULL
     AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_account_id, NEW.actor_tenant_id,
          NEW.actor_role, NEW.delegation_id, NEW.operator_access_id, NEW.action, NEW.outcome,
          NEW.subject_account_id, NEW.policy_ids, NEW.request_id, NEW.visibility, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_account_id, OLD.actor_tenant_id,
          OLD.actor_role, OLD.delegation_id, OLD.operator_access_id, OLD.action, OLD.outcome,
          OLD.subject_account_id, OLD.policy_ids, OLD.request_id, OLD.visibility, OLD.prev_hash, OLD.hash)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only'
    USING DETAIL = format('%s on %s refused.', TG_OP, TG_TABLE_NAME),
          HINT = 'Audit history is never changed; record a new entry instead. Only a purge pseudonymises an entry, once.';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_entries_append_only ON "audit_entries";
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_guard_audit_entry();
--> statement-breakpoint
-- Replaces the personal fields of the given entries of the transaction's own tenant and seals them.
-- p_rows: a JSON array of { seq, actorName, target, reason, sentence, changes, ipAddress, userAgent,
-- sealedHash } (app/audit/pseudonymise.server.ts). Answers how many entries it changed; an entry already
-- pseudonymised is left as it is. SECURITY DEFINER because the app role has no UPDATE on audit entries.
CREATE OR REPLACE FUNCTION glasshouse_pseudonymise_audit(p_tenant uuid, p_seal uuid, p_rows jsonb)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_count integer;
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'glasshouse_pseudonymise_audit: % is not this transaction''s tenant', p_tenant;
  END IF;
  PERFORM set_config('glasshouse.pseudonymising', 'on', true);
  UPDATE audit_entries e SET
    actor_name = r.value->>'actorName',
    target = nullif(r.value->'target', 'null'::jsonb),
    reason = r.value->>'reason',
    sentence = r.value->>'sentence',
    changes = nullif(r.value->'changes', 'null'::jsonb),
    ip_address = r.value->>'ipAddress',
    user_agent = r.value->>'userAgent',
    pseudonymised_at = now(),
    pseudonymised_by = p_seal,
    sealed_hash = r.value->>'sealedHash'
  FROM jsonb_array_elements(p_rows) AS r(value)
  WHERE e.tenant_id = p_tenant AND e.seq = (r.value->>'seq')::bigint AND e.pseudonymised_by IS NULL;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM set_config('glasshouse.pseudonymising', 'off', true);
  RETURN v_count;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_pseudonymise_audit(uuid, uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_pseudonymise_audit(uuid, uuid, jsonb) TO glasshouse_app;
