// The app statistics page's speed goal (issue 9): with 5,000,000 install events in one organisation, the
// loader of /t/:tenant/apps answers in ≤ 100 ms at p95 (server time: called as Remix calls it, with a real
// session cookie), for a domain admin (the organisation's statistics, from installations and the daily
// rollups) and for a line manager (their direct reports' only: each report decided and audited, their events
// read by the account index). Measured one request at a time, never asserted. Beside each case, its two
// halves alone: the access decisions (requireStatsReader) and the statistics queries (loadAppStats in a
// tenant scope), so that a miss says which costs the time; a case that misses has the statements of one
// request, and of its statistics queries, explained. Runs in a scratch PostgreSQL database it creates and
// drops.
import os from "node:os";
import type { AppLoadContext } from "@remix-run/node";
import postgres from "postgres";
import { redactUrl } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { rollUpInstallEvents } from "~db/seed";
import { withDatabaseName } from "~db/testing-server";
import { createSession } from "~/auth/credentials.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { setDatabase, tenantScope } from "~/db.server";
import { loader as statsLoader } from "~/routes/t.$tenant.apps._index";
import { requireStatsReader } from "~/telemetry/stats-access.server";
import { addDays, loadAppStats, parseStatsFilters, utcDay, type StatsScope } from "~/telemetry/stats.server";
import { seedTenant, type SeededTenant } from "./console-seed";
import { explainStatements, latencyOf, openRecordedDatabase, timed, type Latency, type StatementPlan } from "./measure";

export const GOAL_MS = 100;
/** The line managers measured: how many direct reports each is given. */
const REPORTS = [12, 60] as const;

