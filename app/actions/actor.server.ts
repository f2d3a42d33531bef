// The actor of an action: the principal's facts for the policy engine, how the audit trail names them, and
// where the request came from. Built once per request from the tenant access the route required.
import type { AppLoadContext } from "@remix-run/node";
import type { AuditActor } from "~/audit/types";
import type { Principal } from "~/auth/principal.server";
import { requestMetadata } from "~/context";
import type { PrincipalFacts } from "~/policy/types";
import { requireTenantAccess, type TenantAccess } from "~/tenancy/access.server";

export interface RequestMetadata {
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface Actor {
  facts: PrincipalFacts;
  /** The acting organisation's name, where known (a reseller's own trail names the client it acted in). */
  actingTenantName?: string;
  /** Null for the system: a scheduled job acting with the organisation's authority. */
  audit: AuditActor | null;
  request: RequestMetadata;
}

/** The actor for a principal acting in their own home organisation. */
export function memberActor(principal: Principal, request: Request, context?: AppLoadContext): Actor {
  return {
    facts: {
      accountId: principal.accountId,
      name: principal.displayName,
      homeTenantId: principal.tenantId,
      homeTenantKind: principal.tenantKind,
      actingTenantId: principal.tenantId,
      roles: principal.roles,
      access: { kind: "member" },
      secondFactorAt: principal.secondFactorAt,
    },
    audit: {
      accountId: principal.accountId,
      tenantId: principal.tenantId,
      name: principal.displayName,
      role: principal.roles.length ? principal.roles.join("+") : "member",
    },
    request: requestMetadata(request, context),
  };
}

/**
 * The actor for a principal in the console they opened: their own organisation's, or a client's through a
 * delegation (the delegation's roles, and the delegation on every audit entry), or a customer's through
 * operator access (no roles: the access's own grants decide).
 */
export function tenantActor(tenantAccess: TenantAccess, request: Request, context?: AppLoadContext): Actor {
  const { principal, tenant, access, roles } = tenantAccess;
  if (access.kind === "member") return { ...memberActor(principal, request, context), actingTenantName: tenant.name };
  return {
    facts: {
      accountId: principal.accountId,
      name: principal.displayName,
      homeTenantId: principal.tenantId,
      homeTenantKind: principal.tenantKind,
      actingTenantId: tenant.id,
      roles,
      access,
      secondFactorAt: principal.secondFactorAt,
    },
    actingTenantName: tenant.name,
    audit: {
      accountId: principal.accountId,
      tenantId: principal.tenantId,
      name: principal.displayName,
      role: access.kind === "delegation" ? roles.join("+") : "operator",
      delegationId: access.kind === "delegation" ? access.delegationId : null,
      operatorAccessId: access.kind === "operator" ? access.accessId : null,
    },
    request: requestMetadata(request, context),
  };
}

/** An id no account has: the system's principal id in policy decisions. */
export const SYSTEM_PRINCIPAL_ID = "00000000-0000-0000-0000-000000000000";

/**
 * The system acting in `tenantId`: a scheduled job (the purge after a termination's grace period) carrying
 * out what an admin of the organisation decided earlier, with the authority of its domain admins. The admin
 * gave the reason and the second factor when they decided; every forbid (a legal hold above all) still
 * applies now. Its audit entries name no person.
 */
export function systemActor(tenantId: string, name: string): Actor {
  return {
    facts: {
      accountId: SYSTEM_PRINCIPAL_ID,
      name,
      homeTenantId: tenantId,
      homeTenantKind: "customer",
      actingTenantId: tenantId,
      roles: ["domain_admin"],
      access: { kind: "member" },
      secondFactorAt: new Date(),
    },
    audit: null,
    request: { requestId: null, ipAddress: null, userAgent: null },
  };
}

/** The tenant the URL names, the principal's access to it (404 if none), and the actor for its actions. */
export async function requireTenantActor(request: Request, slug: string | undefined, context?: AppLoadContext) {
  const access = await requireTenantAccess(request, slug);
  return { ...access, actor: tenantActor(access, request, context) };
}

/** Answers a refused read with 403 and the engine's sentence, which the error page shows. */
export function forbidden(sentence: string): Response {
  return new Response(sentence, { status: 403, statusText: "Forbidden" });
}
