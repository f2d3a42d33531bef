// Delegations as each side reads them. The client reads its own rows (delegations, their staff count and
// when each was last used, from its trail); the reseller reads its clients and delegations only through the
// narrow definer functions of migration 0015, in its own scope, and names its staff from its own accounts.
// What a delegation's status means to a person now (expiring within 14 days, a request past 90 days) is
// worked out here once, so both pages and the actions say the same.
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import {
  accounts,
  organisations,
  resellerLinks,
  roleAssignments,
  type AdminRole,
  type OrganisationKind,
} from "~db/schema";
import type { DelegationStatus } from "~/policy/types";

/** The longest delegation a reseller may ask for (the "at most two years"). */
export const MAX_DELEGATION_DAYS = 730;
/** A request nobody answers lapses this long after it was made. */
export const LAPSE_AFTER_DAYS = 90;
/** An active delegation is shown as expiring this long before it ends (and both sides are emailed then). */
export const EXPIRING_WITHIN_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A delegation's status as a person reads it today: `expiring` is an active one that ends within 14 days. */
export type DelegationState = DelegationStatus | "expiring";

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** When a request made at `requestedAt` lapses if nobody answers it. */
export function lapsesOn(requestedAt: Date): Date {
  return addDays(requestedAt, LAPSE_AFTER_DAYS);
}

/**
 * What the status column says: the stored status, except that a request past 90 days reads as lapsed and an
 * active delegation past its expiry as expired before the job runner gets to them (neither grants anything).
 */
export function delegationState(
  delegation: { status: DelegationStatus; requestedAt: Date; expiresAt: Date | null },
  now: Date,
): DelegationState {
  if (delegation.status === "requested") return lapsesOn(delegation.requestedAt) <= now ? "lapsed" : "requested";
  if (delegation.status !== "active") return delegation.status;
  if (!delegation.expiresAt || delegation.expiresAt <= now) return "expired";
  return delegation.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * DAY_MS ? "expiring" : "active";
}

/** Whether a delegation in `state` lets its staff act now. */
export function isLive(state: DelegationState): boolean {
  return state === "active" || state === "expiring";
}

/** An enum or uuid array from a raw query: postgres.js may hand back PostgreSQL's text form ("{a,b}"). */
function arrayOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const inner = String(value ?? "").replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((item) => item.replace(/^"|"$/g, "")) : [];
}

const dateOf = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(String(value));
const dateOfRequired = (value: unknown): Date => new Date(value instanceof Date ? value.getTime() : String(value));

// ─── Who is told ─────────────────────────────────────────────────────────────────────────────────

export interface Contact {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
}

/** The active domain admins of `tenantId` who have an email address, read in that organisation's scope. */
export async function domainAdminContacts(tx: Tx, tenantId: string): Promise<Contact[]> {
  const rows = await tx
    .select({
      id: accounts.id,
      email: accounts.email,
      name: accounts.displayName,
      locale: accounts.locale,
      timeZone: accounts.timeZone,
    })
    .from(accounts)
    .innerJoin(
      roleAssignments,
      and(eq(roleAssignments.tenantId, accounts.tenantId), eq(roleAssignments.accountId, accounts.id)),
    )
    .where(
      and(eq(accounts.tenantId, tenantId), eq(accounts.status, "active"), eq(roleAssignments.role, "domain_admin")),
    )
    .orderBy(asc(accounts.displayName));
  return rows.flatMap((row) => (row.email ? [{ ...row, email: row.email }] : []));
}

