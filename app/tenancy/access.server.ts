// Which organisation's console a request may open. A tenant the principal cannot reach answers 404 — the
// same as a tenant that does not exist — so the URL space reveals nothing about other organisations.
import { redirect } from "@remix-run/node";
import type { OrganisationKind } from "~db/schema";
import { requirePrincipal, type Principal } from "~/auth/principal.server";

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface TenantAccess {
  principal: Principal;
  tenant: TenantRef;
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/**
 * The signed-in principal and the tenant named by the URL, if the principal administers it. Today that is
 * an admin role in the home organisation; reseller delegations and operator access are added here.
 */
export async function requireTenantAccess(request: Request, slug: string | undefined): Promise<TenantAccess> {
  const principal = await requirePrincipal(request);
  if (!slug || slug !== principal.tenantSlug || principal.roles.length === 0) throw notFound();
  // An organisation that requires two-step verification for admins opens no admin page to one without it.
  if (principal.requireAdminMfa && !principal.hasSecondFactor) throw redirect("/me/security?required=admin-mfa");
  return {
    principal,
    tenant: {
      id: principal.tenantId,
      slug: principal.tenantSlug,
      name: principal.tenantName,
      kind: principal.tenantKind,
    },
  };
}
