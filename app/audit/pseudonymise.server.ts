// A purge pseudonymises the erased person's audit entries in place and seals them (see ./chain.ts, Seals,
// ./pseudonymise.ts for what is replaced, and docs/decisions/008). The entries found: those the person
// acted in or that are about them, and any other entry whose text names them by a name, address or phone
// number they went by — including entries an earlier purge already pseudonymised, which are sealed again.
// Call it inside the purge's transaction: the purge's own entry, appended after, vouches for the seal.
import { randomUUID, sign } from "node:crypto";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { escapeLike, queryRows, type Tx } from "~db/client";
import { accounts, auditEntries } from "~db/schema";
import {
  computeEntryHash,
  encodeSeal,
  sealDigest,
  type AuditEntryFields,
  type AuditSeal,
  type JsonValue,
  type SealLine,
} from "./chain";
import {
  identifierScrubber,
  identifiersIn,
  isAbout,
  isReplaceable,
  matchesAnyCase,
  pseudonymiseEntry,
  type PersonToErase,
} from "./pseudonymise";
import { AuditKeyError, getSigningKey, type SigningKey } from "./signing-key.server";
import { AuditChainError, checkSealedEntry, purgeLock, readSeals } from "./trail.server";

/** Entries written per call of glasshouse_pseudonymise_audit. */
const CHUNK = 500;

const subject = alias(accounts, "subject");