/** An organisation's name and slug (the directory table, readable in any scope). */
export async function organisationRef(tx: Tx, id: string): Promise<{ name: string; slug: string } | null> {
  const [row] = await tx
    .select({ name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row ?? null;
}

// ─── The reseller's side (/partner), in the reseller's own scope ─────────────────────────────────

export interface ResellerClient {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  linkedAt: Date;
}

export interface ResellerDelegation {
  clientId: string;
  id: string;
  number: number;
  roles: AdminRole[];
  status: DelegationStatus;
  message: string | null;
  requestedBy: string;
  requestedAt: Date;
  durationDays: number;
  approvedAt: Date | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  /** Why the client declined or revoked it, when its admin wrote why. */
  endedReason: string | null;
  lastUsedAt: Date | null;
  /** The reseller's accounts chosen to use it. */
  staff: string[];
}

export interface ResellerAccount {
  id: string;
  name: string;
  email: string | null;
  active: boolean;
}

/** The reseller's clients, every delegation it holds or asked for, and its own accounts (to name its staff). */
export async function resellerOverview(
  tx: Tx,
  resellerId: string,
): Promise<{ clients: ResellerClient[]; delegations: ResellerDelegation[]; accounts: ResellerAccount[] }> {
  const [clientRows, delegationRows, accountRows] = await Promise.all([
    queryRows<{ tenant_id: string; slug: string; name: string; kind: OrganisationKind; linked_at: unknown }>(
      tx,
      sql`select c.tenant_id, c.slug, c.name, o.kind::text as kind, c.linked_at
            from glasshouse_reseller_clients(${resellerId}::uuid) c join organisations o on o.id = c.tenant_id`,
    ),
    queryRows<Record<string, unknown>>(
      tx,
      sql`select tenant_id, id, number, roles::text[] as roles, status::text as status, message, requested_by,
                 requested_at, duration_days, approved_at, expires_at, ended_at, ended_reason, last_used_at,
                 staff::text[] as staff
            from glasshouse_reseller_delegations(${resellerId}::uuid)`,
    ),
    tx
      .select({ id: accounts.id, name: accounts.displayName, email: accounts.email, status: accounts.status })
      .from(accounts)
      .where(eq(accounts.tenantId, resellerId))
      .orderBy(asc(accounts.displayName), asc(accounts.id)),
  ]);
  return {
    clients: clientRows.map((row) => ({
      id: row.tenant_id,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      linkedAt: dateOfRequired(row.linked_at),
    })),
    delegations: delegationRows.map((row) => ({
      clientId: String(row.tenant_id),
      id: String(row.id),
      number: Number(row.number),
      roles: arrayOf(row.roles) as AdminRole[],
      status: row.status as DelegationStatus,
      message: (row.message as string | null) ?? null,
      requestedBy: String(row.requested_by),
      requestedAt: dateOfRequired(row.requested_at),
      durationDays: Number(row.duration_days),
      approvedAt: dateOf(row.approved_at),
      expiresAt: dateOf(row.expires_at),
      endedAt: dateOf(row.ended_at),
      endedReason: (row.ended_reason as string | null) ?? null,
      lastUsedAt: dateOf(row.last_used_at),
      staff: arrayOf(row.staff),
    })),
    accounts: accountRows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      active: row.status === "active",
    })),
  };
}

// ─── The client's side (/t/:tenant/partners), in the client's scope ──────────────────────────────

export interface LinkedReseller {
  id: string;
  name: string;
  linkedAt: Date;
}

export interface ClientDelegation {
  id: string;
  number: number;
  resellerId: string;
  resellerName: string;
  roles: AdminRole[];
  status: DelegationStatus;
  message: string | null;
  requestedAt: Date;
  durationDays: number;
  approvedAt: Date | null;
  approvedByName: string | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  endedByName: string | null;
  staffCount: number;
  lastUsedAt: Date | null;
  /** The reseller's people who acted through it, as this organisation's trail names them. */
  usedBy: string[];
}

export async function linkedResellers(tx: Tx, tenantId: string): Promise<LinkedReseller[]> {
  const rows = await tx
    .select({ id: resellerLinks.resellerId, name: organisations.name, linkedAt: resellerLinks.createdAt })
    .from(resellerLinks)
    .innerJoin(organisations, eq(organisations.id, resellerLinks.resellerId))
    .where(eq(resellerLinks.tenantId, tenantId))
    .orderBy(asc(organisations.name));
  return rows;
}

/** Every delegation and request of the client, newest first, with who answered it and how it was used. */
export async function clientDelegations(tx: Tx, tenantId: string): Promise<ClientDelegation[]> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select d.id, d.number, d.reseller_id, o.name as reseller_name, d.roles::text[] as roles,
               d.status::text as status, d.message, d.requested_at, d.duration_days, d.approved_at,
               approver.display_name as approved_by_name, d.expires_at, d.ended_at,
               ender.display_name as ended_by_name,
               (select count(*) from delegation_staff s
                 where s.tenant_id = d.tenant_id and s.delegation_id = d.id) as staff_count,
               (select e.occurred_at from audit_entries e
                 where e.tenant_id = d.tenant_id and e.delegation_id = d.id order by e.seq desc limit 1)
                 as last_used_at,
               coalesce((select array_agg(distinct e.actor_name) from audit_entries e
                          where e.tenant_id = d.tenant_id and e.delegation_id = d.id
                            and e.actor_name is not null), '{}') as used_by
          from delegations d
          join organisations o on o.id = d.reseller_id
          left join accounts approver on approver.tenant_id = d.tenant_id and approver.id = d.approved_by
          left join accounts ender on ender.tenant_id = d.tenant_id and ender.id = d.ended_by
         where d.tenant_id = ${tenantId}
         order by d.requested_at desc, d.number desc`,
  );
  return rows.map((row) => ({
    id: String(row.id),
    number: Number(row.number),
    resellerId: String(row.reseller_id),
    resellerName: String(row.reseller_name),
    roles: arrayOf(row.roles) as AdminRole[],
    status: row.status as DelegationStatus,
    message: (row.message as string | null) ?? null,
    requestedAt: dateOfRequired(row.requested_at),
    durationDays: Number(row.duration_days),
    approvedAt: dateOf(row.approved_at),
    approvedByName: (row.approved_by_name as string | null) ?? null,
    expiresAt: dateOf(row.expires_at),
    endedAt: dateOf(row.ended_at),
    endedByName: (row.ended_by_name as string | null) ?? null,
    staffCount: Number(row.staff_count),
    lastUsedAt: dateOf(row.last_used_at),
    usedBy: arrayOf(row.used_by),
  }));
}
