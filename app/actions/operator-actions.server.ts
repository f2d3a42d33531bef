// The platform operator's actions (issue 8). Its domain admins create organisations (with a first domain
// admin who sets their own password from an emailed link) and link resellers to customers, which only lets
// the reseller *ask* for a delegation. Its staff reach a customer's data only through an access request:
// one account or the whole organisation, read-only or named actions, a ticket and a justification the
// customer reads, at most 8 hours. A customer in `notify` mode is told as the access starts; one in
// `approve` mode grants nothing until a domain admin approves, and the clock starts then. Either side may
// end it early. Linking, asking and the operator's ending are cross-tenant: recorded in the customer's
// trail, with a copy in the operator's own.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "~db/client";
import { accounts, operatorAccessRequests, resellerLinks, roleAssignments } from "~db/schema";
import { asTenant } from "~db/tenant-scope";
import { issueResetLink, resetLinkUrl } from "~/auth/reset-links.server";
import { publicOrigin } from "~/config.server";
import { formatDateTime } from "~/format";
import { formatLocale, toLocale, translator, type Locale } from "~/i18n/i18n";
import { queueEmail, queueEmails, type EmailTemplate } from "~/mail/outbox.server";
import { listDomainAdmins, type DomainAdmin } from "~/operator/customer-access.server";
import { findOrganisation, isSlugTaken } from "~/operator/directory.server";
import { actionLabel } from "~/policy/labels";
import {
  OPERATOR_GRANTABLE_ACTIONS,
  OPERATOR_READ_ACTIONS,
  type OperatorAccessMode,
  type OperatorAccessResource,
} from "~/policy/types";
import { operatorActions } from "~/tenancy/reach.server";
import { isEmailTaken } from "./account-profile.server";
import { ActionFailure, defineAction, isUniqueViolation, type AnyActionDefinition } from "./action";
import { loadOperatorAccessResource, loadOrganisationResource } from "./resources.server";

export const OPERATOR_ACCESS_MODES = ["notify", "approve"] as const satisfies readonly OperatorAccessMode[];
export const OPERATOR_ACCESS_SCOPES = ["organisation", "account"] as const;
export const NEW_ORGANISATION_KINDS = ["customer", "reseller"] as const;
export const MIN_ACCESS_MINUTES = 15;
export const MAX_ACCESS_MINUTES = 8 * 60;

const readActions: readonly string[] = OPERATOR_READ_ACTIONS;
/** What an access request may name beyond the reads, which it always grants. */
export const OPERATOR_WRITE_ACTIONS = OPERATOR_GRANTABLE_ACTIONS.filter((action) => !readActions.includes(action));

const SLUG = /^[a-z0-9-]{2,40}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL_TAKEN = "That email address is already in use by another account.";
const ANSWERED = "This request has already been answered or has ended.";
/**
 * An operator asks for access to work a ticket now; a request nobody approved within a day is stale (its
 * justification with it) and cannot be approved any more: the operator asks again.
 */
const APPROVAL_WINDOW_MS = 24 * 60 * 60 * 1000;
const STALE = "This request is more than a day old and can no longer be approved; the operator must ask again.";

const emailField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(254, "Keep the email address under 254 characters.")
    .pipe(z.email("Enter a valid email address, like name@example.com."));

const customerIdField = z.uuid({ error: "Choose a customer organisation." });
const accessIdField = z.uuid({ error: "Choose an operator access request." });

// ─── Organisations and links ──────────────────────────────────────────────────────────────────────

