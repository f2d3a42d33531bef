// Benchmark: `npx tsx bench/audit-verify.ts [--entries 1000000] [--driver postgres|pglite] [--batch 10000]
// [--rounds 2] [--keep]`.
// Builds one tenant's chain of N realistic entries in a scratch database (hashes computed here, rows
// bulk-inserted as the owner), then times verifyChain over it. The goal: 1,000,000 entries in ≤ 10 s on
// PostgreSQL. The scratch database is created on the server of --url, TEST_DATABASE_URL, DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/test, and dropped afterwards; PGlite runs in memory.
import { randomBytes, randomUUID, sign } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { GENESIS_HASH, computeEntryHash, encodeCheckpoint, type AuditEntryFields } from "../app/audit/chain";
import { generateSigningKey } from "../app/audit/signing-key.server";
import { verifyChain } from "../app/audit/trail.server";
import { openDatabase, type Database } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { withDatabaseName } from "../db/testing-server";

export interface BenchOptions {
  entries?: number;
  driver?: "postgres" | "pglite";
  /** A PostgreSQL server URL; the scratch database is made on that server. */
  url?: string;
  /** verifyChain's batch size. */
  batchSize?: number;
  /** A signed checkpoint every this many entries. */
  checkpointEvery?: number;
  log?: (line: string) => void;
  /** How many times to verify; the best time is reported (the first includes warming up). */
  rounds?: number;
  /** Leave the scratch PostgreSQL database in place (its name is logged), to look into it. */
  keep?: boolean;
}

export interface BenchFigures {
  driver: "postgres" | "pglite";
  entries: number;
  checkpoints: number;
  buildSeconds: number;
  /** The best of the rounds. */
  verifySeconds: number;
  /** Every round, the first one included. */
  roundSeconds: number[];
  entriesPerSecond: number;
  ok: boolean;
}

const ACTIONS = ["account.suspend", "account.resetPassword", "account.view", "account.revokeSessions", "lock.set"];
const OUTCOMES = ["allowed", "allowed", "allowed", "denied", "needs_step_up"] as const;
const INSERT_BATCH = 5_000;

export async function run(options: BenchOptions = {}): Promise<BenchFigures> {
  const entries = options.entries ?? 1_000_000;
  const driver = options.driver ?? "postgres";
  const log = options.log ?? (() => {});
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const scratch = `glasshouse_bench_${randomBytes(4).toString("hex")}`;

  let database: Database;
  if (driver === "postgres") {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${scratch}"`);
    await admin.end();
    database = await openDatabase({ url: withDatabaseName(serverUrl, scratch), maxConnections: 4 });
  } else {
    database = await openDatabase({});
  }
  try {
    await migrateDatabase(database);
    const { db } = database;
    const tenantId = randomUUID();
    await db.execute(
      sql`insert into organisations (id, slug, name, kind) values (${tenantId}, 'bench', 'Bench', 'customer')`,
    );

    const key = generateSigningKey("bench");
    const checkpointEvery = options.checkpointEvery ?? 100_000;
    const accounts = Array.from({ length: 500 }, () => randomUUID());
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    let prevHash = GENESIS_HASH;
    let checkpoints = 0;
    const built = performance.now();
    for (let from = 1; from <= entries; from += INSERT_BATCH) {
      const rows: Record<string, unknown>[] = [];
      for (let seq = from; seq < from + INSERT_BATCH && seq <= entries; seq++) {
        const fields = entryFields(tenantId, seq, accounts, start);
        const hash = computeEntryHash(fields, prevHash);
        rows.push({
          tenant_id: fields.tenantId,
          seq,
          id: fields.id,
          occurred_at: fields.occurredAt,
          actor_account_id: fields.actorAccountId,
          actor_tenant_id: fields.actorTenantId,
          actor_name: fields.actorName,
          actor_role: fields.actorRole,
          action: fields.action,
          outcome: fields.outcome,
          subject_account_id: fields.subjectAccountId,
          target: fields.target,
          reason: fields.reason,
          policy_ids: fields.policyIds,
          sentence: fields.sentence,
          changes: fields.changes,
          request_id: fields.requestId,
          ip_address: fields.ipAddress,
          user_agent: fields.userAgent,
          visibility: fields.visibility,
          prev_hash: prevHash,
          hash,
        });
        prevHash = hash;
        if (seq % checkpointEvery === 0) {
          const signedAt = new Date(start + seq * 1000 + 500).toISOString();
          const message = encodeCheckpoint({ tenantId, seq, hash, signedAt });
          const signature = sign(null, Buffer.from(message), key.privateKey).toString("base64");
          await db.execute(
            sql`insert into audit_checkpoints (tenant_id, seq, hash, signed_at, key_id, signature)
                values (${tenantId}, ${seq}, ${hash}, ${signedAt}, ${key.keyId}, ${signature})`,
          );
          checkpoints++;
        }
      }
      await db.execute(
        sql`insert into audit_entries select * from json_populate_recordset(null::audit_entries, ${JSON.stringify(rows)}::json)`,
      );
      if ((from - 1 + rows.length) % 100_000 === 0) log(`  built ${from - 1 + rows.length} entries`);
    }
    await db.execute(
      sql`insert into audit_chain_heads (tenant_id, seq, hash) values (${tenantId}, ${entries}, ${prevHash})`,
    );
    // As a chain looks once written: hint bits set and statistics current (a first read would set them).
    await db.execute(sql`vacuum analyze audit_entries`);
    const buildSeconds = (performance.now() - built) / 1000;
    log(`built ${entries} entries in ${buildSeconds.toFixed(1)} s; verifying…`);

    const times: number[] = [];
    let result: Awaited<ReturnType<typeof verifyChain>> | undefined;
    for (let round = 0; round < (options.rounds ?? 2); round++) {
      const verifying = performance.now();
      result = await verifyChain(db, tenantId, {
        verificationKeys: new Map([[key.keyId, key.publicKey]]),
        batchSize: options.batchSize,
      });
      times.push((performance.now() - verifying) / 1000);
      log(`verify round ${round + 1}: ${times[round]!.toFixed(2)} s`);
    }
    if (!result) throw new Error("no verification rounds");
    const verifySeconds = Math.min(...times);
    if (!result.ok) log(`verification FAILED: ${JSON.stringify(result.problem)}`);
    return {
      driver,
      entries: result.entries,
      checkpoints,
      buildSeconds: round(buildSeconds),
      verifySeconds: round(verifySeconds),
      roundSeconds: times.map(round),
      entriesPerSecond: Math.round(result.entries / verifySeconds),
      ok: result.ok,
    };
  } finally {
    await database.close();
    if (driver === "postgres" && options.keep) {
      log(`kept the scratch database ${withDatabaseName(serverUrl, scratch)}`);
    } else if (driver === "postgres") {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
      await admin.end();
    }
  }
}

