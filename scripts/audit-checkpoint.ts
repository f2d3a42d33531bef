// `npm run audit:checkpoint [-- --tenant <slug>]`: signs the head of every tenant's audit chain (or one
// tenant's) with the audit signing key, after checking the entries since the previous checkpoint. Exit
// status: 0 done, 1 a chain is broken (not signed), 2 could not run (arguments, tenant, key, database).
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { openConfiguredDatabase } from "../app/db.server";
import { getSigningKey, type SigningKey } from "../app/audit/signing-key.server";
import { AuditChainError, createCheckpoint, listChains } from "../app/audit/trail.server";

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

export async function runAuditCheckpoint(
  db: Db,
  options: { tenant?: string; signingKey?: SigningKey } = {},
  output: CliOutput = consoleOutput,
): Promise<number> {
  const signingKey = options.signingKey ?? getSigningKey();
  const chains = await listChains(db, options.tenant);
  if (options.tenant !== undefined && chains.length === 0) {
    output.err(`audit:checkpoint: there is no organisation with the slug "${options.tenant}".`);
    return 2;
  }
  const width = Math.max(6, ...chains.map((chain) => (chain.slug ?? chain.tenantId).length));
  let broken = 0;
  for (const chain of chains) {
    const name = (chain.slug ?? chain.tenantId).padEnd(width);
    try {
      // One transaction with the tenant set, so this also works for a login role under row-level security.
      const checkpoint = await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${chain.tenantId}, true)`);
        return createCheckpoint(tx, chain.tenantId, { signingKey });
      });
      if (!checkpoint) output.out(`${name}  no entries`);
      else if (checkpoint.created) output.out(`${name}  signed entry ${checkpoint.seq} with key ${checkpoint.keyId}`);
      else output.out(`${name}  unchanged: entry ${checkpoint.seq} was signed ${checkpoint.signedAt}`);
    } catch (error) {
      if (!(error instanceof AuditChainError)) throw error;
      broken++;
      const { seq, kind, message } = error.problem;
      output.out(`${name}  NOT SIGNED: first bad entry ${seq} (${kind}): ${message}`);
    }
  }
  return broken ? 1 : 0;
}

async function main(): Promise<number> {
  let tenant: string | undefined;
  try {
    const args = process.argv.slice(2);
    const { values } = parseArgs({
      args: args[0] === "--" ? args.slice(1) : args,
      options: { tenant: { type: "string" } },
    });
    tenant = values.tenant?.trim();
    if (values.tenant !== undefined && !tenant) throw new Error("--tenant needs a slug");
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}`);
    console.error("usage: npm run audit:checkpoint [-- --tenant <slug>]");
    return 2;
  }
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    return await runAuditCheckpoint(database.db, { tenant });
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      console.error(`audit:checkpoint could not run: ${cause instanceof Error ? cause.message : String(cause)}`);
      process.exitCode = 2;
    },
  );
}
