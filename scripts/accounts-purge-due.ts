// `npm run accounts:purge-due`: purges every terminated account whose grace period has ended (the server
// does the same on a timer, PURGE_SWEEP_MINUTES). Prints what was purged and what was refused and why (a
// legal hold). Exit status: 0 done (refusals included), 1 could not run. It runs under vite-node, which
// loads the policy engine's `?raw` Cedar files as the app's build does.
import { openConfiguredDatabase } from "../app/db.server";
import { purgeDueAccounts } from "../app/jobs/purge-due.server";
import type { Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";

let database: Database | undefined;
try {
  database = await openConfiguredDatabase();
  if (database.driver === "pglite") await migrateDatabase(database);
  const sweep = await purgeDueAccounts();
  console.log(`Purged ${sweep.purged} account(s) whose grace period had ended.`);
  for (const refusal of sweep.refused) {
    console.log(`Not purged: account ${refusal.accountId} of tenant ${refusal.tenantId}: ${refusal.why}`);
  }
  await database.close();
} catch (error) {
  console.error(`accounts:purge-due failed: ${error instanceof Error ? error.message : String(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}
