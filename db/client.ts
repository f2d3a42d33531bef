// One API over two drivers: postgres.js when a PostgreSQL URL is given, PGlite (embedded PostgreSQL in
// WebAssembly, kept in a local folder) otherwise. Everything above this file sees a drizzle `Db`.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { preparing } from "./prepared-statements";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database itself or a transaction on it. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Where it lives: the PGlite folder, or the PostgreSQL URL without its password. */
  location: string;
  /** The embedded instance, when the driver is PGlite (tests dump and load it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; when absent as well, an in-memory database. */
  dataDir?: string;
  /** PGlite only: start from a dumped data directory (tests). */
  loadDataDir?: Blob | File;
  /** postgres.js pool size. */
  maxConnections?: number;
  /**
   * PostgreSQL only: run drizzle's queries as named (prepared) statements (db/prepared-statements.ts).
   * Default true; false for a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  prepare?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: "glasshouse" },
    });
    const db = drizzlePostgres(options.prepare === false ? client : preparing(client), { schema }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      location: redactUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    // The accounts search's trigram indexes (migration 0008).
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    location: options.dataDir ?? "memory",
    pglite,
    close: () => pglite.close(),
  };
}

/** Rows of a raw query, whichever driver ran it (postgres.js answers an array, PGlite `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Queryable, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** `text` inside a LIKE pattern: its %, _ and \ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}
