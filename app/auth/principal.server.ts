// Who is making this request: resolved once per request from the session cookie, with the admin roles the
// account holds in its home organisation. Guards throw Responses, as Remix expects.
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { roleAssignments, type AdminRole, type OrganisationKind } from "~db/schema";
import { tenantScope } from "~/db.server";
import { safeRedirectPath } from "~/security/redirect";
import { getLucia, readSessionToken } from "./session.server";

export interface Principal {
  accountId: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  tenantKind: OrganisationKind;
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
  mustChangePassword: boolean;
  /** Admin roles held in the home organisation. */
  roles: AdminRole[];
  sessionId: string;
  /** When this session last confirmed a second factor (step-up), if ever. */
  secondFactorAt: Date | null;
}

const resolved = new WeakMap<Request, Promise<Principal | null>>();

/** The signed-in person, or null. A garbage, expired or ended session is simply no session. */
export function getPrincipal(request: Request): Promise<Principal | null> {
  let pending = resolved.get(request);
  if (!pending) {
    pending = resolvePrincipal(request);
    resolved.set(request, pending);
  }
  return pending;
}

async function resolvePrincipal(request: Request): Promise<Principal | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const { session, user } = await getLucia().validateSession(token);
  if (!session || !user) return null;
  const roles = await tenantScope(user.tenantId, (tx) =>
    tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(eq(roleAssignments.accountId, user.accountId))
      .orderBy(roleAssignments.role),
  );
  return {
    accountId: user.accountId,
    tenantId: user.tenantId,
    tenantSlug: user.tenantSlug,
    tenantName: user.tenantName,
    tenantKind: user.tenantKind,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    timeZone: user.timeZone,
    mustChangePassword: user.mustChangePassword,
    roles: roles.map((row) => row.role),
    sessionId: token,
    secondFactorAt: session.secondFactorAt ?? null,
  };
}

/** The signed-in person; anyone else is sent to sign in and brought back here afterwards. */
export async function requirePrincipal(request: Request): Promise<Principal> {
  const principal = await getPrincipal(request);
  if (principal) return principal;
  const url = new URL(request.url);
  const here = safeRedirectPath(`${url.pathname}${url.search}`, "/");
  const search = here === "/" ? "" : `?${new URLSearchParams({ redirectTo: here })}`;
  throw redirect(`/login${search}`);
}

/** Where a person goes after signing in when no page asked for them: their console, or My account. */
export function homePath(principal: Pick<Principal, "roles" | "tenantSlug">): string {
  return principal.roles.length > 0 ? `/t/${principal.tenantSlug}/` : "/me";
}
