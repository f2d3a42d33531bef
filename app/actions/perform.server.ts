// The one path every action takes: validate input → tenant scope → load resource → policy decision →
// mutation → audit entry, with the mutation and its audit entry committed in ONE transaction. A denied or
// step-up attempt, an unknown action or a resource that is not there is recorded in a small transaction of
// its own (nothing else was written); a mutation that fails is rolled back whole and recorded as failed.
import { z } from "zod";
import { tenantScope } from "~/db.server";
import { appendAuditEntry } from "~/audit/trail.server";
import { recordFailure } from "~/auth/throttle.server";
import type { AuditEntryInput } from "~/audit/types";
import { decide, decideMany } from "~/policy/engine.server";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import {
  ACTIONS,
  isActionId,
  type ContextFacts,
  type Decision,
  type DecisionRequest,
  type ResourceFacts,
} from "~/policy/types";
import { ActionFailure, type AnyActionDefinition } from "./action";
import type { Actor } from "./actor.server";
import { getActionDefinition } from "./catalogue.server";

export type ActionResult<Output = unknown> =
  | { ok: true; output: Output; decision: Decision; auditSeq: number }
  | { ok: false; kind: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; kind: "denied" | "needs_step_up"; decision: Decision }
  | { ok: false; kind: "failed"; message: string; field?: string };

const NOT_FOUND: Decision = {
  outcome: "deny",
  policyIds: ["resource-not-found"],
  sentence: "Blocked: there is no such item in this organisation.",
};

const UNKNOWN_ACTION: Decision = {
  outcome: "deny",
  policyIds: ["unknown-action"],
  sentence: "Blocked: that is not an action Glasshouse knows.",
};

class Refused extends Error {
  constructor(
    readonly decision: Decision,
    readonly resource: ResourceFacts | null,
  ) {
    super(decision.sentence);
  }
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const flattened = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(flattened.fieldErrors)) {
    if (Array.isArray(messages) && messages.length) fieldErrors[field] = messages as string[];
  }
  if (flattened.formErrors.length) fieldErrors._form = flattened.formErrors;
  return fieldErrors;
}

function baseEntry(actor: Actor, tenantId: string, action: string): Omit<AuditEntryInput, "outcome"> {
  return {
    tenantId,
    actor: actor.audit,
    action,
    requestId: actor.request.requestId,
    ipAddress: actor.request.ipAddress,
    userAgent: actor.request.userAgent,
  };
}

/**
 * Performs `actionId` with `rawInput` as `actor` in the actor's acting tenant. Never throws for bad input,
 * a refusal or an expected failure; unexpected errors are recorded as failed and rethrown.
 */
export async function performAction<Output = unknown>(
  actor: Actor,
  actionId: string,
  rawInput: unknown,
): Promise<ActionResult<Output>> {
  const definition = isActionId(actionId) ? getActionDefinition(actionId) : undefined;
  if (!definition) {
    const tenantId = actor.facts.actingTenantId;
    await tenantScope(tenantId, (tx) =>
      appendAuditEntry(tx, {
        ...baseEntry(actor, tenantId, actionId.slice(0, 100)),
        outcome: "denied",
        policyIds: UNKNOWN_ACTION.policyIds,
        sentence: UNKNOWN_ACTION.sentence,
        visibility: "admins",
      }),
    );
    return { ok: false, kind: "denied", decision: UNKNOWN_ACTION };
  }
  return runAction<Output>(actor, definition, rawInput);
}

