// Sessions, roles and second factors of one account.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, organisations, passkeys, recoveryCodes, roleAssignments, totpCredentials } from "~db/schema";
import { endSessions, endSessionsOfAccounts } from "~/auth/credentials.server";
import { queueEmail } from "~/mail/outbox.server";
import type { AccountResource } from "~/policy/types";
import { ActionFailure, defineAction, mutateOne, type ActionDefinition } from "./action";
import { accountIdField, optionalReasonField, reasonField, roleField } from "./fields";
import { loadAccountResource } from "./resources.server";

const revokeSessionsMany: NonNullable<
  ActionDefinition<
    { accountId: string; reason?: string | null },
    AccountResource,
    { sessionsEnded: number }
  >["mutateMany"]
> = async ({ tx, tenantId, items }) => {
  const ended = await endSessionsOfAccounts(
    tx,
    tenantId,
    items.map(({ resource }) => resource.id),
  );
  return items.map(({ resource }) => {
    const sessionsEnded = ended.get(resource.id) ?? 0;
    return { output: { sessionsEnded }, changes: { after: { sessionsEnded } } };
  });
};

export const revokeSessions = defineAction({
  id: "account.revokeSessions",
  input: z.object({ accountId: accountIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  mutateMany: revokeSessionsMany,
  mutate: mutateOne(revokeSessionsMany),
});

/**
 * Sessions are rotated at every change of privilege. We cannot hand another person's browser a new cookie,
 * so their sessions end and the next sign-in issues one under the new roles: a session token copied
 * before the change never carries the new privileges, nor keeps the old ones.
 */
function endSessionsForPrivilegeChange(tx: Tx, tenantId: string, accountId: string): Promise<number> {
  return endSessions(tx, { tenantId, accountId });
}

export const assignRole = defineAction({
  id: "account.assignRole",
  input: z.object({ accountId: accountIdField, role: roleField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  context: (input) => ({ role: input.role }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.roles.includes(input.role)) throw new ActionFailure(`${resource.name} already has that role.`, "role");
    await tx.insert(roleAssignments).values({
      tenantId,
      accountId: input.accountId,
      role: input.role,
      grantedBy: principal.accountId,
      grantedAt: now,
    });
    const sessionsEnded = await endSessionsForPrivilegeChange(tx, tenantId, input.accountId);
    return {
      output: null,
      changes: {
        before: { roles: resource.roles },
        after: { roles: [...resource.roles, input.role], sessionsEnded },
      },
      target: { role: input.role },
    };
  },
});

export const removeRole = defineAction({
  id: "account.removeRole",
  input: z.object({ accountId: accountIdField, role: roleField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  context: (input) => ({ role: input.role }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource }) {
    if (!resource.roles.includes(input.role))
      throw new ActionFailure(`${resource.name} does not have that role.`, "role");
    await tx
      .delete(roleAssignments)
      .where(
        and(
          eq(roleAssignments.tenantId, tenantId),
          eq(roleAssignments.accountId, input.accountId),
          eq(roleAssignments.role, input.role),
        ),
      );
    const sessionsEnded = await endSessionsForPrivilegeChange(tx, tenantId, input.accountId);
    return {
      output: null,
      changes: {
        before: { roles: resource.roles },
        after: { roles: resource.roles.filter((r) => r !== input.role), sessionsEnded },
      },
      target: { role: input.role },
    };
  },
});

/**
 * Resets an account's second factors (a lost phone, a lost security key): the authenticator app, every
 * passkey and the recovery codes go; the person signs in with their password and sets up again. The
 * person is emailed, so a reset they did not ask for does not go unseen.
 */
export const resetMfa = defineAction({
  id: "account.resetMfa",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal }) {
    const { accountId } = input;
    const totp = await tx
      .delete(totpCredentials)
      .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, accountId)))
      .returning({ confirmedAt: totpCredentials.confirmedAt });
    const keys = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.accountId, accountId)))
      .returning({ name: passkeys.name });
    const codes = await tx
      .delete(recoveryCodes)
      .where(and(eq(recoveryCodes.tenantId, tenantId), eq(recoveryCodes.accountId, accountId)))
      .returning({ id: recoveryCodes.id });
    // An authenticator app whose set-up was never confirmed was never a factor: it goes, but it does not
    // count, and alone it is no reason to tell the person their two-factor sign-in was reset.
    const hadTotp = totp.some((row) => row.confirmedAt !== null);
    if (!hadTotp && keys.length === 0 && codes.length === 0) {
      throw new ActionFailure(`${resource.name} has no second factor to reset.`);
    }
    // A reset usually follows a lost or stolen device: whoever holds it may also hold a session.
    const sessionsEnded = await endSessions(tx, { tenantId, accountId });
    const [contact] = await tx
      .select({ email: accounts.email, organisation: organisations.name })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (contact?.email) {
      await queueEmail(tx, {
        tenantId,
        toAddress: contact.email,
        toAccountId: input.accountId,
        template: "account.mfaReset",
        params: { actor: principal.name, organisation: contact.organisation },
        reason: input.reason,
      });
    }
    // "recoveryCount", not "recoveryCodes": the trail redacts anything named like a code.
    const before = { totp: hadTotp, passkeys: keys.length, recoveryCount: codes.length };
    return {
      output: { ...before, sessionsEnded },
      changes: { before, after: { totp: false, passkeys: 0, recoveryCount: 0, sessionsEnded } },
    };
  },
});