export const createOrganisationInputSchema = z.object({
  name: z
    .string({ error: "Give the organisation a name." })
    .trim()
    .min(1, "Give the organisation a name.")
    .max(120, "Keep the name under 120 characters."),
  slug: z
    .string({ error: "Choose the organisation's address." })
    .trim()
    .regex(SLUG, "Use 2 to 40 lowercase letters, digits and hyphens."),
  kind: z.enum(NEW_ORGANISATION_KINDS, { error: "Choose customer or reseller." }),
  primaryDomain: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || DOMAIN.test(value), "Enter a domain like example.com, or leave it empty."),
  operatorAccessMode: z.enum(OPERATOR_ACCESS_MODES, { error: "Choose notify or approve." }).default("approve"),
  adminName: z
    .string({ error: "Enter the first admin's name." })
    .trim()
    .min(1, "Enter the first admin's name.")
    .max(200, "Keep the display name under 200 characters."),
  adminEmail: emailField("Enter the first admin's email address."),
  /** Where the set-password link in the email points (the console's public origin), set by the route. */
  origin: z.url(),
});

export const createOrganisation = defineAction({
  id: "organisation.create",
  auditInvalid: true,
  input: createOrganisationInputSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (await isSlugTaken(tx, input.slug)) {
      throw new ActionFailure("Another organisation already has that address: choose another.", "slug");
    }
    const adminId = randomUUID();
    if (await isEmailTaken(tx, input.adminEmail, adminId)) throw new ActionFailure(EMAIL_TAKEN, "adminEmail");
    // Checked above for a clear answer; the unique indexes decide when two operators create at once.
    const clash = (error: unknown): never => {
      if (isUniqueViolation(error, "organisations_slug_unique")) {
        throw new ActionFailure("Another organisation already has that address: choose another.", "slug");
      }
      if (isUniqueViolation(error, "accounts_email_key")) throw new ActionFailure(EMAIL_TAKEN, "adminEmail");
      throw error;
    };
    // The app role may not write the directory table; the definer function creates the row, in our scope only.
    const [created] = await queryRows<{ id: string }>(
      tx,
      sql`select glasshouse_create_organisation(${tenantId}::uuid, ${input.slug}, ${input.name},
            ${input.kind}::organisation_kind, ${input.primaryDomain}, ${input.operatorAccessMode}::operator_access_mode) as id`,
    ).catch(clash);
    const organisationId = created!.id;
    const admin = { tenantId: organisationId, accountId: adminId };
    // The first admin is an account of the new organisation, with no password until they choose one from the link.
    await asTenant(tx, organisationId, async (scoped) => {
      await scoped
        .insert(accounts)
        .values({
          tenantId: organisationId,
          id: adminId,
          email: input.adminEmail,
          displayName: input.adminName,
          createdAt: now,
          updatedAt: now,
        })
        .catch(clash);
      // granted_by names the operator's staff member: another tenant's account, so it has no foreign key.
      await scoped
        .insert(roleAssignments)
        .values({ ...admin, role: "domain_admin", grantedBy: principal.accountId, grantedAt: now });
      const token = await issueResetLink(scoped, admin, now);
      await queueEmail(scoped, {
        tenantId: organisationId,
        toAddress: input.adminEmail,
        toAccountId: adminId,
        template: "operator.welcome",
        footer: "when",
        happenedAt: now,
        params: {
          actor: principal.name,
          operator: resource.name,
          organisation: input.name,
          link: resetLinkUrl(input.origin, token),
          signIn: `${input.origin}/login`,
        },
      });
    });
    return {
      output: { organisationId, slug: input.slug, name: input.name, adminAccountId: adminId },
      target: { type: "organisation", id: organisationId, slug: input.slug, name: input.name, kind: input.kind },
      changes: {
        before: null,
        after: {
          kind: input.kind,
          primaryDomain: input.primaryDomain,
          operatorAccessMode: input.operatorAccessMode,
          firstAdminAccountId: adminId,
        },
      },
    };
  },
});

export const linkResellerInputSchema = z.object({
  customerId: customerIdField,
  resellerId: z.uuid({ error: "Choose a reseller organisation." }),
});