export interface AppsBenchOptions {
  url?: string;
  /** Install events in the organisation measured (default 5,000,000). */
  events?: number;
  accounts?: number;
  /** Measured loader requests per case (default 200); each half alone is measured half as often. */
  requestsPerCase?: number;
  /** Explain the statements of every case, not only of those that miss the goal. */
  explain?: boolean;
  /** Leave the scratch database in place (its name is logged). */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface AppsCaseResult extends Latency {
  name: string;
  /** The page's query string ("" for the defaults). */
  query: string;
  met: boolean;
  /** The session and the access decisions alone (requireStatsReader, each read audited as in the loader). */
  access: Latency;
  /** loadAppStats alone, in a tenant scope. */
  queries: Latency;
  /** What the page showed, to read the figures against. */
  shown: { app: string | null; days: number; active: number; installs: number; reports: number | null };
}

export interface AppsBenchResult {
  machine: { cpus: number; loadBefore: number[]; loadAfter: number[] };
  seed: {
    /** Accounts, devices, installations, events and audit trail; then the rollups; then VACUUM ANALYZE. */
    seconds: number;
    rollupSeconds: number;
    analyzeSeconds: number;
    accounts: number;
    otherTenantAccounts: number;
    events: number;
    installations: number;
    devices: number;
    rollupRows: number;
  };
  cases: AppsCaseResult[];
  /**
   * The statements of one request of each case that missed the goal (or of every case, with explain): how
   * many it sent besides BEGIN and COMMIT, and its reads explained, slowest first; then those of its
   * statistics queries alone (loadAppStats).
   */
  plans: { name: string; requestMs: number; sent: number; statements: StatementPlan[]; stats: StatementPlan[] }[];
}

type Reader = "admin" | "manager12" | "manager60";

interface Case {
  name: string;
  reader: Reader;
  params: Record<string, string>;
}

const loadAverage = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

type StatsData = Awaited<ReturnType<typeof statsLoader>>["data"];

/** Calls the loader; a Response it answers or throws (a redirect, 403, 404) is an error here. */
async function callStats(load: () => ReturnType<typeof statsLoader>): Promise<StatsData> {
  let result: unknown;
  try {
    result = await load();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const location = thrown.headers.get("Location");
    throw new Error(`The loader answered ${thrown.status}${location ? ` → ${location}` : ""}: ${await thrown.text()}`);
  }
  if (result instanceof Response) throw new Error(`The loader answered ${result.status} ${result.statusText}`);
  return (result as { data: StatsData }).data;
}

/** A session as sign-in makes it, with a second factor confirmed now. */
async function signIn(tenantId: string, accountId: string): Promise<string> {
  const token = await tenantScope(tenantId, (tx) =>
    createSession(
      tx,
      { tenantId, accountId },
      { ipAddress: "127.0.0.1", userAgent: "glasshouse-bench" },
      { secondFactorAt: new Date() },
      new Date(),
    ),
  );
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * Two members without an admin role and without reports become line managers: of 12 and of 60 active
 * people who have apps (taken from other managers: the seed gives the first thousand accounts about a dozen
 * each). Returns each manager's id and reports.
 */
async function appointLineManagers(
  seeder: postgres.Sql,
  tenantId: string,
): Promise<{ managerId: string; reportIds: string[] }[]> {
  const managers = await seeder<{ id: string }[]>`
    select a.id from accounts a
    where a.tenant_id = ${tenantId} and a.status = 'active'
      and not exists (select 1 from role_assignments r where r.tenant_id = a.tenant_id and r.account_id = a.id)
      and not exists (select 1 from accounts b where b.tenant_id = a.tenant_id and b.manager_id = a.id)
    order by md5('manager:' || a.id) limit ${REPORTS.length}`;
  const total = REPORTS.reduce((sum, count) => sum + count, 0);
  const reports = await seeder<{ id: string }[]>`
    select a.id from accounts a
    where a.tenant_id = ${tenantId} and a.status = 'active' and a.id <> all(${managers.map((row) => row.id)}::uuid[])
      and exists (select 1 from app_installations i where i.tenant_id = a.tenant_id and i.account_id = a.id)
    order by md5('report:' || a.id) limit ${total}`;
  if (managers.length < REPORTS.length || reports.length < total) {
    throw new Error("bench: too few accounts to appoint the line managers (raise --events or the accounts)");
  }
  let next = 0;
  const appointed = [];
  for (const [index, count] of REPORTS.entries()) {
    const managerId = managers[index]!.id;
    const reportIds = reports.slice(next, next + count).map((row) => row.id);
    next += count;
    await seeder`update accounts set manager_id = ${managerId} where tenant_id = ${tenantId} and id = any(${reportIds}::uuid[])`;
    appointed.push({ managerId, reportIds: [...reportIds].sort() });
  }
  return appointed;
}

export async function run(options: AppsBenchOptions = {}): Promise<AppsBenchResult> {
  const log = options.log ?? (() => {});
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const events = options.events ?? 5_000_000;
  const accounts = options.accounts ?? 20_000;
  const otherAccounts = Math.max(100, Math.round(accounts / 10));
  const perCase = options.requestsPerCase ?? 200;
  const name = `glasshouse_bench_apps_${process.pid}`;
  const url = withDatabaseName(serverUrl, name);
  const loadBefore = loadAverage();

  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const { database, client, recorder } = openRecordedDatabase(url);
  const seeder = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    setDatabase(database);

    // 1. Seeding: set-based, as the owner, on one connection that does not wait for WAL flushes. A second,
    // smaller organisation, so that every query has another tenant's rows to pass over.
    log(`seeding ${accounts.toLocaleString("en")} accounts and ${events.toLocaleString("en")} install events…`);
    const seeding = performance.now();
    await seeder.unsafe(`set synchronous_commit = off`);
    const northwind: SeededTenant = await seedTenant(
      seeder,
      {
        key: "nw",
        slug: "northwind",
        name: "Northwind Traders",
        domain: "northwind.example",
        accounts,
        installEvents: events,
        auditEntries: Math.round(accounts * 2.5),
      },
      0.42,
      log,
    );
    const globex = await seedTenant(
      seeder,
      {
        key: "gx",
        slug: "globex",
        name: "Globex",
        domain: "globex.example",
        accounts: otherAccounts,
        installEvents: Math.round(events / 100),
        auditEntries: otherAccounts * 2,
      },
      0.43,
      log,
    );
    const managers = await appointLineManagers(seeder, northwind.id);
    const seedSeconds = (performance.now() - seeding) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s; rolling up the events…`);

    // 2. The daily rollups, recounted from the raw events as the events API keeps them, then statistics.
    const rollupStarted = performance.now();
    await database.db.transaction((tx) => rollUpInstallEvents(tx, [northwind.id, globex.id]));
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    const analyzeStarted = performance.now();
    await seeder.unsafe(`vacuum analyze`);
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    log(`rollups in ${rollupSeconds.toFixed(1)} s, vacuum analyze in ${analyzeSeconds.toFixed(1)} s`);
    const [counts] = await seeder<{ events: number; installations: number; devices: number; rollups: number }[]>`
      select (select count(*)::int from install_events where tenant_id = ${northwind.id}) as events,
             (select count(*)::int from app_installations where tenant_id = ${northwind.id}) as installations,
             (select count(*)::int from devices where tenant_id = ${northwind.id}) as devices,
             (select count(*)::int from install_daily_rollups where tenant_id = ${northwind.id}) as rollups`;

    // 3. The cases: an app other than the default one (second by installations) on its commonest OS.
    const [filtered] = await seeder<{ app: string; os: string }[]>`
      with apps as (
        select app, count(*) as n from app_installations where tenant_id = ${northwind.id} group by app
        order by n desc, app offset 1 limit 1)
      select i.app, i.os from app_installations i join apps using (app)
      where i.tenant_id = ${northwind.id} group by i.app, i.os order by count(*) desc, i.os limit 1`;
    const today = utcDay(new Date());
    const longRange = { from: addDays(today, -399), to: today };
    const cases: Case[] = [
      { name: "(a) domain admin, last 30 days", reader: "admin", params: {} },
      { name: "(b) domain admin, 400 days", reader: "admin", params: longRange },
      { name: "(c) domain admin, one app + OS", reader: "admin", params: { app: filtered!.app, os: filtered!.os } },
      { name: "(d) manager of 12, 30 days", reader: "manager12", params: {} },
      { name: "(e) manager of 12, 400 days", reader: "manager12", params: longRange },
      { name: "(f) manager of 60, 30 days", reader: "manager60", params: {} },
    ];
    const readers: Record<Reader, { cookie: string; scope: StatsScope }> = {
      admin: { cookie: await signIn(northwind.id, northwind.adminId), scope: { kind: "organisation" } },
      manager12: {
        cookie: await signIn(northwind.id, managers[0]!.managerId),
        scope: { kind: "accounts", accountIds: managers[0]!.reportIds },
      },
      manager60: {
        cookie: await signIn(northwind.id, managers[1]!.managerId),
        scope: { kind: "accounts", accountIds: managers[1]!.reportIds },
      },
    };
    const context: AppLoadContext = { requestId: "bench", clientIp: "127.0.0.1", cspNonce: "YmVuY2g=" };
    const requestOf = (entry: Case) =>
      new Request(`http://localhost:3000/t/${northwind.slug}/apps?${new URLSearchParams(entry.params)}`, {
        headers: { Cookie: readers[entry.reader].cookie, "User-Agent": "glasshouse-bench" },
      });
    const filtersOf = (entry: Case) => parseStatsFilters(new URLSearchParams(entry.params)).filters;
    const callCase = (entry: Case) =>
      callStats(() => statsLoader({ request: requestOf(entry), params: { tenant: northwind.slug }, context }));
    const callAccess = (entry: Case) =>
      requireStatsReader(requestOf(entry), northwind.slug, context, { filters: filtersOf(entry) });
    const callQueries = (entry: Case) =>
      tenantScope(northwind.id, (tx) => loadAppStats(tx, northwind.id, filtersOf(entry), readers[entry.reader].scope));

