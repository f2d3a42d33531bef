-- App-install telemetry at scale (issue 9).
--
-- 1. Raw events become a table partitioned by month of occurred_at. The key (tenant_id, occurred_at, id)
--    includes the partition key, as a unique constraint on a partitioned table must; a retried event carries
--    the same id and time, so the key is what makes a retry count once (INSERT … ON CONFLICT DO NOTHING,
--    decided by the unique index even between two transactions inserting it at once).
ALTER TABLE "install_events" RENAME TO "install_events_unpartitioned";
--> statement-breakpoint
ALTER TABLE "install_events_unpartitioned" RENAME CONSTRAINT "install_events_tenant_id_occurred_at_id_pk" TO "install_events_unpartitioned_pk";
--> statement-breakpoint
DROP INDEX "install_events_installation_idx";
--> statement-breakpoint
CREATE TABLE "install_events" (
	"tenant_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"id" uuid NOT NULL,
	"installation_number" text NOT NULL,
	"kind" "install_event_kind" NOT NULL,
	"account_id" uuid,
	"account_ref" text,
	"app" text NOT NULL,
	"app_version" text NOT NULL,
	"os" text NOT NULL,
	"os_version" text,
	"device_model" text,
	"device_identifier" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "install_events_tenant_id_occurred_at_id_pk" PRIMARY KEY("tenant_id","occurred_at","id")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE INDEX "install_events_installation_idx" ON "install_events" USING btree ("tenant_id","installation_number","occurred_at");
--> statement-breakpoint
-- One account's events: a purge detaches them, retention deletes them, and a line manager's statistics
-- count their reports' installs and uninstalls per day (kind and time in the key, heartbeats skipped).
CREATE INDEX "install_events_account_idx" ON "install_events" USING btree ("tenant_id","account_id","kind","occurred_at") WHERE "account_id" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "install_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "install_events" AS PERMISSIVE FOR ALL TO "glasshouse_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "install_events" TO glasshouse_app;
--> statement-breakpoint
-- Rows of a month that has no partition yet land here rather than being refused; making that month's
-- partition moves them out (below).
CREATE TABLE "install_events_default" PARTITION OF "install_events" DEFAULT;
--> statement-breakpoint
-- A partition is a table of its own: reached directly, it would answer without the parent's row-level
-- security. So each one carries the same policy, and the app role has no privileges on it at all (queries
-- through install_events are checked against the parent's grants and policy only).
ALTER TABLE "install_events_default" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "install_events_default" AS PERMISSIVE FOR ALL TO "glasshouse_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
REVOKE ALL ON "install_events_default" FROM glasshouse_app;
--> statement-breakpoint
-- The partition for the month that holds p_month, made if missing: install_events_YYYY_MM. Idempotent and
-- safe to race (an advisory lock orders two callers). Rows the default partition holds for that month are
-- moved into it. The app role may call it (SECURITY DEFINER), but it can only ever add a month.
CREATE OR REPLACE FUNCTION glasshouse_ensure_install_event_partition(p_month timestamptz)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_from timestamptz := date_trunc('month', p_month AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  v_to timestamptz := (date_trunc('month', p_month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  v_name text := 'install_events_' || to_char(p_month AT TIME ZONE 'UTC', 'YYYY_MM');
  v_waiting boolean;
BEGIN
  IF to_regclass(v_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('glasshouse_install_event_partitions'));
  IF to_regclass(v_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  SELECT EXISTS (SELECT 1 FROM install_events_default WHERE occurred_at >= v_from AND occurred_at < v_to)
    INTO v_waiting;
  IF v_waiting THEN
    EXECUTE format('CREATE TEMP TABLE glasshouse_moving ON COMMIT DROP AS
                      WITH moved AS (DELETE FROM install_events_default
                                      WHERE occurred_at >= %L AND occurred_at < %L RETURNING *)
                      SELECT * FROM moved', v_from, v_to);
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF install_events FOR VALUES FROM (%L) TO (%L)', v_name, v_from, v_to);
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', v_name);
  EXECUTE format('CREATE POLICY tenant_isolation ON %I AS PERMISSIVE FOR ALL TO glasshouse_app
                    USING (tenant_id = (select nullif(current_setting(''app.tenant_id'', true), '''')::uuid))
                    WITH CHECK (tenant_id = (select nullif(current_setting(''app.tenant_id'', true), '''')::uuid))',
                 v_name);
  EXECUTE format('REVOKE ALL ON %I FROM glasshouse_app', v_name);
  IF v_waiting THEN
    EXECUTE format('INSERT INTO %I SELECT * FROM pg_temp.glasshouse_moving', v_name);
    DROP TABLE pg_temp.glasshouse_moving;
  END IF;
  RETURN true;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_ensure_install_event_partition(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_ensure_install_event_partition(timestamptz) TO glasshouse_app;
--> statement-breakpoint
-- Months from two years back to three ahead exist from the start; the telemetry sweep keeps three ahead.
SELECT glasshouse_ensure_install_event_partition(m)
  FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - interval '24 months',
                       date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', interval '1 month') AS g(month),
       LATERAL (SELECT g.month AT TIME ZONE 'UTC') AS t(m);
--> statement-breakpoint
INSERT INTO "install_events" SELECT * FROM "install_events_unpartitioned";
--> statement-breakpoint
DROP TABLE "install_events_unpartitioned";
--> statement-breakpoint
-- 2. Installations and devices keep what out-of-order events need to merge correctly: the latest event
--    (time, then id) decides version, OS and whether it is uninstalled; the latest event that named a known
--    account decides the account. "installed_at" was always the first time one was seen.
ALTER TABLE "app_installations" RENAME COLUMN "installed_at" TO "first_seen_at";
--> statement-breakpoint
ALTER TABLE "app_installations" ADD COLUMN "last_event_id" uuid;
--> statement-breakpoint
ALTER TABLE "app_installations" ADD COLUMN "account_seen_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "account_seen_at" timestamp with time zone;
--> statement-breakpoint
-- Every batch updates its installations', devices' and rollups' rows in place; none of the columns a
-- heartbeat changes is indexed, so with room left on each page PostgreSQL can do it as a heap-only update
-- (no index entries written).
ALTER TABLE "app_installations" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "devices" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "install_daily_rollups" SET (fillfactor = 80);
--> statement-breakpoint
-- 3. Daily rollups add up: a daily-active count cannot be kept as events arrive out of order without a row
--    per installation and day, so it goes; active installations come from app_installations.
ALTER TABLE "install_daily_rollups" DROP COLUMN "active_installations";
--> statement-breakpoint
-- 4. A per-key rate (a token bucket on the key's row) and the key's last use, taken by the events API in
--    one call that also answers whose key it is: glasshouse_use_ingestion_key.
ALTER TABLE "ingestion_keys" ADD COLUMN "rate_tokens" double precision;
--> statement-breakpoint
ALTER TABLE "ingestion_keys" ADD COLUMN "rate_at" timestamp with time zone;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION glasshouse_use_ingestion_key(p_hash text, p_cost integer, p_rate double precision, p_burst double precision)
RETURNS TABLE (tenant_id uuid, key_id uuid, usable boolean, retry_after_seconds integer, retention_months integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  k ingestion_keys%ROWTYPE;
  v_tokens double precision;
  v_now timestamptz := clock_timestamp();
  v_months integer;
BEGIN
  SELECT * INTO k FROM ingestion_keys WHERE key_hash = p_hash FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT o.event_retention_months INTO v_months FROM organisations o WHERE o.id = k.tenant_id;
  IF k.revoked_at IS NOT NULL OR (k.expires_at IS NOT NULL AND k.expires_at <= v_now) THEN
    RETURN QUERY SELECT k.tenant_id, k.id, false, 0, v_months;
    RETURN;
  END IF;
  v_tokens := least(p_burst, coalesce(k.rate_tokens, p_burst)
                + greatest(0, extract(epoch FROM v_now - coalesce(k.rate_at, v_now))) * p_rate);
  IF v_tokens < p_cost THEN
    UPDATE ingestion_keys SET rate_tokens = v_tokens, rate_at = v_now
     WHERE ingestion_keys.tenant_id = k.tenant_id AND id = k.id;
    RETURN QUERY SELECT k.tenant_id, k.id, true, greatest(1, ceil((p_cost - v_tokens) / p_rate))::integer, v_months;
    RETURN;
  END IF;
  UPDATE ingestion_keys SET rate_tokens = v_tokens - p_cost, rate_at = v_now, last_used_at = v_now
   WHERE ingestion_keys.tenant_id = k.tenant_id AND id = k.id;
  RETURN QUERY SELECT k.tenant_id, k.id, true, 0, v_months;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_use_ingestion_key(text, integer, double precision, double precision) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_use_ingestion_key(text, integer, double precision, double precision) TO glasshouse_app;
--> statement-breakpoint
-- 5. The organisation's retention period for raw events, a domain admin's setting (organisation.updateSettings).
CREATE OR REPLACE FUNCTION glasshouse_set_event_retention_months(p_tenant uuid, p_months integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'organisation settings can only change in that organisation''s own scope'
      USING ERRCODE = '42501';
  END IF;
  IF p_months IS NULL OR p_months < 1 OR p_months > 120 THEN
    RAISE EXCEPTION 'the event retention period is 1 to 120 months, not %', p_months USING ERRCODE = '22023';
  END IF;
  UPDATE organisations SET event_retention_months = p_months WHERE id = p_tenant;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_set_event_retention_months(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_set_event_retention_months(uuid, integer) TO glasshouse_app;
