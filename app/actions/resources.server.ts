// Loading the facts a decision is made from. Run inside the tenant's transaction, so a resource of another
// tenant simply is not found.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { accounts, delegations, legalHolds, operatorAccessRequests, organisations, resellerLinks } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import type {
  AccountResource,
  DelegationResource,
  HoldFacts,
  OperatorAccessResource,
  OrganisationResource,
} from "~/policy/types";

type AccountResourceRow = {
  id: string;
  name: string;
  status: AccountResource["status"];
  manager_id: string | null;
  roles: AccountResource["roles"] | null;
  holds: { id: string; name: string; placedAt: string; placedByName: string | null }[] | null;
  locks: { setting: string; reason: string; lockedAt: string; lockedByName: string | null }[] | null;
};

/**
 * The accounts with their roles, the active legal holds and privacy locks covering them (their own and the
 * organisation-wide ones), from one call of a plan-cached function (db/migrations/0004): it runs on every
 * action.
 */
export async function loadAccountResources(tx: Tx, tenantId: string, ids: string[]): Promise<AccountResource[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  // The ids are UUIDs (checked above), so the array literal needs no escaping.
  const rows = await queryRows<AccountResourceRow>(
    tx,
    sql`select * from glasshouse_account_facts(${tenantId}::uuid, ${`{${wanted.join(",")}}`}::uuid[])`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return wanted.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        type: "Account" as const,
        id: row.id,
        tenantId,
        name: row.name,
        status: row.status,
        managerId: row.manager_id,
        roles: parseArray(row.roles) as AccountResource["roles"],
        holds: (row.holds ?? []).map((hold) => ({
          id: hold.id,
          name: hold.name,
          placedAt: new Date(hold.placedAt),
          placedByName: hold.placedByName ?? "an administrator",
        })),
        locks: (row.locks ?? []).map((lock) => ({
          setting: lock.setting,
          reason: lock.reason,
          lockedAt: new Date(lock.lockedAt),
          lockedByName: lock.lockedByName ?? "an administrator",
        })),
      },
    ];
  });
}

/** An enum array from a raw query: postgres.js may hand back PostgreSQL's text form ("{a,b}"). */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === "string" && value.startsWith("{")) {
    const inner = value.slice(1, -1);
    return inner ? inner.split(",") : [];
  }
  return [];
}

export async function loadAccountResource(tx: Tx, tenantId: string, id: string): Promise<AccountResource | null> {
  const [resource] = await loadAccountResources(tx, tenantId, [id]);
  return resource ?? null;
}

export async function loadOrganisationResource(tx: Tx, tenantId: string): Promise<OrganisationResource | null> {
  const [organisation] = await tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, tenantId));
  if (!organisation) return null;
  const [links, holds] = await Promise.all([
    tx.select({ resellerId: resellerLinks.resellerId }).from(resellerLinks).where(eq(resellerLinks.tenantId, tenantId)),
    organisationHolds(tx, tenantId),
  ]);
  return {
    type: "Organisation",
    ...organisation,
    linkedResellerIds: links.map((link) => link.resellerId),
    holds,
  };
}

/** The active legal holds on the whole organisation (what keeps its own data, legal-hold.cedar), oldest first. */
async function organisationHolds(tx: Tx, tenantId: string): Promise<HoldFacts[]> {
  const rows = await tx
    .select({
      id: legalHolds.id,
      name: legalHolds.name,
      placedAt: legalHolds.createdAt,
      placedByName: accounts.displayName,
    })
    .from(legalHolds)
    .leftJoin(accounts, and(eq(accounts.tenantId, legalHolds.tenantId), eq(accounts.id, legalHolds.createdBy)))
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.scope, "organisation"), isNull(legalHolds.releasedAt)))
    .orderBy(asc(legalHolds.createdAt));
  return rows.map((row) => ({ ...row, placedByName: row.placedByName ?? "an administrator" }));
}

/** A delegation of `tenantId` (the client), by id, with its reseller's name. */
export async function loadDelegationResource(
  tx: Tx,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DelegationResource | null> {
  if (!isUuid(id)) return null;
  const query = tx
    .select({
      id: delegations.id,
      tenantId: delegations.tenantId,
      number: delegations.number,
      resellerId: delegations.resellerId,
      resellerName: organisations.name,
      status: delegations.status,
      roles: delegations.roles,
      durationDays: delegations.durationDays,
    })
    .from(delegations)
    .innerJoin(organisations, eq(organisations.id, delegations.resellerId))
    .where(and(eq(delegations.tenantId, tenantId), eq(delegations.id, id.toLowerCase())));
  // Answering or revoking holds the row to commit, so two admins answering at once are decided in turn.
  const [row] = options.forUpdate ? await query.for("update", { of: delegations }) : await query;
  return row ? { type: "Delegation", ...row } : null;
}

/** An operator access request of `tenantId` (the customer), by id. */
export async function loadOperatorAccessResource(
  tx: Tx,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OperatorAccessResource | null> {
  if (!isUuid(id)) return null;
  const query = tx
    .select({
      id: operatorAccessRequests.id,
      tenantId: operatorAccessRequests.tenantId,
      status: operatorAccessRequests.status,
      operatorAccountId: operatorAccessRequests.operatorAccountId,
      operatorName: operatorAccessRequests.operatorName,
    })
    .from(operatorAccessRequests)
    .where(and(eq(operatorAccessRequests.tenantId, tenantId), eq(operatorAccessRequests.id, id.toLowerCase())));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row ? { type: "OperatorAccess", ...row } : null;
}
