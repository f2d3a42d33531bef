CREATE TABLE "audit_seal_entries" (
	"tenant_id" uuid NOT NULL,
	"seal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"replaced_hash" text NOT NULL,
	"sealed_hash" text NOT NULL,
	CONSTRAINT "audit_seal_entries_tenant_id_seal_id_seq_pk" PRIMARY KEY("tenant_id","seal_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit_seal_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "pseudonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "pseudonymised_by" uuid;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "sealed_hash" text;--> statement-breakpoint
CREATE INDEX "audit_seal_entries_seq_idx" ON "audit_seal_entries" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "audit_seal_entries" AS PERMISSIVE FOR ALL TO "glasshouse_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
-- Purge pseudonymises the audit trail: an entry's personal fields are replaced in place and sealed
-- (docs/decisions/008). The trail stays append-only for everything else. The trigger lets exactly one kind
-- of UPDATE through: inside glasshouse_pseudonymise_audit (which sets the flag for its own statement),
-- touching only the personal fields and moving the entry to a new seal. Chain position, hash, prev_hash,
-- ids, action, outcome, policies and visibility never change, so the chain's links and checkpoints hold;
-- audit_seal_entries and the purge's own entry make the new contents checkable.
CREATE OR REPLACE FUNCTION glasshouse_guard_audit_entry()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('glasshouse.pseudonymising', true) = 'on'
     AND NEW.pseudonymised_by IS NOT NULL AND NEW.pseudonymised_at IS NOT NULL AND NEW.sealed_hash IS NOT NULL
     AND NEW.pseudonymised_by IS DISTINCT FROM OLD.pseudonymised_by
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
          HINT = 'Audit history is never changed; record a new entry instead. Only a purge pseudonymises entries.';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_entries_append_only ON "audit_entries";
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_guard_audit_entry();
--> statement-breakpoint
CREATE TRIGGER audit_seal_entries_append_only
  BEFORE UPDATE OR DELETE ON "audit_seal_entries"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_seal_entries_no_truncate
  BEFORE TRUNCATE ON "audit_seal_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "audit_seal_entries" FROM glasshouse_app;
--> statement-breakpoint
-- Replaces the personal fields of the given entries of the transaction's own tenant, while it purges the
-- terminated account p_account, and records each replacement under seal p_seal. p_rows: a JSON array of
-- { seq, replacedHash, actorName, target, reason, sentence, changes, ipAddress, userAgent, sealedHash }
-- (app/audit/pseudonymise.server.ts). An entry is changed only if it concerns the account — it acted in it,
-- the entry is about it, names its id, or names it by a name, address or phone it has or had (its profile,
-- earlier values in changes to its profile, names it acted under: what app/audit/pseudonymise.ts's
-- identifiersIn finds) — and only if its contents still hash to replacedHash as recorded (its hash, or its
-- latest sealed hash). Others are left alone; the caller counts and gives up. The caller sends the entries
-- that do not involve the account first, while the ones that say what it was called are unchanged.
-- SECURITY DEFINER because the app role has no UPDATE on entries.
CREATE OR REPLACE FUNCTION glasshouse_pseudonymise_audit(p_tenant uuid, p_account uuid, p_seal uuid, p_rows jsonb)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_count integer;
  v_names text[];
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'glasshouse_pseudonymise_audit: % is not this transaction''s tenant', p_tenant;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM accounts a WHERE a.tenant_id = p_tenant AND a.id = p_account
                   AND a.status = 'terminated' AND a.purged_at IS NULL) THEN
    RAISE EXCEPTION 'glasshouse_pseudonymise_audit: % is not a terminated account being purged', p_account;
  END IF;
  WITH names(v) AS (
    SELECT unnest(ARRAY[a.display_name, a.email, a.phone, a.given_name || ' ' || a.family_name])
      FROM accounts a WHERE a.tenant_id = p_tenant AND a.id = p_account
    UNION ALL
    SELECT o.actor_name FROM audit_entries o WHERE o.tenant_id = p_tenant AND o.actor_account_id = p_account
    UNION ALL
    SELECT unnest(ARRAY[s.side->>'displayName', s.side->>'email', s.side->>'phone',
                        (s.side->>'givenName') || ' ' || (s.side->>'familyName')])
      FROM audit_entries o, LATERAL (VALUES (o.changes->'before'), (o.changes->'after')) AS s(side)
      WHERE o.tenant_id = p_tenant AND o.subject_account_id = p_account AND jsonb_typeof(s.side) = 'object'
  )
  SELECT ARRAY(SELECT DISTINCT regexp_replace(lower(normalize(trim(v), NFC)), '\s+', ' ', 'g') FROM names
               WHERE length(trim(v)) >= 2)
  INTO v_names;
  PERFORM set_config('glasshouse.pseudonymising', 'on', true);
  WITH changed AS (
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
    WHERE e.tenant_id = p_tenant AND e.seq = (r.value->>'seq')::bigint
      AND coalesce(e.sealed_hash, e.hash) = r.value->>'replacedHash'
      AND (e.subject_account_id = p_account OR e.actor_account_id = p_account
           OR strpos(concat_ws(chr(10), e.target::text, e.changes::text), p_account::text) > 0
           OR EXISTS (
             SELECT 1 FROM unnest(v_names) AS k
             WHERE strpos(regexp_replace(lower(normalize(
                     concat_ws(chr(10), e.sentence, e.reason, e.target::text, e.changes::text), NFC)), '\s+', ' ', 'g'),
                   k) > 0))
    RETURNING e.seq, r.value->>'replacedHash' AS replaced_hash, e.sealed_hash
  )
  INSERT INTO audit_seal_entries (tenant_id, seal_id, seq, replaced_hash, sealed_hash)
    SELECT p_tenant, p_seal, c.seq, c.replaced_hash, c.sealed_hash FROM changed c;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM set_config('glasshouse.pseudonymising', 'off', true);
  RETURN v_count;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_pseudonymise_audit(uuid, uuid, uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_pseudonymise_audit(uuid, uuid, uuid, jsonb) TO glasshouse_app;
