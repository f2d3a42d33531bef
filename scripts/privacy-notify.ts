// `npm run privacy:notify`: emails everyone the newest significant privacy-policy version concerns and who
// was not told of it yet (the server does the same with each purge sweep, PURGE_SWEEP_MINUTES). Prints how
// many were queued. Exit status: 0 done, 1 could not run.
import { openConfiguredDatabase } from "../app/db.server";
import { sendPolicyNotices } from "../app/jobs/privacy-notice.server";
import type { Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";

let database: Database | undefined;
try {
  database = await openConfiguredDatabase();
  if (database.driver === "pglite") await migrateDatabase(database);
  const sweep = await sendPolicyNotices();
  console.log(
    sweep.version
      ? `Queued ${sweep.queued} notice(s) of privacy policy version ${sweep.version}.`
      : "No significant privacy policy version has been published; nothing to send.",
  );
  await database.close();
} catch (error) {
  console.error(`privacy:notify failed: ${error instanceof Error ? error.message : String(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}
