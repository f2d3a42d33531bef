// The audit trail: one append-only hash chain per tenant (encoding in ./chain.ts). Appends lock the
// tenant's chain head row until their transaction ends, so concurrent actions queue instead of forking the
// chain, and an action rolled back takes its entry with it. Verification walks a chain from genesis and
// checks it against the head and the signed checkpoints; only those make a truncated or wholly rewritten
// chain detectable, so checkpoint often.
import { randomUUID, sign, verify } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type Queryable, type Tx } from "~db/client";
import { isUuid } from "~db/tenant-scope";
import {
  GENESIS_HASH,
  canonicalTimestamp,
  encodeEntryAround,
  encodeCheckpoint,
  encodeEntryParts,
  redactSecrets,
  encodeSeal,
  sealDigest,
  sealOf,
  type AuditSeal,
  type SealLine,
  sha256Hex,
  storedJson,
  storedText,
  type AuditEntryFields,
  type JsonValue,
} from "./chain";
import { getSigningKey, getVerificationKeys, type SigningKey, type VerificationKeys } from "./signing-key.server";
import type { AuditEntryInput } from "./types";

// ─── Appending ────────────────────────────────────────────────────────────────────────────────────

export interface AppendedEntry {
  seq: number;
  hash: string;
  id: string;
  occurredAt: Date;
}

/** Milliseconds, UTC, in the canonical form: what a timestamptz column is read back as for hashing. */
const isoMs = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type PreparedEntry = Omit<AuditEntryFields, "seq" | "occurredAt">;

/** Everything of an entry but its chain position, prepared before the head is locked. */
function prepareEntry(input: AuditEntryInput): PreparedEntry {
  if (!isUuid(input.tenantId)) throw new TypeError(`appendAuditEntry: not a tenant id: ${String(input.tenantId)}`);
  const actor = input.actor;
  return {
    tenantId: input.tenantId.toLowerCase(),
    id: randomUUID(),
    actorAccountId: lowerUuid(actor?.accountId),
    actorTenantId: lowerUuid(actor?.tenantId),
    actorName: storedText(actor?.name),
    actorRole: storedText(actor?.role),
    delegationId: lowerUuid(actor?.delegationId),
    operatorAccessId: lowerUuid(actor?.operatorAccessId),
    action: storedText(input.action),
    outcome: input.outcome,
    subjectAccountId: lowerUuid(input.subjectAccountId),
    target: storedJson(input.target),
    reason: storedText(input.reason),
    policyIds: (input.policyIds ?? []).map((id) => storedText(id) ?? ""),
    sentence: storedText(input.sentence),
    changes: storedJson(redactSecrets(input.changes)),
    requestId: storedText(input.requestId),
    ipAddress: storedText(input.ipAddress),
    userAgent: storedText(input.userAgent),
    visibility: input.visibility ?? (input.subjectAccountId ? "subject" : "admins"),
  };
}

/**
 * Appends an entry to the tenant's chain. Call it inside the transaction of the action it records
 * (`tenantScope`/`withTenant`): it holds the chain head's row lock from here to commit.
 */
