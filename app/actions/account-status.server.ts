// Suspend, unsuspend, terminate and restore. A suspended account cannot sign in and every session it has
// ends at once; its data stays. A terminated one is also scheduled for purge. The person is told by email.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts } from "~db/schema";
import { endSessions, endSessionsOfAccounts } from "~/auth/credentials.server";
import { queueEmail, queueEmails, type OutgoingEmail } from "~/mail/outbox.server";
import type { AccountResource } from "~/policy/types";
import { ActionFailure, defineAction, mutateOne, type ActionDefinition, type MutationResult } from "./action";
import { accountIdField, optionalReasonField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

// Who to email, read back by the update itself.
const contactColumns = {
  email: accounts.email,
  timeZone: accounts.timeZone,
  locale: accounts.locale,
  organisation: sql<string>`(select name from organisations o where o.id = ${accounts.tenantId})`,
};

type Contact = { email: string | null; timeZone: string; locale: string };
type EmailContent = Pick<OutgoingEmail, "template" | "variant" | "params" | "reason" | "happenedAt">;

/** The email to an account's person, in their own language and time zone; null when they have no address. */
function emailTo(tenantId: string, accountId: string, contact: Contact, content: EmailContent): OutgoingEmail | null {
  if (!contact.email) return null;
  return {
    tenantId,
    toAddress: contact.email,
    toAccountId: accountId,
    timeZone: contact.timeZone,
    locale: contact.locale,
    ...content,
  };
}

/** Emails the account's person about what was done, when they have an address. */
async function tellPerson(
  tx: Tx,
  tenantId: string,
  accountId: string,
  contact: Contact,
  content: EmailContent,
): Promise<void> {
  const email = emailTo(tenantId, accountId, contact, content);
  if (email) await queueEmail(tx, email);
}

/**
 * Changes many accounts, all in the same status (each loaded for its decision in this same transaction), in
 * one statement, and reads back whom to tell. Throws when one of them has changed since it was loaded, so
 * that the batch is done again one account at a time and the failure is that account's own.
 */
async function updateAccounts(
  tx: Tx,
  tenantId: string,
  items: readonly { resource: AccountResource }[],
  values: Partial<typeof accounts.$inferInsert>,
) {
  // Only accounts still in the status they were decided in: one another admin terminated (or suspended)
  // since is not overwritten, and the batch is done again one by one, where it fails on its own.
  const expected = items[0]!.resource.status;
  const contacts = await tx
    .update(accounts)
    .set(values)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, expected),
        inArray(
          accounts.id,
          items.map(({ resource }) => resource.id),
        ),
      ),
    )
    .returning({ id: accounts.id, ...contactColumns });
  if (contacts.length !== items.length) {
    const changed = items.find(({ resource }) => !contacts.some((contact) => contact.id === resource.id));
    throw new ActionFailure(
      changed
        ? `${changed.resource.name}'s account changed meanwhile; nothing was done to it.`
        : "An account changed meanwhile; nothing was done to it.",
    );
  }
  return new Map(contacts.map((contact) => [contact.id, contact]));
}

type StatusInput = { accountId: string; reason?: string | null };

/** Splits a batch into the accounts to change and a failure for each of the others (nothing written for them). */
function partition<Input>(
  items: readonly { input: Input; resource: AccountResource }[],
  failure: (resource: AccountResource) => string | null,
) {
  const results: (MutationResult<never> | ActionFailure | undefined)[] = items.map(({ resource }) => {
    const message = failure(resource);
    return message === null ? undefined : new ActionFailure(message);
  });
  const todo = items.flatMap((item, index) => (results[index] === undefined ? [{ ...item, index }] : []));
  return { results, todo };
}

/** An email to each changed account's person who has an address (see emailTo). */
function emailsTo<Input>(
  tenantId: string,
  todo: readonly { input: Input; resource: AccountResource }[],
  contacts: ReadonlyMap<string, Contact & { organisation: string }>,
  now: Date,
  content: (contact: Contact & { organisation: string }, input: Input) => EmailContent,
): OutgoingEmail[] {
  return todo.flatMap(({ input, resource }) => {
    const contact = contacts.get(resource.id)!;
    const email = emailTo(tenantId, resource.id, contact, { happenedAt: now, ...content(contact, input) });
    return email ? [email] : [];
  });
}

const suspendMany: NonNullable<
  ActionDefinition<StatusInput & { reason: string }, AccountResource, { sessionsEnded: number }>["mutateMany"]
> = async ({ tx, tenantId, items, principal, now }) => {
  const { results, todo } = partition(items, (resource) =>
    resource.status === "active" ? null : `${resource.name}'s account is already ${resource.status}.`,
  );
  if (todo.length === 0) return results as ActionFailure[];
  const contacts = await updateAccounts(tx, tenantId, todo, { status: "suspended", suspendedAt: now, updatedAt: now });
  const ended = await endSessionsOfAccounts(
    tx,
    tenantId,
    todo.map((item) => item.resource.id),
  );
  await queueEmails(
    tx,
    emailsTo(tenantId, todo, contacts, now, (contact, input) => ({
      template: "account.suspended",
      params: { actor: principal.name, organisation: contact.organisation },
      reason: input.reason,
    })),
  );
  return results.map((result, index) => {
    if (result) return result as ActionFailure;
    const { resource } = items[index]!;
    const sessionsEnded = ended.get(resource.id) ?? 0;
    return {
      output: { sessionsEnded },
      changes: { before: { status: resource.status }, after: { status: "suspended", sessionsEnded } },
    };
  });
};

export const suspendAccount = defineAction({
  id: "account.suspend",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  mutateMany: suspendMany,
  mutate: mutateOne(suspendMany),
});

const unsuspendMany: NonNullable<ActionDefinition<StatusInput, AccountResource, null>["mutateMany"]> = async ({
  tx,
  tenantId,
  items,
  principal,
  now,
}) => {
  const { results, todo } = partition(items, (resource) =>
    resource.status === "suspended" ? null : `${resource.name}'s account is not suspended.`,
  );
  if (todo.length === 0) return results as ActionFailure[];
  const contacts = await updateAccounts(tx, tenantId, todo, { status: "active", suspendedAt: null, updatedAt: now });
  await queueEmails(
    tx,
    emailsTo(tenantId, todo, contacts, now, (contact) => ({
      template: "account.unsuspended",
      params: { actor: principal.name, organisation: contact.organisation },
    })),
  );
  return results.map(
    (result) =>
      (result as ActionFailure | undefined) ?? {
        output: null,
        changes: { before: { status: "suspended" }, after: { status: "active" } },
      },
  );
};

export const unsuspendAccount = defineAction({
  id: "account.unsuspend",
  input: z.object({ accountId: accountIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  mutateMany: unsuspendMany,
  mutate: mutateOne(unsuspendMany),
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
    await tellPerson(tx, tenantId, input.accountId, contact, {
      happenedAt: now,
      template: "account.terminated",
      variant: purgeAfter ? "body" : "bodyUndated",
      params: {
        actor: principal.name,
        organisation: contact.organisation,
        ...(purgeAfter ? { purgeDay: purgeAfter } : {}),
      },
      reason: input.reason,
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
      params: { actor: principal.name, organisation: contact.organisation },
    });
    return { output: null, changes: { before: { status: "terminated" }, after: { status: "active" } } };
  },
});
