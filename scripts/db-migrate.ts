// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { openConfiguredDatabase } from "../app/db.server";
import { migrateDatabase } from "../db/migrate";

try {
  const database = await openConfiguredDatabase();
  const started = performance.now();
  await migrateDatabase(database);
  console.log(`Migrated ${database.location} in ${Math.round(performance.now() - started)} ms.`);
  await database.close();
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
