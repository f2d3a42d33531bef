// Writing an account's password and ending its sessions: the two steps that every password change, reset,
// suspension and privilege change share. Run inside the action's transaction, in the account's tenant.
import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, passwordCredentials, sessions } from "~db/schema";
import { hashPassword } from "./password.server";
import type { AccountRef } from "./session-adapter.server";

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
