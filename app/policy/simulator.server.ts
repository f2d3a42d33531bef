// "What would happen if Bob, helpdesk admin, reset Alice's password?" — a decision on real accounts of the
// organisation, with its saved policies and, optionally, a draft not yet saved. Nothing is written.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, organisations, roleAssignments, tenantPolicies } from "~db/schema";
import { loadAccountResource, loadOrganisationResource } from "~/actions/resources.server";
import { compileTenantPolicies, decide, validateTenantPolicies } from "./engine.server";
import { ACTIONS, type ActionId, type Decision, type ResourceFacts } from "./types";

export interface SimulationInput {
  principalEmail: string;
  action: ActionId;
  resourceEmail?: string;
  freshSecondFactor: boolean;
  reason?: string;
  /** A draft policy to try with the saved ones, replacing the saved policy `draftReplaces` if given. */
  draft?: { name: string; source: string; replaces?: string };
}

export type SimulationResult =
  | { ok: true; decision: Decision; principalName: string; resourceName: string }
  | { ok: false; field: "principalEmail" | "resourceEmail" | "action" | "source"; messages: string[] };

async function findAccountId(tx: Tx, tenantId: string, email: string) {
  const [row] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`lower(${accounts.email}) = lower(${email})`));
  return row?.id;
}

export async function simulateDecision(tx: Tx, tenantId: string, input: SimulationInput): Promise<SimulationResult> {
  const principalId = await findAccountId(tx, tenantId, input.principalEmail);
  if (!principalId)
    return { ok: false, field: "principalEmail", messages: ["No account in this organisation has that email."] };
  const [principalRow] = await tx
    .select({ name: accounts.displayName, kind: organisations.kind })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, principalId)));
  const roles = await tx
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.accountId, principalId)));

  let resource: ResourceFacts | null;
  const kind = ACTIONS[input.action].resource;
  if (kind === "Account") {
    if (!input.resourceEmail)
      return { ok: false, field: "resourceEmail", messages: ["Name the account the action is on."] };
    const resourceId = await findAccountId(tx, tenantId, input.resourceEmail);
    if (!resourceId)
      return { ok: false, field: "resourceEmail", messages: ["No account in this organisation has that email."] };
    resource = await loadAccountResource(tx, tenantId, resourceId);
  } else if (kind === "Organisation") {
    resource = await loadOrganisationResource(tx, tenantId);
  } else {
    return {
      ok: false,
      field: "action",
      messages: ["The simulator tries actions on accounts and on the organisation."],
    };
  }
  if (!resource) return { ok: false, field: "resourceEmail", messages: ["That account is not in this organisation."] };

  const saved = await tx
    .select({ id: tenantPolicies.id, name: tenantPolicies.name, source: tenantPolicies.source })
    .from(tenantPolicies)
    .where(eq(tenantPolicies.enabled, true));
  const sources = saved.filter((policy) => policy.id !== input.draft?.replaces);
  if (input.draft?.source.trim()) {
    // An invalid policy would lock the organisation down; say what is wrong with the draft instead.
    const validation = validateTenantPolicies(input.draft.source);
    if (!validation.ok) {
      return {
        ok: false,
        field: "source",
        messages: validation.errors.map((error) => `Line ${error.line}, column ${error.column}: ${error.message}`),
      };
    }
    sources.push({ id: "draft", name: input.draft.name || "draft", source: input.draft.source });
  }
  const compiled = sources.length ? compileTenantPolicies(tenantId, sources) : undefined;
  const now = new Date();
  const decision = decide(
    {
      principal: {
        accountId: principalId,
        name: principalRow!.name,
        homeTenantId: tenantId,
        homeTenantKind: principalRow!.kind,
        actingTenantId: tenantId,
        roles: roles.map((row) => row.role),
        access: { kind: "member" },
        secondFactorAt: input.freshSecondFactor ? now : null,
      },
      action: input.action,
      resource,
      context: { now, reason: input.reason || null },
    },
    compiled,
  );
  return {
    ok: true,
    decision,
    principalName: principalRow!.name,
    resourceName: resource.type === "Account" || resource.type === "Organisation" ? resource.name : "",
  };
}