/** Runs one definition through the path. Exported for tests that need an action the catalogue lacks. */
export async function runAction<Output = unknown>(
  actor: Actor,
  definition: AnyActionDefinition,
  rawInput: unknown,
): Promise<ActionResult<Output>> {
  const tenantId = actor.facts.actingTenantId;
  const actionId = definition.id;
  const parsed = await definition.input.safeParseAsync(rawInput);
  if (!parsed.success) return { ok: false, kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const reason = definition.reason?.(input) ?? null;
  const now = new Date();

  try {
    return await tenantScope(tenantId, async (tx) => {
      // Both in flight at once: postgres.js pipelines them on the transaction's connection.
      const [resource, tenantPolicies] = await Promise.all([
        definition.loadResource(tx, tenantId, input),
        loadTenantPolicies(tx, tenantId),
      ]);
      if (!resource) throw new Refused(NOT_FOUND, null);
      const context: ContextFacts = { now, reason, ...definition.context?.(input) };
      const decision = decide({ principal: actor.facts, action: actionId, resource, context }, tenantPolicies);
      if (decision.outcome !== "allow") throw new Refused(decision, resource);

      const result = await definition.mutate({ tx, tenantId, input, resource, principal: actor.facts, now });
      const isRead = "read" in ACTIONS[actionId];
      let auditSeq = 0;
      if (!isRead || definition.auditAllowedRead) {
        const appended = await appendAuditEntry(tx, {
          ...baseEntry(actor, tenantId, actionId),
          outcome: "allowed",
          subjectAccountId: definition.subjectAccountId?.(input, resource) ?? null,
          target: result.target ?? null,
          reason,
          policyIds: decision.policyIds,
          sentence: decision.sentence,
          changes: result.changes ?? null,
          visibility: definition.visibility ?? "subject",
        });
        auditSeq = appended.seq;
      }
      return { ok: true as const, output: result.output as Output, decision, auditSeq };
    });
  } catch (error) {
    if (error instanceof Refused) {
      const subject = error.resource ? (definition.subjectAccountId?.(input, error.resource) ?? null) : null;
      await tenantScope(tenantId, (tx) =>
        appendAuditEntry(tx, {
          ...baseEntry(actor, tenantId, actionId),
          outcome: error.decision.outcome === "needs_step_up" ? "needs_step_up" : "denied",
          subjectAccountId: subject,
          target: error.resource ? null : { requested: summariseInput(input) },
          reason,
          policyIds: error.decision.policyIds,
          sentence: error.decision.sentence,
          visibility: refusalVisibility(actor, subject),
        }),
      );
      const kind = error.decision.outcome === "needs_step_up" ? "needs_step_up" : "denied";
      return { ok: false, kind, decision: error.decision };
    }
    const expected = error instanceof ActionFailure;
    // The resource was found if the mutation ran; an id the caller named is only trusted when it is their own.
    const subject = ownAccountIn(actor, input);
    await tenantScope(tenantId, async (tx) => {
      // The mutation's transaction was rolled back; the count of a wrong secret must outlive it.
      if (expected && error.wrongSecretFor) {
        await recordFailure(tx, { email: error.wrongSecretFor.email, ip: actor.request.ipAddress });
      }
      await appendAuditEntry(tx, {
        ...baseEntry(actor, tenantId, actionId),
        outcome: "failed",
        subjectAccountId: subject,
        reason,
        target: { requested: summariseInput(input) },
        sentence: expected ? error.message : "The action failed and nothing was changed.",
        visibility: refusalVisibility(actor, subject),
      });
    });
    if (expected) return { ok: false, kind: "failed", message: error.message, field: error.field };
    throw error;
  }
}

/**
 * Who sees a refused or failed attempt: the admins always; the account's own person too when the attempt
 * was on their own account (a wrong current password, a wrong code when turning a factor off), since those
 * are security events they should see. An admin's refused attempt on someone else's account stays with the
 * admins: it changed nothing about that person.
 */
function refusalVisibility(actor: Actor, subject: string | null): "subject" | "admins" {
  return subject !== null && subject === actor.facts.accountId ? "subject" : "admins";
}

function ownAccountIn(actor: Actor, input: unknown): string | null {
  const named = input && typeof input === "object" ? (input as { accountId?: unknown }).accountId : undefined;
  return named === actor.facts.accountId ? actor.facts.accountId : null;
}

/** Ids (and other short scalars) of an input, for the record of a refused attempt; never free text or secrets. */
function summariseInput(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== "object") return {};
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (/password|secret|token|code|source|reason/i.test(key)) continue;
    if (typeof value === "string" && value.length <= 100) summary[key] = value;
    if (typeof value === "number" || typeof value === "boolean") summary[key] = value;
  }
  return summary;
}

/**
 * What the UI may offer: one batch of decisions for the actions it shows on the resources it shows. A
 * forbidden action is shown disabled with the sentence, not hidden.
 */
export function decideForUi(
  actor: Actor,
  requests: { action: DecisionRequest["action"]; resource: ResourceFacts; context?: Partial<ContextFacts> }[],
  tenantPolicies?: Parameters<typeof decideMany>[1],
): Decision[] {
  const now = new Date();
  return decideMany(
    requests.map((request) => ({
      principal: actor.facts,
      action: request.action,
      resource: request.resource,
      // The UI asks before the admin has written a reason; a placeholder keeps the written-reason rule
      // from hiding what matters here (allowed, refused, or allowed after a fresh second factor). The
      // action itself still needs a real reason.
      context: { now, reason: "(asked by the UI)", ...request.context },
    })),
    tenantPolicies,
  );
}
