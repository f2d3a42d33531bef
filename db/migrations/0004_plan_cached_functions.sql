-- The two statements every audited action runs, as PL/pgSQL functions: their plans are cached per
-- connection instead of being planned on every call. SECURITY INVOKER: they run as the caller, under
-- row-level security, and see only the tenant the transaction set.

-- An account's facts for the policy engine: roles, active legal holds and privacy locks covering it.
CREATE OR REPLACE FUNCTION glasshouse_account_facts(p_tenant uuid, p_ids uuid[])
RETURNS TABLE (id uuid, name text, status account_status, manager_id uuid, roles text[], holds json, locks json)
LANGUAGE plpgsql STABLE SECURITY INVOKER
AS $$
BEGIN
  RETURN QUERY
  SELECT a.id, a.display_name, a.status, a.manager_id,
    (SELECT array_agg(r.role::text ORDER BY r.role) FROM role_assignments r
      WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id),
    (SELECT json_agg(json_build_object(
              'id', h.id, 'name', h.name,
              'placedAt', to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'placedByName', p.display_name) ORDER BY h.created_at)
       FROM legal_holds h
       LEFT JOIN accounts p ON p.tenant_id = h.tenant_id AND p.id = h.created_by
      WHERE h.tenant_id = a.tenant_id AND h.released_at IS NULL
        AND (h.scope = 'organisation' OR EXISTS (
              SELECT 1 FROM legal_hold_accounts ha
               WHERE ha.tenant_id = h.tenant_id AND ha.hold_id = h.id AND ha.account_id = a.id))),
    (SELECT json_agg(json_build_object(
              'setting', l.setting, 'reason', l.reason,
              'lockedAt', to_char(l.locked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'lockedByName', b.display_name) ORDER BY l.locked_at)
       FROM privacy_locks l
       LEFT JOIN accounts b ON b.tenant_id = l.tenant_id AND b.id = l.locked_by
      WHERE l.tenant_id = a.tenant_id AND l.cleared_at IS NULL
        AND (l.account_id IS NULL OR l.account_id = a.id))
  FROM accounts a
  WHERE a.tenant_id = p_tenant AND a.id = ANY (p_ids);
END
$$;
--> statement-breakpoint
-- Appends one entry to the tenant's chain: locks the head, reads the time under the lock, hashes the
-- canonical encoding (app/audit/chain.ts, encodeEntryAround: the text around seq, time and prev_hash),
-- inserts the entry and moves the head. The caller's transaction holds the head's lock until it ends.
CREATE OR REPLACE FUNCTION glasshouse_append_audit(
  p_tenant uuid, p_id uuid, p_before text, p_after_seq text, p_after_time text, p_end text,
  p_actor_account_id uuid, p_actor_tenant_id uuid, p_actor_name text, p_actor_role text,
  p_delegation_id uuid, p_operator_access_id uuid, p_action text, p_outcome audit_outcome,
  p_subject_account_id uuid, p_target jsonb, p_reason text, p_policy_ids text[], p_sentence text,
  p_changes jsonb, p_request_id text, p_ip_address text, p_user_agent text, p_visibility text)
RETURNS TABLE (seq bigint, hash text, at text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
DECLARE
  v_prev text;
  v_seq bigint;
  v_at text;
  v_hash text;
BEGIN
  SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES (p_tenant, 0, repeat('0', 64))
      ON CONFLICT (tenant_id) DO NOTHING;
    SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  END IF;
  v_seq := v_seq + 1;
  v_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  v_hash := encode(sha256(convert_to(
    p_before || v_seq::text || p_after_seq || v_at || p_after_time || v_prev || p_end, 'UTF8')), 'hex');
  INSERT INTO audit_entries (
    tenant_id, seq, id, occurred_at, actor_account_id, actor_tenant_id, actor_name, actor_role,
    delegation_id, operator_access_id, action, outcome, subject_account_id, target, reason, policy_ids,
    sentence, changes, request_id, ip_address, user_agent, visibility, prev_hash, hash)
  VALUES (
    p_tenant, v_seq, p_id, v_at::timestamptz, p_actor_account_id, p_actor_tenant_id, p_actor_name, p_actor_role,
    p_delegation_id, p_operator_access_id, p_action, p_outcome, p_subject_account_id, p_target, p_reason,
    coalesce(p_policy_ids, '{}'), p_sentence, p_changes, p_request_id, p_ip_address, p_user_agent, p_visibility,
    v_prev, v_hash);
  UPDATE audit_chain_heads h SET seq = v_seq, hash = v_hash WHERE h.tenant_id = p_tenant;
  RETURN QUERY SELECT v_seq, v_hash, v_at;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_account_facts(uuid, uuid[]) TO glasshouse_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_append_audit(uuid, uuid, text, text, text, text, uuid, uuid, text, text, uuid, uuid, text, audit_outcome, uuid, jsonb, text, text[], text, jsonb, text, text, text, text) TO glasshouse_app;
