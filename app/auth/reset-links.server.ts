// Password reset links: single use, 30 minutes, stored as a SHA-256 hash. The token is
// "<tenant id>.<32 random bytes, base32>": the tenant part lets the link be looked up under row-level
// security without a global index (or another SECURITY DEFINER lookup); the secret part is what matters.
import { and, count, eq, gt } from "drizzle-orm";
import { generateIdFromEntropySize } from "lucia";
import type { Tx } from "~db/client";
import { passwordResetTokens } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import { hashToken } from "~/security/secrets.server";
import type { AccountRef } from "./session-adapter.server";

export const RESET_LINK_TTL_MS = 30 * 60 * 1000;

/** At most this many links per account in any RESET_LINK_TTL_MS. */
export const RESET_LINKS_PER_WINDOW = 3;

/** How many links the account was sent in the last RESET_LINK_TTL_MS. */
export async function recentResetLinks(tx: Tx, ref: AccountRef, now = new Date()): Promise<number> {
  const [row] = await tx
    .select({ count: count() })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.tenantId, ref.tenantId),
        eq(passwordResetTokens.accountId, ref.accountId),
        gt(passwordResetTokens.createdAt, new Date(now.getTime() - RESET_LINK_TTL_MS)),
      ),
    );
  return row?.count ?? 0;
}

/** Stores a new link for `ref` and returns its token (shown only in the email). */
export async function issueResetLink(tx: Tx, ref: AccountRef, now = new Date()): Promise<string> {
  const token = `${ref.tenantId}.${generateIdFromEntropySize(32)}`;
  await tx.insert(passwordResetTokens).values({
    tenantId: ref.tenantId,
    accountId: ref.accountId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
    createdAt: now,
  });
  return token;
}

export function resetLinkUrl(origin: string, token: string): string {
  return `${origin}/reset-password/${token}`;
}

/** The tenant a token names, or null when it is not the shape of one of ours. */
export function tenantOfResetToken(token: string): string | null {
  const [tenantId, secret, ...rest] = token.split(".");
  if (rest.length || !tenantId || !isUuid(tenantId) || !secret || !/^[a-z2-7]{40,64}$/.test(secret)) return null;
  return tenantId;
}
