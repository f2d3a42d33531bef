// Who can reach my account: my organisation's admins and their roles, my line manager, each reseller with
// a live delegation (its roles, since when, until when), and each live operator access that reaches me
// (the whole organisation's, or one naming my account: its ticket and justification, until when). What
// each of them may do to my account is not typed by hand: the policy engine is asked, for every action on
// an account, whether someone in that position may take it on my account as it is now (with my
// organisation's own policies, my legal holds and my locks), so the page says what the rules say.
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import {
  ADMIN_ROLES,
  accounts,
  delegations,
  operatorAccessRequests,
  organisations,
  roleAssignments,
  type AdminRole,
} from "~db/schema";
import { loadAccountResource } from "~/actions/resources.server";
import { decideMany } from "~/policy/engine.server";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import { operatorActions } from "~/tenancy/reach.server";
import { ACTION_IDS, ACTIONS, isActionId, type AccessPath, type ActionId, type PrincipalFacts } from "~/policy/types";

/** The actions someone else may take on an account: every account action but the person's own. */
const ACCOUNT_ACTIONS = ACTION_IDS.filter((id) => ACTIONS[id].resource === "Account" && !id.startsWith("self."));

export interface Capability {
  /** What they may do at once. */
  allowed: ActionId[];
  /** What they may do after confirming a second factor (and, where asked, writing a reason). */
  withStepUp: ActionId[];
}

export interface AccessOverview {
  admins: { id: string; name: string; email: string | null; roles: AdminRole[] }[];
  /** By role, for the roles someone holds. */
  roles: Partial<Record<AdminRole, Capability>>;
  manager: { id: string; name: string; email: string | null; can: Capability } | null;
  delegations: {
    id: string;
    number: number;
    reseller: string;
    roles: AdminRole[];
    since: Date | null;
    until: Date | null;
    can: Capability;
  }[];
  operatorAccess: {
    id: string;
    number: number;
    /** The operator organisation, and the staff member who asked. */
    operator: string;
    requestedBy: string;
    /** Whether it reaches my account by name; otherwise it covers the whole organisation. */
    namesMe: boolean;
    readOnly: boolean;
    /** The actions the request named beyond the reads (none when read-only). */
    actions: ActionId[];
    ticket: string;
    justification: string;
    since: Date | null;
    until: Date | null;
    can: Capability;
  }[];
}

