// The reseller's delegations (issue 8). A reseller's domain admin asks a linked client for roles for a while
// (delegation.request) and later chooses which of its staff may use what was granted
// (delegation.assignStaff); both start in the reseller and write the client's rows, so they name the client
// (targetTenant). The client's domain admins approve — never widening what was asked — decline or revoke.
// Answering locks the delegation's row (loadDelegationResource forUpdate), so of two admins answering at
// once one wins and the other is told who did; a request nobody answered for 90 days cannot be approved.
// Each side's domain admins are emailed in their own organisation's outbox, in the same transaction.
import { and, eq, inArray, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, delegationStaff, delegations, type AdminRole } from "~db/schema";
import { asTenant } from "~db/tenant-scope";
import { publicOrigin } from "~/config.server";
import { toLocale, translator } from "~/i18n/i18n";
import { queueEmails, type OutgoingEmail } from "~/mail/outbox.server";
import {
  addDays,
  domainAdminContacts,
  lapsesOn,
  MAX_DELEGATION_DAYS,
  organisationRef,
  type Contact,
} from "~/partners/delegations.server";
import { formatDate } from "~/policy/sentences";
import { DELEGABLE_ROLES, type DelegationResource } from "~/policy/types";
import { ActionFailure, defineAction, isUniqueViolation, type AnyActionDefinition } from "./action";
import { optionalReasonField } from "./fields";
import { loadDelegationResource, loadOrganisationResource } from "./resources.server";

const CHOOSE_ROLES = "Choose at least one role to delegate.";
const NOT_DELEGABLE =
  "That is a role that cannot be delegated: choose among helpdesk admin, compliance officer, auditor and domain admin.";
const DURATION = `Choose a duration from 1 day to 2 years (${MAX_DELEGATION_DAYS} days).`;
const MAX_STAFF = 500;

/** The roles asked for or approved: delegable ones only, each once, in the catalogue's order. */
export const delegatedRolesField = z
  .array(z.string(), { error: CHOOSE_ROLES })
  .pipe(z.array(z.enum(DELEGABLE_ROLES, { error: NOT_DELEGABLE })).min(1, CHOOSE_ROLES))
  .transform((roles): AdminRole[] => DELEGABLE_ROLES.filter((role) => roles.includes(role)));

export const durationDaysField = z.coerce
  .number({ error: DURATION })
  .int(DURATION)
  .min(1, DURATION)
  .max(MAX_DELEGATION_DAYS, DURATION);

const delegationIdField = z.uuid({ error: "Choose a delegation." });
const clientIdField = z.uuid({ error: "Choose one of your client organisations." });

export const requestDelegationInputSchema = z.object({
  clientId: clientIdField,
  roles: delegatedRolesField,
  durationDays: durationDaysField,
  message: z
    .string()
    .trim()
    .max(2000, "Keep the message under 2,000 characters.")
    .nullish()
    .transform((value) => value || null),
});

export const approveDelegationInputSchema = z.object({
  delegationId: delegationIdField,
  roles: delegatedRolesField,
  durationDays: durationDaysField,
});

export const declineDelegationInputSchema = z.object({ delegationId: delegationIdField, reason: optionalReasonField });
export const revokeDelegationInputSchema = declineDelegationInputSchema;

export const assignStaffInputSchema = z.object({
  clientId: clientIdField,
  delegationId: delegationIdField,
  staffAccountIds: z
    .array(z.uuid({ error: "Choose the staff among your organisation's accounts." }), {
      error: "Choose the staff among your organisation's accounts.",
    })
    .max(MAX_STAFF, `Choose at most ${MAX_STAFF} people.`)
    .default([])
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
});

// ─── Reading and telling ──────────────────────────────────────────────────────────────────────────

/** The row behind a delegation resource (locked by loadDelegationResource), with who answered or ended it. */
async function delegationRow(tx: Tx, resource: DelegationResource) {
  const [row] = await tx
    .select({
      status: delegations.status,
      requestedAt: delegations.requestedAt,
      approvedAt: delegations.approvedAt,
      approvedByName: sql<string | null>`(select display_name from accounts a
        where a.tenant_id = ${delegations.tenantId} and a.id = ${delegations.approvedBy})`,
      expiresAt: delegations.expiresAt,
      endedAt: delegations.endedAt,
      endedByName: sql<string | null>`(select display_name from accounts a
        where a.tenant_id = ${delegations.tenantId} and a.id = ${delegations.endedBy})`,
    })
    .from(delegations)
    .where(and(eq(delegations.tenantId, resource.tenantId), eq(delegations.id, resource.id)));
  if (!row) throw new ActionFailure("That delegation is not there any more.");
  return row;
}

