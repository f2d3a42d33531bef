// Tenant isolation, proved at the database: queries as the app role, hand-written SQL included, see and
// change only the tenant set for their transaction.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "./client";
import { createTestDatabase, type TestDatabase } from "./testing";
import { createAccount, createOrganisation } from "./test-fixtures";
import { withTenant, withoutTenant } from "./tenant-scope";

let database: TestDatabase;
let acme: { id: string };
let globex: { id: string };
let globexAccount: { id: string };

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code ?? "unknown";
  }
  return undefined;
}

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createOrganisation(database.db, { slug: "acme" });
  globex = await createOrganisation(database.db, { slug: "globex" });
  await createAccount(database.db, { tenantId: acme.id, email: "ann@acme.example" });
  await createAccount(database.db, { tenantId: acme.id, email: "al@acme.example" });
  globexAccount = await createAccount(database.db, { tenantId: globex.id, email: "gus@globex.example" });
});

afterAll(async () => {
  await database?.close();
});

describe("row-level security for the app role", () => {
  it("runs tenant work as the non-superuser app role, and hands the connection back afterwards", async () => {
    const inside = await withTenant(database.db, acme.id, (tx) =>
      queryRows<{ role: string; tenant: string }>(
        tx,
        sql`select current_user as role, current_setting('app.tenant_id') as tenant`,
      ),
    );
    expect(inside[0]).toEqual({ role: "glasshouse_app", tenant: acme.id });
    const after = await queryRows<{ role: string }>(database.db, sql`select current_user as role`);
    expect(after[0]!.role).not.toBe("glasshouse_app");
  });

  it("shows only the current tenant's rows, even to a query that names the other tenant", async () => {
    const rows = await withTenant(database.db, acme.id, (tx) =>
      queryRows<{ email: string }>(tx, sql.raw("select email from accounts order by email")),
    );
    expect(rows.map((row) => row.email)).toEqual(["al@acme.example", "ann@acme.example"]);
    const named = await withTenant(database.db, acme.id, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from accounts where tenant_id = ${globex.id}`),
    );
    expect(named[0]!.n).toBe(0);
  });

  it("refuses to insert a row into another tenant", async () => {
    const code = await errorCode(
      withTenant(database.db, acme.id, (tx) =>
        tx.execute(
          sql`insert into accounts (tenant_id, email, display_name) values (${globex.id}, 'mole@globex.example', 'Mole')`,
        ),
      ),
    );
    expect(code).toBe("42501");
    const count = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from accounts where email = 'mole@globex.example'`,
    );
    expect(count[0]!.n).toBe(0);
  });

  it("cannot update, move or delete another tenant's rows", async () => {
    await withTenant(database.db, acme.id, async (tx) => {
      await tx.execute(sql`update accounts set display_name = 'Hacked' where tenant_id = ${globex.id}`);
      await tx.execute(sql`delete from accounts where id = ${globexAccount.id}`);
    });
    const code = await errorCode(
      withTenant(database.db, acme.id, (tx) =>
        tx.execute(sql`update accounts set tenant_id = ${globex.id} where email = 'ann@acme.example'`),
      ),
    );
    expect(code).toBe("42501");
    const [row] = await queryRows<{ display_name: string; tenant_id: string }>(
      database.db,
      sql`select display_name, tenant_id from accounts where id = ${globexAccount.id}`,
    );
    expect(row).toEqual({ display_name: "gus", tenant_id: globex.id });
  });

  it("shows no tenant rows at all when no tenant is set", async () => {
    const rows = await withoutTenant(database.db, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from accounts`),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("shows the search view only the current tenant's names, and nothing without a tenant", async () => {
    const inAcme = await withTenant(database.db, acme.id, (tx) =>
      queryRows<{ email: string }>(tx, sql`select email from account_directory where email ilike '%.example%'`),
    );
    expect(inAcme.map((row) => row.email).sort()).toEqual(["al@acme.example", "ann@acme.example"]);
    const named = await withTenant(database.db, acme.id, (tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from account_directory where tenant_id = ${globex.id}`,
      ),
    );
    expect(named[0]!.n).toBe(0);
    const none = await withoutTenant(database.db, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from account_directory`),
    );
    expect(none[0]!.n).toBe(0);
    // Read-only to the app role: writing through it would pass row-level security by.
    for (const write of [
      sql`update account_directory set email = 'x@x.example'`,
      sql`delete from account_directory`,
      sql`insert into account_directory (tenant_id, id, display_name) values (${globex.id}, gen_random_uuid(), 'x')`,
    ]) {
      expect(await errorCode(withTenant(database.db, acme.id, (tx) => tx.execute(write)))).toBe("42501");
    }
  });

  it("rejects a tenant id that is not a UUID before touching the database", async () => {
    await expect(withTenant(database.db, "acme' or 1=1 --", async () => 1)).rejects.toThrow(TypeError);
  });
});

describe("the schema", () => {
  it("puts every table with a tenant_id under row-level security with the tenant policy", async () => {
    const tables = await queryRows<{ table_name: string; rls: boolean; policies: number; pk_has_tenant: boolean }>(
      database.db,
      sql`
        select c.relname as table_name,
               c.relrowsecurity as rls,
               (select count(*)::int from pg_policies p
                 where p.tablename = c.relname and p.policyname = 'tenant_isolation'
                   and 'glasshouse_app' = any(p.roles)) as policies,
               exists (
                 select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                 where i.indrelid = c.oid and i.indisprimary and a.attname = 'tenant_id'
               ) as pk_has_tenant
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relkind in ('r', 'p')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        order by 1`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(25);
    for (const table of tables) {
      expect(table, table.table_name).toMatchObject({ rls: true, policies: 1, pk_has_tenant: true });
    }
  });

  it("includes tenant_id in every foreign key between tenant-owned tables", async () => {
    const foreignKeys = await queryRows<{ name: string; columns: string[] }>(
      database.db,
      sql`
        select con.conname as name,
               array(select a.attname::text from pg_attribute a
                     where a.attrelid = con.conrelid and a.attnum = any(con.conkey)) as columns
        from pg_constraint con
        join pg_class target on target.oid = con.confrelid
        where con.contype = 'f'
          and target.relname <> 'organisations'
          and connamespace = 'public'::regnamespace`,
    );
    expect(foreignKeys.length).toBeGreaterThan(10);
    for (const key of foreignKeys) expect(key.columns, key.name).toContain("tenant_id");
  });

  it("lets the app role append to the audit trail but never change or delete an entry", async () => {
    const update = await errorCode(
      withTenant(database.db, acme.id, (tx) => tx.execute(sql`update audit_entries set reason = 'x'`)),
    );
    const remove = await errorCode(
      withTenant(database.db, acme.id, (tx) => tx.execute(sql`delete from audit_entries`)),
    );
    expect(update).toBe("42501");
    expect(remove).toBe("42501");
  });

  it("does not let the app role create or rename organisations", async () => {
    const code = await errorCode(
      withoutTenant(database.db, (tx) =>
        tx.execute(sql`insert into organisations (slug, name, kind) values ('evil', 'Evil', 'customer')`),
      ),
    );
    expect(code).toBe("42501");
  });

  it("answers the sign-in lookup with a tenant and an account id only", async () => {
    const rows = await withoutTenant(database.db, (tx) =>
      queryRows<Record<string, unknown>>(tx, sql`select * from glasshouse_find_sign_in('GUS@globex.example')`),
    );
    expect(rows).toEqual([{ tenant_id: globex.id, account_id: globexAccount.id }]);
  });
});