export const linkReseller = defineAction({
  id: "organisation.linkReseller",
  auditInvalid: true,
  input: linkResellerInputSchema,
  targetTenant: (input) => input.customerId,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const reseller = await findOrganisation(tx, input.resellerId);
    if (!reseller || reseller.kind !== "reseller") {
      throw new ActionFailure("Choose a reseller organisation.", "resellerId");
    }
    const linked = await tx
      .insert(resellerLinks)
      .values({ tenantId, resellerId: reseller.id, linkedBy: principal.accountId, createdAt: now })
      .onConflictDoNothing()
      .returning({ resellerId: resellerLinks.resellerId });
    if (linked.length === 0) throw new ActionFailure("That reseller is already linked to this customer.");
    const [operator, customer] = await Promise.all([
      findOrganisation(tx, principal.homeTenantId),
      findOrganisation(tx, tenantId),
    ]);
    await tellDomainAdmins(tx, tenantId, "operator.linked", now, () => ({
      actor: principal.name,
      operator: operator?.name ?? "",
      reseller: reseller.name,
      organisation: resource.name,
      url: `${publicOrigin()}/t/${customer?.slug ?? ""}/partners`,
    }));
    return {
      output: { customerId: tenantId, resellerId: reseller.id },
      target: { type: "reseller", id: reseller.id, name: reseller.name },
      changes: { before: { linked: false }, after: { linked: true } },
    };
  },
});

/** Emails each active domain admin of `tenantId`, with values written in their own language and time zone. */
async function tellDomainAdmins(
  tx: Tx,
  tenantId: string,
  template: EmailTemplate,
  now: Date,
  paramsFor: (admin: DomainAdmin, locale: Locale) => Record<string, string | number>,
): Promise<void> {
  const admins = await listDomainAdmins(tx, tenantId);
  await queueEmails(
    tx,
    admins.map((admin) => {
      const locale = toLocale(admin.locale);
      return {
        tenantId,
        toAddress: admin.email,
        toAccountId: admin.id,
        template,
        // About their organisation, not their own account: when it happened, but no pointer to their activity.
        footer: "when" as const,
        happenedAt: now,
        locale,
        timeZone: admin.timeZone,
        params: paramsFor(admin, locale),
      };
    }),
  );
}

// ─── Operator access ──────────────────────────────────────────────────────────────────────────────

export const requestOperatorAccessInputSchema = z
  .object({
    customerId: customerIdField,
    scope: z.enum(OPERATOR_ACCESS_SCOPES, { error: "Choose the whole organisation or one account." }),
    subjectEmail: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || null)
      .pipe(
        z
          .email("Enter a valid email address, like name@example.com.")
          .max(254, "Keep the email address under 254 characters.")
          .nullable(),
      ),
    readOnly: z.enum(["on", "off"], { error: "Choose on or off." }).transform((value) => value === "on"),
    actions: z
      .array(z.enum(OPERATOR_WRITE_ACTIONS, { error: "Choose actions from the list." }))
      .default([])
      .transform((actions) => [...new Set(actions)]),
    ticketReference: z
      .string({ error: "Give the ticket reference." })
      .trim()
      .min(1, "Give the ticket reference.")
      .max(100, "Keep the ticket reference under 100 characters."),
    justification: z
      .string({ error: "Say why you need access: the customer reads this." })
      .trim()
      .min(1, "Say why you need access: the customer reads this.")
      .max(2000, "Keep the justification under 2,000 characters."),
    durationMinutes: z.coerce
      .number({ error: "Give the duration in minutes." })
      .int("Give the duration in whole minutes.")
      .min(MIN_ACCESS_MINUTES, "Ask for at least 15 minutes.")
      .max(MAX_ACCESS_MINUTES, "Operator access lasts at most 8 hours (480 minutes)."),
  })
  .superRefine((input, ctx) => {
    if (input.scope === "account" && !input.subjectEmail) {
      ctx.addIssue({ code: "custom", path: ["subjectEmail"], message: "Enter the email address of the account." });
    }
    if (input.scope === "organisation" && input.subjectEmail) {
      ctx.addIssue({
        code: "custom",
        path: ["subjectEmail"],
        message: "Access to the whole organisation names no account: leave the email empty.",
      });
    }
    if (input.readOnly && input.actions.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["actions"],
        message: "Read-only access allows no other action: untick read-only, or the actions.",
      });
    }
    if (!input.readOnly && input.actions.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["actions"],
        message: "Choose at least one action, or ask for read-only access.",
      });
    }
  });

