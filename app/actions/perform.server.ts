// The one path every action takes: validate input → tenant scope → load resource → policy decision →
// mutation → audit entry, with the mutation and its audit entry committed in ONE transaction. A denied or
// step-up attempt, an unknown action or a resource that is not there is recorded in a small transaction of
// its own (nothing else was written); a mutation that fails is rolled back whole and recorded as failed.
import { z } from "zod";
import { asTenant, isUuid } from "~db/tenant-scope";
import { tenantScope } from "~/db.server";
import { refreshAccess } from "~/tenancy/reach.server";
import { appendAuditEntries, appendAuditEntry } from "~/audit/trail.server";
import { appendMirrors } from "./mirror.server";
import { recordFailure } from "~/auth/throttle.server";
import type { AuditEntryInput } from "~/audit/types";
import { decide, decideMany } from "~/policy/engine.server";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Tx } from "~db/client";
import {
  ACTIONS,
  isActionId,
  type ActionId,
  type ContextFacts,
  type Decision,
  type DecisionRequest,
  type ResourceFacts,
} from "~/policy/types";
import { ActionFailure, type AnyActionDefinition, type MutationResult } from "./action";
import type { Actor } from "./actor.server";
import { getActionDefinition } from "./catalogue.server";
import { loadAccountResources } from "./resources.server";

export type ActionResult<Output = unknown> =
  | { ok: true; output: Output; decision: Decision; auditSeq: number }
  | { ok: false; kind: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; kind: "denied" | "needs_step_up"; decision: Decision }
  | { ok: false; kind: "failed"; message: string; field?: string };

const NOT_FOUND: Decision = {
  outcome: "deny",
  policyIds: ["resource-not-found"],
  sentence: "Blocked: there is no such item in this organisation.",
  sentences: { de: "Gesperrt: In dieser Organisation gibt es das nicht." },
};

const UNKNOWN_ACTION: Decision = {
  outcome: "deny",
  policyIds: ["unknown-action"],
  sentence: "Blocked: that is not an action Glasshouse knows.",
  sentences: { de: "Gesperrt: Diese Aktion kennt Glasshouse nicht." },
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
  const actingTenantId = actor.facts.actingTenantId;
  const parsed = await definition.input.safeParseAsync(rawInput);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (definition.auditInvalid) {
      const sentence = `The input was not valid (${Object.keys(fieldErrors).join(", ")}); nothing was done.`;
      await tenantScope(actingTenantId, (tx) =>
        recordFailed(tx, actor, definition, rawInput, sentence, actingTenantId),
      );
    }
    return { ok: false, kind: "invalid", fieldErrors };
  }
  const input = parsed.data;
  const now = new Date();
  // The organisation whose rows the action changes: the acting one, or a cross-tenant action's target.
  const target = definition.targetTenant?.(input);
  const tenantId = target !== undefined && isUuid(target) ? target.toLowerCase() : actingTenantId;
  const crossTenant = tenantId !== actingTenantId;

  let decidedAs = actor;
  try {
    return await tenantScope(tenantId, async (tx) => {
      // The acting organisation's own policies decide: for a cross-tenant action they are read in its
      // scope, before anything else runs in this transaction (the scope is the transaction's, not a query's).
      const crossTenantPolicies = crossTenant
        ? await asTenant(tx, actingTenantId, (scoped) => loadTenantPolicies(scoped, actingTenantId))
        : null;
      // In flight at once: postgres.js pipelines them on the transaction's connection.
      const [facts, resource, tenantPolicies] = await Promise.all([
        refreshAccess(tx, actor.facts),
        target !== undefined && !isUuid(target) ? null : definition.loadResource(tx, tenantId, input),
        crossTenantPolicies ?? loadTenantPolicies(tx, tenantId),
      ]);
      decidedAs = facts === actor.facts ? actor : { ...actor, facts };
      const decision = decideAttempt(decidedAs, definition, input, resource, tenantPolicies, now);
      if (decision.outcome !== "allow") throw new Refused(decision, resource);
      return await mutateAndRecord<Output>(tx, decidedAs, definition, input, resource, decision, now, tenantId);
    });
  } catch (error) {
    // A cross-tenant attempt the policy refused is the actor's own organisation's to know, not the target's
    // (an unlinked reseller probing writes nothing there); one the policy allowed that then failed reached
    // into the target's rows, so the target records it (and the actor's organisation keeps a copy).
    const recordIn = crossTenant && !(error instanceof ActionFailure) ? actingTenantId : tenantId;
    if (error instanceof Refused) {
      await tenantScope(recordIn, (tx) => recordRefusal(tx, decidedAs, definition, input, error, recordIn));
      const kind = error.decision.outcome === "needs_step_up" ? "needs_step_up" : "denied";
      return { ok: false, kind, decision: error.decision };
    }
    const expected = error instanceof ActionFailure;
    await tenantScope(recordIn, async (tx) => {
      // The mutation's transaction was rolled back; the count of a wrong secret must outlive it.
      if (expected && error.wrongSecretFor) {
        await recordFailure(tx, { email: error.wrongSecretFor.email, ip: actor.request.ipAddress });
      }
      await recordFailed(tx, decidedAs, definition, input, expected ? error.message : null, recordIn);
    });
    if (expected) return { ok: false, kind: "failed", message: error.message, field: error.field };
    throw error;
  }
}