type DelegationRow = Awaited<ReturnType<typeof delegationRow>>;

const someone = (name: string | null) => name ?? "an administrator";
const day = (date: Date | null) => (date ? formatDate(date) : "an unknown day");

/**
 * Only a request still waiting may be answered: one already answered (by another admin a moment ago, say)
 * says how, and one older than 90 days has lapsed even if the job runner has not marked it yet.
 */
function requireOpenRequest(resource: DelegationResource, row: DelegationRow, now: Date): void {
  const number = resource.number;
  switch (row.status) {
    case "requested":
      if (lapsesOn(row.requestedAt) <= now) {
        throw new ActionFailure(
          `Delegation request #${number} lapsed on ${day(lapsesOn(row.requestedAt))}: nobody answered it within 90 days. The reseller can ask again.`,
        );
      }
      return;
    case "active":
      throw new ActionFailure(
        `Delegation #${number} was already answered: approved by ${someone(row.approvedByName)} on ${day(row.approvedAt)}.`,
      );
    case "declined":
      throw new ActionFailure(
        `Delegation #${number} was already answered: declined by ${someone(row.endedByName)} on ${day(row.endedAt)}.`,
      );
    case "revoked":
      throw new ActionFailure(
        `Delegation #${number} was already answered, and revoked by ${someone(row.endedByName)} on ${day(row.endedAt)}.`,
      );
    case "expired":
      throw new ActionFailure(`Delegation #${number} was already answered, and expired on ${day(row.expiresAt)}.`);
    case "lapsed":
      throw new ActionFailure(
        `Delegation request #${number} lapsed on ${day(lapsesOn(row.requestedAt))}: nobody answered it within 90 days. The reseller can ask again.`,
      );
  }
}

/** Only a delegation that grants something now may be revoked or staffed. */
function requireLive(resource: DelegationResource, row: DelegationRow, now: Date, doing: "revoke" | "staff"): void {
  const number = resource.number;
  if (row.status === "revoked") {
    throw new ActionFailure(
      `Delegation #${number} was already revoked by ${someone(row.endedByName)} on ${day(row.endedAt)}.`,
    );
  }
  if (row.status === "active" && row.expiresAt && row.expiresAt <= now) {
    throw new ActionFailure(`Delegation #${number} already expired on ${day(row.expiresAt)}.`);
  }
  if (row.status === "requested" && doing === "revoke") {
    throw new ActionFailure(`Delegation #${number} has not been approved yet: decline the request instead.`);
  }
  if (row.status !== "active") {
    throw new ActionFailure(
      doing === "revoke"
        ? `Delegation #${number} is not active, so there is nothing to revoke.`
        : `Delegation #${number} is not active: staff are chosen for an active delegation.`,
    );
  }
}

function roleWords(roles: readonly AdminRole[], locale: string): string {
  const t = translator(toLocale(locale));
  return roles.map((role) => t(`roles.${role}`)).join(", ");
}

type PartnerTemplate = Extract<OutgoingEmail["template"], `partner.${string}`>;

/**
 * Emails `contacts` (domain admins of `tenantId`), each in their own language and time zone; `params` may
 * depend on the reader's language (role names). The footer says only when: these are notices to admins
 * about their organisation, not entries of their own account's activity.
 */
async function tellAdmins(
  tx: Tx,
  tenantId: string,
  contacts: readonly Contact[],
  email: {
    template: PartnerTemplate;
    happenedAt: Date;
    variant?: string;
    reason?: string | null;
    params: (contact: Contact) => OutgoingEmail["params"];
  },
): Promise<void> {
  await queueEmails(
    tx,
    contacts.map((contact) => ({
      tenantId,
      toAddress: contact.email,
      toAccountId: contact.id,
      footer: "when" as const,
      happenedAt: email.happenedAt,
      template: email.template,
      variant: email.variant,
      reason: email.reason,
      locale: contact.locale,
      timeZone: contact.timeZone,
      params: email.params(contact),
    })),
  );
}