export const requestOperatorAccess = defineAction({
  id: "operatorAccess.request",
  auditInvalid: true,
  input: requestOperatorAccessInputSchema,
  targetTenant: (input) => input.customerId,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.justification,
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const [customer, operator] = await Promise.all([
      findOrganisation(tx, tenantId),
      findOrganisation(tx, principal.homeTenantId),
    ]);
    if (!customer || !operator) throw new ActionFailure("That organisation is not there any more.");
    const subject = input.subjectEmail ? await findSubject(tx, tenantId, input.subjectEmail) : null;
    // The customer's setting at this moment decides: notify starts the clock now, approve waits for an admin.
    const mode = customer.operatorAccessMode;
    const live = mode === "notify";
    // Numbers follow one another per customer: two requests at once take turns.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`glasshouse.operator-access:${tenantId}`}))`);
    const [next] = await queryRows<{ number: number }>(
      tx,
      sql`select coalesce(max(number), 0) + 1 as number from operator_access_requests where tenant_id = ${tenantId}`,
    );
    const endsAt = live ? minutesAfter(now, input.durationMinutes) : null;
    const [created] = await tx
      .insert(operatorAccessRequests)
      .values({
        tenantId,
        number: Number(next!.number),
        operatorAccountId: principal.accountId,
        operatorTenantId: operator.id,
        // The staff member's name as they asked: their account lives in the operator's tenant.
        operatorName: principal.name,
        subjectAccountId: subject?.id ?? null,
        readOnly: input.readOnly,
        actions: input.readOnly ? [] : input.actions,
        ticketReference: input.ticketReference,
        justification: input.justification,
        status: live ? "active" : "requested",
        mode,
        durationMinutes: input.durationMinutes,
        requestedAt: now,
        startsAt: live ? now : null,
        endsAt,
      })
      .returning({ id: operatorAccessRequests.id, number: operatorAccessRequests.number });
    const access = created!;
    const grants = operatorActions(input.readOnly, input.actions);
    await tellDomainAdmins(
      tx,
      tenantId,
      live ? "operator.accessStarted" : "operator.accessRequested",
      now,
      (admin, locale) => {
        const t = translator(locale);
        return {
          actor: principal.name,
          operator: operator.name,
          organisation: resource.name,
          number: access.number,
          ticket: input.ticketReference,
          justification: input.justification,
          minutes: input.durationMinutes,
          until: endsAt ? formatDateTime(endsAt.toISOString(), admin.timeZone, formatLocale(locale)) : "",
          scope: subject
            ? t("operator.email.scopeAccount", { name: subject.name })
            : t("operator.email.scopeOrganisation"),
          grants: grants.map((action) => actionLabel(action, locale)).join(", "),
          url: `${publicOrigin()}/t/${customer.slug}/operator-access`,
        };
      },
    );
    return {
      output: { id: access.id, number: access.number, status: live ? "active" : "requested", mode, endsAt },
      target: { type: "operatorAccess", id: access.id, number: access.number, ticket: input.ticketReference },
      changes: {
        before: null,
        after: {
          status: live ? "active" : "requested",
          mode,
          scope: input.scope,
          subjectAccountId: subject?.id ?? null,
          readOnly: input.readOnly,
          actions: grants,
          durationMinutes: input.durationMinutes,
          endsAt: endsAt?.toISOString() ?? null,
        },
      },
    };
  },
});

/** The account of `tenantId` that signs in with `email`: the one account a request's scope names. */
async function findSubject(tx: Tx, tenantId: string, email: string): Promise<{ id: string; name: string }> {
  const [row] = await tx
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`lower(${accounts.email}) = lower(${email})`));
  if (!row) throw new ActionFailure("No account of this organisation has that email address.", "subjectEmail");
  return row;
}

function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