/** What one input of a batch came to; `message` says why it was not done. */
export type BatchOutcome =
  | { ok: true }
  | { ok: false; kind: "denied" | "needs_step_up"; message: string; policyIds: string[] }
  | { ok: false; kind: "invalid" | "failed"; message: string };

/**
 * Performs `actionId` once per input inside the caller's transaction in the actor's acting tenant (a bulk
 * run's chunk, app/bulk/process.server.ts). Each input takes the same path as performAction: validated,
 * its resource loaded, decided, mutated and audited on its own. A refusal appends its entry and changes
 * nothing; a mutation that fails as expected is rolled back alone and recorded as failed. An unexpected
 * error aborts the whole transaction, so the caller can run the chunk again.
 *
 * Speed (a run of 10,000 accounts): the accounts are loaded in one query; the allowed inputs are changed
 * together, by the action's set-based `mutateMany` where it has one, else by its `mutate` per input with
 * the statements pipelined; and every input's audit entry is appended in one call at the end, so the
 * tenant's chain is locked only from there to the commit. If the inputs done together fail as expected,
 * their savepoint is rolled back and they are done again one by one, each in a savepoint of its own, so
 * each failure is the input's own.
 */
export async function performEach(
  tx: Tx,
  actor: Actor,
  actionId: ActionId,
  rawInputs: readonly unknown[],
): Promise<BatchOutcome[]> {
  const definition = getActionDefinition(actionId);
  if (!definition) throw new Error(`performEach: ${actionId} has no definition`);
  const tenantId = actor.facts.actingTenantId;
  const now = new Date();
  // A bulk run started through a delegation stops at the first chunk after the delegation is revoked.
  const facts = await refreshAccess(tx, actor.facts);
  if (facts !== actor.facts) actor = { ...actor, facts };
  const parsed = await Promise.all(rawInputs.map((raw) => definition.input.safeParseAsync(raw)));
  const [tenantPolicies, resources] = await Promise.all([
    loadTenantPolicies(tx, tenantId),
    loadEach(
      tx,
      tenantId,
      definition,
      parsed.map((one) => (one.success ? one.data : undefined)),
    ),
  ]);

  const outcomes: BatchOutcome[] = new Array(parsed.length);
  // Each input's entry at its own place, so the chain reads in the order of the inputs.
  const entries: (AuditEntryInput | null)[] = new Array(parsed.length).fill(null);
  const allowed: { index: number; input: unknown; resource: ResourceFacts; decision: Decision }[] = [];
  for (const [index, one] of parsed.entries()) {
    if (!one.success) {
      const [message] = Object.values(fieldErrorsOf(one.error)).flat();
      outcomes[index] = { ok: false, kind: "invalid", message: message ?? "The input was not valid." };
      continue;
    }
    const resource = resources[index] ?? null;
    const decision = decideAttempt(actor, definition, one.data, resource, tenantPolicies, now);
    if (decision.outcome === "allow") {
      allowed.push({ index, input: one.data, resource: resource!, decision });
      continue;
    }
    entries[index] = refusalEntry(actor, definition, one.data, new Refused(decision, resource));
    const kind = decision.outcome === "needs_step_up" ? "needs_step_up" : "denied";
    outcomes[index] = { ok: false, kind, message: decision.sentence, policyIds: decision.policyIds };
  }

  const done = (item: (typeof allowed)[number], result: MutationResult<unknown> | ActionFailure) => {
    if (result instanceof ActionFailure) {
      entries[item.index] = failedEntry(actor, definition, item.input, result.message);
      outcomes[item.index] = { ok: false, kind: "failed", message: result.message };
    } else {
      entries[item.index] = allowedEntry(actor, definition, item.input, item.resource, item.decision, result);
      outcomes[item.index] = { ok: true };
    }
  };
  const together = allowed.length > 1 && (await mutateTogether(tx, actor, definition, allowed, now));
  if (together) {
    together.forEach((result, position) => done(allowed[position]!, result));
  } else {
    for (const item of allowed) {
      try {
        const result = await tx.transaction((savepoint) =>
          mutateOnly(savepoint as Tx, actor, definition, item.input, item.resource, now),
        );
        done(item, result);
      } catch (error) {
        if (!(error instanceof ActionFailure)) throw error;
        done(item, error);
      }
    }
  }
  const recorded = entries.filter((entry): entry is AuditEntryInput => entry !== null);
  const appended = await appendAuditEntries(tx, recorded);
  await appendMirrors(
    tx,
    actor,
    recorded.map((entry, index) => ({ entry, seq: appended[index]!.seq })),
  );
  return outcomes;
}

