// Drizzle's queries run as named statements on PostgreSQL (db/prepared-statements.ts). PGlite is another
// driver, with no statements to name, so these run on PostgreSQL only.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type Database, type Queryable } from "./client";
import { MAX_PREPARED_PARAMETERS } from "./prepared-statements";
import { createTestDatabase, type TestDatabase } from "./testing";

/** Sums `count` parameters in one statement whose text carries `marker`. */
async function sumOf(tx: Queryable, marker: string, count: number): Promise<number> {
  const terms = sql.join(
    Array.from({ length: count }, (_, index) => sql`${index + 1}::int`),
    sql` + `,
  );
  const [row] = await queryRows<{ total: number }>(tx, sql`select ${terms} as total /* ${sql.raw(marker)} */`);
  return Number(row!.total);
}

/** This connection's named statements whose text carries `marker`. */
async function namedStatements(tx: Queryable, marker: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    tx,
    sql`select count(*)::int as count from pg_prepared_statements
         where not from_sql and statement like ${`%${marker}%`}`,
  );
  return row!.count;
}

describe.runIf(process.env.TEST_DATABASE_URL)("drizzle's queries on PostgreSQL", () => {
  let database: TestDatabase;
  let unprepared: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    unprepared = await openDatabase({ url: database.url!, prepare: false, maxConnections: 1 });
  });

  afterAll(async () => {
    await unprepared?.close();
    await database?.close();
  });

  it("run as one named statement per text on a connection, used again the second time", async () => {
    await database.db.transaction(async (tx) => {
      expect(await sumOf(tx, "probe-again", 2)).toBe(3);
      expect(await sumOf(tx, "probe-again", 2)).toBe(3);
      expect(await namedStatements(tx, "probe-again")).toBe(1);
    });
  });

  it("are named inside a savepoint as well", async () => {
    await database.db.transaction(async (tx) => {
      await tx.transaction(async (savepoint) => {
        expect(await sumOf(savepoint, "probe-savepoint", 3)).toBe(6);
        expect(await namedStatements(savepoint, "probe-savepoint")).toBe(1);
      });
    });
  });

  it(`stay unnamed past ${MAX_PREPARED_PARAMETERS} parameters, so a list's every length is not kept`, async () => {
    const many = MAX_PREPARED_PARAMETERS + 1;
    await database.db.transaction(async (tx) => {
      expect(await sumOf(tx, "probe-most", MAX_PREPARED_PARAMETERS)).toBe(
        (MAX_PREPARED_PARAMETERS * (MAX_PREPARED_PARAMETERS + 1)) / 2,
      );
      expect(await sumOf(tx, "probe-too-many", many)).toBe((many * (many + 1)) / 2);
      expect(await namedStatements(tx, "probe-most")).toBe(1);
      expect(await namedStatements(tx, "probe-too-many")).toBe(0);
    });
  });

  it("stay unnamed when the database is opened with prepare: false (DATABASE_PREPARE=false)", async () => {
    await unprepared.db.transaction(async (tx) => {
      expect(await sumOf(tx, "probe-unprepared", 2)).toBe(3);
      expect(await namedStatements(tx, "probe-unprepared")).toBe(0);
    });
  });
});
