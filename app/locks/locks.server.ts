// Reading privacy locks: the admin's list, the locks covering one account (what its person will see, with
// who locked it and why), and the lookups the lock actions and the locks page need. Writes go through the
// lock actions (app/actions/locks.server.ts). Every query runs inside the caller's tenant scope.
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import { accounts, privacyLocks } from "~db/schema";

const target = alias(accounts, "target");
const locker = alias(accounts, "locker");
const clearer = alias(accounts, "clearer");

export interface PrivacyLock {
  id: string;
  setting: string;
  /** Null: the lock covers every account of the organisation. */
  accountId: string | null;
  accountName: string | null;
  accountEmail: string | null;
  reason: string;
  lockedAt: Date;
  lockedById: string;
  lockedByName: string;
  clearedAt: Date | null;
  clearedByName: string | null;
}

const lockColumns = {
  id: privacyLocks.id,
  setting: privacyLocks.setting,
  accountId: privacyLocks.accountId,
  accountName: target.displayName,
  accountEmail: target.email,
  reason: privacyLocks.reason,
  lockedAt: privacyLocks.lockedAt,
  lockedById: privacyLocks.lockedBy,
  lockedByName: sql<string>`coalesce(${locker.displayName}, 'an administrator')`,
  clearedAt: privacyLocks.clearedAt,
  clearedByName: clearer.displayName,
};

function selectLocks(tx: Tx, tenantId: string, where: SQL | undefined) {
  return tx
    .select(lockColumns)
    .from(privacyLocks)
    .leftJoin(target, and(eq(target.tenantId, privacyLocks.tenantId), eq(target.id, privacyLocks.accountId)))
    .leftJoin(locker, and(eq(locker.tenantId, privacyLocks.tenantId), eq(locker.id, privacyLocks.lockedBy)))
    .leftJoin(clearer, and(eq(clearer.tenantId, privacyLocks.tenantId), eq(clearer.id, privacyLocks.clearedBy)))
    .where(and(eq(privacyLocks.tenantId, tenantId), where));
}

/** The organisation's locks, newest first: active ones only unless asked (a cleared lock stays on record). */
export async function listLocks(
  tx: Tx,
  tenantId: string,
  options: { activeOnly?: boolean; limit?: number } = {},
): Promise<PrivacyLock[]> {
  const { activeOnly = true, limit = 500 } = options;
  return selectLocks(tx, tenantId, activeOnly ? isNull(privacyLocks.clearedAt) : undefined)
    .orderBy(desc(privacyLocks.lockedAt), asc(privacyLocks.id))
    .limit(limit);
}

/** The active locks covering one account: its own and the organisation-wide ones, oldest first. */
export async function locksForAccount(tx: Tx, tenantId: string, accountId: string): Promise<PrivacyLock[]> {
  return selectLocks(
    tx,
    tenantId,
    and(isNull(privacyLocks.clearedAt), or(eq(privacyLocks.accountId, accountId), isNull(privacyLocks.accountId))),
  ).orderBy(asc(privacyLocks.lockedAt), asc(privacyLocks.id));
}

/** One lock by id, active or cleared; null when this organisation has no such lock. */
export async function findLock(tx: Tx, tenantId: string, lockId: string): Promise<PrivacyLock | null> {
  const [lock] = await selectLocks(tx, tenantId, eq(privacyLocks.id, lockId));
  return lock ?? null;
}

/**
 * The active lock of `setting` placed on the account itself (`accountId`), or on the whole organisation
 * (`accountId` null). An account's own lock and an organisation-wide one are separate rows.
 */
export async function activeLockOf(
  tx: Tx,
  tenantId: string,
  accountId: string | null,
  setting: string,
): Promise<PrivacyLock | null> {
  const [lock] = await selectLocks(
    tx,
    tenantId,
    and(
      isNull(privacyLocks.clearedAt),
      eq(privacyLocks.setting, setting),
      accountId === null ? isNull(privacyLocks.accountId) : eq(privacyLocks.accountId, accountId),
    ),
  )
    .orderBy(asc(privacyLocks.lockedAt))
    .limit(1);
  return lock ?? null;
}

/**
 * Serialises the changes to one (account, setting) pair until the transaction ends, so two admins locking
 * the same setting at once leave one lock, not two. The table has no unique index to say so.
 */
export async function holdLockSlot(tx: Tx, tenantId: string, accountId: string | null, setting: string) {
  const key = `privacy-lock:${tenantId}:${accountId ?? "organisation"}:${setting}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

export interface AccountByEmail {
  id: string;
  email: string;
  displayName: string;
}

/** The organisation's accounts with these emails (any case), keyed by the lower-cased email. */
export async function accountsByEmail(
  tx: Tx,
  tenantId: string,
  emails: string[],
): Promise<Map<string, AccountByEmail>> {
  const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: accounts.id, email: accounts.email, displayName: accounts.displayName })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(sql`lower(${accounts.email})`, wanted)));
  return new Map(
    rows.flatMap((row) => (row.email ? [[row.email.toLowerCase(), { ...row, email: row.email }] as const] : [])),
  );
}
