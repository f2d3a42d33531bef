// The console's speed goals (issue 5) on PostgreSQL, with 100,000 accounts in one organisation and
// 1,000,000 install events: the accounts list with a search term and the account page each answer in
// ≤ 50 ms at p95 (server time: the route's loader, called as Remix calls it, with a real session cookie),
// and a bulk suspend of 10,000 accounts, each decided and audited, completes in ≤ 15 s. Measured one
// request at a time, never asserted. Runs in a scratch database it creates and drops.
import os from "node:os";
import type { AppLoadContext } from "@remix-run/node";
import postgres from "postgres";
import { redactUrl } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { withDatabaseName } from "~db/testing-server";
import { countAccounts } from "~/accounts/directory.server";
import { findEntriesNaming } from "~/audit/pseudonymise.server";
import type { Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { createSession } from "~/auth/credentials.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { processBulkRun } from "~/bulk/process.server";
import { setDatabase, tenantScope } from "~/db.server";
import { loader as accountLoader } from "~/routes/t.$tenant.accounts.$accountId";
import { loader as listLoader } from "~/routes/t.$tenant._index";
import { RARE_FAMILY_NAMES, seedTenant, type SeededTenant } from "./console-seed";
import { explainStatements, latencyOf, openRecordedDatabase, timed, type Latency, type StatementPlan } from "./measure";

export const GOAL_MS = 50;
export const BULK_GOAL_SECONDS = 15;

export interface ConsoleBenchOptions {
  url?: string;
  accounts?: number;
  installEvents?: number;
  /** Measured requests per kind of list query (at least 200 in all), and account pages. */
  listRequestsPerKind?: number;
  detailRequests?: number;
  /** Run the bulk suspend (default true). */
  bulk?: boolean;
  /** EXPLAIN (ANALYZE, BUFFERS) every kind's statements, not only those of kinds that miss the goal. */
  explain?: boolean;
  /** Leave the scratch database in place (its name is logged). */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface ListKindResult extends Latency {
  kind: string;
  /** The query strings sent, in turn. */
  queries: string[];
  /** Rows on the first page, averaged over the queries. */
  rows: number;
  /** Whether every row shown matches the search and filters asked for (false: the loader ignored some). */
  rowsMatch: boolean;
}

export interface BulkResult {
  status: "done" | "refused" | "skipped";
  note?: string;
  accounts: number;
  seconds?: number;
  accountsPerSecond?: number;
  startSeconds?: number;
  succeeded?: number;
  refused?: number;
  failed?: number;
  /** What the selection holds besides ordinary accounts, to read the counts against. */
  selection: { held: number; self: number; alreadySuspended: number };
  /** Accounts the run suspended (found suspended afterwards), and audit entries written during the run. */
  check?: { suspendedAfter: number; auditEntriesAdded: number };
}

export interface ConsoleBenchResult {
  machine: { cpus: number; loadPerCoreBefore: number; loadPerCoreAfter: number };
  seed: { seconds: number; accounts: number; otherTenantAccounts: number; installEvents: number; auditEntries: number };
  /** Indexes on accounts when measured (the migrations as they stand). */
  accountIndexes: string[];
  list: { kinds: ListKindResult[]; overall: Latency };
  detail: Latency & { accounts: number; meanInstallations: number; meanAuditEntries: number };
  /** A purge's search for the entries naming the person, per account (read only). */
  purgeSearch: Latency & { meanEntriesFound: number; trailEntries: number };
  /**
   * Plans of the reads of one request of each kind that missed the goal (or of every kind, with explain), and
   * how many statements the request sent besides BEGIN and COMMIT (round trips, but for those pipelined).
   */
  plans: { kind: string; requestMs: number; sent: number; statements: StatementPlan[] }[];
  bulk: BulkResult;
}

interface ListKind {
  kind: string;
  variants: Record<string, string>[];
}

type ListRow = LoaderData<typeof listLoader>["page"]["rows"][number];

/** Whether a row the list showed answers the query it was asked (else the loader ignored part of it). */
function rowMatches(params: Record<string, string>, row: ListRow): boolean {
  const term = params.q?.toLowerCase();
  if (term && !`${row.displayName}\n${row.email ?? ""}`.toLowerCase().includes(term)) return false;
  if (params.status && row.status !== params.status) return false;
  if (params.role === "none" && row.roles.length > 0) return false;
  if (params.twoFactor === "no" && (row.factors.totp || row.factors.passkeys > 0)) return false;
  return true;
}

const LIST_KINDS: ListKind[] = [
  { kind: "no search, first page", variants: [{}] },
  { kind: "common surname", variants: [{ q: "smith" }, { q: "Jones" }, { q: "williams" }, { q: "TAYLOR" }] },
  { kind: "rare surname", variants: RARE_FAMILY_NAMES.slice(0, 4).map((name) => ({ q: name.toLowerCase() })) },
  { kind: "first and family name", variants: [{ q: "Olivia Smith" }, { q: "mohammed khan" }] },
  {
    kind: "email domain fragment",
    variants: [{ q: "contractors.northwind" }, { q: "labs.north" }, { q: "@contractors" }],
  },
  { kind: "2-letter term", variants: [{ q: "li" }, { q: "an" }, { q: "ow" }, { q: "ke" }] },
  { kind: "matches nothing", variants: [{ q: "zqxj" }, { q: "xylophone" }, { q: "nobody@nowhere" }] },
  { kind: "status=suspended", variants: [{ status: "suspended" }, { status: "suspended", q: "smith" }] },
  { kind: "twoFactor=no", variants: [{ twoFactor: "no" }, { twoFactor: "no", q: "jones" }] },
  { kind: "role=none", variants: [{ role: "none" }, { role: "none", q: "patel" }] },
];

/** What a loader hands the page: the data of its `data(...)` result (Remix single fetch). */
type LoaderData<Loader extends (...args: never[]) => Promise<unknown>> =
  Awaited<ReturnType<Loader>> extends { type: string; data: infer Data } ? Data : Awaited<ReturnType<Loader>>;

function unwrap<Loader extends (...args: never[]) => Promise<unknown>>(result: unknown): LoaderData<Loader> {
  if (result instanceof Response) throw new Error(`The loader answered ${result.status} ${result.statusText}`);
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    return (result as { data: LoaderData<Loader> }).data;
  }
  return result as LoaderData<Loader>;
}

/** Calls a loader; a Response it throws (a redirect, 403, 404) is an error here, with its status and text. */
async function callLoader(load: () => Promise<unknown>): Promise<unknown> {
  try {
    return await load();
  } catch (thrown) {
    if (thrown instanceof Response) {
      const location = thrown.headers.get("Location");
      throw new Error(
        `The loader answered ${thrown.status}${location ? ` → ${location}` : ""}: ${await thrown.text()}`,
      );
    }
    throw thrown;
  }
}

const loadPerCore = () => Math.round((os.loadavg()[0]! / os.cpus().length) * 100) / 100;

export async function run(options: ConsoleBenchOptions = {}): Promise<ConsoleBenchResult> {
  const log = options.log ?? (() => {});
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const accounts = options.accounts ?? 100_000;
  const installEvents = options.installEvents ?? 1_000_000;
  const auditEntries = Math.round(accounts * 2.5);
  const otherAccounts = Math.max(100, Math.round(accounts / 10));
  const name = `glasshouse_bench_console_${process.pid}`;
  const url = withDatabaseName(serverUrl, name);
  const loadPerCoreBefore = loadPerCore();

  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const { database, client, recorder } = openRecordedDatabase(url);
  const seeder = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    setDatabase(database);

    // 1. Seeding: set-based, as the owner, on one connection that does not wait for WAL flushes.
    log(`seeding ${accounts.toLocaleString("en")} accounts and ${installEvents.toLocaleString("en")} install events…`);
    const seeding = performance.now();
    await seeder.unsafe(`set synchronous_commit = off`);
    const northwind = await seedTenant(
      seeder,
      {
        key: "nw",
        slug: "northwind",
        name: "Northwind Traders",
        domain: "northwind.example",
        accounts,
        installEvents,
        auditEntries,
      },
      0.42,
      log,
    );
    await seedTenant(
      seeder,
      {
        key: "gx",
        slug: "globex",
        name: "Globex",
        domain: "globex.example",
        accounts: otherAccounts,
        installEvents: Math.round(installEvents / 10),
        auditEntries: Math.round(auditEntries / 10),
      },
      0.43,
      log,
    );
    // Statistics, hint bits and the trigram indexes' pending lists, as autovacuum leaves a live database.
    await seeder.unsafe(`vacuum analyze`);
    const seedSeconds = (performance.now() - seeding) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);
    const indexes = await seeder<{ indexdef: string }[]>`
      select indexdef from pg_indexes where tablename = 'accounts' order by indexname`;

    const cookie = await signIn(northwind);
    const context: AppLoadContext = { requestId: "bench", clientIp: "127.0.0.1", cspNonce: "YmVuY2g=" };
    const listRequest = (params: Record<string, string>) =>
      new Request(`http://localhost:3000/t/${northwind.slug}/?${new URLSearchParams(params)}`, {
        headers: { Cookie: cookie, "User-Agent": "glasshouse-bench" },
      });
    const callList = async (params: Record<string, string>) =>
      unwrap<typeof listLoader>(
        await callLoader(() =>
          listLoader({ request: listRequest(params), params: { tenant: northwind.slug }, context }),
        ),
      );

    // 2. The accounts list, kinds in turn so that noise from other work spreads over all of them.
    const perKind = options.listRequestsPerKind ?? 30;
    for (let round = 0; round < 3; round++) {
      for (const kind of LIST_KINDS) for (const variant of kind.variants) await callList(variant);
    }
    const samples = new Map<string, number[]>(LIST_KINDS.map((kind) => [kind.kind, []]));
    const rows = new Map<string, number[]>(LIST_KINDS.map((kind) => [kind.kind, []]));
    const mismatched = new Map<string, boolean>();
    for (let index = 0; index < perKind; index++) {
      for (const kind of LIST_KINDS) {
        const variant = kind.variants[index % kind.variants.length]!;
        const { value, ms } = await timed(() => callList(variant));
        samples.get(kind.kind)!.push(ms);
        rows.get(kind.kind)!.push(value.page.rows.length);
        if (value.page.rows.some((row) => !rowMatches(variant, row))) mismatched.set(kind.kind, true);
      }
    }
    const kinds: ListKindResult[] = LIST_KINDS.map((kind) => {
      const shown = rows.get(kind.kind)!;
      return {
        kind: kind.kind,
        queries: kind.variants.map((variant) => new URLSearchParams(variant).toString() || "(none)"),
        ...latencyOf(samples.get(kind.kind)!),
        rows: Math.round(shown.reduce((sum, value) => sum + value, 0) / shown.length),
        rowsMatch: !mismatched.get(kind.kind),
      };
    });
    const overall = latencyOf([...samples.values()].flat());
    log(`list: ${overall.requests} requests, p95 ${overall.p95Ms} ms`);

    // 3. The account page, for people with devices, apps and audit entries (some with more than it shows).
    const detailIds = await seeder<{ id: string }[]>`
      (select a.id from accounts a
        where a.tenant_id = ${northwind.id} and a.status = 'active'
          and exists (select 1 from app_installations i where i.tenant_id = a.tenant_id and i.account_id = a.id)
          and exists (select 1 from audit_entries e where e.tenant_id = a.tenant_id and e.subject_account_id = a.id)
        order by md5(a.id::text) limit 100)
      union all
      (select e.subject_account_id from audit_entries e
        where e.tenant_id = ${northwind.id}
          and exists (select 1 from app_installations i where i.tenant_id = e.tenant_id and i.account_id = e.subject_account_id)
        group by e.subject_account_id having count(*) > 60 order by md5(e.subject_account_id::text) limit 50)`;
    const callDetail = async (accountId: string) =>
      unwrap<typeof accountLoader>(
        await callLoader(() =>
          accountLoader({
            request: new Request(`http://localhost:3000/t/${northwind.slug}/accounts/${accountId}`, {
              headers: { Cookie: cookie, "User-Agent": "glasshouse-bench" },
            }),
            params: { tenant: northwind.slug, accountId },
            context,
          }),
        ),
      );
    for (const { id } of detailIds.slice(0, 30)) await callDetail(id);
    const detailSamples: number[] = [];
    let installationsShown = 0;
    let auditShown = 0;
    const detailRequests = options.detailRequests ?? 300;
    for (let index = 0; index < detailRequests; index++) {
      const { id } = detailIds[index % detailIds.length]!;
      const { value, ms } = await timed(() => callDetail(id));
      detailSamples.push(ms);
      installationsShown += value.account.installations?.length ?? 0;
      auditShown += value.account.audit.length;
    }
    const detail = {
      ...latencyOf(detailSamples),
      accounts: detailIds.length,
      meanInstallations: Math.round((installationsShown / detailRequests) * 10) / 10,
      meanAuditEntries: Math.round((auditShown / detailRequests) * 10) / 10,
    };
    log(`account page: ${detail.requests} requests, p95 ${detail.p95Ms} ms`);

    // 4. The part of a purge that grows with the organisation's trail: finding every entry that names the
    // person (their own by index, others by a scan of the whole trail). Read only: the chain stays as seeded.
    const purgeSamples: number[] = [];
    let entriesFound = 0;
    for (const { id } of detailIds.slice(0, 40)) {
      const [person] = await seeder<{ display_name: string; email: string | null }[]>`
        select display_name, email from accounts where tenant_id = ${northwind.id} and id = ${id}`;
      const { value, ms } = await timed(() =>
        tenantScope(northwind.id, (tx) =>
          findEntriesNaming(tx, northwind.id, {
            accountId: id,
            pseudonym: "Erased account",
            identifiers: [person!.display_name, person!.email ?? ""],
          }),
        ),
      );
      purgeSamples.push(ms);
      entriesFound += value.entries.length;
    }
    const purgeSearch = {
      ...latencyOf(purgeSamples),
      meanEntriesFound: Math.round((entriesFound / purgeSamples.length) * 10) / 10,
      trailEntries: auditEntries,
    };
    log(`purge's trail search: ${purgeSearch.requests} accounts, p95 ${purgeSearch.p95Ms} ms`);

    // 5. Where the time goes, for every kind that missed the goal: each statement of one request, explained.
    const plans: ConsoleBenchResult["plans"] = [];
    const explainOne = async (kind: string, request: () => Promise<unknown>) => {
      recorder.statements = [];
      recorder.recording = true;
      const { ms } = await timed(request);
      recorder.recording = false;
      const statements = await explainStatements(client, northwind.id, recorder.statements);
      plans.push({ kind, requestMs: Math.round(ms * 10) / 10, sent: recorder.statements.length, statements });
    };
    for (const kind of LIST_KINDS) {
      const result = kinds.find((entry) => entry.kind === kind.kind)!;
      if (!options.explain && result.p95Ms <= GOAL_MS) continue;
      // The slowest variant's statements: the one most likely to be behind the p95.
      let slowest = { variant: kind.variants[0]!, ms: -1 };
      for (const variant of kind.variants) {
        const { ms } = await timed(() => callList(variant));
        if (ms > slowest.ms) slowest = { variant, ms };
      }
      await explainOne(`list: ${kind.kind} (${new URLSearchParams(slowest.variant)})`, () => callList(slowest.variant));
    }
    if (options.explain || detail.p95Ms > GOAL_MS) {
      await explainOne("account page", () => callDetail(detailIds[detailIds.length - 1]!.id));
    }

    // 6. Bulk suspend, last: it changes the organisation.
    const bulk: BulkResult =
      options.bulk === false
        ? { status: "skipped", accounts: 0, selection: { held: 0, self: 0, alreadySuspended: 0 } }
        : await runBulkSuspend(seeder, northwind, log);

    return {
      machine: { cpus: os.cpus().length, loadPerCoreBefore, loadPerCoreAfter: loadPerCore() },
      seed: {
        seconds: Math.round(seedSeconds * 10) / 10,
        accounts,
        otherTenantAccounts: otherAccounts,
        installEvents: installEvents + Math.round(installEvents / 10),
        auditEntries: auditEntries + Math.round(auditEntries / 10),
      },
      accountIndexes: indexes.map((row) => row.indexdef),
      list: { kinds, overall },
      detail,
      purgeSearch,
      plans,
      bulk,
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

/** A session of the organisation's domain admin with a second factor confirmed now, as sign-in makes it. */
async function signIn(tenant: SeededTenant): Promise<string> {
  const token = await tenantScope(tenant.id, (tx) =>
    createSession(
      tx,
      { tenantId: tenant.id, accountId: tenant.adminId },
      { ipAddress: "127.0.0.1", userAgent: "glasshouse-bench" },
      { secondFactorAt: new Date() },
      new Date(),
    ),
  );
  return `${SESSION_COOKIE}=${token}`;
}

// ─── Bulk suspend ─────────────────────────────────────────────────────────────────────────────────

/**
 * Suspends the organisation's contractors, chosen as an admin does it: the list filtered by their email
 * domain, then "all that match". Among them are accounts under legal hold, the admin's own account (nobody
 * suspends themself) and a few already suspended.
 */
async function runBulkSuspend(
  seeder: postgres.Sql,
  tenant: SeededTenant,
  log: (line: string) => void,
): Promise<BulkResult> {
  const filter = { q: `contractors.${tenant.domain}` };
  const [selected] = await seeder<{ accounts: number; held: number; self: number; suspended: number }[]>`
    select count(*)::int as accounts,
      count(*) filter (where exists (select 1 from legal_hold_accounts ha
        join legal_holds h on h.tenant_id = ha.tenant_id and h.id = ha.hold_id and h.released_at is null
        where ha.tenant_id = a.tenant_id and ha.account_id = a.id))::int as held,
      count(*) filter (where a.id = ${tenant.adminId})::int as self,
      count(*) filter (where a.status <> 'active')::int as suspended
    from accounts a where a.tenant_id = ${tenant.id} and a.email ilike ${`%${filter.q}%`}`;
  const selection = { held: selected!.held, self: selected!.self, alreadySuspended: selected!.suspended };
  // What the list showed the admin: the run covers the filter's matches only if the count still holds.
  const expected = await tenantScope(tenant.id, (tx) => countAccounts(tx, tenant.id, filter));
  const actor: Actor = {
    facts: {
      accountId: tenant.adminId,
      name: "Bench Admin",
      homeTenantId: tenant.id,
      homeTenantKind: "customer",
      actingTenantId: tenant.id,
      roles: ["domain_admin"],
      access: { kind: "member" },
      secondFactorAt: new Date(),
    },
    audit: { accountId: tenant.adminId, tenantId: tenant.id, name: "Bench Admin", role: "domain_admin" },
    request: { requestId: "bench-bulk", ipAddress: "127.0.0.1", userAgent: "glasshouse-bench" },
  };
  const [{ seq: seqBefore } = { seq: 0 }] = await seeder<{ seq: number }[]>`
    select seq::int from audit_chain_heads where tenant_id = ${tenant.id}`;
  log(`bulk suspend of ${expected.toLocaleString("en")} accounts…`);
  const started = performance.now();
  const start = await performAction<{ runId: string; total: number }>(actor, "bulk.start", {
    operation: "suspend",
    reason: "Benchmark: the contractors' access ends with their contract",
    selection: { kind: "filter", filter, expected },
  });
  const startSeconds = (performance.now() - started) / 1000;
  if (!start.ok) {
    return {
      status: "refused",
      note: `bulk.start: ${JSON.stringify(start)}`,
      accounts: expected,
      selection,
    };
  }
  const counts = await processBulkRun(tenant.id, start.output.runId);
  const seconds = (performance.now() - started) / 1000;
  const [check] = await seeder<{ suspended_after: number; seq: number }[]>`
    select (select count(*)::int from bulk_run_items i join accounts a on a.tenant_id = i.tenant_id and a.id = i.account_id
             where i.tenant_id = ${tenant.id} and i.run_id = ${start.output.runId} and a.status = 'suspended'
               and i.outcome = 'succeeded') as suspended_after,
           (select seq::int from audit_chain_heads where tenant_id = ${tenant.id}) as seq`;
  return {
    status: "done",
    accounts: start.output.total,
    seconds: Math.round(seconds * 100) / 100,
    accountsPerSecond: Math.round(start.output.total / seconds),
    startSeconds: Math.round(startSeconds * 100) / 100,
    ...counts,
    selection,
    check: { suspendedAfter: check!.suspended_after, auditEntriesAdded: check!.seq - seqBefore },
  };
}