const ENTRY_COLUMNS = {
  tenantId: auditEntries.tenantId,
  seq: auditEntries.seq,
  id: auditEntries.id,
  // Milliseconds, UTC: the canonical form the hash was computed over.
  occurredAt: sql<string>`to_char(${auditEntries.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  actorAccountId: auditEntries.actorAccountId,
  actorTenantId: auditEntries.actorTenantId,
  actorName: auditEntries.actorName,
  actorRole: auditEntries.actorRole,
  delegationId: auditEntries.delegationId,
  operatorAccessId: auditEntries.operatorAccessId,
  action: auditEntries.action,
  outcome: auditEntries.outcome,
  subjectAccountId: auditEntries.subjectAccountId,
  target: sql<JsonValue>`${auditEntries.target}`,
  reason: auditEntries.reason,
  policyIds: auditEntries.policyIds,
  sentence: auditEntries.sentence,
  changes: sql<JsonValue>`${auditEntries.changes}`,
  requestId: auditEntries.requestId,
  ipAddress: auditEntries.ipAddress,
  userAgent: auditEntries.userAgent,
  visibility: auditEntries.visibility,
  prevHash: auditEntries.prevHash,
  hash: auditEntries.hash,
  pseudonymisedBy: auditEntries.pseudonymisedBy,
  sealedHash: auditEntries.sealedHash,
  subjectName: subject.displayName,
};

type EntryRow = AuditEntryFields & {
  prevHash: string;
  hash: string;
  pseudonymisedBy: string | null;
  sealedHash: string | null;
  subjectName: string | null;
};

function readEntries(tx: Tx, tenantId: string, where: SQL): Promise<EntryRow[]> {
  return tx
    .select(ENTRY_COLUMNS)
    .from(auditEntries)
    .leftJoin(subject, and(eq(subject.tenantId, auditEntries.tenantId), eq(subject.id, auditEntries.subjectAccountId)))
    .where(and(eq(auditEntries.tenantId, tenantId), where))
    .orderBy(auditEntries.seq);
}

export interface EntriesNaming {
  /** In seq order, with what is needed to check and seal them and the name of their subject. */
  entries: EntryRow[];
  /** Every identifier to replace: the ones given and the earlier ones found in the trail. */
  identifiers: string[];
  /** Every passkey name of theirs: the ones given and those found in the trail. */
  erasedValues: string[];
}

/**
 * The entries that may identify the person: those they acted in or that are about them (by index), and —
 * by a scan of the tenant's trail, which a purge (a background job) can afford — any other entry whose
 * text names them by a name, address or phone number they went by, or that records a refused attempt
 * naming their account.
 */
export async function findEntriesNaming(tx: Tx, tenantId: string, person: PersonToErase): Promise<EntriesNaming> {
  const accountId = person.accountId;
  const own = await readEntries(
    tx,
    tenantId,
    or(eq(auditEntries.subjectAccountId, accountId), eq(auditEntries.actorAccountId, accountId))!,
  );
  const found = own.map((entry) => identifiersIn(entry, accountId));
  const identifiers = [...new Set([...person.identifiers, ...found.flatMap((entry) => entry.names)])];
  const erasedValues = [...new Set([...(person.erasedValues ?? []), ...found.flatMap((entry) => entry.passkeys)])];

  // Found as the scrubber replaces them: single-word names in their own letter case, the rest in any.
  const searchable = identifiers.map((identifier) => identifier.normalize("NFC").trim()).filter(isReplaceable);
  const like = (list: string[]) =>
    sql.join(
      list.map((identifier) => sql`${`%${escapeLike(identifier)}%`}`),
      sql`, `,
    );
  const anyCase = searchable.filter(matchesAnyCase);
  const ownCase = searchable.filter((identifier) => !matchesAnyCase(identifier));
  const text = sql`concat_ws(chr(10), ${auditEntries.sentence}, ${auditEntries.reason}, ${auditEntries.target}::text,
                             ${auditEntries.changes}::text)`;
  const mentions = [
    anyCase.length ? sql`${text} ilike any(array[${like(anyCase)}]::text[])` : undefined,
    ownCase.length ? sql`${text} like any(array[${like(ownCase)}]::text[])` : undefined,
  ].filter((condition): condition is SQL => condition !== undefined);
  const others = await readEntries(
    tx,
    tenantId,
    and(
      sql`${auditEntries.subjectAccountId} is distinct from ${accountId}::uuid`,
      sql`${auditEntries.actorAccountId} is distinct from ${accountId}::uuid`,
      or(sql`${auditEntries.target} @> ${JSON.stringify({ requested: { accountId } })}::jsonb`, ...mentions),
    )!,
  );
  return { entries: [...own, ...others].sort((a, b) => a.seq - b.seq), identifiers, erasedValues };
}

export interface PseudonymisedTrail {
  seal: AuditSeal;
  /** Every identifier replaced: the ones given and the earlier ones found in the trail. */
  identifiers: string[];
  /** A scrubber that replaces them (names by the pseudonym) in other text of the purge. */
  scrub: (text: string) => string;
}

/** The key seals are signed with, as checkpoints are; none where none is configured (PostgreSQL without one). */
function signingKeyIfAny(): SigningKey | null {
  try {
    return getSigningKey();
  } catch (error) {
    if (error instanceof AuditKeyError) return null;
    throw error;
  }
}

/**
 * Pseudonymises every audit entry of the tenant that identifies the person (the terminated account being
 * purged in this transaction), and answers the seal that the purge's entry must record. Purges of one
 * tenant take turns (an advisory lock to the end of the transaction), so two never seal the same entry
 * from the same old contents. Throws AuditChainError, changing nothing, if an entry it would seal does not
 * match its hash as it stands: sealing it would hide that it was altered.
 */
export async function pseudonymiseAuditTrail(
  tx: Tx,
  tenantId: string,
  person: PersonToErase,
  options: { signingKey?: SigningKey | null } = {},
): Promise<PseudonymisedTrail> {
  await tx.execute(purgeLock(tenantId, "exclusive"));
  const accountId = person.accountId;
  const { entries, identifiers, erasedValues } = await findEntriesNaming(tx, tenantId, person);
  const seals = await readSeals(tx, tenantId, new Map());
  const everyone = { ...person, identifiers, erasedValues };
  const sealId = randomUUID();
  const lines: SealLine[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const { prevHash, hash, pseudonymisedBy, sealedHash: sealedBefore, subjectName, ...fields } = entry;
    // As verifyChain checks it: its contents match its hash, or its seal lines lead from its hash to
    // the hash its contents match. Otherwise sealing it would cover up the change.
    const computed = computeEntryHash(fields, prevHash);
    const linesBefore = seals.bySeq.get(entry.seq);
    const problem =
      pseudonymisedBy || sealedBefore || linesBefore
        ? checkSealedEntry(entry.seq, hash, computed, pseudonymisedBy ?? "", sealedBefore ?? "", linesBefore ?? [])
        : computed === hash
          ? undefined
          : ({ seq: entry.seq, kind: "hash-mismatch", message: `entry ${entry.seq} does not match its hash` } as const);
    if (problem) {
      throw new AuditChainError(tenantId, {
        ...problem,
        message: `${problem.message}; it is not pseudonymised, as that would cover up the change`,
      });
    }
    const currentHash = sealedBefore ?? hash;
    // Another person the entry is about, or its actor, who shares a name with the erased person keeps it.
    const keep: string[] = [];
    if (entry.actorAccountId !== accountId && entry.actorName) keep.push(entry.actorName);
    if (!isAbout(entry, accountId) && subjectName) keep.push(subjectName);
    const next = pseudonymiseEntry(fields, everyone, keep);
    if (!next) continue;
    const sealedHash = computeEntryHash(next, prevHash);
    lines.push({ seq: entry.seq, replacedHash: currentHash, sealedHash });
    rows.push({
      own: entry.subjectAccountId === accountId || entry.actorAccountId === accountId,
      seq: entry.seq,
      replacedHash: currentHash,
      actorName: next.actorName,
      target: next.target ?? null,
      reason: next.reason,
      sentence: next.sentence,
      changes: next.changes ?? null,
      ipAddress: next.ipAddress,
      userAgent: next.userAgent,
      sealedHash,
    });
  }

  // The database checks that each entry concerns the person, by names it reads from the entries by and
  // about them: those go last, so that no chunk changes them before the entries they vouch for.
  rows.sort((a, b) => Number(a.own) - Number(b.own) || Number(a.seq) - Number(b.seq));
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const [result] = await queryRows<{ count: number }>(
      tx,
      sql`select glasshouse_pseudonymise_audit(${tenantId}::uuid, ${accountId}::uuid, ${sealId}::uuid,
                                               ${JSON.stringify(chunk)}::jsonb) as count`,
    );
    written += Number(result?.count ?? 0);
  }
  // Fewer means an entry changed under us, which the tenant's purge lock should make impossible.
  if (written !== rows.length) {
    throw new Error(`pseudonymiseAuditTrail: ${rows.length} entries to seal, but ${written} were changed`);
  }

  const seal: AuditSeal = { id: sealId, entries: lines.length, digest: sealDigest(tenantId, sealId, lines) };
  const key = options.signingKey === undefined ? signingKeyIfAny() : options.signingKey;
  if (key) {
    seal.keyId = key.keyId;
    seal.signature = sign(null, Buffer.from(encodeSeal(tenantId, seal), "utf8"), key.privateKey).toString("base64");
  }
  const names = identifierScrubber(identifiers, person.pseudonym);
  return { seal, identifiers, scrub: names };
}
