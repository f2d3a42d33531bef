-- Appends many entries to a tenant's chain in one call, in the order given: what a bulk run's chunk
-- writes (one entry per account). The same steps as glasshouse_append_audit (0004) per entry — the time
-- read under the head's lock, the canonical encoding hashed, the entry inserted — and the head moved once
-- at the end. One statement instead of one per entry: a chunk of 100 accounts holds the head's lock for
-- one call and the commit. p_entries is a JSON array of objects with the keys below (app/audit/trail.server.ts,
-- appendAuditEntries); "before", "afterSeq", "afterTime" and "end" are encodeEntryAround's parts.
CREATE OR REPLACE FUNCTION glasshouse_append_audit_many(p_tenant uuid, p_entries jsonb)
RETURNS TABLE (seq bigint, hash text, at text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
DECLARE
  v_prev text;
  v_seq bigint;
  v_at text;
  v_hash text;
  v_entry jsonb;
BEGIN
  SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES (p_tenant, 0, repeat('0', 64))
      ON CONFLICT (tenant_id) DO NOTHING;
    SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  END IF;
  FOR v_entry IN
    SELECT e.value FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e(value, n) ORDER BY e.n
  LOOP
    v_seq := v_seq + 1;
    v_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    v_hash := encode(sha256(convert_to(
      (v_entry->>'before') || v_seq::text || (v_entry->>'afterSeq') || v_at || (v_entry->>'afterTime') ||
      v_prev || (v_entry->>'end'), 'UTF8')), 'hex');
    INSERT INTO audit_entries (
      tenant_id, seq, id, occurred_at, actor_account_id, actor_tenant_id, actor_name, actor_role,
      delegation_id, operator_access_id, action, outcome, subject_account_id, target, reason, policy_ids,
      sentence, changes, request_id, ip_address, user_agent, visibility, prev_hash, hash)
    VALUES (
      p_tenant, v_seq, (v_entry->>'id')::uuid, v_at::timestamptz, (v_entry->>'actorAccountId')::uuid,
      (v_entry->>'actorTenantId')::uuid, v_entry->>'actorName', v_entry->>'actorRole',
      (v_entry->>'delegationId')::uuid, (v_entry->>'operatorAccessId')::uuid, v_entry->>'action',
      (v_entry->>'outcome')::audit_outcome, (v_entry->>'subjectAccountId')::uuid,
      nullif(v_entry->'target', 'null'::jsonb), v_entry->>'reason',
      coalesce(ARRAY(SELECT jsonb_array_elements_text(v_entry->'policyIds')), '{}'), v_entry->>'sentence',
      nullif(v_entry->'changes', 'null'::jsonb), v_entry->>'requestId', v_entry->>'ipAddress',
      v_entry->>'userAgent', v_entry->>'visibility', v_prev, v_hash);
    v_prev := v_hash;
    seq := v_seq;
    hash := v_hash;
    at := v_at;
    RETURN NEXT;
  END LOOP;
  UPDATE audit_chain_heads h SET seq = v_seq, hash = v_prev WHERE h.tenant_id = p_tenant;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_append_audit_many(uuid, jsonb) TO glasshouse_app;