/**
 * The allowed inputs of a batch changed together in one savepoint: by the action's `mutateMany` (which
 * answers an ActionFailure for an input it wrote nothing for), or by `mutate` per input, pipelined, when
 * each input is about an account of its own. Answers false when they cannot be done together (a legal
 * hold's accounts, say) or one of them failed as expected and the savepoint was rolled back.
 */
async function mutateTogether(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  allowed: readonly { input: unknown; resource: ResourceFacts }[],
  now: Date,
): Promise<(MutationResult<unknown> | ActionFailure)[] | false> {
  const mutateMany = definition.mutateMany;
  if (!mutateMany && !definition.resourceAccountId) return false;
  return tx
    .transaction(async (savepoint) => {
      const runner = savepoint as Tx;
      if (mutateMany) {
        return mutateMany({
          tx: runner,
          tenantId: actor.facts.actingTenantId,
          items: allowed.map(({ input, resource }) => ({ input, resource })),
          principal: actor.facts,
          request: actor.request,
          now,
        });
      }
      const settled = await Promise.allSettled(
        allowed.map((item) => mutateOnly(runner, actor, definition, item.input, item.resource, now)),
      );
      const failure = settled.find((result) => result.status === "rejected");
      // Every statement has finished (allSettled), so rolling back to the savepoint takes all of them.
      if (failure) throw failure.reason;
      return settled.map((result) => (result as PromiseFulfilledResult<MutationResult<unknown>>).value);
    })
    .catch((error: unknown) => {
      if (error instanceof ActionFailure) return false as const;
      throw error;
    });
}

/** The resources of a batch's inputs: one query when they are accounts, else one load each, pipelined. */
async function loadEach(
  tx: Tx,
  tenantId: string,
  definition: AnyActionDefinition,
  inputs: unknown[],
): Promise<(ResourceFacts | null)[]> {
  const accountOf = definition.resourceAccountId;
  if (!accountOf) {
    return Promise.all(
      inputs.map((input) => (input === undefined ? null : definition.loadResource(tx, tenantId, input))),
    );
  }
  const ids = inputs.map((input) => (input === undefined ? null : accountOf(input)));
  const loaded = await loadAccountResources(
    tx,
    tenantId,
    ids.filter((id): id is string => id !== null),
  );
  const byId = new Map(loaded.map((resource) => [resource.id, resource]));
  return ids.map((id) => (id === null ? null : (byId.get(id.toLowerCase()) ?? null)));
}

/** The decision for one attempt; a resource that is not there is refused without asking the engine. */
function decideAttempt(
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  resource: ResourceFacts | null,
  tenantPolicies: Awaited<ReturnType<typeof loadTenantPolicies>>,
  now: Date,
): Decision {
  if (!resource) return NOT_FOUND;
  const context: ContextFacts = { now, reason: definition.reason?.(input) ?? null, ...definition.context?.(input) };
  return decide({ principal: actor.facts, action: definition.id, resource, context }, tenantPolicies);
}

