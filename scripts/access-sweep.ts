// `npm run access:sweep`: sends the delegation reminders due (14 days and 1 day before expiry), then ends
// expired delegations, lapses requests nobody answered within 90 days and closes operator access that is
// over (the server does the same with each purge sweep, PURGE_SWEEP_MINUTES). Prints what it did and what
// did not happen and why. Exit status: 0 done (refusals included), 1 could not run.
import { openConfiguredDatabase } from "../app/db.server";
import { sweepAccess } from "../app/jobs/access-expiry.server";
import type { Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";

let database: Database | undefined;
try {
  database = await openConfiguredDatabase();
  if (database.driver === "pglite") await migrateDatabase(database);
  const sweep = await sweepAccess();
  console.log(
    `Reminded ${sweep.reminded.in14Days} delegation(s) 14 days and ${sweep.reminded.in1Day} 1 day before expiry; ` +
      `expired ${sweep.expired} delegation(s), lapsed ${sweep.lapsed} request(s), ` +
      `closed ${sweep.operatorAccessClosed} operator access(es).`,
  );
  for (const refusal of sweep.refused) {
    console.log(`Not done: ${refusal.action} ${refusal.id} in tenant ${refusal.tenantId}: ${refusal.why}`);
  }
  await database.close();
} catch (error) {
  console.error(`access:sweep failed: ${error instanceof Error ? error.message : String(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}
