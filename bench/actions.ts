// Audited actions per second on PostgreSQL for one tenant (account.suspend through performAction), against
// the same mutation (the action's own mutate) done without validation, the policy decision and the audit
// entry. Runs in a scratch database it creates and drops.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { accounts, organisations, roleAssignments } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { withDatabaseName } from "~db/testing-server";
import { suspendAccount } from "~/actions/account-status.server";
import type { Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { setDatabase } from "~/db.server";
import { cpuTimes } from "./measure";

export interface ActionBenchResult {
  accounts: number;
  concurrency: number;
  rawPerSecond: number;
  auditedPerSecond: number;
  ratio: number;
  /** CPU ms per action, this process and PostgreSQL's (null when PostgreSQL is elsewhere), for each side. */
  cpuMsPerAction: { raw: CpuShare; audited: CpuShare };
}

interface CpuShare {
  node: number;
  postgres: number | null;
}

/** Runs `work` and answers the CPU time it took per item, from cpuTimes(). */
async function cpuPerItem(items: number, work: () => Promise<number>): Promise<{ seconds: number; cpu: CpuShare }> {
  const before = cpuTimes();
  const seconds = await work();
  const after = cpuTimes();
  const postgres =
    before.postgres === null || after.postgres === null ? null : (after.postgres - before.postgres) / items;
  return { seconds, cpu: { node: (after.node - before.node) / items, postgres } };
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await work(item);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

function benchActor({ tenantId, adminId }: { tenantId: string; adminId: string }): Actor {
  return {
    facts: {
      accountId: adminId,
      name: "Bench Admin",
      homeTenantId: tenantId,
      homeTenantKind: "customer",
      actingTenantId: tenantId,
      roles: ["domain_admin"],
      access: { kind: "member" },
      secondFactorAt: new Date(),
    },
    audit: { accountId: adminId, tenantId, name: "Bench Admin", role: "domain_admin" },
    request: { requestId: null, ipAddress: "127.0.0.1", userAgent: "bench" },
  };
}

async function seedTenant(database: Database, count: number) {
  const [tenant] = await database.db
    .insert(organisations)
    .values({ slug: `bench-${randomUUID().slice(0, 8)}`, name: "Bench Ltd", kind: "customer" })
    .returning({ id: organisations.id });
  const adminId = randomUUID();
  const ids = Array.from({ length: count }, () => randomUUID());
  await database.db
    .insert(accounts)
    .values({ tenantId: tenant!.id, id: adminId, email: `admin-${adminId}@bench.example`, displayName: "Bench Admin" });
  await database.db.insert(roleAssignments).values({ tenantId: tenant!.id, accountId: adminId, role: "domain_admin" });
  for (let start = 0; start < ids.length; start += 500) {
    await database.db.insert(accounts).values(
      ids.slice(start, start + 500).map((id, index) => ({
        tenantId: tenant!.id,
        id,
        email: `person-${id}@bench.example`,
        displayName: `Person ${start + index}`,
      })),
    );
  }
  const names = new Map(ids.map((id, index) => [id, `Person ${index}`]));
  return { tenantId: tenant!.id, adminId, ids, names };
}

export async function run(
  options: { url?: string; accounts?: number; concurrency?: number } = {},
): Promise<ActionBenchResult> {
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const count = options.accounts ?? 3_000;
  const concurrency = options.concurrency ?? 8;
  const name = `glasshouse_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const database = await openDatabase({ url: withDatabaseName(serverUrl, name), maxConnections: concurrency + 2 });
  try {
    await migrateDatabase(database);
    setDatabase(database);

    const raw = await seedTenant(database, count);
    const audited = await seedTenant(database, count);
    // As autovacuum would have done long before on a live server (the CI machine's PostgreSQL runs without
    // it): without statistics the planner finds an account by id through the wrong index, reading its whole
    // organisation, and both sides measure that instead.
    await database.db.execute(sql`analyze`);

    // The same mutation: account.suspend's own, in the tenant's scope, given the account as the action
    // layer would have loaded it, with no validation, decision or audit entry around it.
    const rawActor = benchActor(raw);
    const rawRun = await cpuPerItem(raw.ids.length, () =>
      runPool(raw.ids, concurrency, async (id) => {
        await withTenant(database.db, raw.tenantId, (tx) =>
          suspendAccount.mutate({
            tx,
            tenantId: raw.tenantId,
            input: { accountId: id, reason: "Benchmark run" },
            resource: {
              type: "Account",
              id,
              tenantId: raw.tenantId,
              name: raw.names.get(id)!,
              status: "active",
              roles: [],
              managerId: null,
              holds: [],
              locks: [],
            },
            principal: rawActor.facts,
            request: rawActor.request,
            now: new Date(),
          }),
        );
      }),
    );

    const actor = benchActor(audited);
    let failures = 0;
    const auditedRun = await cpuPerItem(audited.ids.length, () =>
      runPool(audited.ids, concurrency, async (id) => {
        const result = await performAction(actor, "account.suspend", { accountId: id, reason: "Benchmark run" });
        if (!result.ok) failures++;
      }),
    );
    if (failures) throw new Error(`${failures} audited actions did not succeed`);
    const rawPerSecond = count / rawRun.seconds;
    const auditedPerSecond = count / auditedRun.seconds;
    return {
      accounts: count,
      concurrency,
      rawPerSecond,
      auditedPerSecond,
      ratio: auditedPerSecond / rawPerSecond,
      cpuMsPerAction: { raw: rawRun.cpu, audited: auditedRun.cpu },
    };
  } finally {
    setDatabase(undefined);
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
