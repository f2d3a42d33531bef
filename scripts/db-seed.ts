// `npm run db:seed`: migrates the configured database (PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR)
// and seeds the demo into it. Safe to run again: a seeded database is left as it is.
import type { Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { DEMO_SIGN_INS, seedDemo, type SeedSummary } from "../db/seed";
import { openConfiguredDatabase } from "../app/db.server";

let database: Database | undefined;
try {
  database = await openConfiguredDatabase();
  await migrateDatabase(database);
  const summary = await seedDemo(database.db);
  console.log(describeSummary(summary, database.location));
  console.log();
  console.log(
    formatTable(
      ["email", "password", "role", "lands on"],
      DEMO_SIGN_INS.map((s) => [s.email, s.password, s.role, s.landsOn]),
    ),
  );
  await database.close();
} catch (error) {
  console.error(`db:seed failed: ${oneLine(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}

function describeSummary(summary: SeedSummary, location: string): string {
  const { rows, written } = summary;
  const total = Object.values(written).reduce((sum, n) => sum + n, 0);
  const headline = summary.alreadySeeded
    ? `The demo was already in ${location} (anchor ${summary.anchor.toISOString()}); ${total} rows added or changed.`
    : `Seeded the demo into ${location} (anchor ${summary.anchor.toISOString()}) in ${summary.durationMs} ms.`;
  const counts = [
    `${rows.organisations} organisations`,
    `${rows.accounts} accounts`,
    `${rows.roleAssignments} role assignments`,
    `${rows.delegations} delegations`,
    `${rows.legalHolds} legal hold`,
    `${rows.privacyLocks} privacy locks`,
    `${rows.consentRecords} consent records`,
    `${rows.devices} devices`,
    `${rows.appInstallations} app installations`,
    `${rows.installEvents} install events`,
    `${rows.installDailyRollups} daily rollups`,
  ];
  return `${headline}\n${counts.join(", ")}.`;
}

function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

/** The error in one line: the PostgreSQL error rather than drizzle's wrapper with the whole query in it. */
function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message
    .split("\n")
    .map((part) => part.trim())
    .filter(Boolean)
    .join("; ")
    .replaceAll(":; ", ": ");
}
