import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, verifyPassword } from "../app/auth/password.server";
import { queryRows, type Queryable } from "./client";
import * as schema from "./schema";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemo, type SeedSummary } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing";

const NOW = new Date("2026-11-20T09:30:00.000Z");
const DAY = 86_400_000;
const TABLES = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

/** Every table's row count and a digest of its whole content. */
type Snapshot = Record<string, { rows: number; digest: string }>;

async function snapshot(db: Queryable, except: string[] = []): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const table of TABLES.filter((name) => !except.includes(name))) {
    const [row] = await queryRows<{ rows: number; digest: string }>(
      db,
      sql`select count(*)::int as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
            from ${sql.identifier(table)} t`,
    );
    result[table] = row!;
  }
  return result;
}

async function rows<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(database.db, query);
}

let database: TestDatabase;
let first: SeedSummary;
let second: SeedSummary;
let afterOnce: Snapshot;
let afterTwice: Snapshot;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await seedDemo(database.db, { now: NOW });
  afterOnce = await snapshot(database.db);
  // A later clock must change nothing: once the operator organisation exists, its created_at is the anchor.
  second = await seedDemo(database.db, { now: new Date(NOW.getTime() + 3 * DAY) });
  afterTwice = await snapshot(database.db);
});

afterAll(async () => {
  await database?.close();
});

describe("seedDemo, run twice", () => {
  it("leaves the same rows when run twice", () => {
    expect(Object.keys(afterOnce)).toEqual(TABLES);
    expect(afterTwice).toEqual(afterOnce);
  });

  it("keeps the first run's anchor and writes nothing the second time", () => {
    expect(first.alreadySeeded).toBe(false);
    expect(second.alreadySeeded).toBe(true);
    expect(second.anchor.toISOString()).toBe(NOW.toISOString());
    expect(second.rows).toEqual(first.rows);
    expect(Object.values(second.written).every((n) => n === 0)).toBe(true);
    expect(first.written).toEqual(first.rows);
  });

  it("keeps the same accounts and telemetry totals", async () => {
    const accounts = await rows<{ id: string; email: string }>(sql`select id, email from accounts order by id`);
    const [totals] = await rows<{ installs: number; heartbeats: number; uninstalls: number }>(sql`
      select sum(installs)::int as installs, sum(heartbeats)::int as heartbeats, sum(uninstalls)::int as uninstalls
        from install_daily_rollups`);
    expect(accounts).toHaveLength(first.rows.accounts);
    expect(totals!.installs + totals!.heartbeats + totals!.uninstalls).toBe(first.rows.installEvents);
    expect(afterTwice.accounts).toEqual(afterOnce.accounts);
    expect(afterTwice.install_daily_rollups).toEqual(afterOnce.install_daily_rollups);
  });

  it("builds the same demo from the same clock in another database, password hashes aside", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.db, { now: NOW });
      const except = ["password_credentials"];
      expect(await snapshot(other.db, except)).toEqual(await snapshot(database.db, except));
    } finally {
      await other.close();
    }
  });
});