/** The allowed path: the mutation, then its audit entry, in the caller's transaction. */
async function mutateAndRecord<Output>(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  resource: ResourceFacts,
  decision: Decision,
  now: Date,
  tenantId: string,
): Promise<{ ok: true; output: Output; decision: Decision; auditSeq: number }> {
  const result = await mutateOnly(tx, actor, definition, input, resource, now, tenantId);
  const auditSeq = await recordAllowed(tx, actor, definition, input, resource, decision, result, tenantId);
  return { ok: true, output: result.output as Output, decision, auditSeq };
}

function mutateOnly(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  resource: ResourceFacts,
  now: Date,
  tenantId: string = actor.facts.actingTenantId,
): Promise<MutationResult<unknown>> {
  return definition.mutate({
    tx,
    tenantId,
    input,
    resource,
    principal: actor.facts,
    request: actor.request,
    now,
  });
}

/** The allowed attempt's audit entry; null for a read that is not audited. */
function allowedEntry(
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  resource: ResourceFacts,
  decision: Decision,
  result: MutationResult<unknown>,
  tenantId: string = actor.facts.actingTenantId,
): AuditEntryInput | null {
  // Reads by someone from another organisation (through a delegation or operator access) are always
  // recorded: every use of such access is the customer's and the person's to see.
  const isRead = "read" in ACTIONS[definition.id];
  if (isRead && !definition.auditAllowedRead && actor.facts.access.kind === "member") return null;
  return {
    ...baseEntry(actor, tenantId, definition.id),
    outcome: "allowed",
    subjectAccountId: definition.subjectAccountId?.(input, resource) ?? null,
    target: result.target ?? null,
    reason: result.reason !== undefined ? result.reason : (definition.reason?.(input) ?? null),
    policyIds: decision.policyIds,
    sentence: decision.sentence,
    changes: result.changes ?? null,
    visibility: definition.visibility ?? "subject",
  };
}

function refusalEntry(
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  refusal: Refused,
  tenantId: string = actor.facts.actingTenantId,
): AuditEntryInput {
  // The subject is only named in its own organisation's trail.
  const subject =
    refusal.resource && tenantId === actor.facts.actingTenantId
      ? (definition.subjectAccountId?.(input, refusal.resource) ?? null)
      : null;
  return {
    ...baseEntry(actor, tenantId, definition.id),
    outcome: refusal.decision.outcome === "needs_step_up" ? "needs_step_up" : "denied",
    subjectAccountId: subject,
    target: refusal.resource ? null : { requested: summariseInput(input) },
    reason: definition.reason?.(input) ?? null,
    policyIds: refusal.decision.policyIds,
    sentence: refusal.decision.sentence,
    visibility: refusalVisibility(actor, subject),
  };
}

/** A failed attempt: `message` is the expected failure's, or null for an unexpected error. */
function failedEntry(
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  message: string | null,
  tenantId: string = actor.facts.actingTenantId,
): AuditEntryInput {
  // The resource was found if the mutation ran; an id the caller named is only trusted when it is their own.
  const subject = ownAccountIn(actor, input);
  return {
    ...baseEntry(actor, tenantId, definition.id),
    outcome: "failed",
    subjectAccountId: subject,
    reason: definition.reason?.(input) ?? null,
    target: { requested: summariseInput(input) },
    sentence: message ?? "The action failed and nothing was changed.",
    visibility: refusalVisibility(actor, subject),
  };
}

/** The allowed attempt's audit entry (none for an unaudited read); answers its place in the chain. */
async function recordAllowed(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  resource: ResourceFacts,
  decision: Decision,
  result: MutationResult<unknown>,
  tenantId: string,
): Promise<number> {
  const entry = allowedEntry(actor, definition, input, resource, decision, result, tenantId);
  return entry ? await appendRecorded(tx, actor, entry) : 0;
}

async function recordRefusal(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  refusal: Refused,
  tenantId: string,
): Promise<void> {
  await appendRecorded(tx, actor, refusalEntry(actor, definition, input, refusal, tenantId));
}

async function recordFailed(
  tx: Tx,
  actor: Actor,
  definition: AnyActionDefinition,
  input: unknown,
  message: string | null,
  tenantId: string,
): Promise<void> {
  await appendRecorded(tx, actor, failedEntry(actor, definition, input, message, tenantId));
}

/** Appends the entry, and its copy to the actor's own organisation's trail when it went to another's. */
async function appendRecorded(tx: Tx, actor: Actor, entry: AuditEntryInput): Promise<number> {
  const { seq } = await appendAuditEntry(tx, entry);
  await appendMirrors(tx, actor, [{ entry, seq }]);
  return seq;
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