/** A plausible entry: an admin acting on one of 500 accounts, one a second. */
function entryFields(tenantId: string, seq: number, accounts: string[], start: number): AuditEntryFields {
  const actor = accounts[seq % 7]!;
  const subject = accounts[(seq * 31) % accounts.length]!;
  const action = ACTIONS[seq % ACTIONS.length]!;
  return {
    tenantId,
    seq,
    id: randomUUID(),
    occurredAt: new Date(start + seq * 1000).toISOString(),
    actorAccountId: actor,
    actorTenantId: tenantId,
    actorName: `Admin ${seq % 7}`,
    actorRole: "domain_admin",
    delegationId: null,
    operatorAccessId: null,
    action,
    outcome: OUTCOMES[seq % OUTCOMES.length]!,
    subjectAccountId: subject,
    target: { type: "account", id: subject, name: `Account ${(seq * 31) % accounts.length}` },
    reason: seq % 3 === 0 ? `ticket ${100_000 + seq}: user asked for it` : null,
    policyIds: ["builtin.admin-acts-in-own-tenant", "builtin.step-up"],
    sentence: "Allowed: the actor is a domain admin of this organisation.",
    changes: action === "account.suspend" ? { after: { status: "suspended" }, before: { status: "active" } } : null,
    requestId: `req-${seq.toString(36)}`,
    ipAddress: `203.0.113.${seq % 250}`,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    visibility: "subject",
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      entries: { type: "string" },
      driver: { type: "string" },
      batch: { type: "string" },
      url: { type: "string" },
      keep: { type: "boolean" },
      rounds: { type: "string" },
    },
  });
  const driver = values.driver === "pglite" ? "pglite" : "postgres";
  const figures = await run({
    entries: values.entries ? Number(values.entries) : undefined,
    driver,
    url: values.url,
    batchSize: values.batch ? Number(values.batch) : undefined,
    keep: values.keep,
    rounds: values.rounds ? Number(values.rounds) : undefined,
    log: (line) => console.log(line),
  });
  console.log(
    `${figures.driver}: verified ${figures.entries.toLocaleString("en")} entries (${figures.checkpoints} checkpoints) ` +
      `in ${figures.verifySeconds} s = ${figures.entriesPerSecond.toLocaleString("en")} entries/s ` +
      `(rounds: ${figures.roundSeconds.join(" s, ")} s) ` +
      `(${figures.ok ? "OK" : "FAILED"}; building took ${figures.buildSeconds} s)`,
  );
  if (!figures.ok) process.exitCode = 1;
}
