// Storing a batch of install events, and keeping what the statistics pages read up to date as they arrive.
//
// A batch is one transaction in the key's tenant (row-level security) and, after the account references are
// resolved, ONE statement: the events go into the month-partitioned install_events, and only the rows that
// statement really inserted (its RETURNING) are added to the daily rollups and merged into installations and
// devices. So a retried batch — even the same batch arriving on two servers at once, where the primary key
// makes the second insert wait for the first to commit — changes nothing the second time: idempotency is the
// database's, not a cache's (insertStatement says how a batch with duplicates is stored).
//
// Out-of-order events merge correctly: an installation's version, OS and uninstalled state (and a device's model
// and OS) are those of its latest event (by time, then id), its account that of its latest event naming a known
// account, and first and last seen are a min and a max. Rows are written in key order, so two batches touching
// the same rollup or installation rows lock them in the same order and cannot deadlock; a deadlock or
// serialization failure that happens anyway is retried. The rollups come last (the statement's unread CTEs run
// in order at its end): their rows are the ones every batch shares, so they are locked for the shortest time
// before commit.
//
// Ingestion is not an admin action and writes no audit entry per batch (docs/decisions/011): apps post
// thousands of batches an hour, and the trail is for what people did to accounts. What the trail holds is the
// key's lifecycle (created, rotated, revoked by a domain admin); the key's last use is kept on the key.
import { sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "~db/client";
import { withTenant, withoutTenant } from "~db/tenant-scope";
import { hashIngestionKey, parseIngestionKey } from "./ingestion-keys.server";
import type { InstallEvent } from "./events";

export interface StoredBatch {
  /** Events stored now. */
  accepted: number;
  /** Valid events that were already stored (a retry), counted once. */
  duplicates: number;
}

interface EventRow {
  id: string;
  occurred_at: string;
  installation_number: string;
  kind: string;
  account_id: string | null;
  account_ref: string | null;
  app: string;
  app_version: string;
  os: string;
  os_version: string | null;
  device_model: string | null;
  device_identifier: string | null;
}

/**
 * Stores `events` (already checked: app/telemetry/events.ts) for `tenantId` and updates rollups,
 * installations and devices from the ones that were new.
 */
export async function storeEvents(db: Db, tenantId: string, events: InstallEvent[]): Promise<StoredBatch> {
  if (!events.length) return { accepted: 0, duplicates: 0 };
  await ensurePartitions(
    db,
    events.map((event) => event.occurredAt),
  );
  const store = (duplicatesPossible: boolean) =>
    retryingConflicts(() =>
      withTenant(db, tenantId, async (tx) => {
        const accounts = await resolveAccounts(tx, events);
        const rows: EventRow[] = events.map((event) => ({
          id: event.id,
          occurred_at: event.occurredAt.toISOString(),
          installation_number: event.installationNumber,
          kind: event.kind,
          account_id: event.account ? (accounts.get(accountKey(event.account)) ?? null) : null,
          account_ref: event.account,
          app: event.app,
          app_version: event.appVersion,
          os: event.os,
          os_version: event.osVersion,
          device_model: event.deviceModel,
          device_identifier: event.deviceIdentifier,
        }));
        const statement = insertStatement(tenantId, rows, duplicatesPossible);
        const [result] = await queryRows<{ accepted: number | string }>(tx, statement);
        return Number(result?.accepted ?? 0);
      }),
    );
  let accepted: number;
  try {
    accepted = await store(false);
  } catch (error) {
    if (errorCode(error) !== UNIQUE_VIOLATION) throw error;
    accepted = await store(true);
  }
  return { accepted, duplicates: events.length - accepted };
}

function accountKey(reference: string): string {
  return reference.toLowerCase();
}

/**
 * The accounts a batch names, by id or by email (case-insensitive), in this tenant only: row-level
 * security hides every other organisation's people, so another tenant's address simply stays unattributed.
 * A purged account is no one to attribute to.
 */
async function resolveAccounts(tx: Tx, events: InstallEvent[]): Promise<Map<string, string>> {
  const references = [...new Set(events.flatMap((event) => (event.account ? [accountKey(event.account)] : [])))];
  const found = new Map<string, string>();
  if (!references.length) return found;
  const ids = references.filter((reference) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(reference),
  );
  const rows = await queryRows<{ id: string; email: string | null }>(
    tx,
    sql`select id, lower(email) as email from accounts
         where purged_at is null
           and (id in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))
                or lower(email) in (select value from json_array_elements_text(${JSON.stringify(references)}::json)))`,
  );
  for (const row of rows) {
    found.set(row.id, row.id);
    if (row.email) found.set(row.email, row.id);
  }
  return found;
}

const EPOCH_UUID = "00000000-0000-0000-0000-000000000000";

const UNIQUE_VIOLATION = "23505";

/**
 * The statement that stores a batch. Nearly every batch is new, so it first goes in as a plain INSERT:
 * PostgreSQL checks the primary key as it adds each index entry, where ON CONFLICT DO NOTHING would first
 * probe the index and then insert speculatively, which costs about 40% more per event. When an event is
 * already stored (a retry), that plain INSERT fails with a unique violation and the whole transaction is rolled
 * back; the batch is then stored again with `duplicatesPossible`, ON CONFLICT DO NOTHING, which counts only
 * the new events. A retry racing the original on another server waits on the original's index entries, and
 * then fails, or skips them, once it commits: either way the database, not the server, decides what was new.
 */
function insertStatement(tenantId: string, rows: EventRow[], duplicatesPossible: boolean) {
  // "newer": the incoming latest event comes after the one the stored row was last set from.
  const newerThan = (row: string) =>
    sql.raw(
      `(excluded.last_seen_at, excluded.last_event_id) > ` +
        `(${row}.last_seen_at, coalesce(${row}.last_event_id, '${EPOCH_UUID}'))`,
    );
  const newer = newerThan("i");
  const newerDevice = newerThan("d");
  return sql`
    with input as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as e(
        id uuid, occurred_at timestamptz, installation_number text, kind install_event_kind, account_id uuid,
        account_ref text, app text, app_version text, os text, os_version text, device_model text,
        device_identifier text)
    ),
    ins as (
      insert into install_events as x (tenant_id, occurred_at, id, installation_number, kind, account_id,
        account_ref, app, app_version, os, os_version, device_model, device_identifier)
      select ${tenantId}::uuid, occurred_at, id, installation_number, kind, account_id, account_ref, app,
             app_version, os, os_version, device_model, device_identifier
        from input
       order by occurred_at, id
      ${duplicatesPossible ? sql`on conflict do nothing` : sql``}
      returning x.occurred_at, x.id, x.installation_number, x.kind, x.account_id, x.app, x.app_version, x.os,
                x.os_version, x.device_model, x.device_identifier
    ),
    device_rows as (
      select l.device_identifier, l.device_model, l.os, l.os_version, s.first_seen, s.last_seen,
             l.id as last_event_id, a.account_id, a.occurred_at as account_seen_at
        from (select distinct on (device_identifier) * from ins where device_identifier is not null
               order by device_identifier, occurred_at desc, id desc) l
        join (select device_identifier, min(occurred_at) as first_seen, max(occurred_at) as last_seen
                from ins where device_identifier is not null group by device_identifier) s using (device_identifier)
        left join (select distinct on (device_identifier) device_identifier, account_id, occurred_at
                     from ins where device_identifier is not null and account_id is not null
                    order by device_identifier, occurred_at desc, id desc) a using (device_identifier)
    ),
    dev as (
      insert into devices as d (tenant_id, device_identifier, account_id, account_seen_at, model, os, os_version,
        first_seen_at, last_seen_at, last_event_id)
      select ${tenantId}::uuid, device_identifier, account_id, account_seen_at, device_model, os, os_version,
             first_seen, last_seen, last_event_id
        from device_rows
       order by device_identifier
      on conflict (tenant_id, device_identifier) do update
         set model = case when ${newerDevice} then excluded.model else d.model end,
             os = case when ${newerDevice} then excluded.os else d.os end,
             os_version = case when ${newerDevice} then excluded.os_version else d.os_version end,
             last_event_id = case when ${newerDevice} then excluded.last_event_id else d.last_event_id end,
             account_id = case when excluded.account_seen_at > coalesce(d.account_seen_at, '-infinity')
                               then excluded.account_id else d.account_id end,
             account_seen_at = greatest(d.account_seen_at, excluded.account_seen_at),
             first_seen_at = least(d.first_seen_at, excluded.first_seen_at),
             last_seen_at = greatest(d.last_seen_at, excluded.last_seen_at)
      returning d.id, d.device_identifier
    ),
    installation_rows as (
      select l.installation_number, l.app, l.app_version, l.os, l.os_version, l.device_identifier,
             l.id as last_event_id, l.kind as last_kind, s.first_seen, s.last_seen,
             a.account_id, a.occurred_at as account_seen_at
        from (select distinct on (installation_number) * from ins
               order by installation_number, occurred_at desc, id desc) l
        join (select installation_number, min(occurred_at) as first_seen, max(occurred_at) as last_seen
                from ins group by installation_number) s using (installation_number)
        left join (select distinct on (installation_number) installation_number, account_id, occurred_at
                     from ins where account_id is not null
                    order by installation_number, occurred_at desc, id desc) a using (installation_number)
    ),
    installed as (
      insert into app_installations as i (tenant_id, installation_number, account_id, account_seen_at, device_id,
        app, app_version, os, os_version, first_seen_at, last_seen_at, last_event_id, uninstalled_at)
      select ${tenantId}::uuid, r.installation_number, r.account_id, r.account_seen_at, dev.id, r.app,
             r.app_version, r.os, r.os_version, r.first_seen, r.last_seen, r.last_event_id,
             case when r.last_kind = 'uninstall' then r.last_seen end
        from installation_rows r
        left join dev on dev.device_identifier = r.device_identifier
       order by r.installation_number
      on conflict (tenant_id, installation_number) do update
         set app = case when ${newer} then excluded.app else i.app end,
             app_version = case when ${newer} then excluded.app_version else i.app_version end,
             os = case when ${newer} then excluded.os else i.os end,
             os_version = case when ${newer} then excluded.os_version else i.os_version end,
             uninstalled_at = case when ${newer} then excluded.uninstalled_at else i.uninstalled_at end,
             device_id = case when ${newer} then coalesce(excluded.device_id, i.device_id)
                              else coalesce(i.device_id, excluded.device_id) end,
             last_event_id = case when ${newer} then excluded.last_event_id else i.last_event_id end,
             account_id = case when excluded.account_seen_at > coalesce(i.account_seen_at, '-infinity')
                               then excluded.account_id else i.account_id end,
             account_seen_at = greatest(i.account_seen_at, excluded.account_seen_at),
             first_seen_at = least(i.first_seen_at, excluded.first_seen_at),
             last_seen_at = greatest(i.last_seen_at, excluded.last_seen_at)
      returning 1
    ),
    rolled as (
      insert into install_daily_rollups as r (tenant_id, day, app, app_version, os, installs, uninstalls, heartbeats)
      select ${tenantId}::uuid, (occurred_at at time zone 'UTC')::date, app, app_version, os,
             count(*) filter (where kind = 'install'),
             count(*) filter (where kind = 'uninstall'),
             count(*) filter (where kind = 'heartbeat')
        from ins
       group by 2, 3, 4, 5
       order by 2, 3, 4, 5
      on conflict (tenant_id, day, app, app_version, os) do update
         set installs = r.installs + excluded.installs,
             uninstalls = r.uninstalls + excluded.uninstalls,
             heartbeats = r.heartbeats + excluded.heartbeats
      returning 1
    )
    select (select count(*) from ins) as accepted`;
}

// ─── Partitions ──────────────────────────────────────────────────────────────────────────────────

/** Months (UTC, as year × 12 + month) whose partition this process has seen exist. */
const knownMonths = new Set<number>();

/**
 * Makes sure each month these events fall in has its partition (db/migrations/0018). The sweep keeps three
 * months ahead and the migration made two years back, so this nearly always answers from memory; without it
 * an event of a month nobody prepared would land in the default partition, which is correct but slower.
 */
export async function ensurePartitions(db: Db, times: Date[]): Promise<void> {
  // On every batch's path: numbers, not a string per event.
  const missing = new Map<number, Date>();
  for (const at of times) {
    const month = at.getUTCFullYear() * 12 + at.getUTCMonth();
    if (!knownMonths.has(month) && !missing.has(month)) {
      missing.set(month, new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)));
    }
  }
  if (!missing.size) return;
  await withoutTenant(db, async (tx) => {
    for (const start of missing.values()) {
      await tx.execute(sql`select glasshouse_ensure_install_event_partition(${start.toISOString()}::timestamptz)`);
    }
  });
  for (const month of missing.keys()) knownMonths.add(month);
}

