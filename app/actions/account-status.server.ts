// Suspend and unsuspend: a suspended account cannot sign in and every session it has ends at once; its
// data stays. The person is told by email.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accounts } from "~db/schema";
import { endSessions } from "~/auth/credentials.server";
import { queueEmail } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, optionalReasonField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

// Who to email, read back by the update itself.
const contactColumns = {
  email: accounts.email,
  organisation: sql<string>`(select name from organisations o where o.id = ${accounts.tenantId})`,
};

export const suspendAccount = defineAction({
  id: "account.suspend",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "active")
      throw new ActionFailure(`${resource.name}'s account is already ${resource.status}.`);
    const [contact] = await tx
      .update(accounts)
      .set({ status: "suspended", suspendedAt: now, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)))
      .returning(contactColumns);
    const sessionsEnded = await endSessions(tx, { tenantId, accountId: input.accountId });
    if (contact?.email) {
      await queueEmail(tx, {
        tenantId,
        toAddress: contact.email,
        toAccountId: input.accountId,
        template: "account.suspended",
        subject: `Your ${contact.organisation} account has been suspended`,
        bodyText: `${principal.name} suspended your ${contact.organisation} account.\nReason: ${input.reason}\n\nYou cannot sign in until an administrator restores it. Every session you had has ended.`,
      });
    }
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
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "suspended") throw new ActionFailure(`${resource.name}'s account is not suspended.`);
    const [contact] = await tx
      .update(accounts)
      .set({ status: "active", suspendedAt: null, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)))
      .returning(contactColumns);
    if (contact?.email) {
      await queueEmail(tx, {
        tenantId,
        toAddress: contact.email,
        toAccountId: input.accountId,
        template: "account.unsuspended",
        subject: `Your ${contact.organisation} account is active again`,
        bodyText: `${principal.name} restored your ${contact.organisation} account. You can sign in again.`,
      });
    }
    return { output: null, changes: { before: { status: "suspended" }, after: { status: "active" } } };
  },
});
