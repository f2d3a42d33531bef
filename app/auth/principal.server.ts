// Who is making this request: resolved once per request from the session cookie, with the admin roles the
// account holds in its home organisation. Guards throw Responses, as Remix expects.
import { redirect } from "@remix-run/node";
import type { AdminRole, OrganisationKind } from "~db/schema";
import { safeRedirectPath } from "~/security/redirect";
import { hashSessionToken } from "./session-adapter.server";
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
  /** The session token from the cookie (a secret: never render it). */
  sessionToken: string;
  /** The SHA-256 the sessions table stores: how the sessions list names this session. */
  sessionHash: string;
  /** When this session last confirmed a second factor (step-up), if ever. */
  secondFactorAt: Date | null;
  /** Whether the account has a confirmed authenticator app or a passkey. */
  hasSecondFactor: boolean;
  /** The home organisation requires every admin to have a second factor. */
  requireAdminMfa: boolean;
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
  // One transaction: the session, its account, organisation, roles and second factors (session-adapter).
  const { session, user } = await getLucia().validateSession(token);
  if (!session || !user) return null;
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
    roles: user.roles,
    sessionToken: token,
    sessionHash: hashSessionToken(token),
    secondFactorAt: session.secondFactorAt ?? null,
    hasSecondFactor: user.hasSecondFactor,
    requireAdminMfa: user.requireAdminMfa,
  };
}

/** Where a person whose password an admin reset must choose a new one before anything else. */
export const CHANGE_PASSWORD_PATH = "/me/password";

/**
 * The signed-in person; anyone else is sent to sign in and brought back here afterwards. A person who must
 * change their password (after an admin reset) is sent to do that first, from every page but that one.
 */
export async function requirePrincipal(
  request: Request,
  options: { allowPendingPasswordChange?: boolean } = {},
): Promise<Principal> {
  const principal = await getPrincipal(request);
  if (principal) {
    if (principal.mustChangePassword && !options.allowPendingPasswordChange) throw redirect(CHANGE_PASSWORD_PATH);
    return principal;
  }
  const url = new URL(request.url);
  const here = safeRedirectPath(`${url.pathname}${url.search}`, "/");
  const search = here === "/" ? "" : `?${new URLSearchParams({ redirectTo: here })}`;
  throw redirect(`/login${search}`);
}

/**
 * Where a person goes after signing in when no page asked for them: a reseller's people to their clients
 * (/partner), the operator's admins to /operator, a customer's admins to their console, everyone else to
 * My account.
 */
export function homePath(principal: Pick<Principal, "roles" | "tenantSlug" | "tenantKind">): string {
  if (principal.tenantKind === "reseller") return "/partner";
  if (principal.tenantKind === "operator" && principal.roles.length > 0) return "/operator";
  return principal.roles.length > 0 ? `/t/${principal.tenantSlug}/` : "/me";
}
