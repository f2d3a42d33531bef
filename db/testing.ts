// Test databases: each test file (or test) gets a database of its own, copied from the migrated template
// that db/testing-global-setup.ts prepared. Real PGlite or real PostgreSQL; never a mock.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type Database } from "./client";
import { withDatabaseName } from "./testing-server";

export { testServerUrl, withDatabaseName } from "./testing-server";

export type TestDatabaseTemplate =
  { kind: "pglite"; templateFile: string } | { kind: "postgres"; serverUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTemplate;
  }
}

export interface TestDatabase extends Database {
  /** Connects again to the same database (PostgreSQL only; PGlite is a single connection). */
  url?: string;
}

let templateBlob: Blob | undefined;

/** A fresh, migrated, empty database. Close it with `dropTestDatabase`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("testDatabase");
  if (template.kind === "pglite") {
    templateBlob ??= new Blob([readFileSync(template.templateFile)]);
    return openDatabase({ loadDataDir: templateBlob });
  }
  const name = `${template.template.replace("template", "test")}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template.template}"`);
        break;
      } catch (error) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; try again.
        if (attempt >= 20 || (error as { code?: string }).code !== "55006") throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(template.serverUrl, name);
  const database = await openDatabase({ url, maxConnections: 10 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const dropper = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
