// Sessions: lucia over the tenant-scoped adapter. The cookie is HttpOnly, SameSite=Lax, Secure whenever
// the request arrived over TLS, and has no Expires: the database decides when a session ends (an idle
// timeout that slides with use, and an absolute lifetime that does not).
import { Cookie, Lucia, TimeSpan } from "lucia";
import type { AdminRole, OrganisationKind } from "~db/schema";
import { getConfig } from "~/config.server";
import { TenantSessionAdapter } from "./session-adapter.server";

export const SESSION_COOKIE = "glasshouse_session";

let instance: Lucia<SessionAttributes, UserAttributes> | undefined;

export function getLucia(): Lucia<SessionAttributes, UserAttributes> {
  if (instance) return instance;
  const config = getConfig();
  instance = new Lucia(new TenantSessionAdapter({ absoluteLifetimeMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000 }), {
    sessionExpiresIn: new TimeSpan(config.SESSION_IDLE_MINUTES, "m"),
    sessionCookie: { name: SESSION_COOKIE, expires: false, attributes: { sameSite: "lax", secure: false } },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });
  return instance;
}

/** Whether the request reached us over TLS (express sets X-Forwarded-Proto handling by `trust proxy`). */
export function isSecureRequest(request: Request): boolean {
  const config = getConfig();
  if (config.APP_ORIGIN) return config.APP_ORIGIN.startsWith("https:");
  return new URL(request.url).protocol === "https:";
}

// Built here rather than by lucia, which gives even a browser-session cookie a 400-day Max-Age.
function cookieHeader(value: string, request: Request, maxAge?: number): string {
  return new Cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isSecureRequest(request),
    maxAge,
  }).serialize();
}

export function sessionCookieHeader(token: string, request: Request): string {
  return cookieHeader(token, request);
}

export function blankSessionCookieHeader(request: Request): string {
  return cookieHeader("", request, 0);
}

const TOKEN = /^[a-z2-7]{20,64}$/;

/** The session token the request carries, or null. Malformed headers and values are no token, not an error. */
export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header || header.length > 8192) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    // lucia's tokens are 40 lower-case base32 characters; anything else is garbage and is not looked up.
    return TOKEN.test(value) ? value : null;
  }
  return null;
}

interface SessionAttributes {
  tenantId: string;
  createdAt?: Date;
  secondFactorAt?: Date | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

interface UserAttributes {
  tenantId: string;
  accountId: string;
  email: string;
  displayName: string;
  mustChangePassword: boolean;
  locale: string;
  timeZone: string;
  tenantSlug: string;
  tenantName: string;
  tenantKind: OrganisationKind;
  requireAdminMfa: boolean;
  /** Admin roles held in the home organisation. */
  roles: AdminRole[];
  /** A confirmed authenticator app or a passkey. */
  hasSecondFactor: boolean;
}

declare module "lucia" {
  interface Register {
    Lucia: Lucia<SessionAttributes, UserAttributes>;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}
