// `npm run audit:verify [-- --tenant <slug>]`: walks every tenant's audit chain (or one tenant's) in the
// configured database, checks it against its chain head and signed checkpoints, and prints one line per
// tenant and the first bad entry of a broken chain. Exit status: 0 all good, 1 a chain failed, 2 could not
// run (bad arguments, unknown tenant, database or key trouble).
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { openConfiguredDatabase } from "../app/db.server";
import { getVerificationKeys, type VerificationKeys } from "../app/audit/signing-key.server";
import { listChains, verifyChain, type ChainVerification } from "../app/audit/trail.server";

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

export interface AuditVerifyOptions {
  /** Only this organisation's chain. */
  tenant?: string;
  verificationKeys?: VerificationKeys;
  batchSize?: number;
}

/** Verifies the chains and reports them; returns the exit status instead of exiting. */
export async function runAuditVerify(
  db: Db,
  options: AuditVerifyOptions = {},
  output: CliOutput = consoleOutput,
): Promise<number> {
  const chains = await listChains(db, options.tenant);
  if (options.tenant !== undefined && chains.length === 0) {
    output.err(`audit:verify: there is no organisation with the slug "${options.tenant}".`);
    return 2;
  }
  const verificationKeys = options.verificationKeys ?? getVerificationKeys();
  const width = Math.max(6, ...chains.map((chain) => (chain.slug ?? chain.tenantId).length));
  let failed = 0;
  let unsigned = 0;
  const started = performance.now();
  for (const chain of chains) {
    const result = await verifyChain(db, chain.tenantId, { verificationKeys, batchSize: options.batchSize });
    unsigned += result.checkpoints.count - result.checkpoints.signaturesChecked;
    output.out(describe((chain.slug ?? chain.tenantId).padEnd(width), result));
    if (!result.ok) {
      failed++;
      output.out(
        `${" ".repeat(width)}  first bad entry: ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}`,
      );
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (unsigned > 0) {
    output.out(
      `Note: ${unsigned} checkpoint signature${unsigned === 1 ? " was" : "s were"} not checked: ` +
        "no key (set AUDIT_SIGNING_KEY or AUDIT_VERIFY_KEYS).",
    );
  }
  const chainsWord = chains.length === 1 ? "chain" : "chains";
  output.out(
    failed
      ? `${failed} of ${chains.length} ${chainsWord} FAILED verification (${seconds} s).`
      : `${chains.length} ${chainsWord} verified (${seconds} s).`,
  );
  return failed ? 1 : 0;
}

const number = new Intl.NumberFormat("en");

function describe(name: string, result: ChainVerification): string {
  const checkpoints = result.checkpoints;
  const signed =
    checkpoints.count === 0
      ? "no checkpoints"
      : `${number.format(checkpoints.count)} checkpoint${checkpoints.count === 1 ? "" : "s"}` +
        ` (latest at entry ${checkpoints.latest!.seq}, ${checkpoints.latest!.signedAt})`;
  if (result.ok) {
    return `${name}  OK    ${number.format(result.entries)} entries, head ${result.head.seq}, ${signed}`;
  }
  return `${name}  FAIL  ${number.format(result.entries)} entries good before entry ${result.problem.seq}, ${signed}`;
}

/** `--tenant <slug>`; anything else is a usage error. */
export function parseCliArgs(args: string[], command: string): { tenant?: string } | { usage: string } {
  const usage = `usage: npm run ${command} [-- --tenant <slug>]`;
  try {
    // `npx tsx scripts/audit-verify.ts -- --tenant x` passes the "--" on; npm run does not.
    const options = args[0] === "--" ? args.slice(1) : args;
    const { values } = parseArgs({ args: options, options: { tenant: { type: "string" }, help: { type: "boolean" } } });
    if (values.help) return { usage };
    if (values.tenant !== undefined && !values.tenant.trim()) return { usage };
    return { tenant: values.tenant?.trim() };
  } catch (error) {
    return { usage: `${error instanceof Error ? error.message : String(error)}\n${usage}` };
  }
}

/** The error in one line: the PostgreSQL error rather than drizzle's wrapper with the query in it. */
export function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s*\n\s*/g, " ");
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), "audit:verify");
  if ("usage" in args) {
    console.error(args.usage);
    return 2;
  }
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    console.log(`Verifying audit chains in ${database.location}`);
    return await runAuditVerify(database.db, { tenant: args.tenant });
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
      console.error(`audit:verify could not run: ${oneLine(error)}`);
      process.exitCode = 2;
    },
  );
}