/** Emails the reseller's domain admins, in the reseller's outbox (its own scope, then back to the client's). */
async function tellReseller(tx: Tx, resource: DelegationResource, email: Parameters<typeof tellAdmins>[3]) {
  await asTenant(tx, resource.resellerId, async (scoped) => {
    const contacts = await domainAdminContacts(scoped, resource.resellerId);
    await tellAdmins(scoped, resource.resellerId, contacts, email);
  });
}

function delegationTarget(resource: Pick<DelegationResource, "id" | "number" | "resellerName">) {
  return { type: "delegation", id: resource.id, number: resource.number, reseller: resource.resellerName };
}

// ─── The reseller asks ────────────────────────────────────────────────────────────────────────────

export const requestDelegation = defineAction({
  id: "delegation.request",
  auditInvalid: true,
  input: requestDelegationInputSchema,
  targetTenant: (input) => input.clientId,
  // The policy refuses a client that has not linked this reseller, and any organisation but a customer.
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const [last] = await tx
      .select({ number: max(delegations.number) })
      .from(delegations)
      .where(eq(delegations.tenantId, tenantId));
    const number = (last?.number ?? 0) + 1;
    let id: string;
    try {
      const [row] = await tx
        .insert(delegations)
        .values({
          tenantId,
          number,
          resellerId: principal.homeTenantId,
          roles: input.roles,
          status: "requested",
          message: input.message,
          requestedBy: principal.accountId,
          requestedAt: now,
          durationDays: input.durationDays,
        })
        .returning({ id: delegations.id });
      id = row!.id;
    } catch (error) {
      // Two requests to the same client at the same moment took the same number; the later one goes again.
      if (isUniqueViolation(error, "delegations_number_key")) {
        throw new ActionFailure("Another request to this organisation was made at the same moment; try again.");
      }
      throw error;
    }
    const [reseller, client, contacts] = await Promise.all([
      organisationRef(tx, principal.homeTenantId),
      organisationRef(tx, tenantId),
      domainAdminContacts(tx, tenantId),
    ]);
    const resellerName = reseller?.name ?? "";
    await tellAdmins(tx, tenantId, contacts, {
      template: "partner.requested",
      happenedAt: now,
      variant: input.message ? "bodyWithMessage" : "body",
      params: (contact) => ({
        requester: principal.name,
        reseller: resellerName,
        organisation: resource.name,
        number,
        roles: roleWords(input.roles, contact.locale),
        duration: translator(toLocale(contact.locale))("partners.days", { count: input.durationDays }),
        lapsesOn: lapsesOn(now),
        message: input.message ?? "",
        url: `${publicOrigin()}/t/${client?.slug ?? ""}/partners`,
      }),
    });
    return {
      output: { delegationId: id, number },
      target: delegationTarget({ id, number, resellerName }),
      changes: {
        before: null,
        after: { status: "requested", roles: input.roles, durationDays: input.durationDays, message: input.message },
      },
    };
  },
});

// ─── The client answers ───────────────────────────────────────────────────────────────────────────

export const approveDelegation = defineAction({
  id: "delegation.approve",
  auditInvalid: true,
  input: approveDelegationInputSchema,
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  // The policies refuse an approval that grants more roles or more days than were asked for.
  context: (input) => ({ roles: input.roles, durationDays: input.durationDays }),
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    requireOpenRequest(resource, await delegationRow(tx, resource), now);
    const expiresAt = addDays(now, input.durationDays);
    await tx
      .update(delegations)
      .set({
        status: "active",
        roles: input.roles,
        durationDays: input.durationDays,
        approvedBy: principal.accountId,
        approvedAt: now,
        expiresAt,
      })
      .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, resource.id)));
    const narrowed = input.roles.length < resource.roles.length || input.durationDays < resource.durationDays;
    const client = await organisationRef(tx, tenantId);
    await tellReseller(tx, resource, {
      template: "partner.approved",
      happenedAt: now,
      variant: narrowed ? "bodyNarrowed" : "body",
      params: (contact) => ({
        actor: principal.name,
        organisation: client?.name ?? "",
        number: resource.number,
        roles: roleWords(input.roles, contact.locale),
        until: expiresAt,
        url: `${publicOrigin()}/partner`,
      }),
    });
    return {
      output: { number: resource.number, expiresAt },
      target: delegationTarget(resource),
      changes: {
        before: { status: "requested", roles: resource.roles, durationDays: resource.durationDays },
        after: {
          status: "active",
          roles: input.roles,
          durationDays: input.durationDays,
          expiresAt: expiresAt.toISOString(),
        },
      },
    };
  },
});

