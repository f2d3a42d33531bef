// Audited actions per second on PostgreSQL for one tenant, against the same mutation done without the
// policy decision and the audit entry. Runs in a scratch database it creates and drops.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { accounts, emailOutbox, organisations, roleAssignments, sessions } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { withDatabaseName } from "~db/testing-server";
import type { Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { setDatabase } from "~/db.server";

export interface ActionBenchResult {
  accounts: number;
  concurrency: number;
  rawPerSecond: number;
  auditedPerSecond: number;
  ratio: number;
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
  return { tenantId: tenant!.id, adminId, ids };
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

    // The same mutation as account.suspend, without the decision and the audit entry.
    const raw = await seedTenant(database, count);
    const rawSeconds = await runPool(raw.ids, concurrency, async (id) => {
      await withTenant(database.db, raw.tenantId, async (tx) => {
        await tx
          .update(accounts)
          .set({ status: "suspended", suspendedAt: new Date() })
          .where(and(eq(accounts.tenantId, raw.tenantId), eq(accounts.id, id)))
          .returning({
            email: accounts.email,
            organisation: sql<string>`(select name from organisations o where o.id = ${accounts.tenantId})`,
          });
        await tx.delete(sessions).where(and(eq(sessions.tenantId, raw.tenantId), eq(sessions.accountId, id)));
        await tx.insert(emailOutbox).values({
          tenantId: raw.tenantId,
          toAddress: "x@bench.example",
          template: "account.suspended",
          subject: "s",
          bodyText: "b",
        });
      });
    });

    const audited = await seedTenant(database, count);
    const actor: Actor = {
      facts: {
        accountId: audited.adminId,
        name: "Bench Admin",
        homeTenantId: audited.tenantId,
        homeTenantKind: "customer",
        actingTenantId: audited.tenantId,
        roles: ["domain_admin"],
        access: { kind: "member" },
        secondFactorAt: new Date(),
      },
      audit: { accountId: audited.adminId, tenantId: audited.tenantId, name: "Bench Admin", role: "domain_admin" },
      request: { requestId: null, ipAddress: "127.0.0.1", userAgent: "bench" },
    };
    let failures = 0;
    const auditedSeconds = await runPool(audited.ids, concurrency, async (id) => {
      const result = await performAction(actor, "account.suspend", { accountId: id, reason: "Benchmark run" });
      if (!result.ok) failures++;
    });
    if (failures) throw new Error(`${failures} audited actions did not succeed`);
    const rawPerSecond = count / rawSeconds;
    const auditedPerSecond = count / auditedSeconds;
    return { accounts: count, concurrency, rawPerSecond, auditedPerSecond, ratio: auditedPerSecond / rawPerSecond };
  } finally {
    setDatabase(undefined);
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