export async function appendAuditEntry(tx: Tx, input: AuditEntryInput): Promise<AppendedEntry> {
  // Everything but the chain position is prepared before the head is locked: other appends to this
  // tenant wait on that lock until we commit, so it is held for two statements and the commit only.
  const prepared = prepareEntry(input);
  const tenantId = prepared.tenantId;
  const around = encodeEntryAround(prepared);
  const json = (value: unknown) =>
    value === null || value === undefined ? sql`null` : sql`${JSON.stringify(value)}::jsonb`;
  const policyIds = prepared.policyIds?.length
    ? sql`array[${sql.join(
        prepared.policyIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

  // One call locks the head, reads the time under the lock (so times never go backwards along the chain),
  // hashes the entry in the database, appends it and moves the head (db/migrations/0004, a plan-cached
  // function). The lock is then held for this call and the commit only, never while the application works.
  const [appended] = await queryRows<{ seq: string | number; hash: string; at: string }>(
    tx,
    sql`select seq, hash, at from glasshouse_append_audit(
          ${tenantId}::uuid, ${prepared.id}::uuid, ${around.before}, ${around.afterSeq}, ${around.afterTime},
          ${around.end}, ${prepared.actorAccountId}::uuid, ${prepared.actorTenantId}::uuid, ${prepared.actorName},
          ${prepared.actorRole}, ${prepared.delegationId}::uuid, ${prepared.operatorAccessId}::uuid,
          ${prepared.action}, ${prepared.outcome}::audit_outcome, ${prepared.subjectAccountId}::uuid,
          ${json(prepared.target)}, ${prepared.reason}, ${policyIds}, ${prepared.sentence}, ${json(prepared.changes)},
          ${prepared.requestId}, ${prepared.ipAddress}, ${prepared.userAgent}, ${prepared.visibility})`,
  );
  if (!appended) throw new Error("appendAuditEntry: the entry was not appended");
  return { seq: Number(appended.seq), hash: appended.hash, id: prepared.id, occurredAt: new Date(appended.at) };
}

/**
 * Appends many entries of one tenant to its chain, in the order given, in one statement (a bulk run's
 * chunk: one entry per account). Same chain, same encoding and same lock as appendAuditEntry, which the
 * caller's transaction then holds to its commit.
 */
export async function appendAuditEntries(tx: Tx, inputs: readonly AuditEntryInput[]): Promise<AppendedEntry[]> {
  if (inputs.length === 0) return [];
  const prepared = inputs.map(prepareEntry);
  const tenantId = prepared[0]!.tenantId;
  if (prepared.some((entry) => entry.tenantId !== tenantId)) {
    throw new TypeError("appendAuditEntries: every entry must belong to the same tenant");
  }
  const entries = prepared.map((entry) => ({ ...entry, ...encodeEntryAround(entry) }));
  const appended = await queryRows<{ seq: string | number; hash: string; at: string }>(
    tx,
    sql`select seq, hash, at from glasshouse_append_audit_many(${tenantId}::uuid, ${JSON.stringify(entries)}::jsonb)`,
  );
  if (appended.length !== prepared.length) throw new Error("appendAuditEntries: not every entry was appended");
  return appended.map((row, index) => ({
    seq: Number(row.seq),
    hash: row.hash,
    id: prepared[index]!.id,
    occurredAt: new Date(row.at),
  }));
}

function lowerUuid(value: string | null | undefined): string | null {
  return value ? value.toLowerCase() : null;
}

// ─── Verifying ────────────────────────────────────────────────────────────────────────────────────

export type ChainProblemKind =
  | "hash-mismatch"
  | "gap"
  | "prev-hash-mismatch"
  | "checkpoint-mismatch"
  | "truncated"
  | "bad-signature"
  | "head-mismatch"
  | "seal-mismatch";

export interface ChainProblem {
  /** The first entry that is wrong or missing. */
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface CheckpointSummary {
  count: number;
  /** Checkpoints whose signature was checked; the others had no key to check them with. */
  signaturesChecked: number;
  /** The latest checkpoint, if any. */
  latest: { seq: number; signedAt: string } | null;
}

export type ChainVerification =
  | { ok: true; tenantId: string; entries: number; head: { seq: number; hash: string }; checkpoints: CheckpointSummary }
  | { ok: false; tenantId: string; entries: number; problem: ChainProblem; checkpoints: CheckpointSummary };

export interface VerifyOptions {
  /** Entries fetched per query (keyset paging on seq). */
  batchSize?: number;
  /** Public keys to check checkpoint signatures with; by default from configuration. */
  verificationKeys?: VerificationKeys;
}

/** The chain is not what it should be; `problem` names the first bad entry. */
export class AuditChainError extends Error {
  override name = "AuditChainError";
  constructor(
    readonly tenantId: string,
    readonly problem: ChainProblem,
  ) {
    super(`audit chain of tenant ${tenantId} fails at entry ${problem.seq} (${problem.kind}): ${problem.message}`);
  }
}

interface CheckpointRow {
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

const DEFAULT_BATCH = 10_000;
const YIELD_EVERY = 500;
const short = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * Walks a tenant's whole chain and reports the first bad entry. On the raw database (the operator tool)
 * it reads one read-only snapshot, and sets the tenant so that a login role under row-level security sees
 * the chain too; inside a transaction (e.g. a tenant scope) it runs in a savepoint of it, as its role.
 */
export async function verifyChain(
  db: Queryable,
  tenantId: string,
  options: VerifyOptions = {},
): Promise<ChainVerification> {
  if (!isUuid(tenantId)) throw new TypeError(`verifyChain: not a tenant id: ${String(tenantId)}`);
  const keys = options.verificationKeys ?? getVerificationKeys();
  const snapshot = { isolationLevel: "repeatable read", accessMode: "read only" } as const;
  const inSnapshot = (work: (tx: Tx) => Promise<ChainVerification>) =>
    isTransaction(db) ? db.transaction(work) : db.transaction(work, snapshot);
  return inSnapshot(async (tx) => {
    const [scope] = await queryRows<{ tenant: string | null }>(
      tx,
      sql`select nullif(current_setting('app.tenant_id', true), '') as tenant`,
    );
    if (scope?.tenant && scope.tenant !== tenantId) {
      throw new Error(`verifyChain: this transaction is scoped to tenant ${scope.tenant}, not ${tenantId}`);
    }
    // Set for this transaction only; a surrounding transaction's scope is never changed.
    if (!isTransaction(db)) await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    // In a read-committed transaction a purge could commit between reads; on its own snapshot it cannot.
    if (isTransaction(db)) await tx.execute(purgeLock(tenantId, "shared"));
    const [head] = await queryRows<{ seq: string | number; hash: string }>(
      tx,
      sql`select seq, hash from audit_chain_heads where tenant_id = ${tenantId}`,
    );
    const checkpoints = await readCheckpoints(tx, tenantId);
    const seals = await readSeals(tx, tenantId, keys);
    const summary: CheckpointSummary = {
      count: checkpoints.length,
      signaturesChecked: 0,
      latest: checkpoints.length ? pick(checkpoints[checkpoints.length - 1]!) : null,
    };
    let badSignature: ChainProblem | undefined;
    for (const checkpoint of checkpoints) {
      const result = checkSignature(tenantId, checkpoint, keys);
      if (result === "unchecked") continue;
      summary.signaturesChecked++;
      if (result !== "ok") {
        badSignature = result;
        break;
      }
    }

    const walk = await walkEntries(tx, tenantId, {
      from: { seq: 0, hash: GENESIS_HASH },
      until: badSignature?.seq,
      checkpoints: new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint])),
      batchSize: options.batchSize ?? DEFAULT_BATCH,
      seals,
      // Stopped early at a bad checkpoint signature: the purge entries after it are not seen.
      sealsVouchedWithin: badSignature === undefined,
    });
    const fail = (problem: ChainProblem): ChainVerification => ({
      ok: false,
      tenantId,
      entries: walk.entries,
      problem,
      checkpoints: summary,
    });
    if (walk.problem) return fail(walk.problem);
    if (badSignature) return fail(badSignature);

    const last = walk.last;
    const beyond = checkpoints.find((checkpoint) => checkpoint.seq > last.seq);
    if (beyond) {
      return fail({
        seq: last.seq + 1,
        kind: "truncated",
        message:
          `the chain ends at entry ${last.seq}, but a checkpoint signed ${beyond.signedAt} vouches for entry ` +
          `${beyond.seq}: entries from ${last.seq + 1} on were removed`,
      });
    }
    const headProblem = checkHead(head ? { seq: Number(head.seq), hash: head.hash } : undefined, last);
    if (headProblem) return fail(headProblem);
    return { ok: true, tenantId, entries: walk.entries, head: last, checkpoints: summary };
  });
}

function isTransaction(db: Queryable): db is Tx {
  return "rollback" in db;
}

function pick(checkpoint: CheckpointRow) {
  return { seq: checkpoint.seq, signedAt: checkpoint.signedAt };
}

function range(first: number, last: number): string {
  return first === last ? `entry ${first} is` : `entries ${first} to ${last} are`;
}

function checkHead(head: { seq: number; hash: string } | undefined, last: { seq: number; hash: string }) {
  if (!head) {
    if (last.seq === 0) return undefined;
    return {
      seq: last.seq,
      kind: "head-mismatch",
      message: `the chain has ${last.seq} entries but no chain head row`,
    } satisfies ChainProblem;
  }
  if (head.seq > last.seq) {
    return {
      seq: last.seq + 1,
      kind: "truncated",
      message: `${range(last.seq + 1, head.seq)} missing: the chain head is at entry ${head.seq}, but the chain ends at entry ${last.seq}`,
    } satisfies ChainProblem;
  }
  if (head.seq < last.seq) {
    return {
      seq: head.seq + 1,
      kind: "head-mismatch",
      message: `${range(head.seq + 1, last.seq)} past the chain head, which is at entry ${head.seq}`,
    } satisfies ChainProblem;
  }
  if (head.hash !== last.hash) {
    return {
      seq: last.seq,
      kind: "head-mismatch",
      message: `the chain head records hash ${short(head.hash)} for entry ${last.seq}, which hashes to ${short(last.hash)}`,
    } satisfies ChainProblem;
  }
  return undefined;
}

async function readCheckpoints(q: Queryable, tenantId: string, where: SQL = sql`true`): Promise<CheckpointRow[]> {
  const rows = await queryRows<{
    seq: string | number;
    hash: string;
    signed_at: string;
    key_id: string;
    signature: string;
  }>(
    q,
    sql`select seq, hash, ${isoMs(sql`signed_at`)} as signed_at, key_id, signature
        from audit_checkpoints where tenant_id = ${tenantId} and ${where} order by seq`,
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    hash: row.hash,
    signedAt: row.signed_at,
    keyId: row.key_id,
    signature: row.signature,
  }));
}

function checkSignature(
  tenantId: string,
  checkpoint: CheckpointRow,
  keys: VerificationKeys,
): "ok" | "unchecked" | ChainProblem {
  if (keys.size === 0) return "unchecked";
  const key = keys.get(checkpoint.keyId);
  const where = `the checkpoint at entry ${checkpoint.seq} (signed ${checkpoint.signedAt})`;
  if (!key) {
    return {
      seq: checkpoint.seq,
      kind: "bad-signature",
      message: `${where} names key ${checkpoint.keyId}, which is not among the verification keys (AUDIT_VERIFY_KEYS)`,
    };
  }
  const message = encodeCheckpoint({ tenantId, ...checkpoint });
  let valid = false;
  try {
    valid = verify(null, Buffer.from(message, "utf8"), key, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    valid = false;
  }
  if (valid) return "ok";
  return {
    seq: checkpoint.seq,
    kind: "bad-signature",
    message: `${where} has a signature that does not verify with key ${checkpoint.keyId}: it was forged or altered`,
  };
}

interface EntryRow {
  seq: string | number;
  /**
   * head, target, middle, changes, tail, prev_hash, hash, pseudonymised_by and sealed_hash, separated by
   * U+001F (see fetchBatch).
   */
  parts: string;
}

// PostgreSQL writes the canonical encoding's scalar parts as JSON text (see encodeEntryParts): identifiers,
// times and the outcome need no escaping, so they are concatenated; free text goes through to_json, which
// costs the server more. SQL NULL becomes null.
const quoted = (column: SQL) => sql`coalesce('"' || ${column}::text || '"', 'null')`;
const json = (column: SQL) => sql`coalesce(to_json(${column})::text, 'null')`;
const joined = (parts: SQL[]) => sql.join(parts, sql` || ',' || `);
/** U+001F never occurs unescaped in JSON text, nor in a hex hash: it separates the parts of one column. */
const US = sql.raw("E'\\x1f'");

const HEAD = joined([
  quoted(sql`tenant_id`),
  sql`seq::text`,
  quoted(sql`id`),
  quoted(isoMs(sql`occurred_at`)),
  quoted(sql`actor_account_id`),
  quoted(sql`actor_tenant_id`),
  json(sql`actor_name`),
  json(sql`actor_role`),
  quoted(sql`delegation_id`),
  quoted(sql`operator_access_id`),
  json(sql`action`),
  quoted(sql`outcome`),
  quoted(sql`subject_account_id`),
]);
const MIDDLE = joined([json(sql`reason`), json(sql`policy_ids`), json(sql`sentence`)]);
const TAIL = joined([json(sql`request_id`), json(sql`ip_address`), json(sql`user_agent`), json(sql`visibility`)]);

type Nine<T> = [T, T, T, T, T, T, T, T, T];

interface WalkOptions {
  /** Where to start: the entry before the first one read, and its hash (null: trust the first entry's prev_hash). */
  from: { seq: number; hash: string | null };
  /** The last entry to read; all of them when absent. */
  until?: number;
  checkpoints: ReadonlyMap<number, CheckpointRow>;
  batchSize: number;
  /** The tenant's seals (see chain.ts, Seals), read before the walk. */
  seals: Seals;
  /**
   * Whether every seal of an entry walked must be vouched for within the walk. True when the walk goes on to
   * the head: a purge entry always comes after the entries it sealed.
   */
  sealsVouchedWithin: boolean;
}

interface SealLineRow extends SealLine {
  sealId: string;
}

/** The tenant's seal lines by entry and by seal, the seals vouched for so far, and the keys to check them. */
export interface Seals {
  tenantId: string;
  bySeq: Map<number, SealLineRow[]>;
  bySeal: Map<string, SealLineRow[]>;
  vouched: Set<string>;
  keys: VerificationKeys;
}

/**
 * Purges of a tenant take this lock (exclusive) to their commit; a reader of seal lines and entries in a
 * read-committed transaction takes it shared, so no purge commits between its reads.
 */
export const purgeLock = (tenantId: string, mode: "exclusive" | "shared") =>
  mode === "exclusive"
    ? sql`select pg_advisory_xact_lock(hashtext('glasshouse.purge'), hashtext(${tenantId}))`
    : sql`select pg_advisory_xact_lock_shared(hashtext('glasshouse.purge'), hashtext(${tenantId}))`;

export async function readSeals(q: Queryable, tenantId: string, keys: VerificationKeys): Promise<Seals> {
  const rows = await queryRows<{ seal_id: string; seq: string | number; replaced_hash: string; sealed_hash: string }>(
    q,
    sql`select seal_id, seq, replaced_hash, sealed_hash from audit_seal_entries
        where tenant_id = ${tenantId} order by seq, seal_id`,
  );
  const seals: Seals = { tenantId, bySeq: new Map(), bySeal: new Map(), vouched: new Set(), keys };
  for (const row of rows) {
    const line = {
      sealId: row.seal_id,
      seq: Number(row.seq),
      replacedHash: row.replaced_hash,
      sealedHash: row.sealed_hash,
    };
    const ofEntry = seals.bySeq.get(line.seq);
    if (ofEntry) ofEntry.push(line);
    else seals.bySeq.set(line.seq, [line]);
    const ofSeal = seals.bySeal.get(line.sealId);
    if (ofSeal) ofSeal.push(line);
    else seals.bySeal.set(line.sealId, [line]);
  }
  return seals;
}

interface WalkResult {
  entries: number;
  last: { seq: number; hash: string };
  problem?: ChainProblem;
}

function fetchBatch(
  q: Queryable,
  tenantId: string,
  afterSeq: number,
  until: number | undefined,
  limit: number,
): Promise<EntryRow[]> {
  return queryRows<EntryRow & Record<string, unknown>>(
    q,
    sql`select seq, ${HEAD} || ${US} || coalesce(target::text, '') || ${US} || ${MIDDLE} || ${US} ||
               coalesce(changes::text, '') || ${US} || ${TAIL} || ${US} || prev_hash || ${US} || hash || ${US} ||
               coalesce(pseudonymised_by::text, '') || ${US} || coalesce(sealed_hash, '') as parts
        from audit_entries
        where tenant_id = ${tenantId} and seq > ${afterSeq}
          ${until === undefined ? sql`` : sql`and seq <= ${until}`}
        order by seq
        limit ${limit}`,
  );
}

async function walkEntries(q: Queryable, tenantId: string, options: WalkOptions): Promise<WalkResult> {
  let entries = 0;
  let lastSeq = options.from.seq;
  let lastHash = options.from.hash;
  let pending: Promise<EntryRow[]> | undefined = fetchBatch(q, tenantId, lastSeq, options.until, options.batchSize);
  while (pending) {
    const rows: EntryRow[] = await pending;
    // Ask for the next batch before hashing this one, so the database works while we do.
    const tail = rows[rows.length - 1];
    pending =
      rows.length === options.batchSize && tail
        ? fetchBatch(q, tenantId, Number(tail.seq), options.until, options.batchSize)
        : undefined;
    for (let i = 0; i < rows.length; i++) {
      // Now and then let the driver read the next batch off the socket, or the server stalls on a full buffer.
      if (pending && i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
      const row = rows[i]!;
      const seq = Number(row.seq);
      const parts = row.parts.split("\x1f");
      const problem = checkEntry(parts, seq, lastSeq + 1, lastHash, options.checkpoints, options.seals);
      if (problem) {
        await pending?.catch(() => {});
        return { entries, last: { seq: lastSeq, hash: lastHash ?? parts[5]! }, problem };
      }
      entries++;
      lastSeq = seq;
      lastHash = parts[6]!;
    }
  }
  const firstWalked = options.from.seq + 1;
  for (const [id, lines] of options.sealsVouchedWithin ? options.seals.bySeal : []) {
    if (options.seals.vouched.has(id)) continue;
    const walked = lines.filter((line) => line.seq >= firstWalked && line.seq <= lastSeq);
    if (walked.length === 0) continue;
    const first = walked[0]!.seq;
    return {
      entries,
      last: { seq: lastSeq, hash: lastHash ?? GENESIS_HASH },
      problem: {
        seq: first,
        kind: "seal-mismatch",
        message: `entry ${first} was pseudonymised under seal ${id}, for which no purge entry vouches: it was altered`,
      },
    };
  }
  return { entries, last: { seq: lastSeq, hash: lastHash ?? GENESIS_HASH } };
}

function checkEntry(
  parts: string[],
  seq: number,
  expected: number,
  prevHash: string | null,
  checkpoints: ReadonlyMap<number, CheckpointRow>,
  seals: Seals,
): ChainProblem | undefined {
  if (seq !== expected) {
    return {
      seq: expected,
      kind: "gap",
      message:
        expected === 1
          ? `entry 1 is missing: the chain starts at entry ${seq}`
          : `entry ${expected} is missing: entry ${seq} follows entry ${expected - 1}`,
    };
  }
  if (parts.length !== 9) {
    return { seq, kind: "hash-mismatch", message: `entry ${seq} has a hash or prev_hash that is not a hash` };
  }
  const [head, target, middle, changes, tail, storedPrevHash, hash, sealId, sealedHash] = parts as Nine<string>;
  const parsedChanges = changes ? (JSON.parse(changes) as JsonValue) : null;
  const computed = sha256Hex(
    encodeEntryParts(
      { head, target: target ? (JSON.parse(target) as JsonValue) : null, middle, changes: parsedChanges, tail },
      storedPrevHash,
    ),
  );
  // A pseudonymised entry's contents are checked against its latest sealed hash, and its seal lines must
  // lead there from its hash, which still links the chain.
  const lines = seals.bySeq.get(seq);
  if (sealId || sealedHash || lines) {
    const problem = checkSealedEntry(seq, hash, computed, sealId, sealedHash, lines ?? []);
    if (problem) return problem;
  } else if (computed !== hash) {
    return {
      seq,
      kind: "hash-mismatch",
      message: `entry ${seq} was altered: its contents hash to ${short(computed)}, but it records ${short(hash)}`,
    };
  }
  const vouched = sealOf(parsedChanges);
  if (vouched && isPurge(head)) {
    const problem = checkVoucher(seq, vouched, seals);
    if (problem) return problem;
  }
  if (prevHash !== null && storedPrevHash !== prevHash) {
    return {
      seq,
      kind: "prev-hash-mismatch",
      message:
        `entry ${seq} does not follow entry ${seq - 1}: it records prev_hash ${short(storedPrevHash)}, ` +
        `but entry ${seq - 1} ${seq === 1 ? "is the genesis" : "hashes to"} ${short(prevHash)}`,
    };
  }
  const checkpoint = checkpoints.get(seq);
  if (checkpoint && checkpoint.hash !== hash) {
    return {
      seq,
      kind: "checkpoint-mismatch",
      message:
        `entry ${seq} hashes to ${short(hash)}, but the checkpoint signed ${checkpoint.signedAt} vouches for ` +
        `${short(checkpoint.hash)}: the chain up to entry ${seq} was rewritten`,
    };
  }
  return undefined;
}

/** The actions that erase a person, and so vouch for the seal of the entries they pseudonymised. */
const ERASING_ACTIONS = ["account.purge", "dataRequest.fulfilErasure"];

/** Whether an entry (its head, see encodeEntryParts) is an allowed erasure: the only entry that vouches for a seal. */
function isPurge(head: string): boolean {
  if (!ERASING_ACTIONS.some((action) => head.includes(`"${action}"`))) return false;
  const fields = JSON.parse(`[${head}]`) as unknown[];
  return ERASING_ACTIONS.includes(fields[10] as string) && fields[11] === "allowed";
}

export function checkSealedEntry(
  seq: number,
  hash: string,
  computed: string,
  sealId: string,
  sealedHash: string,
  lines: readonly SealLineRow[],
): ChainProblem | undefined {
  const problem = (message: string): ChainProblem => ({ seq, kind: "seal-mismatch", message });
  if (!sealId || !sealedHash) return problem(`entry ${seq} was pseudonymised, but no longer says so: it was altered`);
  if (lines.length === 0)
    return problem(`entry ${seq} is marked pseudonymised, but no seal records it: it was altered`);
  // From the entry's hash, each seal line replaces the hash the contents had with the one they have after.
  const remaining = [...lines];
  let current = hash;
  let last: SealLineRow | undefined;
  for (;;) {
    const index = remaining.findIndex((line) => line.replacedHash === current);
    if (index < 0) break;
    last = remaining.splice(index, 1)[0]!;
    current = last.sealedHash;
  }
  if (remaining.length > 0 || !last || last.sealId !== sealId || current !== sealedHash) {
    return problem(`entry ${seq}'s seals do not lead from its hash to its sealed hash: they were altered`);
  }
  if (computed !== sealedHash) {
    return {
      seq,
      kind: "hash-mismatch",
      message: `entry ${seq} was altered after it was pseudonymised: its contents hash to ${short(computed)}, but its seal records ${short(sealedHash)}`,
    };
  }
  return undefined;
}