export const declineDelegation = defineAction({
  id: "delegation.decline",
  input: declineDelegationInputSchema,
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    requireOpenRequest(resource, await delegationRow(tx, resource), now);
    await tx
      .update(delegations)
      .set({ status: "declined", endedBy: principal.accountId, endedAt: now, endedReason: input.reason ?? null })
      .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, resource.id)));
    const client = await organisationRef(tx, tenantId);
    await tellReseller(tx, resource, {
      template: "partner.declined",
      happenedAt: now,
      reason: input.reason,
      params: () => ({ actor: principal.name, organisation: client?.name ?? "", number: resource.number }),
    });
    return {
      output: { number: resource.number },
      target: delegationTarget(resource),
      changes: { before: { status: "requested" }, after: { status: "declined" } },
    };
  },
});

export const revokeDelegation = defineAction({
  id: "delegation.revoke",
  input: revokeDelegationInputSchema,
  // The row stays locked to commit; an action in flight under the delegation holds it FOR SHARE
  // (refreshAccess), so the revoke waits for it, and everything after the revoke sees it.
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const row = await delegationRow(tx, resource);
    requireLive(resource, row, now, "revoke");
    await tx
      .update(delegations)
      .set({ status: "revoked", endedBy: principal.accountId, endedAt: now, endedReason: input.reason ?? null })
      .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, resource.id)));
    const client = await organisationRef(tx, tenantId);
    await tellReseller(tx, resource, {
      template: "partner.revoked",
      happenedAt: now,
      reason: input.reason,
      params: () => ({ actor: principal.name, organisation: client?.name ?? "", number: resource.number }),
    });
    return {
      output: { number: resource.number },
      target: delegationTarget(resource),
      changes: {
        before: { status: "active", expiresAt: row.expiresAt?.toISOString() ?? null },
        after: { status: "revoked" },
      },
    };
  },
});

// ─── The reseller chooses its staff ───────────────────────────────────────────────────────────────

export const assignDelegationStaff = defineAction({
  id: "delegation.assignStaff",
  auditInvalid: true,
  input: assignStaffInputSchema,
  targetTenant: (input) => input.clientId,
  // The policy refuses a delegation another reseller holds.
  loadResource: (tx, tenantId, input) => loadDelegationResource(tx, tenantId, input.delegationId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    requireLive(resource, await delegationRow(tx, resource), now, "staff");
    const current = await tx
      .select({ id: delegationStaff.staffAccountId })
      .from(delegationStaff)
      .where(and(eq(delegationStaff.tenantId, tenantId), eq(delegationStaff.delegationId, resource.id)));
    const before = current.map((row) => row.id);
    const wanted = input.staffAccountIds;
    // The staff are the reseller's accounts: read in its own scope, then back to the client's.
    const named = [...new Set([...before, ...wanted])];
    const people = named.length
      ? await asTenant(tx, resource.resellerId, (scoped) =>
          scoped
            .select({ id: accounts.id, name: accounts.displayName, status: accounts.status })
            .from(accounts)
            .where(and(eq(accounts.tenantId, resource.resellerId), inArray(accounts.id, named))),
        )
      : [];
    const byId = new Map(people.map((person) => [person.id, person]));
    if (wanted.some((id) => byId.get(id)?.status !== "active")) {
      throw new ActionFailure("Choose the staff among your organisation's active accounts.", "staffAccountIds");
    }
    const removed = before.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !before.includes(id));
    if (removed.length) {
      await tx
        .delete(delegationStaff)
        .where(
          and(
            eq(delegationStaff.tenantId, tenantId),
            eq(delegationStaff.delegationId, resource.id),
            inArray(delegationStaff.staffAccountId, removed),
          ),
        );
    }
    if (added.length) {
      await tx.insert(delegationStaff).values(
        added.map((staffAccountId) => ({
          tenantId,
          delegationId: resource.id,
          staffAccountId,
          addedBy: principal.accountId,
          createdAt: now,
        })),
      );
    }
    const names = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).sort((a, b) => a.localeCompare(b));
    return {
      output: { number: resource.number, added: added.length, removed: removed.length },
      target: delegationTarget(resource),
      changes: { before: { staff: names(before) }, after: { staff: names(wanted) } },
    };
  },
});

export const delegationDefinitions: AnyActionDefinition[] = [
  requestDelegation,
  approveDelegation,
  declineDelegation,
  revokeDelegation,
  assignDelegationStaff,
];
