// The process's database, opened once by whoever starts the process (scripts/server.ts, a script, or a
// test) and shared through globalThis, because the dev server loads app modules in a module graph of
// their own and PGlite's folder must only ever be opened once.
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~db/client";
import { openDatabase } from "~db/client";
import { withSessionTenant, withTenant, withoutTenant } from "~db/tenant-scope";
import { getConfig } from "./config.server";

const KEY = Symbol.for("glasshouse.database");
type Holder = { [KEY]?: Database };
const holder = globalThis as Holder;

export function setDatabase(database: Database | undefined): void {
  holder[KEY] = database;
}

export function getDatabase(): Database {
  const database = holder[KEY];
  if (!database) throw new Error("The database is not open: call openConfiguredDatabase() at start-up.");
  return database;
}

/** Opens the database the configuration names (PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR). */
export async function openConfiguredDatabase(): Promise<Database> {
  const existing = holder[KEY];
  if (existing) return existing;
  const config = getConfig();
  const database = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, prepare: config.DATABASE_PREPARE }
      : { dataDir: config.pgliteDir },
  );
  setDatabase(database);
  return database;
}

/** Runs `work` in one transaction that sees only `tenantId`'s rows (row-level security, app role). */
export function tenantScope<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(getDatabase().db, tenantId, work);
}

/** Runs `work` in one transaction that sees only the rows of the tenant of a session (null: no such session). */
export function sessionScope<T>(
  sessionHash: string,
  work: (tx: Tx, tenantId: string) => Promise<T>,
): Promise<T | null> {
  return withSessionTenant(getDatabase().db, sessionHash, work);
}

/** Runs `work` as the app role with no tenant: directory tables and the sign-in lookups only. */
export function directoryScope<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return withoutTenant(getDatabase().db, work);
}

/** Whether the database answers (for the health check). */
export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await getDatabase().db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
