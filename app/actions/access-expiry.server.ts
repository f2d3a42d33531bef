// What the job runner ends on the clock (issue 8): a delegation past its expiry, a delegation request nobody
// answered within LAPSE_AFTER_DAYS, operator access past its end. Each is an action the system
// performs in the customer's organisation (app/jobs/access-expiry.server.ts) and records there. Each holds
// its row (FOR UPDATE) and checks it against the action's own clock, so it never ends anything early, nor
// anything a person answered or revoked in the meantime. A delegation that expires or a request that lapses
// is emailed to both sides' domain admins in the same transaction.
import { LAPSE_AFTER_DAYS } from "~/partners/delegations.server";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, delegations, operatorAccessRequests, organisations, roleAssignments } from "~db/schema";
import { asTenant } from "~db/tenant-scope";
import { publicOrigin } from "~/config.server";
import { queueEmails, type EmailTemplate } from "~/mail/outbox.server";
import type { DelegationResource } from "~/policy/types";
import { ActionFailure, defineAction, type AnyActionDefinition } from "./action";
import { loadDelegationResource, loadOperatorAccessResource } from "./resources.server";

/** A delegation request nobody answered lapses this long after it was made (delegation.approve refuses it too). */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as the trail's reasons and failures write it: "2027-03-03 12:00 UTC". */
function instant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The instant a request made at `requestedAt` lapses. */
export function lapsesAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + LAPSE_AFTER_DAYS * DAY_MS);
}

/** Someone to tell, in their own language and time zone. */
export interface Recipient {
  accountId: string;
  email: string;
  locale: string;
  timeZone: string;
}

/**
 * The active domain admins of `tenantId` and the active accounts among `alsoAccountIds` (a reseller's
 * assigned staff), each once. Read in the caller's scope, which must be `tenantId`'s.
 */
export async function domainAdminsAnd(tx: Tx, tenantId: string, alsoAccountIds: string[] = []): Promise<Recipient[]> {
  const domainAdmins = tx
    .select({ accountId: roleAssignments.accountId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.role, "domain_admin")));
  const rows = await tx
    .select({ accountId: accounts.id, email: accounts.email, locale: accounts.locale, timeZone: accounts.timeZone })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, "active"),
        isNull(accounts.purgedAt),
        isNotNull(accounts.email),
        alsoAccountIds.length
          ? or(inArray(accounts.id, domainAdmins), inArray(accounts.id, alsoAccountIds))
          : inArray(accounts.id, domainAdmins),
      ),
    )
    .orderBy(accounts.id);
  return rows.map((row) => ({ ...row, email: row.email! }));
}

/** A delegation as both sides' emails name it. */
export interface DelegationNotice {
  clientId: string;
  clientName: string;
  clientSlug: string;
  resellerId: string;
  resellerName: string;
  number: number;
  /** The reseller's staff to tell besides its domain admins (those assigned to it, for the reminders). */
  staffIds?: string[];
}

/**
 * Emails `template` about a delegation to the client's domain admins (variant `client`, in the caller's
 * scope, which must be the client's) and to the reseller's domain admins and `staffIds` (variant
 * `reseller`, queued in the reseller's own outbox). `params` gives each recipient's values. Answers how
 * many were queued.
 */
export async function emailBothSides(
  tx: Tx,
  notice: DelegationNotice,
  template: EmailTemplate,
  params: (recipient: Recipient) => Record<string, string | number | Date>,
  happenedAt: Date,
): Promise<number> {
  const shared = { reseller: notice.resellerName, client: notice.clientName, number: notice.number };
  const emailsTo = (tenantId: string, variant: "client" | "reseller", people: Recipient[], url: string) =>
    people.map((person) => ({
      tenantId,
      toAddress: person.email,
      toAccountId: person.accountId,
      footer: "when" as const,
      template,
      variant,
      params: { ...shared, url, ...params(person) },
      happenedAt,
      locale: person.locale,
      timeZone: person.timeZone,
    }));
  const clientAdmins = await domainAdminsAnd(tx, notice.clientId);
  await queueEmails(
    tx,
    emailsTo(notice.clientId, "client", clientAdmins, `${publicOrigin()}/t/${notice.clientSlug}/partners`),
  );
  const resellerPeople = await asTenant(tx, notice.resellerId, async (reseller) => {
    const people = await domainAdminsAnd(reseller, notice.resellerId, notice.staffIds);
    await queueEmails(reseller, emailsTo(notice.resellerId, "reseller", people, `${publicOrigin()}/partner`));
    return people;
  });
  return clientAdmins.length + resellerPeople.length;
}

async function clientOf(tx: Tx, tenantId: string): Promise<{ name: string; slug: string }> {
  const [client] = await tx
    .select({ name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, tenantId));
  if (!client) throw new ActionFailure("The organisation is not there any more.");
  return client;
}

/** When the delegation (held by loadResource) was asked for and when it runs out. */
async function delegationTimes(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ requestedAt: delegations.requestedAt, expiresAt: delegations.expiresAt })
    .from(delegations)
    .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, id)));
  if (!row) throw new ActionFailure("There is no such delegation in this organisation.");
  return row;
}

async function endDelegation(
  tx: Tx,
  tenantId: string,
  id: string,
  status: "expired" | "lapsed",
  endedAt: Date,
): Promise<void> {
  await tx
    .update(delegations)
    .set({ status, endedAt })
    .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, id)));
}