function checkVoucher(seq: number, seal: AuditSeal, seals: Seals): ChainProblem | undefined {
  const problem = (message: string): ChainProblem => ({ seq, kind: "seal-mismatch", message });
  const lines = seals.bySeal.get(seal.id) ?? [];
  if (seals.vouched.has(seal.id)) return problem(`entry ${seq} vouches for seal ${seal.id} a second time`);
  if (lines.some((line) => line.seq >= seq)) {
    return problem(`seal ${seal.id} covers entries after entry ${seq}, the purge that made it: it was altered`);
  }
  if (lines.length !== seal.entries || sealDigest(seals.tenantId, seal.id, lines) !== seal.digest) {
    return problem(
      `entry ${seq} vouches for ${seal.entries} pseudonymised entries under seal ${seal.id}, but the seal ` +
        `now records ${lines.length}${lines.length === seal.entries ? " with other hashes" : ""}: it was altered`,
    );
  }
  if (seals.keys.size > 0) {
    const key = seal.keyId ? seals.keys.get(seal.keyId) : undefined;
    let valid = false;
    try {
      valid = Boolean(
        key &&
        seal.signature &&
        verify(null, Buffer.from(encodeSeal(seals.tenantId, seal), "utf8"), key, Buffer.from(seal.signature, "base64")),
      );
    } catch {
      valid = false;
    }
    if (!valid) {
      return {
        seq,
        kind: "bad-signature",
        message: !seal.signature
          ? `entry ${seq} vouches for seal ${seal.id} without a signature, while the chain's keys are known: it was forged`
          : !key
            ? `entry ${seq} signs seal ${seal.id} with key ${seal.keyId}, which is not among the verification keys (AUDIT_VERIFY_KEYS)`
            : `entry ${seq} has a seal signature that does not verify with key ${seal.keyId}: it was forged or altered`,
      };
    }
  }
  seals.vouched.add(seal.id);
  return undefined;
}

