// What acting through a delegation costs (issue 8): a request's principal resolved from its session cookie,
// the client's console reached (for reseller staff: the live delegation they are assigned to, its roles),
// the actor built and a decision made — for a helpdesk admin of the client and for a reseller's staff
// member holding the same role through a delegation, measured in turn in the same run. Goal: the
// delegation adds at most 1 ms. Runs in a scratch PostgreSQL database it creates and drops.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { accounts, delegationStaff, delegations, organisations, resellerLinks, roleAssignments } from "~db/schema";
import { withDatabaseName } from "~db/testing-server";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi } from "~/actions/perform.server";
import { loadAccountResource } from "~/actions/resources.server";
import { createSession } from "~/auth/credentials.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { setDatabase, tenantScope } from "~/db.server";
import type { AccountResource } from "~/policy/types";

export const GOAL_MS = 1;

export interface Figures {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
}

export interface AccessBenchResult {
  member: Figures;
  delegated: Figures;
  /** Delegated minus member, at the median and at p95. */
  addedP50Ms: number;
  addedP95Ms: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    requests: samples.length,
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    meanMs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
  };
}

export async function run(options: { url?: string; requests?: number } = {}): Promise<AccessBenchResult> {
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const requests = options.requests ?? 2_000;
  const name = `glasshouse_bench_access_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const database = await openDatabase({ url: withDatabaseName(serverUrl, name), maxConnections: 4 });
  try {
    await migrateDatabase(database);
    setDatabase(database);
    const db = database.db;
    const [client] = await db
      .insert(organisations)
      .values({ slug: "client", name: "Client Ltd", kind: "customer" })
      .returning({ id: organisations.id });
    const [reseller] = await db
      .insert(organisations)
      .values({ slug: "reseller", name: "Reseller Ltd", kind: "reseller" })
      .returning({ id: organisations.id });
    const memberId = randomUUID();
    const staffId = randomUUID();
    const people = Array.from({ length: 200 }, () => randomUUID());
    await db.insert(accounts).values([
      { tenantId: client!.id, id: memberId, email: "helpdesk@client.example", displayName: "Helen Desk" },
      ...people.map((id, index) => ({
        tenantId: client!.id,
        id,
        email: `person-${index}@client.example`,
        displayName: `Person ${index}`,
      })),
    ]);
    await db
      .insert(accounts)
      .values({ tenantId: reseller!.id, id: staffId, email: "staff@reseller.example", displayName: "Sam Staff" });
    await db.insert(roleAssignments).values({ tenantId: client!.id, accountId: memberId, role: "helpdesk_admin" });
    await db.insert(resellerLinks).values({ tenantId: client!.id, resellerId: reseller!.id });
    const delegationId = randomUUID();
    const now = new Date();
    await db.insert(delegations).values({
      tenantId: client!.id,
      id: delegationId,
      number: 1,
      resellerId: reseller!.id,
      roles: ["helpdesk_admin"],
      status: "active",
      requestedBy: staffId,
      durationDays: 90,
      approvedAt: now,
      expiresAt: new Date(now.getTime() + 90 * 86_400_000),
    });
    await db.insert(delegationStaff).values({ tenantId: client!.id, delegationId, staffAccountId: staffId });

    const signIn = async (tenantId: string, accountId: string) =>
      `${SESSION_COOKIE}=${await tenantScope(tenantId, (tx) =>
        createSession(
          tx,
          { tenantId, accountId },
          { ipAddress: "127.0.0.1", userAgent: "glasshouse-bench" },
          { secondFactorAt: new Date() },
          new Date(),
        ),
      )}`;
    const cookies = { member: await signIn(client!.id, memberId), delegated: await signIn(reseller!.id, staffId) };
    const resources = await tenantScope(client!.id, async (tx) =>
      Promise.all(people.map((id) => loadAccountResource(tx, client!.id, id))),
    );

    // session → (delegation → roles) → actor → decision, as a console page does it
    const once = async (cookie: string, resource: AccountResource) => {
      const request = new Request("http://localhost/t/client/", {
        headers: { Cookie: cookie, "User-Agent": "glasshouse-bench" },
      });
      const started = performance.now();
      const { actor } = await requireTenantActor(request, "client");
      const [decision] = decideForUi(actor, [{ action: "account.view", resource }]);
      if (decision?.outcome !== "allow") throw new Error(`bench: ${decision?.sentence}`);
      return performance.now() - started;
    };
    const samples = { member: [] as number[], delegated: [] as number[] };
    for (let index = 0; index < 200; index++) {
      await once(cookies.member, resources[index % resources.length]!);
      await once(cookies.delegated, resources[index % resources.length]!);
    }
    for (let index = 0; index < requests; index++) {
      const resource = resources[index % resources.length]!;
      // In turn, so both see the same server, caches and load.
      samples.member.push(await once(cookies.member, resource));
      samples.delegated.push(await once(cookies.delegated, resource));
    }
    const member = figures(samples.member);
    const delegated = figures(samples.delegated);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      member,
      delegated,
      addedP50Ms: round(delegated.p50Ms - member.p50Ms),
      addedP95Ms: round(delegated.p95Ms - member.p95Ms),
    };
  } finally {
    setDatabase(undefined);
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