function delegationTarget(resource: DelegationResource) {
  return { type: "delegation", id: resource.id, number: resource.number, reseller: resource.resellerName };
}

const delegationInput = z.object({ delegationId: z.uuid({ error: "Choose a delegation." }) });

export const expireDelegation = defineAction({
  id: "delegation.expire",
  input: delegationInput,
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  // It concerns the organisation and its reseller; no one person's account.
  visibility: "admins",
  async mutate({ tx, tenantId, resource, now }) {
    const number = resource.number;
    if (resource.status !== "active") {
      throw new ActionFailure(`Delegation #${number} is ${resource.status}, not active: there is nothing to expire.`);
    }
    const { expiresAt } = await delegationTimes(tx, tenantId, resource.id);
    if (!expiresAt || expiresAt > now) {
      const until = expiresAt ? `runs until ${instant(expiresAt)}` : "has no expiry";
      throw new ActionFailure(`Delegation #${number} ${until}; it has not expired yet.`);
    }
    await endDelegation(tx, tenantId, resource.id, "expired", expiresAt);
    const client = await clientOf(tx, tenantId);
    const notice = {
      clientId: tenantId,
      clientName: client.name,
      clientSlug: client.slug,
      resellerId: resource.resellerId,
      resellerName: resource.resellerName,
      number,
    };
    const told = await emailBothSides(tx, notice, "expiry.expired", () => ({ day: expiresAt }), expiresAt);
    return {
      output: { number, expiredAt: expiresAt, told },
      target: delegationTarget(resource),
      reason: `Delegation #${number} of ${resource.resellerName} reached its expiry on ${instant(expiresAt)}.`,
      changes: {
        before: { status: "active", expiresAt: expiresAt.toISOString() },
        after: { status: "expired", endedAt: expiresAt.toISOString() },
      },
    };
  },
});

export const lapseDelegationRequest = defineAction({
  id: "delegation.lapse",
  input: delegationInput,
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, resource, now }) {
    const number = resource.number;
    if (resource.status !== "requested") {
      throw new ActionFailure(
        `Delegation #${number} is ${resource.status}, no longer an open request: it cannot lapse.`,
      );
    }
    const { requestedAt } = await delegationTimes(tx, tenantId, resource.id);
    const lapsed = lapsesAt(requestedAt);
    if (lapsed > now) {
      throw new ActionFailure(
        `The request for delegation #${number} stays open until ${instant(lapsed)}; it has not lapsed yet.`,
      );
    }
    await endDelegation(tx, tenantId, resource.id, "lapsed", lapsed);
    const client = await clientOf(tx, tenantId);
    const notice = {
      clientId: tenantId,
      clientName: client.name,
      clientSlug: client.slug,
      resellerId: resource.resellerId,
      resellerName: resource.resellerName,
      number,
    };
    const told = await emailBothSides(
      tx,
      notice,
      "expiry.lapsed",
      () => ({ day: lapsed, requested: requestedAt, days: LAPSE_AFTER_DAYS }),
      lapsed,
    );
    return {
      output: { number, lapsedAt: lapsed, told },
      target: delegationTarget(resource),
      reason:
        `Nobody answered the request for delegation #${number} of ${resource.resellerName}, made on ` +
        `${instant(requestedAt)}, within ${LAPSE_AFTER_DAYS} days.`,
      changes: {
        before: { status: "requested", requestedAt: requestedAt.toISOString() },
        after: { status: "lapsed", endedAt: lapsed.toISOString() },
      },
    };
  },
});

export const expireOperatorAccess = defineAction({
  id: "operatorAccess.expire",
  input: z.object({ accessId: z.uuid({ error: "Choose an operator access request." }) }),
  loadResource: (tx, tenantId, input) => loadOperatorAccessResource(tx, tenantId, input.accessId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, resource, now }) {
    const [access] = await tx
      .select({ number: operatorAccessRequests.number, endsAt: operatorAccessRequests.endsAt })
      .from(operatorAccessRequests)
      .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, resource.id)));
    if (!access) throw new ActionFailure("There is no such operator access in this organisation.");
    if (resource.status !== "active") {
      throw new ActionFailure(`Operator access #${access.number} is ${resource.status}, not active: nothing to close.`);
    }
    const { endsAt } = access;
    if (!endsAt || endsAt > now) {
      const until = endsAt ? `runs until ${instant(endsAt)}` : "has no end";
      throw new ActionFailure(`Operator access #${access.number} ${until}; it is not over yet.`);
    }
    await tx
      .update(operatorAccessRequests)
      .set({ status: "expired", endedAt: endsAt })
      .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, resource.id)));
    return {
      output: { number: access.number, endedAt: endsAt },
      target: { type: "operatorAccess", id: resource.id, number: access.number, operator: resource.operatorName },
      reason: `Operator access #${access.number} for ${resource.operatorName} reached its end on ${instant(endsAt)}.`,
      changes: {
        before: { status: "active", endsAt: endsAt.toISOString() },
        after: { status: "expired", endedAt: endsAt.toISOString() },
      },
    };
  },
});

export const expiryDefinitions: AnyActionDefinition[] = [
  expireDelegation,
  lapseDelegationRequest,
  expireOperatorAccess,
];
