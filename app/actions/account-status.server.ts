// Suspend, unsuspend, terminate and restore. A suspended account cannot sign in and every session it has
// ends at once; its data stays. A terminated one is also scheduled for purge. The person is told by email.
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts } from "~db/schema";
import { endSessions } from "~/auth/credentials.server";
import { queueEmail } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, optionalReasonField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

// Who to email, read back by the update itself.
const contactColumns = {
  email: accounts.email,
  timeZone: accounts.timeZone,
  organisation: sql<string>`(select name from organisations o where o.id = ${accounts.tenantId})`,
};

/**
 * Changes the account (loaded for the decision in this same transaction, so it is there) and reads back
 * whom to tell: its email and organisation.
 */
async function updateAccount(
  tx: Tx,
  tenantId: string,
  accountId: string,
  values: Partial<typeof accounts.$inferInsert>,
) {
  const [contact] = await tx
    .update(accounts)
    .set(values)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)))
    .returning(contactColumns);
  if (!contact) throw new ActionFailure("That account is no longer there.");
  return contact;
}

/** Emails the account's person about what was done, when they have an address. */
async function tellPerson(
  tx: Tx,
  tenantId: string,
  accountId: string,
  contact: { email: string | null; timeZone: string },
  email: { template: string; subject: string; bodyText: string; happenedAt: Date },
): Promise<void> {
  if (!contact.email) return;
  await queueEmail(tx, {
    tenantId,
    toAddress: contact.email,
    toAccountId: accountId,
    timeZone: contact.timeZone,
    ...email,
  });
}

export const suspendAccount = defineAction({
  id: "account.suspend",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "active")
      throw new ActionFailure(`${resource.name}'s account is already ${resource.status}.`);
    const contact = await updateAccount(tx, tenantId, input.accountId, {
      status: "suspended",
      suspendedAt: now,
      updatedAt: now,
    });
    const sessionsEnded = await endSessions(tx, { tenantId, accountId: input.accountId });
    await tellPerson(tx, tenantId, input.accountId, contact, {
      happenedAt: now,
      template: "account.suspended",
      subject: `Your ${contact.organisation} account has been suspended`,
      bodyText: `${principal.name} suspended your ${contact.organisation} account.\nReason: ${input.reason}\n\nYou cannot sign in until an administrator restores it. Every session you had has ended.`,
    });
    return {
      output: { sessionsEnded },
      changes: { before: { status: resource.status }, after: { status: "suspended", sessionsEnded } },
    };
  },
});

export const unsuspendAccount = defineAction({
  id: "account.unsuspend",
  input: z.object({ accountId: accountIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "suspended") throw new ActionFailure(`${resource.name}'s account is not suspended.`);
    const contact = await updateAccount(tx, tenantId, input.accountId, {
      status: "active",
      suspendedAt: null,
      updatedAt: now,
    });
    await tellPerson(tx, tenantId, input.accountId, contact, {
      happenedAt: now,
      template: "account.unsuspended",
      subject: `Your ${contact.organisation} account is active again`,
      bodyText: `${principal.name} restored your ${contact.organisation} account. You can sign in again.`,
    });
    return { output: null, changes: { before: { status: "suspended" }, after: { status: "active" } } };
  },
});

/**
 * Terminate: access ends at once (like a suspension) and the account is scheduled for purge after the
 * organisation's grace period (`organisations.purge_grace_days`, 30 by default); until then an admin can
 * restore it. Nothing is erased here: erasure is the purge's job, and a legal hold stops that.
 */
export const terminateAccount = defineAction({
  id: "account.terminate",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status === "terminated") throw new ActionFailure(`${resource.name}'s account is already terminated.`);
    const [contact] = await tx
      .update(accounts)
      .set({
        status: "terminated",
        terminatedAt: now,
        purgeAfter: sql`${now.toISOString()}::timestamptz + (select purge_grace_days from organisations o
          where o.id = ${accounts.tenantId}) * interval '1 day'`,
        updatedAt: now,
      })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)))
      .returning({ ...contactColumns, purgeAfter: accounts.purgeAfter });
    if (!contact) throw new ActionFailure("That account is no longer there.");
    const sessionsEnded = await endSessions(tx, { tenantId, accountId: input.accountId });
    const purgeAfter = contact.purgeAfter;
    const purgeDay = purgeAfter ? purgeAfter.toISOString().slice(0, 10) : "the end of the grace period";
    await tellPerson(tx, tenantId, input.accountId, contact, {
      happenedAt: now,
      template: "account.terminated",
      subject: `Your ${contact.organisation} account has been closed`,
      bodyText:
        `${principal.name} closed your ${contact.organisation} account.\nReason: ${input.reason}\n\n` +
        `You can no longer sign in, and every session you had has ended. Your data is kept until ${purgeDay}, ` +
        `when it is erased unless an administrator restores the account before then.`,
    });
    return {
      output: { sessionsEnded, purgeAfter: purgeAfter?.toISOString() ?? null },
      changes: {
        before: { status: resource.status },
        after: { status: "terminated", purgeAfter: purgeAfter?.toISOString() ?? null, sessionsEnded },
      },
    };
  },
});

/** Restore: a terminated account that has not been purged becomes active again, and is no longer scheduled. */
export const restoreAccount = defineAction({
  id: "account.restore",
  input: z.object({ accountId: accountIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "terminated") throw new ActionFailure(`${resource.name}'s account is not terminated.`);
    const [contact] = await tx
      .update(accounts)
      .set({ status: "active", terminatedAt: null, purgeAfter: null, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId), isNull(accounts.purgedAt)))
      .returning(contactColumns);
    if (!contact) throw new ActionFailure(`${resource.name}'s account has been purged and cannot be restored.`);
    await tellPerson(tx, tenantId, input.accountId, contact, {
      happenedAt: now,
      template: "account.restored",
      subject: `Your ${contact.organisation} account is open again`,
      bodyText: `${principal.name} restored your ${contact.organisation} account. You can sign in again.`,
    });
    return { output: null, changes: { before: { status: "terminated" }, after: { status: "active" } } };
  },
});