// ─── Keys and the per-key rate ───────────────────────────────────────────────────────────────────

export interface RateLimit {
  /** Events a key may post per second, sustained. */
  eventsPerSecond: number;
  /** Events a key may post at once after a quiet spell (never below one full batch). */
  burst: number;
}

export type KeyUse =
  | { kind: "unknown" }
  | { kind: "unusable"; tenantId: string; keyId: string }
  | { kind: "limited"; tenantId: string; keyId: string; retryAfterSeconds: number }
  | { kind: "ok"; tenantId: string; keyId: string; retentionMonths: number };

/**
 * Whose key `presented` is, and whether it may post `cost` events now: one call to
 * glasshouse_use_ingestion_key, which also takes the events from the key's token bucket and records the
 * key's last use. It runs in a transaction of its own, so the key's row is locked only for that moment.
 */
export async function takeIngestionKey(db: Db, presented: string, cost: number, rate: RateLimit): Promise<KeyUse> {
  const trimmed = presented.trim();
  if (!parseIngestionKey(trimmed)) return { kind: "unknown" };
  const [row] = await withoutTenant(db, (tx) =>
    queryRows<{
      tenant_id: string;
      key_id: string;
      usable: boolean;
      retry_after_seconds: number;
      retention_months: number;
    }>(
      tx,
      sql`select * from glasshouse_use_ingestion_key(${hashIngestionKey(trimmed)}, ${cost}::integer,
            ${rate.eventsPerSecond}::float8, ${Math.max(rate.burst, cost)}::float8)`,
    ),
  );
  if (!row) return { kind: "unknown" };
  const ids = { tenantId: row.tenant_id, keyId: row.key_id };
  if (!row.usable) return { kind: "unusable", ...ids };
  if (row.retry_after_seconds > 0) return { kind: "limited", ...ids, retryAfterSeconds: row.retry_after_seconds };
  return { kind: "ok", ...ids, retentionMonths: row.retention_months };
}

// ─── Retrying a transaction that lost a race ──────────────────────────────────────────────────────

const RETRYABLE = new Set(["40P01", "40001"]);

async function retryingConflicts<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(errorCode(error) ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