describe("the demo sign-ins", () => {
  it("uses a demo password long enough for the password rules", () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it("lets every listed person sign in with the demo password", async () => {
    for (const person of DEMO_SIGN_INS) {
      const [account] = await rows<{ status: string; display_name: string; slug: string; hash: string | null }>(sql`
        select a.status, a.display_name, o.slug, c.hash
          from accounts a
          join organisations o on o.id = a.tenant_id
          left join password_credentials c on c.tenant_id = a.tenant_id and c.account_id = a.id
         where lower(a.email) = lower(${person.email})`);
      expect(account, person.email).toMatchObject({
        status: "active",
        display_name: person.name,
        slug: person.tenantSlug,
      });
      expect(await verifyPassword(account!.hash ?? undefined, person.password), person.email).toBe(true);
    }
  });

  it("gives an admin role in their organisation to exactly those who land on its console", async () => {
    for (const person of DEMO_SIGN_INS) {
      const roles = await rows<{ role: string }>(sql`
        select r.role from role_assignments r
          join accounts a on a.tenant_id = r.tenant_id and a.id = r.account_id
          join organisations o on o.id = a.tenant_id
         where a.email = ${person.email} and o.slug = ${person.tenantSlug}`);
      expect(person.landsOn, person.email).toBe(roles.length > 0 ? `/t/${person.tenantSlug}/` : "/me");
    }
  });

  it("names the people the demo script talks about", () => {
    const byEmail = new Map(DEMO_SIGN_INS.map((person) => [person.email, person]));
    expect(byEmail.get("dana.okafor@acme.example")).toMatchObject({ role: "domain_admin", landsOn: "/t/acme/" });
    expect(byEmail.get("alice.ng@acme.example")).toMatchObject({ landsOn: "/me" });
    expect(DEMO_SIGN_INS.map((person) => person.tenantSlug)).toEqual(
      expect.arrayContaining(["acme", "fabrikam", "contoso", "northwind", "glasshouse-ops"]),
    );
  });
});

describe("the shape of the demo", () => {
  it("gives Acme a few hundred accounts and the others a few dozen", async () => {
    const sizes = await rows<{ slug: string; kind: string; accounts: number }>(sql`
      select o.slug, o.kind, count(a.id)::int as accounts
        from organisations o left join accounts a on a.tenant_id = o.id
       group by o.slug, o.kind`);
    const size = Object.fromEntries(sizes.map((s) => [s.slug, s.accounts]));
    expect(size.acme).toBeGreaterThanOrEqual(250);
    expect(size.acme).toBeLessThanOrEqual(400);
    expect(size.fabrikam).toBeGreaterThanOrEqual(20);
    expect(size.contoso).toBeGreaterThanOrEqual(30);
    expect(Object.fromEntries(sizes.map((s) => [s.slug, s.kind]))).toMatchObject({
      "glasshouse-ops": "operator",
      northwind: "reseller",
      acme: "customer",
    });
  });

  it("records thousands of install events, all in the 90 days before the anchor", async () => {
    const [events] = await rows<{ n: number; first: string; last: string }>(sql`
      select count(*)::int as n, min(occurred_at)::text as first, max(occurred_at)::text as last from install_events`);
    expect(events!.n).toBeGreaterThanOrEqual(2000);
    expect(events!.n).toBeLessThan(20_000);
    const [outside] = await rows<{ n: number }>(sql`
      select count(*)::int as n from install_events
       where occurred_at < ${new Date(NOW.getTime() - 90 * DAY).toISOString()}::timestamptz
          or occurred_at > ${NOW.toISOString()}::timestamptz`);
    expect(outside!.n).toBe(0);
  });

  it("sums the daily rollups to the raw events", async () => {
    const [check] = await rows<{ mismatched: number }>(sql`
      select count(*)::int as mismatched from (
        select tenant_id, app, os,
               count(*) filter (where kind = 'install') as installs,
               count(*) filter (where kind = 'uninstall') as uninstalls,
               count(*) filter (where kind = 'heartbeat') as heartbeats
          from install_events group by 1, 2, 3
      ) e full join (
        select tenant_id, app, os, sum(installs) as installs, sum(uninstalls) as uninstalls, sum(heartbeats) as heartbeats
          from install_daily_rollups group by 1, 2, 3
      ) r using (tenant_id, app, os)
       where (e.installs, e.uninstalls, e.heartbeats) is distinct from (r.installs, r.uninstalls, r.heartbeats)`);
    expect(check!.mismatched).toBe(0);
  });

  it("gives every installation one install event and a unique number in its tenant", async () => {
    const [check] = await rows<{ installations: number; numbers: number; installs: number }>(sql`
      select count(*)::int as installations,
             count(distinct (tenant_id, installation_number))::int as numbers,
             (select count(*)::int from install_events where kind = 'install') as installs
        from app_installations`);
    expect(check!.numbers).toBe(check!.installations);
    expect(check!.installs).toBe(check!.installations);
  });

  it("keeps every manager in the same organisation as their reports, and no one manages themself", async () => {
    const [check] = await rows<{ managed: number; orphans: number; selves: number }>(sql`
      select count(*) filter (where a.manager_id is not null)::int as managed,
             count(*) filter (where a.manager_id is not null and m.id is null)::int as orphans,
             count(*) filter (where a.manager_id = a.id)::int as selves
        from accounts a left join accounts m on m.tenant_id = a.tenant_id and m.id = a.manager_id`);
    expect(check!.managed).toBeGreaterThan(300);
    expect(check!.orphans).toBe(0);
    expect(check!.selves).toBe(0);
    const [alice] = await rows<{ manager: string }>(sql`
      select m.email as manager from accounts a join accounts m on m.tenant_id = a.tenant_id and m.id = a.manager_id
       where a.email = 'alice.ng@acme.example'`);
    expect(alice?.manager).toBe("marcus.webb@acme.example");
  });

  it("links every delegation's reseller to the customer it delegates in", async () => {
    const delegations = await rows<{ customer: string; number: number; status: string; linked: boolean }>(sql`
      select o.slug as customer, d.number, d.status::text as status,
             exists (select 1 from reseller_links l where l.tenant_id = d.tenant_id and l.reseller_id = d.reseller_id) as linked
        from delegations d join organisations o on o.id = d.tenant_id
       order by o.slug`);
    expect(delegations).toEqual([
      { customer: "acme", number: 12, status: "active", linked: true },
      { customer: "fabrikam", number: 1, status: "requested", linked: true },
    ]);
  });

  it("holds three ordinary accounts under Matter 2026-14", async () => {
    const held = await rows<{ email: string }>(sql`
      select a.email from legal_holds h
        join legal_hold_accounts ha on ha.tenant_id = h.tenant_id and ha.hold_id = h.id
        join accounts a on a.tenant_id = ha.tenant_id and a.id = ha.account_id
       where h.name = 'Matter 2026-14'`);
    expect(held).toHaveLength(3);
    const named = new Set(DEMO_SIGN_INS.map((person) => person.email));
    expect(held.filter((h) => named.has(h.email))).toEqual([]);
  });
});

describe("emails", () => {
  it("gives every account a unique, lower-case email at its organisation's domain", async () => {
    const [check] = await rows<{ total: number; distinct: number; stray: number }>(sql`
      select count(a.email)::int as total,
             count(distinct lower(a.email))::int as distinct,
             count(*) filter (where a.email <> lower(a.email)
                                 or a.email !~ '^[a-z0-9-]+\\.[a-z0-9-]+@'
                                 or split_part(a.email, '@', 2) <> o.primary_domain)::int as stray
        from accounts a join organisations o on o.id = a.tenant_id`);
    expect(check!.total).toBe(first.rows.accounts);
    expect(check!.distinct).toBe(check!.total);
    expect(check!.stray).toBe(0);
  });
});
