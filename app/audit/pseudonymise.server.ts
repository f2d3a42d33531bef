// A purge pseudonymises the erased person's audit entries in place and seals them (see ./chain.ts, Seals,
// and ./pseudonymise.ts for what is replaced). The entries found: those the person acted in or that are
// about them, and any other entry whose text names them by a name, address or phone number they went by.
// Call it inside the purge's transaction: the purge's own entry, appended after, records the seal.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { queryRows, type Tx } from "~db/client";
import { accounts, auditEntries } from "~db/schema";
import { AuditChainError } from "./trail.server";
import { computeEntryHash, sealDigester, type AuditEntryFields, type AuditSeal, type JsonValue } from "./chain";
import { MIN_IDENTIFIER_LENGTH, identifiersIn, isAbout, pseudonymiseEntry, type PersonToErase } from "./pseudonymise";

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
  subjectName: subject.displayName,
};

type EntryRow = AuditEntryFields & { prevHash: string; hash: string; subjectName: string | null };

function readEntries(tx: Tx, tenantId: string, where: SQL): Promise<EntryRow[]> {
  return tx
    .select(ENTRY_COLUMNS)
    .from(auditEntries)
    .leftJoin(subject, and(eq(subject.tenantId, auditEntries.tenantId), eq(subject.id, auditEntries.subjectAccountId)))
    .where(and(eq(auditEntries.tenantId, tenantId), isNull(auditEntries.pseudonymisedBy), where))
    .orderBy(auditEntries.seq);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export interface PseudonymisedTrail {
  seal: AuditSeal;
  /** Every identifier replaced: the ones given and the earlier ones found in the trail. */
  identifiers: string[];
}

/**
 * Pseudonymises every audit entry of the tenant that identifies the person, and answers the seal that the
 * purge's entry must record. Throws AuditChainError, changing nothing, if an entry it would seal does not
 * match its own hash: sealing it would hide that it was altered.
 */
export async function pseudonymiseAuditTrail(
  tx: Tx,
  tenantId: string,
  person: PersonToErase,
): Promise<PseudonymisedTrail> {
  const accountId = person.accountId;
  const own = await readEntries(
    tx,
    tenantId,
    or(eq(auditEntries.subjectAccountId, accountId), eq(auditEntries.actorAccountId, accountId))!,
  );
  const identifiers = [...new Set([...person.identifiers, ...own.flatMap((entry) => identifiersIn(entry, accountId))])];

  // Entries about other people (or about no one) that name the person, or a refused attempt that named
  // their account: found by a scan of the tenant's trail, which a purge (a background job) can afford.
  const patterns = identifiers
    .filter((identifier) => identifier.trim().length >= MIN_IDENTIFIER_LENGTH)
    .map((identifier) => sql`${`%${escapeLike(identifier.trim())}%`}`);
  const mentions = patterns.length
    ? sql`concat_ws(chr(10), ${auditEntries.sentence}, ${auditEntries.reason}, ${auditEntries.target}::text,
                    ${auditEntries.changes}::text) ilike any(array[${sql.join(patterns, sql`, `)}]::text[])`
    : sql`false`;
  const others = await readEntries(
    tx,
    tenantId,
    and(
      or(isNull(auditEntries.subjectAccountId), ne(auditEntries.subjectAccountId, accountId)),
      or(isNull(auditEntries.actorAccountId), ne(auditEntries.actorAccountId, accountId)),
      or(sql`${auditEntries.target} @> ${JSON.stringify({ requested: { accountId } })}::jsonb`, mentions),
    )!,
  );

  const everyone = { ...person, identifiers };
  const sealId = randomUUID();
  const digester = sealDigester();
  const rows: Record<string, unknown>[] = [];
  for (const entry of [...own, ...others].sort((a, b) => a.seq - b.seq)) {
    const { prevHash, hash, subjectName, ...fields } = entry;
    if (computeEntryHash(fields, prevHash) !== hash) {
      throw new AuditChainError(tenantId, {
        seq: entry.seq,
        kind: "hash-mismatch",
        message: `entry ${entry.seq} does not match its hash, so it is not pseudonymised (that would hide the change); verify the chain`,
      });
    }
    // Another person the entry is about, or its actor, who shares a name with the erased person keeps it.
    const keep: string[] = [];
    if (entry.actorAccountId !== accountId && entry.actorName) keep.push(entry.actorName);
    if (!isAbout(entry, accountId) && subjectName) keep.push(subjectName);
    const next = pseudonymiseEntry(fields, everyone, keep);
    if (!next) continue;
    const sealedHash = computeEntryHash(next, prevHash);
    digester.add(entry.seq, sealedHash);
    rows.push({
      seq: entry.seq,
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

  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const [result] = await queryRows<{ count: number }>(
      tx,
      sql`select glasshouse_pseudonymise_audit(${tenantId}::uuid, ${sealId}::uuid, ${JSON.stringify(chunk)}::jsonb) as count`,
    );
    written += Number(result?.count ?? 0);
  }
  // Fewer means another purge sealed some of them meanwhile; the seal would then not match its entries.
  if (written !== rows.length) {
    throw new Error(`pseudonymiseAuditTrail: ${rows.length} entries to seal, but ${written} were changed`);
  }
  return { seal: { id: sealId, entries: digester.entries, digest: digester.digest() }, identifiers };
}
