// The only way code reaches tenant data. Each call is one transaction that switches to the non-superuser
// app role (SET LOCAL, so a pooled connection goes back to its own role at commit or rollback) and sets
// `app.tenant_id` for that transaction only; row-level security then limits every statement to that tenant.
// Queries run on the raw `Db` outside these helpers run as the connecting (owner) role and bypass RLS:
// only migrations, the seed and tests do that. RLS guards against code that forgets a tenant filter; it is
// not a sandbox for arbitrary SQL: a connection whose login role is a superuser can still `SET ROLE` back.
// In production connect as a login role that is only a member of glasshouse_app (README, "PostgreSQL").
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "./client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A transaction on `db` that sees only `tenantId`'s rows. */
export async function withTenant<T>(db: Db, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new TypeError(`withTenant: not a tenant id: ${String(tenantId)}`);
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(
      sql`select set_config('role', 'glasshouse_app', true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    return work(tx);
  });
}

/**
 * A transaction that sees only the rows of the tenant of the session whose token hashes to `sessionHash`:
 * the narrow lookup function (db/migrations/0002) finds the tenant in the statement that sets the scope, so
 * resolving who is signed in costs one transaction, not two. Answers null, without running `work`, when
 * there is no such session.
 */
export async function withSessionTenant<T>(
  db: Db,
  sessionHash: string,
  work: (tx: Tx, tenantId: string) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const [scope] = await queryRows<{ tenant: string }>(
      tx,
      sql`select set_config('role', 'glasshouse_app', true) as role,
            set_config('app.tenant_id',
              coalesce((select tenant_id::text from glasshouse_find_session(${sessionHash})), ''), true) as tenant`,
    );
    if (!scope?.tenant) return null;
    return work(tx, scope.tenant);
  });
}

/**
 * A transaction as the app role with no tenant set: it sees directory tables (organisations) and may
 * call the narrow lookup functions (db/migrations/0002), but no tenant-owned row.
 */
export function withoutTenant<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role glasshouse_app`);
    return work(tx);
  });
}

/**
 * Runs `work` inside the caller's transaction as `tenantId`'s scope, then goes back to the caller's: for
 * the few actions that change two organisations' rows at once and must commit both or neither (a reseller's
 * request, recorded in the client's trail and its own; an organisation the operator creates with its first
 * admin). Row-level security checks every statement against the scope in force when it runs.
 */
export async function asTenant<T>(tx: Tx, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new TypeError(`asTenant: not a tenant id: ${String(tenantId)}`);
  const [previous] = await queryRows<{ tenant: string | null }>(
    tx,
    sql`select current_setting('app.tenant_id', true) as tenant`,
  );
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
  // On a failure the transaction is on its way to a rollback, which ends the scope with it.
  const result = await work(tx);
  await tx.execute(sql`select set_config('app.tenant_id', ${previous?.tenant ?? ""}, true)`);
  return result;
}

/**
 * One call of a narrow SECURITY DEFINER lookup (such as glasshouse_reach_tenant, migration 0015) in a single
 * statement, outside any transaction: for a lookup made on every request, where a transaction's own round
 * trips would be most of the cost. The function itself decides what it may answer; nothing else runs here.
 */
export async function narrowLookup<T extends Record<string, unknown>>(db: Db, call: SQL): Promise<T[]> {
  return queryRows<T>(db, call);
}
