// Loading the facts a decision is made from. Run inside the tenant's transaction, so a resource of another
// tenant simply is not found.
import { eq, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { organisations, resellerLinks } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import type { AccountResource, OrganisationResource } from "~/policy/types";

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
 * organisation-wide ones), in one query: it runs on every action, so it is one round trip, not four.
 */
export async function loadAccountResources(tx: Tx, tenantId: string, ids: string[]): Promise<AccountResource[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  const rows = await queryRows<AccountResourceRow>(
    tx,
    sql`
      select a.id, a.display_name as name, a.status, a.manager_id,
        (select array_agg(r.role order by r.role) from role_assignments r
          where r.tenant_id = a.tenant_id and r.account_id = a.id) as roles,
        (select json_agg(json_build_object(
                  'id', h.id, 'name', h.name,
                  'placedAt', to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'placedByName', p.display_name) order by h.created_at)
           from legal_holds h
           left join accounts p on p.tenant_id = h.tenant_id and p.id = h.created_by
          where h.tenant_id = a.tenant_id and h.released_at is null
            and (h.scope = 'organisation' or exists (
                  select 1 from legal_hold_accounts ha
                   where ha.tenant_id = h.tenant_id and ha.hold_id = h.id and ha.account_id = a.id))) as holds,
        (select json_agg(json_build_object(
                  'setting', l.setting, 'reason', l.reason,
                  'lockedAt', to_char(l.locked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'lockedByName', b.display_name) order by l.locked_at)
           from privacy_locks l
           left join accounts b on b.tenant_id = l.tenant_id and b.id = l.locked_by
          where l.tenant_id = a.tenant_id and l.cleared_at is null
            and (l.account_id is null or l.account_id = a.id)) as locks
      from accounts a
      where a.tenant_id = ${tenantId} and a.id in (${sql.join(
        wanted.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
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
  const links = await tx
    .select({ resellerId: resellerLinks.resellerId })
    .from(resellerLinks)
    .where(eq(resellerLinks.tenantId, tenantId));
  return { type: "Organisation", ...organisation, linkedResellerIds: links.map((link) => link.resellerId) };
}
