// One-time recovery codes, for when the authenticator app or passkey is lost. Each is 50 random bits from
// a 32-letter alphabet with no look-alikes (Crockford's: no i, l, o, u), stored only as a SHA-256 hash and
// spent by one conditional UPDATE, so a code works once even when two requests race with it. Storing the
// codes themselves, or checking before marking, would break that.
import { randomBytes } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { recoveryCodes } from "~db/schema";
import { hashToken } from "~/security/secrets.server";
import type { AccountRef } from "./session-adapter.server";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CODE_LENGTH = 10;
const CODE = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

function generateRecoveryCode(): string {
  // 32 letters: the low five bits of a random byte pick one without bias.
  const letters = Array.from(randomBytes(CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join("");
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** Ten fresh codes like "k7pq2-x9mfa", to show once. */
export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(generateRecoveryCode());
  return [...codes];
}

/**
 * The code as it is hashed: lower case, without spaces or dashes, and with the letters the alphabet leaves
 * out read as the digits they look like. Null when it cannot be a code.
 */
function normaliseCode(code: string): string | null {
  if (typeof code !== "string" || code.length > 64) return null;
  const normalised = code
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return CODE.test(normalised) ? normalised : null;
}

function forAccount(ref: AccountRef) {
  return and(eq(recoveryCodes.tenantId, ref.tenantId), eq(recoveryCodes.accountId, ref.accountId));
}

/** Replaces the account's codes with `codes` (as generateRecoveryCodes made them), stored hashed. */
export async function replaceRecoveryCodes(tx: Tx, ref: AccountRef, codes: string[]): Promise<void> {
  const hashes = codes.map((code) => {
    const normalised = normaliseCode(code);
    if (!normalised) throw new TypeError("Not a recovery code from generateRecoveryCodes()");
    return hashToken(normalised);
  });
  await tx.delete(recoveryCodes).where(forAccount(ref));
  if (hashes.length === 0) return;
  await tx
    .insert(recoveryCodes)
    .values(hashes.map((codeHash) => ({ tenantId: ref.tenantId, accountId: ref.accountId, codeHash })));
}

/** Uses one code in place of a second factor; true when it was the account's and unused until now. */
export async function spendRecoveryCode(
  tx: Tx,
  ref: AccountRef,
  code: string,
  now: Date = new Date(),
): Promise<boolean> {
  const normalised = normaliseCode(code);
  if (!normalised) return false;
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(forAccount(ref), eq(recoveryCodes.codeHash, hashToken(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function recoveryCodeStatus(tx: Tx, ref: AccountRef): Promise<{ remaining: number; total: number }> {
  const [row] = await tx
    .select({
      total: count(),
      remaining: sql<number>`count(*) filter (where ${recoveryCodes.usedAt} is null)`.mapWith(Number),
    })
    .from(recoveryCodes)
    .where(forAccount(ref));
  return { remaining: row?.remaining ?? 0, total: row?.total ?? 0 };
}

export async function deleteRecoveryCodes(tx: Tx, ref: AccountRef): Promise<void> {
  await tx.delete(recoveryCodes).where(forAccount(ref));
}
