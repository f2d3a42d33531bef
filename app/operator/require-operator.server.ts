// Who may open /operator: the platform operator's own staff (an admin role in the operator organisation).
// Anyone else is answered 404, like any page that is not theirs, so the URL space says nothing about it.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { memberActor, type Actor } from "~/actions/actor.server";
import { requirePrincipal, type Principal } from "~/auth/principal.server";
import { notFound } from "~/tenancy/access.server";

export async function requireOperator(
  request: Request,
  context?: AppLoadContext,
): Promise<{ principal: Principal; actor: Actor }> {
  const principal = await requirePrincipal(request);
  if (principal.tenantKind !== "operator" || principal.roles.length === 0) throw notFound();
  // The operator organisation may require every admin to have a second factor, as any organisation may.
  if (principal.requireAdminMfa && !principal.hasSecondFactor) throw redirect("/me/security?required=admin-mfa");
  return {
    principal,
    actor: { ...memberActor(principal, request, context), actingTenantName: principal.tenantName },
  };
}
