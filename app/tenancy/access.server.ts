// Which organisation's console a request may open, and how. A member opens their own organisation's (with
// an admin role, or as a line manager with no admin role, only their direct reports' app statistics, still
// decided by policy per report); a reseller's staff member
// opens a client's through a live delegation they were chosen for; an operator's staff member opens a customer's through a live access request. A tenant the principal
// cannot reach answers 404 — the same as a tenant that does not exist — so the URL space reveals nothing
// about other organisations.
import { redirect } from "@remix-run/node";
import { and, eq, isNull } from "drizzle-orm";
import { accounts } from "~db/schema";
import type { AdminRole, OrganisationKind } from "~db/schema";
import { requirePrincipal, type Principal } from "~/auth/principal.server";
import { getDatabase, tenantScope } from "~/db.server";
import type { AccessPath } from "~/policy/types";
import { reachTenant } from "./reach.server";

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface TenantAccess {
  principal: Principal;
  tenant: TenantRef;
  /** How the principal reaches the tenant: as a member, through a delegation, or through operator access. */
  access: AccessPath;
  /** The admin roles in effect here: the member's own, or the ones a delegation grants (none for an operator). */
  roles: AdminRole[];
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

type Resolved = { value: TenantAccess; requireAdminMfa: boolean } | null;
const resolved = new WeakMap<Request, Map<string, Promise<Resolved>>>();

/**
 * The signed-in principal and the tenant named by the URL, if the principal may open its console; 404
 * otherwise. Resolved once per request (the layout and the page both ask) and never remembered longer.
 */
export async function requireTenantAccess(request: Request, slug: string | undefined): Promise<TenantAccess> {
  const principal = await requirePrincipal(request);
  if (!slug) throw notFound();
  let bySlug = resolved.get(request);
  if (!bySlug) resolved.set(request, (bySlug = new Map()));
  let pending = bySlug.get(slug);
  if (!pending) bySlug.set(slug, (pending = resolveTenantAccess(request, principal, slug, new Date())));
  const access = await pending;
  if (!access) throw notFound();
  // An organisation that requires two-step verification for admins opens no admin page to one without it,
  // whoever they work for.
  if (access.requireAdminMfa && !principal.hasSecondFactor) throw redirect("/me/security?required=admin-mfa");
  const path = access.value.access;
  if (path.kind === "operator" && path.subjectAccountId) keepToAccount(request, slug, path.subjectAccountId);
  return access.value;
}

/**
 * Operator access to one account opens that account's pages and nothing else of the organisation: not the
 * accounts list, the holds, the locks or the audit log, whose rows name other people. The console's home
 * leads to the account; any other page answers 404.
 */
function keepToAccount(request: Request, slug: string, accountId: string): void {
  // A page's data is fetched at the same path with ".data" added (Remix single fetch).
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  const base = `/t/${slug}`;
  const page = `${base}/accounts/${accountId}`;
  if (path === page || path.startsWith(`${page}/`)) return;
  if (path === base || path === `${base}/` || path === `${base}/_index`) throw redirect(page);
  throw notFound();
}

/**
 * The pages a line manager with no admin role opens: the apps statistics of their reports and its CSV export,
 * nothing else (an account's admin page shows sessions, holds and the trail, which are not theirs to see).
 */
function isLineManagerPage(request: Request, slug: string): boolean {
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  return path === `/t/${slug}/apps` || path === `/t/${slug}/apps/export`;
}

/** Whether anyone reports to `principal`: a line manager, who may open their reports' statistics. */
export async function managesAnyone(principal: Principal): Promise<boolean> {
  const [report] = await tenantScope(principal.tenantId, (tx) =>
    tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.managerId, principal.accountId), isNull(accounts.purgedAt)))
      .limit(1),
  );
  return Boolean(report);
}

async function resolveTenantAccess(request: Request, principal: Principal, slug: string, now: Date): Promise<Resolved> {
  if (slug === principal.tenantSlug) {
    const home: TenantRef = {
      id: principal.tenantId,
      slug: principal.tenantSlug,
      name: principal.tenantName,
      kind: principal.tenantKind,
    };
    const asMember = { principal, tenant: home, access: { kind: "member" } as const, roles: principal.roles };
    if (principal.roles.length > 0) return { value: asMember, requireAdminMfa: principal.requireAdminMfa };
    if (!isLineManagerPage(request, slug) || !(await managesAnyone(principal))) return null;
    // Not an admin: the organisation's "admins need a second factor" rule is not theirs.
    return { value: asMember, requireAdminMfa: false };
  }
  // A customer's console, reached from a reseller or the operator: one statement.
  const found = await reachTenant(
    getDatabase().db,
    slug,
    { accountId: principal.accountId, homeTenantId: principal.tenantId, homeTenantKind: principal.tenantKind },
    now,
  );
  if (!found) return null;
  return {
    value: {
      principal,
      tenant: { id: found.tenant.id, slug, name: found.tenant.name, kind: "customer" },
      access: found.access,
      roles: found.access.kind === "delegation" ? found.access.roles : [],
    },
    requireAdminMfa: found.requireAdminMfa,
  };
}
