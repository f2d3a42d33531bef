// Vitest global setup: migrate one template database per run, which each test file then copies.
// PGlite: a migrated data directory dumped to a file (loading it takes ~0.4 s, a fresh initdb ~1.5 s).
// PostgreSQL (TEST_DATABASE_URL or DATABASE_URL): a template database on that server; each test file gets
// `CREATE DATABASE … TEMPLATE` and drops it afterwards. The named database itself is never touched.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { testServerUrl, withDatabaseName } from "./testing-server";

export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  if (!serverUrl) {
    const dir = path.join(tmpdir(), `glasshouse-test-${runId}`);
    mkdirSync(dir, { recursive: true });
    const database = await openDatabase({});
    await migrateDatabase(database);
    const dump = await database.pglite!.dumpDataDir("gzip");
    await database.close();
    const file = path.join(dir, "template.tar.gz");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("testDatabase", { kind: "pglite", templateFile: file });
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const template = `glasshouse_template_${runId}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const database = await openDatabase({ url: withDatabaseName(serverUrl, template), maxConnections: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide("testDatabase", { kind: "postgres", serverUrl, template });
  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`glasshouse_%${runId}%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