/** The request as stored (its resource, loaded FOR UPDATE, holds the row until commit). */
async function storedAccess(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({
      number: operatorAccessRequests.number,
      ticketReference: operatorAccessRequests.ticketReference,
      durationMinutes: operatorAccessRequests.durationMinutes,
      requestedAt: operatorAccessRequests.requestedAt,
    })
    .from(operatorAccessRequests)
    .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, id)));
  if (!row) throw new ActionFailure("There is no such operator access request in this organisation.");
  return row;
}

function accessTarget(resource: OperatorAccessResource, stored: { number: number; ticketReference: string }) {
  return { type: "operatorAccess", id: resource.id, number: stored.number, ticket: stored.ticketReference };
}

const answerInputSchema = z.object({ accessId: accessIdField });

export const approveOperatorAccess = defineAction({
  id: "operatorAccess.approve",
  input: answerInputSchema,
  loadResource: (tx, tenantId, input) => loadOperatorAccessResource(tx, tenantId, input.accessId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, resource, principal, now }) {
    if (resource.status !== "requested") throw new ActionFailure(ANSWERED);
    const stored = await storedAccess(tx, tenantId, resource.id);
    if (now.getTime() - stored.requestedAt.getTime() > APPROVAL_WINDOW_MS) throw new ActionFailure(STALE);
    // The clock starts at approval: the operator gets the whole duration asked for, from now.
    const endsAt = minutesAfter(now, stored.durationMinutes);
    await tx
      .update(operatorAccessRequests)
      .set({ status: "active", decidedBy: principal.accountId, decidedAt: now, startsAt: now, endsAt })
      .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, resource.id)));
    return {
      output: { id: resource.id, number: stored.number, endsAt },
      target: accessTarget(resource, stored),
      changes: {
        before: { status: "requested" },
        after: { status: "active", startsAt: now.toISOString(), endsAt: endsAt.toISOString() },
      },
    };
  },
});

export const denyOperatorAccess = defineAction({
  id: "operatorAccess.deny",
  input: answerInputSchema,
  loadResource: (tx, tenantId, input) => loadOperatorAccessResource(tx, tenantId, input.accessId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, resource, principal, now }) {
    if (resource.status !== "requested") throw new ActionFailure(ANSWERED);
    const stored = await storedAccess(tx, tenantId, resource.id);
    await tx
      .update(operatorAccessRequests)
      .set({ status: "denied", decidedBy: principal.accountId, decidedAt: now })
      .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, resource.id)));
    return {
      output: { id: resource.id, number: stored.number },
      target: accessTarget(resource, stored),
      changes: { before: { status: "requested" }, after: { status: "denied" } },
    };
  },
});

export const revokeOperatorAccess = defineAction({
  id: "operatorAccess.revoke",
  // The customer's admins name their own organisation; the operator names the customer it holds access to.
  input: z.object({ accessId: accessIdField, customerId: customerIdField }),
  targetTenant: (input) => input.customerId,
  loadResource: (tx, tenantId, input) => loadOperatorAccessResource(tx, tenantId, input.accessId, { forUpdate: true }),
  visibility: "admins",
  async mutate({ tx, tenantId, resource, principal, now }) {
    if (resource.status !== "requested" && resource.status !== "active") {
      throw new ActionFailure("This operator access has already ended.");
    }
    const stored = await storedAccess(tx, tenantId, resource.id);
    await tx
      .update(operatorAccessRequests)
      .set({ status: "revoked", endedBy: principal.accountId, endedAt: now })
      .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, resource.id)));
    return {
      output: { id: resource.id, number: stored.number },
      target: accessTarget(resource, stored),
      changes: { before: { status: resource.status }, after: { status: "revoked", endedAt: now.toISOString() } },
    };
  },
});

export const operatorDefinitions: AnyActionDefinition[] = [
  createOrganisation,
  linkReseller,
  requestOperatorAccess,
  approveOperatorAccess,
  denyOperatorAccess,
  revokeOperatorAccess,
];
