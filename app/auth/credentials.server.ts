// Writing an account's password, and starting, rotating and ending its sessions: the steps that sign-in,
// step-up, every password change and reset, suspension and privilege change share. Run inside the action's
// transaction, in the account's tenant. Only the SHA-256 of a session token is ever stored.
import { and, eq, inArray, ne } from "drizzle-orm";
import { generateIdFromEntropySize } from "lucia";
import { getConfig } from "~/config.server";
import type { Tx } from "~db/client";
import { accounts, passwordCredentials, sessions } from "~db/schema";
import { hashPassword } from "./password.server";
import { hashSessionToken, type AccountRef } from "./session-adapter.server";

/**
 * Stores `password` (argon2id) as the account's password. `mustChange` is whether the person must choose
 * another at their next sign-in: true for a temporary password an admin set, false once they chose one.
 */
export async function storePassword(
  tx: Tx,
  ref: AccountRef,
  password: string,
  options: { mustChange: boolean; now: Date },
): Promise<void> {
  const hash = await hashPassword(password);
  const { now } = options;
  await tx
    .insert(passwordCredentials)
    .values({ tenantId: ref.tenantId, accountId: ref.accountId, hash, updatedAt: now })
    .onConflictDoUpdate({
      target: [passwordCredentials.tenantId, passwordCredentials.accountId],
      set: { hash, updatedAt: now },
    });
  await tx
    .update(accounts)
    .set({ mustChangePassword: options.mustChange, updatedAt: now })
    .where(and(eq(accounts.tenantId, ref.tenantId), eq(accounts.id, ref.accountId)));
}

/**
 * Removes the account's password: it signs in with nothing until a reset link sets a new one. What an
 * admin's "send a reset link" does, so that whoever knew the old password (often why it is being reset)
 * cannot keep using it while the email is on its way.
 */
export async function revokePassword(tx: Tx, ref: AccountRef): Promise<void> {
  await tx
    .delete(passwordCredentials)
    .where(and(eq(passwordCredentials.tenantId, ref.tenantId), eq(passwordCredentials.accountId, ref.accountId)));
}

/** Ends every session of the account, but `exceptId` (a stored session hash) if given; returns how many. */
export async function endSessions(tx: Tx, ref: AccountRef, exceptId?: string): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.tenantId, ref.tenantId),
        eq(sessions.accountId, ref.accountId),
        exceptId === undefined ? undefined : ne(sessions.id, exceptId),
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Ends every session of each of `accountIds` (one statement); answers how many each had, by lowercase id. */
export async function endSessionsOfAccounts(
  tx: Tx,
  tenantId: string,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = accountIds.map((id) => id.toLowerCase());
  const counts = new Map(ids.map((id) => [id, 0]));
  if (ids.length === 0) return counts;
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), inArray(sessions.accountId, ids)))
    .returning({ accountId: sessions.accountId });
  for (const { accountId } of ended) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  return counts;
}

export interface SessionOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

/** Starts a session for `ref` and returns its token, for the cookie. */
export async function createSession(
  tx: Tx,
  ref: AccountRef,
  origin: SessionOrigin,
  session: { secondFactorAt: Date | null; createdAt?: Date },
  now: Date,
): Promise<string> {
  const token = generateIdFromEntropySize(25);
  await tx.insert(sessions).values({
    tenantId: ref.tenantId,
    id: hashSessionToken(token),
    accountId: ref.accountId,
    expiresAt: new Date(now.getTime() + getConfig().SESSION_IDLE_MINUTES * 60_000),
    createdAt: session.createdAt ?? now,
    lastActiveAt: now,
    secondFactorAt: session.secondFactorAt,
    ipAddress: origin.ipAddress,
    userAgent: origin.userAgent,
  });
  return token;
}

/**
 * Replaces the session stored as `oldHash` with a new token (a change of privilege: a token copied before
 * it is worth nothing after). The new session keeps the old one's start, so the absolute lifetime still
 * counts from sign-in, its second factor unless `secondFactorAt` is given, and its device unless `origin`
 * is. Null when the old session has already ended.
 */
export async function rotateSession(
  tx: Tx,
  ref: AccountRef,
  oldHash: string,
  now: Date,
  changes: { secondFactorAt?: Date; origin?: SessionOrigin } = {},
): Promise<string | null> {
  const [old] = await tx
    .delete(sessions)
    .where(and(eq(sessions.tenantId, ref.tenantId), eq(sessions.accountId, ref.accountId), eq(sessions.id, oldHash)))
    .returning({
      createdAt: sessions.createdAt,
      secondFactorAt: sessions.secondFactorAt,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
    });
  if (!old) return null;
  const secondFactorAt = changes.secondFactorAt ?? old.secondFactorAt;
  const origin = changes.origin ?? { ipAddress: old.ipAddress, userAgent: old.userAgent };
  return createSession(tx, ref, origin, { secondFactorAt, createdAt: old.createdAt }, now);
}
