// `npm run telemetry:retention`: deletes raw app events past each organisation's retention period, except
// those a legal hold keeps, and makes the event partitions of this month and the next three (the server
// does the same with each purge sweep, PURGE_SWEEP_MINUTES). Prints what it did and what it did not and
// why. Exit status: 0 done (refusals included), 1 could not run.
import { openConfiguredDatabase } from "../app/db.server";
import { sweepRetention } from "../app/jobs/telemetry-retention.server";
import type { Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";

let database: Database | undefined;
try {
  database = await openConfiguredDatabase();
  if (database.driver === "pglite") await migrateDatabase(database);
  const sweep = await sweepRetention();
  console.log(
    `Deleted ${sweep.deletedEvents} raw event(s) past their retention period (of ${sweep.accounts} account(s), ` +
      `unattributed ones included in the count); made ${sweep.partitionsMade} event partition(s).`,
  );
  for (const refusal of sweep.refused) {
    console.log(`Not done: ${refusal.action} ${refusal.id} in tenant ${refusal.tenantId}: ${refusal.why}`);
  }
  await database.close();
} catch (error) {
  console.error(`telemetry:retention failed: ${error instanceof Error ? error.message : String(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}
