// How a principal reaches an organisation that is not their own: a reseller's staff member through a live
// delegation they were chosen for, an operator's staff member through a live access request. Nothing here
// is cached: each request asks again (`reachTenant`, one narrow lookup), so a revoked delegation or an
// ended access stops at the very next request, and the action layer asks once more inside the action's
// transaction, in the client's scope (`refreshAccess`), holding the row until commit.
import { sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "~db/client";
import { narrowLookup } from "~db/tenant-scope";
import type { AdminRole, OrganisationKind } from "~db/schema";
import {
  OPERATOR_READ_ACTIONS,
  isActionId,
  type AccessPath,
  type ActionId,
  type DelegationStatus,
  type OperatorAccessMode,
  type OperatorAccessStatus,
  type PrincipalFacts,
} from "~/policy/types";

/** Who is asking: enough of the principal to find their way in. */
export interface Visitor {
  accountId: string;
  homeTenantId: string;
  homeTenantKind: OrganisationKind;
}

type DelegationPath = Extract<AccessPath, { kind: "delegation" }>;
type OperatorPath = Extract<AccessPath, { kind: "operator" }>;

type DelegationRow = {
  id: string;
  number: number;
  status: DelegationStatus;
  roles: AdminRole[] | string;
  expires_at: Date | string | null;
  reseller_name: string;
  assigned: boolean;
};

type OperatorRow = {
  id: string;
  status: OperatorAccessStatus;
  mode: OperatorAccessMode;
  ends_at: Date | string | null;
  subject_account_id: string | null;
  read_only: boolean;
  actions: string[] | string;
  ticket_reference: string;
  justification: string;
  operator_name: string;
};

/** An enum or text array from a raw query: postgres.js may hand back PostgreSQL's text form ("{a,b}"). */
function arrayOf(value: readonly string[] | string): string[] {
  if (Array.isArray(value)) return [...value];
  const inner = String(value).replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((item) => item.replace(/^"|"$/g, "")) : [];
}

const dateOf = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function delegationPath(row: DelegationRow, resellerId: string): DelegationPath {
  return {
    kind: "delegation",
    delegationId: row.id,
    number: Number(row.number),
    resellerId,
    resellerName: row.reseller_name,
    status: row.status,
    expiresAt: dateOf(row.expires_at),
    roles: arrayOf(row.roles) as AdminRole[],
    assigned: row.assigned,
  };
}

/** The actions an operator's access grants: the reads when read-only, else those it names (reads included). */
export function operatorActions(readOnly: boolean, named: readonly string[]): ActionId[] {
  const actions = new Set<ActionId>(OPERATOR_READ_ACTIONS);
  if (!readOnly) for (const action of named) if (isActionId(action)) actions.add(action);
  return [...actions];
}

function operatorPath(row: OperatorRow): OperatorPath {
  return {
    kind: "operator",
    accessId: row.id,
    operatorName: row.operator_name,
    status: row.status,
    mode: row.mode,
    endsAt: dateOf(row.ends_at),
    subjectAccountId: row.subject_account_id,
    actions: operatorActions(row.read_only, arrayOf(row.actions)),
    ticketReference: row.ticket_reference,
    justification: row.justification,
  };
}

const DELEGATION_COLUMNS = sql`d.id, d.number, d.status, d.roles, d.expires_at, o.name as reseller_name`;

/**
 * The principal's facts as they stand inside the action's own transaction. A member's are what they were.
 * A delegation's or an operator access's row is read again and held (FOR SHARE) until the transaction
 * ends: a revoke that committed first is seen here, and a revoke that comes later waits for this action
 * to commit, so nothing started after a revoke commits. The roles shrink to what is still granted.
 */
export async function refreshAccess(tx: Tx, facts: PrincipalFacts): Promise<PrincipalFacts> {
  const access = facts.access;
  if (access.kind === "delegation") {
    const [row] = await queryRows<DelegationRow>(
      tx,
      sql`select ${DELEGATION_COLUMNS},
                 exists (select 1 from delegation_staff s
                          where s.tenant_id = d.tenant_id and s.delegation_id = d.id
                            and s.staff_account_id = ${facts.accountId}) as assigned
            from delegations d join organisations o on o.id = d.reseller_id
           where d.tenant_id = ${facts.actingTenantId} and d.id = ${access.delegationId}
             for share of d`,
    );
    if (!row) return { ...facts, access: { ...access, status: "revoked", assigned: false } };
    const now = delegationPath(row, access.resellerId);
    return { ...facts, roles: facts.roles.filter((role) => now.roles.includes(role)), access: now };
  }
  if (access.kind === "operator") {
    const [row] = await queryRows<OperatorRow>(
      tx,
      sql`select r.id, r.status, r.mode, r.ends_at, r.subject_account_id, r.read_only, r.actions,
                 r.ticket_reference, r.justification, o.name as operator_name
            from operator_access_requests r join organisations o on o.id = r.operator_tenant_id
           where r.tenant_id = ${facts.actingTenantId} and r.id = ${access.accessId}
             for share of r`,
    );
    if (!row) return { ...facts, access: { ...access, status: "revoked" } };
    return { ...facts, access: operatorPath(row) };
  }
  return facts;
}

type ReachRow = {
  tenant_id: string;
  tenant_name: string;
  require_admin_mfa: boolean;
  path: "delegation" | "operator";
  id: string;
  number: number;
  status: string;
  roles: string[] | string | null;
  expires_at: Date | string | null;
  home_name: string;
  mode: OperatorAccessMode | null;
  subject_account_id: string | null;
  read_only: boolean | null;
  actions: string[] | string | null;
  ticket_reference: string | null;
  justification: string | null;
};

export interface Reached {
  tenant: { id: string; name: string };
  access: DelegationPath | OperatorPath;
  requireAdminMfa: boolean;
}

/**
 * How `visitor` reaches the customer whose slug is `slug` now, in one statement (it runs on every request
 * a reseller's or operator's staff member makes in a client's console): a live delegation they are assigned
 * to, or live operator access they hold. Null when there is no live way in.
 */
export async function reachTenant(db: Db, slug: string, visitor: Visitor, now: Date): Promise<Reached | null> {
  if (visitor.homeTenantKind === "customer") return null;
  const [row] = await narrowLookup<ReachRow>(
    db,
    sql`select * from glasshouse_reach_tenant(${slug}, ${visitor.accountId}, ${visitor.homeTenantId}, ${now.toISOString()})`,
  );
  if (!row) return null;
  const tenant = { id: row.tenant_id, name: row.tenant_name };
  const access =
    row.path === "delegation"
      ? delegationPath(
          {
            id: row.id,
            number: row.number,
            status: row.status as DelegationStatus,
            roles: (row.roles ?? []) as DelegationRow["roles"],
            expires_at: row.expires_at,
            reseller_name: row.home_name,
            assigned: true,
          },
          visitor.homeTenantId,
        )
      : operatorPath({
          id: row.id,
          status: row.status as OperatorAccessStatus,
          mode: row.mode ?? "approve",
          ends_at: row.expires_at,
          subject_account_id: row.subject_account_id,
          read_only: row.read_only ?? true,
          actions: row.actions ?? [],
          ticket_reference: row.ticket_reference ?? "",
          justification: row.justification ?? "",
          operator_name: row.home_name,
        });
  return { tenant, access, requireAdminMfa: row.require_admin_mfa };
}