export async function accessOverview(
  tx: Tx,
  me: { tenantId: string; accountId: string },
  now = new Date(),
): Promise<AccessOverview | null> {
  const { tenantId, accountId } = me;
  const [resource, tenantPolicies, organisation] = await Promise.all([
    loadAccountResource(tx, tenantId, accountId),
    loadTenantPolicies(tx, tenantId),
    tx
      .select({ kind: organisations.kind })
      .from(organisations)
      .where(eq(organisations.id, tenantId))
      .then((rows) => rows[0]),
  ]);
  if (!resource || !organisation) return null;

  const adminRows = await tx
    .select({
      id: accounts.id,
      name: accounts.displayName,
      email: accounts.email,
      roles: sql<AdminRole[]>`array_agg(${roleAssignments.role}::text order by ${roleAssignments.role})`,
    })
    .from(roleAssignments)
    .innerJoin(
      accounts,
      and(eq(accounts.tenantId, roleAssignments.tenantId), eq(accounts.id, roleAssignments.accountId)),
    )
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(accounts.status, "active")))
    .groupBy(accounts.id, accounts.displayName, accounts.email)
    .orderBy(asc(accounts.displayName), asc(accounts.id));
  const admins = adminRows.map((row) => ({ ...row, roles: parseRoles(row.roles) }));

  const [manager] = resource.managerId
    ? await tx
        .select({ id: accounts.id, name: accounts.displayName, email: accounts.email })
        .from(accounts)
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, resource.managerId)))
    : [];

  const live = await tx
    .select({
      id: delegations.id,
      number: delegations.number,
      resellerId: delegations.resellerId,
      reseller: organisations.name,
      roles: delegations.roles,
      since: delegations.approvedAt,
      until: delegations.expiresAt,
    })
    .from(delegations)
    .innerJoin(organisations, eq(organisations.id, delegations.resellerId))
    .where(
      and(
        eq(delegations.tenantId, tenantId),
        eq(delegations.status, "active"),
        or(isNull(delegations.expiresAt), gt(delegations.expiresAt, now)),
      ),
    )
    .orderBy(asc(delegations.number));

  // Operator access that reaches me: the whole organisation's, or one naming my account.
  const operatorRows = await tx
    .select({
      id: operatorAccessRequests.id,
      number: operatorAccessRequests.number,
      operatorTenantId: operatorAccessRequests.operatorTenantId,
      operator: organisations.name,
      requestedBy: operatorAccessRequests.operatorName,
      subjectAccountId: operatorAccessRequests.subjectAccountId,
      mode: operatorAccessRequests.mode,
      readOnly: operatorAccessRequests.readOnly,
      actions: operatorAccessRequests.actions,
      ticket: operatorAccessRequests.ticketReference,
      justification: operatorAccessRequests.justification,
      since: operatorAccessRequests.startsAt,
      until: operatorAccessRequests.endsAt,
    })
    .from(operatorAccessRequests)
    .innerJoin(organisations, eq(organisations.id, operatorAccessRequests.operatorTenantId))
    .where(
      and(
        eq(operatorAccessRequests.tenantId, tenantId),
        eq(operatorAccessRequests.status, "active"),
        gt(operatorAccessRequests.endsAt, now),
        or(isNull(operatorAccessRequests.subjectAccountId), eq(operatorAccessRequests.subjectAccountId, accountId)),
      ),
    )
    .orderBy(asc(operatorAccessRequests.number));

  // Someone in each position, asked about every account action on my account.
  const probe = (accountId: string, name: string, roles: AdminRole[], access: AccessPath, home = tenantId) => {
    const principal: PrincipalFacts = {
      accountId,
      name,
      homeTenantId: home,
      homeTenantKind:
        access.kind === "delegation" ? "reseller" : access.kind === "operator" ? "operator" : organisation.kind,
      actingTenantId: tenantId,
      roles,
      access,
      secondFactorAt: null,
    };
    const decisions = decideMany(
      ACCOUNT_ACTIONS.map((action) => ({
        principal,
        action,
        resource,
        context: { now, reason: "(asked by the access overview)" },
      })),
      tenantPolicies,
    );
    const can: Capability = { allowed: [], withStepUp: [] };
    decisions.forEach((decision, index) => {
      const action = ACCOUNT_ACTIONS[index]!;
      if (decision.outcome === "allow") can.allowed.push(action);
      else if (decision.outcome === "needs_step_up") can.withStepUp.push(action);
    });
    return can;
  };

  const held = new Set(admins.flatMap((admin) => admin.roles));
  const roles: Partial<Record<AdminRole, Capability>> = {};
  for (const role of ADMIN_ROLES) {
    // Someone else holding the role: what it lets them do to me (not what I may do to myself).
    if (held.has(role)) roles[role] = probe(`role:${role}`, role, [role], { kind: "member" });
  }

  return {
    admins,
    roles,
    manager: manager ? { ...manager, can: probe(manager.id, manager.name, [], { kind: "member" }) } : null,
    delegations: live.map((delegation) => ({
      id: delegation.id,
      number: delegation.number,
      reseller: delegation.reseller,
      roles: delegation.roles,
      since: delegation.since,
      until: delegation.until,
      can: probe(
        `delegation:${delegation.id}`,
        delegation.reseller,
        delegation.roles,
        {
          kind: "delegation",
          delegationId: delegation.id,
          number: delegation.number,
          resellerId: delegation.resellerId,
          resellerName: delegation.reseller,
          status: "active",
          expiresAt: delegation.until,
          roles: delegation.roles,
          // What the delegation lets its staff do: asked as one of the staff its reseller chose.
          assigned: true,
        },
        delegation.resellerId,
      ),
    })),
    operatorAccess: operatorRows.map((row) => ({
      id: row.id,
      number: row.number,
      operator: row.operator,
      requestedBy: row.requestedBy,
      namesMe: row.subjectAccountId !== null,
      readOnly: row.readOnly,
      actions: row.readOnly ? [] : row.actions.filter(isActionId),
      ticket: row.ticket,
      justification: row.justification,
      since: row.since,
      until: row.until,
      // Operator staff hold no roles here: the access's own grants decide, within its scope.
      can: probe(
        `operator-access:${row.id}`,
        row.operator,
        [],
        {
          kind: "operator",
          accessId: row.id,
          operatorName: row.operator,
          status: "active",
          mode: row.mode,
          endsAt: row.until,
          subjectAccountId: row.subjectAccountId,
          actions: operatorActions(row.readOnly, row.actions),
          ticketReference: row.ticket,
          justification: row.justification,
        },
        row.operatorTenantId,
      ),
    })),
  };
}

/** An enum array from a raw aggregate: postgres.js may hand back PostgreSQL's text form ("{a,b}"). */
function parseRoles(value: unknown): AdminRole[] {
  const list = Array.isArray(value)
    ? (value as string[])
    : typeof value === "string" && value.startsWith("{")
      ? value.slice(1, -1).split(",").filter(Boolean)
      : [];
  return list.filter((role): role is AdminRole => (ADMIN_ROLES as readonly string[]).includes(role));
}