// ─── Checkpoints ──────────────────────────────────────────────────────────────────────────────────

export interface Checkpoint {
  tenantId: string;
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  /** False when the head had not moved since the last checkpoint, which is returned instead. */
  created: boolean;
}

export interface CheckpointOptions {
  signingKey?: SigningKey;
  /** Keys for the previous checkpoint's signature; by default the signing key and configuration's. */
  verificationKeys?: VerificationKeys;
  batchSize?: number;
}

/**
 * Signs the tenant's chain head: Ed25519 over (tenant, seq, hash, signed-at). It first checks the entries
 * since the previous checkpoint (and that checkpoint), so it never vouches for a chain that is already
 * broken; it throws AuditChainError if it is. Null for a tenant with no entries.
 */
export async function createCheckpoint(
  q: Queryable,
  tenantId: string,
  options: CheckpointOptions = {},
): Promise<Checkpoint | null> {
  if (!isUuid(tenantId)) throw new TypeError(`createCheckpoint: not a tenant id: ${String(tenantId)}`);
  // One transaction, in which no purge of the tenant commits between reading seal lines and entries.
  if (!isTransaction(q)) return q.transaction((tx) => createCheckpoint(tx, tenantId, options));
  await q.execute(purgeLock(tenantId, "shared"));
  const key = options.signingKey ?? getSigningKey();
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    q,
    sql`select seq, hash from audit_chain_heads where tenant_id = ${tenantId}`,
  );
  const headSeq = head ? Number(head.seq) : 0;
  if (!head || headSeq === 0) return null;

  const [current] = await readCheckpoints(q, tenantId, sql`seq = ${headSeq}`);
  if (current) return { tenantId, ...pick(current), hash: current.hash, keyId: current.keyId, created: false };

  const [previous] = (await readCheckpoints(q, tenantId, sql`seq < ${headSeq}`)).slice(-1);
  const keys = new Map(options.verificationKeys ?? getVerificationKeys());
  keys.set(key.keyId, key.publicKey);
  if (previous) {
    const result = checkSignature(tenantId, previous, keys);
    if (result !== "ok" && result !== "unchecked") throw new AuditChainError(tenantId, result);
  }
  const walk = await walkEntries(q, tenantId, {
    from: previous ? { seq: previous.seq - 1, hash: null } : { seq: 0, hash: GENESIS_HASH },
    until: headSeq,
    checkpoints: new Map(previous ? [[previous.seq, previous]] : []),
    batchSize: options.batchSize ?? DEFAULT_BATCH,
    seals: await readSeals(q, tenantId, keys),
    sealsVouchedWithin: true,
  });
  if (walk.problem) throw new AuditChainError(tenantId, walk.problem);
  const problem = checkHead({ seq: headSeq, hash: head.hash }, walk.last);
  if (problem) throw new AuditChainError(tenantId, problem);

  const signedAt = canonicalTimestamp(new Date());
  const message = encodeCheckpoint({ tenantId, seq: headSeq, hash: head.hash, signedAt });
  const signature = sign(null, Buffer.from(message, "utf8"), key.privateKey).toString("base64");
  const inserted = await queryRows<{ seq: string | number }>(
    q,
    sql`insert into audit_checkpoints (tenant_id, seq, hash, signed_at, key_id, signature)
        values (${tenantId}, ${headSeq}, ${head.hash}, ${signedAt}, ${key.keyId}, ${signature})
        on conflict (tenant_id, seq) do nothing
        returning seq`,
  );
  if (!inserted.length) {
    // Another process signed the same head a moment ago.
    const [theirs] = await readCheckpoints(q, tenantId, sql`seq = ${headSeq}`);
    if (theirs) return { tenantId, ...pick(theirs), hash: theirs.hash, keyId: theirs.keyId, created: false };
  }
  return { tenantId, seq: headSeq, hash: head.hash, signedAt, keyId: key.keyId, created: true };
}

