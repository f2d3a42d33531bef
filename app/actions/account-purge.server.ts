// Purge: the end of a termination's grace period. The person's data is erased — profile and contact
// details, sign-in credentials, sessions, roles, consents — and what must outlive them is kept without them:
// the audit trail (append-only; its entries keep the account's id, which now names no one), and app
// installations and their events, detached from the account. A legal hold refuses the purge (policy
// `legal-hold.nothing-deleted`); the sweep tries again after the hold is released.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import {
  accounts,
  appInstallations,
  consentRecords,
  devices,
  installEvents,
  passkeys,
  passwordCredentials,
  passwordResetTokens,
  recoveryCodes,
  roleAssignments,
  sessions,
  totpCredentials,
} from "~db/schema";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

export const ERASED_NAME = "Erased account";

export const purgeAccount = defineAction({
  id: "account.purge",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  // The person is gone; what remains to see belongs to the organisation's admins.
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, now }) {
    if (resource.status !== "terminated") {
      throw new ActionFailure(`${resource.name}'s account is ${resource.status}; only a terminated account is purged.`);
    }
    const erased = await eraseAccount(tx, tenantId, input.accountId, now);
    if (!erased) throw new ActionFailure(`${resource.name}'s account has already been purged.`);
    return {
      output: erased,
      changes: { before: { status: "terminated", purged: false }, after: { purged: true, ...erased } },
    };
  },
});

async function eraseAccount(tx: Tx, tenantId: string, accountId: string, now: Date) {
  const [row] = await tx
    .update(accounts)
    .set({
      email: null,
      displayName: ERASED_NAME,
      givenName: null,
      familyName: null,
      phone: null,
      jobTitle: null,
      department: null,
      managerId: null,
      marketingConsent: false,
      purgedAt: now,
      updatedAt: now,
    })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId), isNull(accounts.purgedAt)))
    .returning({ id: accounts.id });
  if (!row) return null;
  // Reports of the erased person now have no manager rather than a nameless one.
  await tx
    .update(accounts)
    .set({ managerId: null, updatedAt: now })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.managerId, accountId)));
  // Credentials, sessions, roles and consents go with the person.
  await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, accountId)));
  await tx
    .delete(passwordCredentials)
    .where(and(eq(passwordCredentials.tenantId, tenantId), eq(passwordCredentials.accountId, accountId)));
  await tx
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tenantId, tenantId), eq(passwordResetTokens.accountId, accountId)));
  await tx
    .delete(totpCredentials)
    .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, accountId)));
  await tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.tenantId, tenantId), eq(recoveryCodes.accountId, accountId)));
  await tx.delete(passkeys).where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.accountId, accountId)));
  await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.accountId, accountId)));
  await tx
    .delete(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.accountId, accountId)));
  const detach = { accountId: null } as const;
  const installs = await tx
    .update(appInstallations)
    .set(detach)
    .where(and(eq(appInstallations.tenantId, tenantId), eq(appInstallations.accountId, accountId)))
    .returning({ id: appInstallations.id });
  await tx
    .update(devices)
    .set(detach)
    .where(and(eq(devices.tenantId, tenantId), eq(devices.accountId, accountId)));
  await tx
    .update(installEvents)
    .set({ accountId: null, accountRef: null })
    .where(and(eq(installEvents.tenantId, tenantId), eq(installEvents.accountId, accountId)));
  return { installationsDetached: installs.length };
}

/** Terminated accounts of the tenant whose grace period has ended and that are not purged yet. */
export async function accountsDueForPurge(tx: Tx, tenantId: string, now: Date, limit = 500) {
  return tx
    .select({ id: accounts.id, terminatedAt: accounts.terminatedAt })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, "terminated"),
        isNull(accounts.purgedAt),
        lte(accounts.purgeAfter, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(accounts.purgeAfter)
    .limit(limit);
}