    // 4. Warm-up, then the cases in turn, so that noise from other work spreads over all of them.
    const shown = new Map<string, AppsCaseResult["shown"]>();
    for (let round = 0; round < 10; round++) {
      for (const entry of cases) {
        const page = await callCase(entry);
        shown.set(entry.name, {
          app: page.stats.app,
          days: page.stats.days.length,
          active: page.stats.active,
          installs: page.stats.days.reduce((sum, day) => sum + day.installs, 0),
          reports: page.reports,
        });
        await callQueries(entry);
      }
    }
    log(`measuring ${perCase} requests per case…`);
    const samples = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    for (let index = 0; index < perCase; index++) {
      for (const entry of cases) samples.get(entry.name)!.push((await timed(() => callCase(entry))).ms);
    }
    const accessSamples = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    const querySamples = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    for (let index = 0; index < Math.ceil(perCase / 2); index++) {
      for (const entry of cases) {
        accessSamples.get(entry.name)!.push((await timed(() => callAccess(entry))).ms);
        querySamples.get(entry.name)!.push((await timed(() => callQueries(entry))).ms);
      }
    }
    const results: AppsCaseResult[] = cases.map((entry) => {
      const latency = latencyOf(samples.get(entry.name)!);
      return {
        name: entry.name,
        query: new URLSearchParams(entry.params).toString(),
        ...latency,
        met: latency.p95Ms <= GOAL_MS,
        access: latencyOf(accessSamples.get(entry.name)!),
        queries: latencyOf(querySamples.get(entry.name)!),
        shown: shown.get(entry.name)!,
      };
    });

    // 5. Where the time goes, for every case that missed the goal: each statement of one request, and of its
    // statistics queries alone, explained.
    const record = async <T>(work: () => Promise<T>) => {
      recorder.statements = [];
      recorder.recording = true;
      try {
        return { ...(await timed(work)), statements: recorder.statements };
      } finally {
        recorder.recording = false;
      }
    };
    const plans: AppsBenchResult["plans"] = [];
    for (const [index, entry] of cases.entries()) {
      if (!options.explain && results[index]!.met) continue;
      const request = await record(() => callCase(entry));
      const stats = await record(() => callQueries(entry));
      plans.push({
        name: entry.name,
        requestMs: Math.round(request.ms * 10) / 10,
        sent: request.statements.length,
        statements: await explainStatements(client, northwind.id, request.statements),
        stats: await explainStatements(client, northwind.id, stats.statements),
      });
    }

    return {
      machine: { cpus: os.cpus().length, loadBefore, loadAfter: loadAverage() },
      seed: {
        seconds: Math.round(seedSeconds * 10) / 10,
        rollupSeconds: Math.round(rollupSeconds * 10) / 10,
        analyzeSeconds: Math.round(analyzeSeconds * 10) / 10,
        accounts,
        otherTenantAccounts: otherAccounts,
        events: counts!.events,
        installations: counts!.installations,
        devices: counts!.devices,
        rollupRows: counts!.rollups,
      },
      cases: results,
      plans,
    };
  } finally {
    setDatabase(undefined);
    await seeder.end({ timeout: 5 });
    await database.close();
    if (options.keep) {
      log(`kept the scratch database ${redactUrl(url)}`);
    } else {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    await admin.end();
  }
}