// ─── Every chain in the database ──────────────────────────────────────────────────────────────────

export interface ChainOwner {
  tenantId: string;
  /** Null for a chain whose organisation is gone (which should never happen). */
  slug: string | null;
}

/**
 * The tenants to verify (or the one organisation named by `slug`): every organisation, and any tenant that
 * has a chain head, a checkpoint or entries without an organisation. An operator query on the raw database;
 * tenants with entries are found by a skip scan of the primary key.
 */
export async function listChains(db: Db, slug?: string): Promise<ChainOwner[]> {
  if (slug !== undefined) {
    const rows = await queryRows<{ id: string; slug: string }>(
      db,
      sql`select id, slug from organisations where slug = ${slug}`,
    );
    return rows.map((row) => ({ tenantId: row.id, slug: row.slug }));
  }
  const rows = await queryRows<{ tenant_id: string; slug: string | null }>(
    db,
    sql`with recursive entry_tenants(id) as (
          (select tenant_id from audit_entries order by tenant_id limit 1)
          union all
          select (select e.tenant_id from audit_entries e where e.tenant_id > t.id order by e.tenant_id limit 1)
          from entry_tenants t where t.id is not null
        ),
        tenants(id) as (
          select id from organisations
          union select tenant_id from audit_chain_heads
          union select tenant_id from audit_checkpoints
          union select id from entry_tenants where id is not null
        )
        select t.id as tenant_id, o.slug from tenants t left join organisations o on o.id = t.id
        order by o.slug nulls last, t.id`,
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, slug: row.slug }));
}
