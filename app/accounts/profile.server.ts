import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import { accounts } from "~db/schema";

const manager = alias(accounts, "manager");

/** One account's profile as its owner sees it on My account. */
export async function getProfile(tx: Tx, tenantId: string, accountId: string) {
  const [row] = await tx
    .select({
      displayName: accounts.displayName,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      email: accounts.email,
      phone: accounts.phone,
      jobTitle: accounts.jobTitle,
      department: accounts.department,
      status: accounts.status,
      locale: accounts.locale,
      timeZone: accounts.timeZone,
      marketingConsent: accounts.marketingConsent,
      lastSignInAt: accounts.lastSignInAt,
      createdAt: accounts.createdAt,
      managerName: manager.displayName,
      managerEmail: manager.email,
    })
    .from(accounts)
    .leftJoin(manager, and(eq(manager.tenantId, accounts.tenantId), eq(manager.id, accounts.managerId)))
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)));
  return row ?? null;
}
