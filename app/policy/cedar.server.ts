// The policy engine's core: Cedar over the Glasshouse schema and the built-in policies, with an
// organisation's own policies added on top. Default deny and forbid-over-permit are Cedar's own rules, so
// a tenant's permit can never undo a built-in forbid. A forbid that cannot be evaluated refuses.
//
// Speed: cedar-wasm charges ~3 µs per policy and per attribute value sent, ~6 µs per entity. So each
// request goes to a slice of the policy set specialised for what is already known about it: its action,
// the actor's roles, which optional facts are present (a delegation, a second factor, a line manager, …)
// and how the facts the policies compare with each other compare (`resource.tenant ==
// principal.actingTenant`). What those settle is folded away, policies that can no longer apply are left
// out, and only the attributes the remaining policies read are sent. Every step is exact partial
// evaluation: Cedar gets a smaller question with the same answer, and the tests check that answer against
// Cedar asked the whole question (`specialise: false`). Answers are remembered by that smaller question
// (the decision cache): it holds every fact the remaining policies can see, so a remembered answer is
// never stale, and fifty rows that look alike to the policies cost one evaluation.
import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type {
  CedarValueJson,
  DetailedError,
  EntityJson,
  StatefulAuthorizationCall,
} from "@cedar-policy/cedar-wasm/nodejs";
import {
  describeDecision,
  describeEvaluationError,
  decisionOf,
  type SentenceRenderer,
  translate,
  type TenantPolicyInfo,
} from "./sentences";
import {
  ACTIONS,
  ACTION_IDS,
  STEP_UP_WINDOW_MS,
  type ActionId,
  type ContextFacts,
  type Decision,
  type DecisionRequest,
  type PrincipalFacts,
  type ResourceFacts,
} from "./types";

// Node 20's V8 crashes the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) when optimised code that inlined a JS→Wasm call is
// deoptimised mid-call; hot decision loops hit it within seconds. Not inlining those calls avoids it,
// and costs nothing measurable next to a Cedar evaluation. Applies to code optimised from here on.
setFlagsFromString("--no-turbo-inline-js-wasm-calls");

export const DEFAULT_DENY = "default-deny";
export const STEP_UP_POLICY = "step-up.second-factor";
const ENGINE_ERROR = "engine.error";
const ENGINE_FAILURE = "engine.failure";
const TENANT_INVALID = "tenant.invalid";
const TENANT_MISMATCH = "tenant.mismatch";

/** While an organisation's stored policies do not validate, everything but reading and fixing them is refused. */
const TENANT_INVALID_POLICY = `forbid (principal, action, resource)
unless { action in [Action::"policy.view", Action::"policy.update"] };`;

export interface PolicyEngineSources {
  schemaText: string;
  /** Built-in policy files by name ("tenancy.cedar"), each holding one or more `@id("…")` policies. */
  policyFiles: Record<string, string>;
  /** How many answers the decision cache keeps (default 20,000); 0 turns it off. */
  decisionCacheSize?: number;
  /**
   * False asks Cedar the whole question every time: every policy, every fact, no cache. Slow; it is the
   * reference the specialised engine is tested against.
   */
  specialise?: boolean;
}

export interface PolicyInfo {
  id: string;
  effect: "permit" | "forbid";
  text: string;
}

export interface BuiltInPolicy extends PolicyInfo {
  file: string;
}

export interface TenantPolicySource {
  id: string;
  name: string;
  source: string;
}

/** An organisation's policies, compiled on top of the built-ins. Opaque: pass it back to `decide`. */
export interface CompiledTenantPolicies {
  readonly tenantId: string;
  readonly hash: string;
  /** False when a stored policy no longer validates; the organisation is then locked down (see above). */
  readonly valid: boolean;
  readonly policies: readonly (PolicyInfo & { name: string })[];
}

export interface SourceError {
  message: string;
  line: number;
  column: number;
}

export type TenantValidation = { ok: true; policyCount: number } | { ok: false; errors: SourceError[] };

export interface PolicyEngine {
  decide(request: DecisionRequest, tenantPolicies?: CompiledTenantPolicies): Decision;
  decideMany(requests: DecisionRequest[], tenantPolicies?: CompiledTenantPolicies): Decision[];
  validateTenantPolicies(source: string): TenantValidation;
  compileTenantPolicies(tenantId: string, sources: TenantPolicySource[]): CompiledTenantPolicies;
  readonly schemaText: string;
  readonly builtInPolicies: readonly BuiltInPolicy[];
  /** Evaluations Cedar ran, answers the decision cache gave, and slices preparsed, since creation. */
  stats(): { evaluations: number; cacheHits: number; slicesPreparsed: number };
  /** Forgets every remembered answer (benchmarks; answers never go stale, see above). */
  clearDecisionCache(): void;
}

type PolicyJson = Extract<ReturnType<typeof cedar.policyToJson>, { type: "success" }>["json"];

interface PolicyEntry extends PolicyInfo {
  order: number;
  json: PolicyJson;
  /** The actions the policy's scope can match. */
  actions: ReadonlySet<ActionId>;
  tenant?: TenantPolicyInfo;
}

interface PolicySetModel {
  prefix: string;
  entries: ReadonlyMap<string, PolicyEntry>;
  slices: Map<string, Slice>;
  /** Per action, the comparisons its policies make between facts (`resource.tenant == principal.actingTenant`). */
  comparisons: Map<ActionId, Comparison[]>;
  /** No policy but the step-up one looks at the second factor, so a fresh one changes only that. */
  onlyStepUpReadsSecondFactor: boolean;
}

function createModel(prefix: string, entries: PolicyEntry[]): PolicySetModel {
  return {
    prefix,
    entries: new Map(entries.map((entry) => [entry.id, entry])),
    slices: new Map(),
    comparisons: new Map(),
    onlyStepUpReadsSecondFactor: entries.every(
      (entry) => entry.id === STEP_UP_POLICY || !JSON.stringify(entry.json).includes('"secondFactorAt"'),
    ),
  };
}

interface Slice extends Reads {
  serial: number;
  psetId: string;
  policies: Record<string, PolicyJson | string>;
}

interface Evaluation {
  decision: "allow" | "deny";
  reasons: string[];
  erroredForbids: string[];
}

let engineCount = 0;
let sliceCount = 0;
const MAX_COMPILED = 64;

export function createPolicyEngine(sources: PolicyEngineSources): PolicyEngine {
  const prefix = `glasshouse${++engineCount}`;
  const { schemaText } = sources;
  const cacheSize = sources.decisionCacheSize ?? 20_000;
  const schemaCheck = cedar.checkParseSchema(schemaText);
  if (schemaCheck.type === "failure") throw new Error(`Invalid Cedar schema: ${describeErrors(schemaCheck.errors)}`);
  const actionGroups = readActionGroups(schemaText);

  // Built-in policies: split per file, every policy named by its @id, the whole set validated at load.
  const builtInPolicies: BuiltInPolicy[] = [];
  for (const file of Object.keys(sources.policyFiles).sort(compareFiles)) {
    for (const { text, json } of splitPolicies(sources.policyFiles[file]!, file)) {
      const id = json.annotations?.id;
      if (!id) throw new Error(`${file}: every built-in policy needs an @id("…") annotation:\n${text}`);
      if (builtInPolicies.some((policy) => policy.id === id)) throw new Error(`${file}: duplicate policy id ${id}`);
      builtInPolicies.push({ id, effect: json.effect, text, file });
    }
  }
  const staticPolicies = Object.fromEntries(builtInPolicies.map((policy) => [policy.id, policy.text]));
  const validation = cedar.validate({ schema: schemaText, policies: { staticPolicies } });
  if (validation.type === "failure") throw new Error(`Built-in policies: ${describeErrors(validation.errors)}`);
  if (validation.validationErrors.length) {
    const details = validation.validationErrors.map((error) => `${error.policyId}: ${error.error.message}`);
    throw new Error(`Built-in policies do not validate against the schema:\n${details.join("\n")}`);
  }

  const builtInEntries = builtInPolicies.map((policy, order) => readPolicy(policy, order, actionGroups));
  const builtIns = createModel(`${prefix}:builtin`, builtInEntries);

  const preparsedBy = new Map<string, Slice>();
  const internals = new WeakMap<CompiledTenantPolicies, { model: PolicySetModel; slot: number }>();
  const compiled = new Map<string, CompiledTenantPolicies>();
  const freeSlots: number[] = [];
  let nextSlot = 0;
  let answers = new Map<string, Evaluation>();
  let evaluations = 0;
  let cacheHits = 0;
  let slicesPreparsed = 0;

  const specialising = sources.specialise ?? true;

  function comparisonsFor(model: PolicySetModel, action: ActionId): Comparison[] {
    let list = model.comparisons.get(action);
    if (!list) {
      const found = new Map<string, Comparison>();
      for (const entry of model.entries.values()) {
        if (entry.actions.has(action)) findComparisons(entry.json.conditions, found);
      }
      list = [...found.values()];
      model.comparisons.set(action, list);
    }
    return list;
  }

  function sliceFor(model: PolicySetModel, request: DecisionRequest, freshSecondFactor: boolean): Slice {
    const action = request.action;
    let key = "reference";
    let facts: FoldFacts | null = null;
    if (specialising) {
      const roles = request.principal.roles;
      const sortedRoles = roles.length > 1 ? [...roles].sort() : roles;
      const presence = presenceOf(request, freshSecondFactor);
      const comparisons = comparisonsFor(model, action);
      let compared = "";
      for (const comparison of comparisons) compared += compare(request, freshSecondFactor, comparison);
      key = `${action}|${presence}|${sortedRoles.join("+")}|${compared}`;
      if (!model.slices.has(key)) {
        const known = new Map<string, boolean>();
        comparisons.forEach((comparison, index) => {
          if (compared[index] !== "?") known.set(comparison.key, compared[index] === "T");
        });
        const resourceType = ACTIONS[action].resource;
        facts = { action, resourceType, groups: actionGroups, presence, roles: new Set(sortedRoles), known };
      }
    }
    let slice = model.slices.get(key);
    if (!slice) {
      const policies: Record<string, PolicyJson | string> = {};
      const reads = emptyReads();
      for (const entry of model.entries.values()) {
        if (!facts) {
          policies[entry.id] = entry.text;
          continue;
        }
        if (!entry.actions.has(action)) continue;
        const specialised = specialise(entry.json, facts);
        if (!specialised) continue;
        policies[entry.id] = specialised;
        collectReads(specialised, reads);
      }
      if (!facts) Object.assign(reads, everything());
      slice = { ...reads, serial: ++sliceCount, psetId: `${model.prefix}:${key}`, policies };
      model.slices.set(key, slice);
    }
    if (preparsedBy.get(slice.psetId) !== slice) {
      const answer = cedar.preparsePolicySet(slice.psetId, { staticPolicies: slice.policies });
      if (answer.type === "failure") {
        throw new Error(`Cannot load policies for ${action}: ${describeErrors(answer.errors)}`);
      }
      preparsedBy.set(slice.psetId, slice);
      slicesPreparsed++;
    }
    return slice;
  }

  function evaluate(model: PolicySetModel, request: DecisionRequest, freshSecondFactor: boolean): Evaluation | null {
    try {
      const slice = sliceFor(model, request, freshSecondFactor);
      const call = buildCall(request, slice, freshSecondFactor, actionGroups);
      const key = cacheSize > 0 && specialising ? cacheKey(slice, call) : "";
      const remembered = key ? answers.get(key) : undefined;
      if (remembered) {
        cacheHits++;
        return remembered;
      }
      evaluations++;
      const answer = cedar.statefulIsAuthorized(call);
      if (answer.type === "failure") return null;
      const { decision, diagnostics } = answer.response;
      const erroredForbids = diagnostics.errors
        .map((error) => error.policyId)
        .filter((id) => model.entries.get(id)?.effect !== "permit");
      const evaluation: Evaluation = { decision, reasons: diagnostics.reason, erroredForbids };
      if (key) {
        if (answers.size >= cacheSize) answers = new Map();
        answers.set(key, evaluation);
      }
      return evaluation;
    } catch {
      return null;
    }
  }

  /** A copy (remembered answers are shared) in the order the sentences should win. */
  function byOrder(model: PolicySetModel, ids: string[]): string[] {
    const rank = (id: string) => model.entries.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
    return ids.length > 1 ? [...ids].sort((a, b) => rank(a) - rank(b)) : [...ids];
  }

  function describe(model: PolicySetModel, policyId: string, request: DecisionRequest) {
    const tenant = model.entries.get(policyId)?.tenant;
    return ((locale) => describeDecision(policyId, request, tenant, locale)) satisfies SentenceRenderer;
  }

  function conclude(model: PolicySetModel, request: DecisionRequest, evaluation: Evaluation | null): Decision {
    if (!evaluation) return refuse([ENGINE_ERROR], (locale) => translate(ENGINE_FAILURE, {}, locale));
    if (evaluation.erroredForbids.length) {
      const ids = byOrder(model, evaluation.erroredForbids);
      return refuse(ids, (locale) => describeEvaluationError(ids[0]!, locale));
    }
    const ids = byOrder(model, evaluation.reasons);
    if (evaluation.decision === "allow") {
      return decisionOf("allow", ids, describe(model, ids[0]!, request));
    }
    if (ids.length === 0) {
      return refuse([DEFAULT_DENY], (locale) => describeDecision(DEFAULT_DENY, request, undefined, locale));
    }
    // A refusal for another reason is not cured by a second factor: name only the real objections.
    const objections = ids.length > 1 ? ids.filter((id) => id !== STEP_UP_POLICY) : ids;
    return refuse(objections, describe(model, objections[0]!, request));
  }

  function decide(request: DecisionRequest, tenantPolicies?: CompiledTenantPolicies): Decision {
    const spec = Object.hasOwn(ACTIONS, request.action) ? ACTIONS[request.action] : undefined;
    if (!spec || request.resource?.type !== spec.resource) {
      return refuse([ENGINE_ERROR], (locale) => translate(ENGINE_FAILURE, {}, locale));
    }
    let model = builtIns;
    if (tenantPolicies) {
      const internal = internals.get(tenantPolicies);
      if (!internal || tenantPolicies.tenantId !== request.principal.actingTenantId) {
        return refuse([TENANT_MISMATCH], (locale) => translate(TENANT_MISMATCH, {}, locale));
      }
      model = internal.model;
    }
    // A destructive (or step-up) request whose second factor looks stale is first decided as if it were fresh: when
    // that is refused anyway (the common case), one evaluation settles it. Only a hint for the order;
    // Cedar decides either way, and the answer is the same as in the general path below.
    const factorAt = request.principal.secondFactorAt?.getTime();
    const looksStale = factorAt === undefined || request.context.now.getTime() - factorAt > STEP_UP_WINDOW_MS;
    if (("destructive" in spec || "stepUp" in spec) && looksStale && model.onlyStepUpReadsSecondFactor) {
      const fresh = evaluate(model, request, true);
      if (fresh?.decision !== "allow" || fresh.erroredForbids.length) return conclude(model, request, fresh);
    }
    const first = evaluate(model, request, false);
    const onlyStepUp =
      first?.decision === "deny" &&
      first.erroredForbids.length === 0 &&
      first.reasons.length > 0 &&
      first.reasons.every((id) => id === STEP_UP_POLICY);
    if (!onlyStepUp) return conclude(model, request, first);
    // The second factor is the only objection: would a fresh one let the action through?
    const second = evaluate(model, request, true);
    if (second?.decision === "allow" && second.erroredForbids.length === 0) {
      return decisionOf("needs_step_up", [STEP_UP_POLICY], describe(model, STEP_UP_POLICY, request));
    }
    return conclude(model, request, second);
  }

  function validateTenantPolicies(source: string): TenantValidation {
    const at = (error: DetailedError): SourceError[] => {
      const location = error.sourceLocations?.[0];
      const position = location ? lineAndColumn(source, location.start) : { line: 1, column: 1 };
      return [{ message: cleanMessage(error), ...position }, ...(error.related ?? []).flatMap(at)];
    };
    const parts = cedar.policySetTextToParts(source);
    if (parts.type === "failure") return { ok: false, errors: parts.errors.flatMap(at) };
    const errors: SourceError[] = [];
    const positionOf = (at: number) => lineAndColumn(source, byteOffset(source, at));
    for (const { at } of locateParts(source, parts.policy_templates)) {
      const message = "Templates (policies with ?principal or ?resource) are not supported.";
      errors.push({ message, ...positionOf(at) });
    }
    const seen = new Set<string>();
    for (const { part, at } of locateParts(source, parts.policies)) {
      const json = cedar.policyToJson(part);
      const id = json.type === "success" ? json.json.annotations?.id : undefined;
      if (!id) continue;
      if (seen.has(id)) errors.push({ message: `Two policies have the id "${id}".`, ...positionOf(at) });
      seen.add(id);
    }
    // Cedar refuses a set holding templates outright, without a position: report ours instead.
    if (parts.policy_templates.length === 0) {
      const answer = cedar.validate({ schema: schemaText, policies: { staticPolicies: source } });
      if (answer.type === "failure") errors.push(...answer.errors.flatMap(at));
      else errors.push(...answer.validationErrors.flatMap(({ error }) => at(error)));
    }
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return errors.length ? { ok: false, errors } : { ok: true, policyCount: parts.policies.length };
  }

  function compileTenantPolicies(tenantId: string, sources: TenantPolicySource[]): CompiledTenantPolicies {
    const hash = createHash("sha256")
      .update(JSON.stringify([tenantId, sources.map((source) => [source.id, source.name, source.source])]))
      .digest("hex");
    const cached = compiled.get(hash);
    if (cached) {
      compiled.delete(hash);
      compiled.set(hash, cached);
      return cached;
    }

    let tenantEntries: PolicyEntry[] = [];
    let infos: (PolicyInfo & { name: string })[] = [];
    let valid = true;
    let order = builtInPolicies.length;
    for (const source of sources) {
      if (!validateTenantPolicies(source.source).ok) {
        valid = false;
        continue;
      }
      splitPolicies(source.source, source.name).forEach(({ text, json }, index) => {
        let id = `tenant:${source.name}:${json.annotations?.id ?? index + 1}`;
        while (infos.some((info) => info.id === id)) id = `${id}'`;
        const tenant: TenantPolicyInfo = {
          effect: json.effect,
          name: source.name,
          sentence: json.annotations?.sentence,
        };
        tenantEntries.push({ ...readPolicy({ id, effect: json.effect, text }, order++, actionGroups), tenant });
        infos.push({ id, effect: json.effect, text, name: source.name });
      });
    }
    if (!valid) {
      const lockdown = { id: TENANT_INVALID, effect: "forbid" as const, text: TENANT_INVALID_POLICY };
      tenantEntries = [readPolicy(lockdown, order, actionGroups)];
      infos = [];
    }

    if (compiled.size >= MAX_COMPILED) {
      const [oldest, evicted] = compiled.entries().next().value!;
      compiled.delete(oldest);
      freeSlots.push(internals.get(evicted)!.slot);
    }
    // Preparsed slices live in cedar-wasm until overwritten: reuse slots so drafts tried in the simulator
    // do not pile up. A compiled set whose slot was taken over simply preparses again when next used.
    const slot = freeSlots.pop() ?? nextSlot++;
    const model = createModel(`${prefix}:tenant${slot}`, [...builtInEntries, ...tenantEntries]);
    const result: CompiledTenantPolicies = Object.freeze({ tenantId, hash, valid, policies: Object.freeze(infos) });
    internals.set(result, { model, slot });
    compiled.set(hash, result);
    return result;
  }

  return {
    decide,
    decideMany: (requests, tenantPolicies) => requests.map((request) => decide(request, tenantPolicies)),
    validateTenantPolicies,
    compileTenantPolicies,
    schemaText,
    builtInPolicies,
    stats: () => ({ evaluations, cacheHits, slicesPreparsed }),
    clearDecisionCache: () => {
      answers = new Map();
    },
  };
}

function refuse(policyIds: string[], render: SentenceRenderer): Decision {
  return decisionOf("deny", policyIds, render);
}

// ---------------------------------------------------------------------------------------------------
// From facts to a Cedar request

/** Optional facts whose presence is settled before Cedar sees the request (bit per fact). */
const OPTIONAL_FACTS = {
  principal: { delegation: 1, secondFactorAt: 2, operatorAccess: 128 },
  resource: { managerId: 4 },
  context: { setting: 8, role: 16, roles: 32, settings: 64, durationDays: 256 },
} as const satisfies Record<"principal" | "resource" | "context", Record<string, number>>;

function presenceOf(request: DecisionRequest, freshSecondFactor: boolean): number {
  const { principal, resource, context } = request;
  let bits = 0;
  if (principal.access.kind === "delegation") bits |= 1;
  if (freshSecondFactor || principal.secondFactorAt) bits |= 2;
  if (resource.type === "Account" && resource.managerId !== null) bits |= 4;
  if (context.setting !== undefined) bits |= 8;
  if (context.role !== undefined) bits |= 16;
  if (context.roles !== undefined) bits |= 32;
  if (context.settings !== undefined) bits |= 64;
  if (principal.access.kind === "operator") bits |= 128;
  if (context.durationDays !== undefined) bits |= 256;
  return bits;
}

const uid = (type: string, id: string) => ({ type, id });

type Value = CedarValueJson | undefined;
type Getter<T> = (facts: T, request: DecisionRequest, freshSecondFactor: boolean) => Value;
type ResourceType = ResourceFacts["type"];

/** The one mapping from facts to Cedar attributes (see glasshouse.cedarschema). */
const PRINCIPAL_ATTRIBUTES: Record<string, Getter<PrincipalFacts>> = {
  accountId: (principal) => principal.accountId,
  name: (principal) => principal.name,
  homeTenant: (principal) => principal.homeTenantId,
  homeTenantKind: (principal) => principal.homeTenantKind,
  actingTenant: (principal) => principal.actingTenantId,
  roles: (principal) => principal.roles,
  delegation: ({ access }) => {
    if (access.kind !== "delegation") return undefined;
    const delegation: Record<string, CedarValueJson> = {
      id: access.delegationId,
      number: access.number,
      reseller: access.resellerId,
      status: access.status,
      roles: access.roles,
      assigned: access.assigned,
    };
    if (access.expiresAt) delegation.expiresAt = access.expiresAt.getTime();
    return delegation;
  },
  operatorAccess: ({ access }) => {
    if (access.kind !== "operator") return undefined;
    const operatorAccess: Record<string, CedarValueJson> = {
      id: access.accessId,
      status: access.status,
      mode: access.mode,
      actions: access.actions,
    };
    if (access.endsAt) operatorAccess.endsAt = access.endsAt.getTime();
    if (access.subjectAccountId) operatorAccess.subject = access.subjectAccountId;
    return operatorAccess;
  },
  secondFactorAt: (principal, request, fresh) => (fresh ? request.context.now : principal.secondFactorAt)?.getTime(),
};

const RESOURCE_ATTRIBUTES: { [T in ResourceType]: Record<string, Getter<Extract<ResourceFacts, { type: T }>>> } = {
  Account: {
    id: (account) => account.id,
    tenant: (account) => account.tenantId,
    name: (account) => account.name,
    status: (account) => account.status,
    roles: (account) => account.roles,
    managerId: (account) => account.managerId ?? undefined,
    legalHolds: (account) => account.holds.map((hold) => hold.name),
    lockedSettings: (account) => account.locks.map((lock) => lock.setting),
  },
  Organisation: {
    tenant: (organisation) => organisation.id,
    name: (organisation) => organisation.name,
    kind: (organisation) => organisation.kind,
    linkedResellers: (organisation) => organisation.linkedResellerIds,
    legalHolds: (organisation) => (organisation.holds ?? []).map((hold) => hold.name),
  },
  LegalHold: {
    id: (hold) => hold.id,
    tenant: (hold) => hold.tenantId,
    name: (hold) => hold.name,
    released: (hold) => hold.released,
  },
  Delegation: {
    id: (delegation) => delegation.id,
    tenant: (delegation) => delegation.tenantId,
    number: (delegation) => delegation.number,
    reseller: (delegation) => delegation.resellerId,
    status: (delegation) => delegation.status,
    roles: (delegation) => delegation.roles,
    durationDays: (delegation) => delegation.durationDays,
  },
  OperatorAccess: {
    id: (access) => access.id,
    tenant: (access) => access.tenantId,
    status: (access) => access.status,
    operator: (access) => access.operatorAccountId,
  },
};

const CONTEXT_ATTRIBUTES: Record<string, Getter<ContextFacts>> = {
  now: (context) => context.now.getTime(),
  reason: (context) => (context.reason ?? "").trim(),
  setting: (context) => context.setting,
  role: (context) => context.role,
  roles: (context) => context.roles,
  settings: (context) => context.settings,
  durationDays: (context) => context.durationDays,
  action: (_context, request) => request.action,
};

type Variable = "principal" | "resource" | "context";

function attributeValue(request: DecisionRequest, fresh: boolean, variable: Variable, name: string): Value {
  switch (variable) {
    case "principal":
      return PRINCIPAL_ATTRIBUTES[name]?.(request.principal, request, fresh);
    case "resource": {
      const getters = RESOURCE_ATTRIBUTES[request.resource.type] as Record<string, Getter<ResourceFacts>>;
      return getters[name]?.(request.resource, request, fresh);
    }
    case "context":
      return CONTEXT_ATTRIBUTES[name]?.(request.context, request, fresh);
  }
}

function attributes(request: DecisionRequest, fresh: boolean, variable: Variable, names: readonly string[]) {
  const record: Record<string, CedarValueJson> = {};
  for (const name of names) {
    const value = attributeValue(request, fresh, variable, name);
    if (value !== undefined) record[name] = value;
  }
  return record;
}

function buildCall(
  request: DecisionRequest,
  slice: Slice,
  freshSecondFactor: boolean,
  groups: Map<string, string[]>,
): StatefulAuthorizationCall {
  const principalUid = uid("Actor", request.principal.accountId);
  const resourceUid = uid(request.resource.type, request.resource.id);
  const entities: EntityJson[] = [
    {
      uid: principalUid,
      attrs: attributes(request, freshSecondFactor, "principal", slice.principalReads),
      parents: [],
    },
    { uid: resourceUid, attrs: attributes(request, freshSecondFactor, "resource", slice.resourceReads), parents: [] },
  ];
  if (slice.usesAction) {
    const parents = (groups.get(request.action) ?? []).map((id) => uid("Action", id));
    entities.push({ uid: uid("Action", request.action), attrs: {}, parents });
  }
  return {
    principal: principalUid,
    action: uid("Action", request.action),
    resource: resourceUid,
    context: attributes(request, freshSecondFactor, "context", slice.contextReads),
    preparsedPolicySetId: slice.psetId,
    entities,
  };
}

/** "T" or "F" when the comparison's terms are all known facts and literals, "?" when Cedar has to look. */
function compare(request: DecisionRequest, fresh: boolean, comparison: Comparison): string {
  const left = termValue(request, fresh, comparison.left);
  const right = termValue(request, fresh, comparison.right);
  if (left === undefined || right === undefined) return "?";
  let holds: boolean;
  switch (comparison.op) {
    case "==":
    case "!=":
      // Cedar's == is false, not an error, between values of different types.
      holds = (left === right) === (comparison.op === "==");
      break;
    default:
      if (typeof left !== "number" || typeof right !== "number") return "?";
      holds =
        comparison.op === "<"
          ? left < right
          : comparison.op === "<="
            ? left <= right
            : comparison.op === ">"
              ? left > right
              : left >= right;
  }
  return holds ? "T" : "F";
}

/** Largest magnitude taken into arithmetic: sums and differences stay exact doubles, far from i64 overflow. */
const EXACT = 2 ** 52;

function termValue(request: DecisionRequest, fresh: boolean, term: Term): string | number | boolean | undefined {
  switch (term.kind) {
    case "literal":
      return term.value;
    case "path": {
      let value = attributeValue(request, fresh, term.variable, term.names[0]!);
      for (const name of term.names.slice(1)) {
        if (!value || typeof value !== "object" || Array.isArray(value) || "__entity" in value || "__extn" in value) {
          return undefined;
        }
        value = (value as Record<string, CedarValueJson>)[name];
      }
      if (typeof value === "string" || typeof value === "boolean") return value;
      return typeof value === "number" && Math.abs(value) <= EXACT ? value : undefined;
    }
    case "+":
    case "-": {
      const left = termValue(request, fresh, term.left);
      const right = termValue(request, fresh, term.right);
      if (typeof left !== "number" || typeof right !== "number") return undefined;
      const value = term.kind === "+" ? left + right : left - right;
      return Math.abs(value) <= EXACT ? value : undefined;
    }
  }
}

/** Everything the slice's policies can observe, and nothing else: equal keys, equal answers. */
function cacheKey(slice: Slice, call: StatefulAuthorizationCall): string {
  const [actor, resource] = call.entities;
  return JSON.stringify([
    slice.serial,
    slice.observesPrincipal ? call.principal : 0,
    slice.observesResource ? call.resource : 0,
    actor!.attrs,
    resource!.attrs,
    call.context,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Reading policies: splitting a file, which actions a policy's scope matches

function splitPolicies(text: string, name: string): { text: string; json: PolicyJson }[] {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === "failure") throw new Error(`${name}: ${describeErrors(parts.errors)}`);
  if (parts.policy_templates.length) throw new Error(`${name}: templates are not supported`);
  return locateParts(text, parts.policies).map(({ part }) => {
    const json = cedar.policyToJson(part);
    if (json.type === "failure") throw new Error(`${name}: ${describeErrors(json.errors)}`);
    return { text: part, json: json.json };
  });
}

/** Where each part starts in the source, in source order (policySetTextToParts sorts by generated id). */
function locateParts(source: string, parts: string[]): { part: string; at: number }[] {
  const lastSeen = new Map<string, number>();
  const located = parts.map((part) => {
    const at = source.indexOf(part, (lastSeen.get(part) ?? -1) + 1);
    lastSeen.set(part, at);
    return { part, at: Math.max(0, at) };
  });
  return located.sort((a, b) => a.at - b.at);
}

/** Each action's groups (transitively), from the schema: account.purge → destructive, deletesData. */
function readActionGroups(schemaText: string): Map<string, string[]> {
  const answer = cedar.schemaToJson(schemaText);
  if (answer.type === "failure") throw new Error(`Invalid Cedar schema: ${describeErrors(answer.errors)}`);
  const actions = answer.json[""]?.actions ?? {};
  const direct = new Map(
    Object.entries(actions).map(([id, spec]) => [id, (spec.memberOf ?? []).map((parent) => String(parent.id))]),
  );
  const groups = new Map<string, string[]>();
  for (const id of direct.keys()) {
    const seen = new Set<string>();
    const queue = [...(direct.get(id) ?? [])];
    while (queue.length) {
      const parent = queue.shift()!;
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(...(direct.get(parent) ?? []));
    }
    groups.set(id, [...seen]);
  }
  for (const action of ACTION_IDS) {
    if (!groups.has(action)) throw new Error(`The schema does not declare the action ${action}`);
  }
  return groups;
}

function entityId(value: unknown): { type: string; id: string } | null {
  if (!value || typeof value !== "object") return null;
  const inner = "__entity" in value ? (value as { __entity: unknown }).__entity : value;
  if (inner && typeof inner === "object" && "id" in inner && typeof inner.id === "string") {
    const type = "type" in inner && typeof inner.type === "string" ? inner.type : "Action";
    return { type, id: inner.id };
  }
  return null;
}

function isInGroup(action: ActionId, target: { type: string; id: string }, groups: Map<string, string[]>): boolean {
  return target.type === "Action" && (target.id === action || (groups.get(action)?.includes(target.id) ?? false));
}

function readPolicy(policy: PolicyInfo, order: number, groups: Map<string, string[]>): PolicyEntry {
  const parsed = cedar.policyToJson(policy.text);
  if (parsed.type === "failure") throw new Error(`${policy.id}: ${describeErrors(parsed.errors)}`);
  const json = parsed.json;
  const scope = json.action;
  const matches = (action: ActionId): boolean => {
    if (scope.op === "All") return true;
    if (scope.op === "==") {
      const target = "entity" in scope ? entityId(scope.entity) : null;
      return target ? isInGroup(action, target, new Map()) : true;
    }
    const targets = "entities" in scope ? scope.entities : [scope.entity];
    return targets.some((entity) => {
      const target = entityId(entity);
      return target ? isInGroup(action, target, groups) : true;
    });
  };
  const resourceType =
    json.resource.op === "is"
      ? json.resource.entity_type
      : json.resource.op === "==" && "entity" in json.resource
        ? entityId(json.resource.entity)?.type
        : undefined;
  const actions = ACTION_IDS.filter(
    (action) => matches(action) && (!resourceType || ACTIONS[action].resource === resourceType),
  );
  return { ...policy, order, json, actions: new Set(actions) };
}

// ---------------------------------------------------------------------------------------------------
// Specialising a policy for one action, the presence of optional facts and the actor's roles (partial
// evaluation)

type Expr = Record<string, unknown>;

interface FoldFacts {
  action: ActionId;
  resourceType: string;
  groups: Map<string, string[]>;
  presence: number;
  /** The actor's roles: `principal.roles.contains("auditor")` is settled before Cedar is asked. */
  roles: ReadonlySet<string>;
  /** Comparisons settled by the facts, by Comparison.key: `resource.tenant == principal.actingTenant`. */
  known: ReadonlyMap<string, boolean>;
}

const TRUE: Expr = { Value: true };
const FALSE: Expr = { Value: false };
const constant = (expr: Expr): boolean | undefined => (typeof expr.Value === "boolean" ? expr.Value : undefined);
const isVar = (expr: unknown, name: string) => !!expr && (expr as Expr).Var === name;
const literalEntity = (value: unknown) =>
  value && typeof value === "object" && "__entity" in value ? entityId(value) : null;

/**
 * The policy as it reads for `facts.action`, or null if it cannot apply. Its action scope is known to
 * match (see readPolicy), so it becomes `action`; a bare `resource is T` is settled by the action.
 */
function specialise(json: PolicyJson, facts: FoldFacts): PolicyJson | null {
  const resource = json.resource;
  const bareIs = resource.op === "is" && !("in" in resource && resource.in);
  const principal = json.principal;
  if (principal.op === "is" && !("in" in principal && principal.in) && principal.entity_type !== "Actor") return null;
  const conditions: PolicyJson["conditions"] = [];
  for (const clause of json.conditions) {
    const body = fold(clause.body as Expr, facts) as typeof clause.body;
    const value = constant(body as Expr);
    if (value === undefined) {
      conditions.push({ kind: clause.kind, body });
      continue;
    }
    // A clause settled to "holds" drops out; one settled to "fails" before anything that could err
    // means the policy never applies.
    const holds = clause.kind === "when" ? value : !value;
    if (holds) continue;
    if (conditions.length === 0) return null;
    conditions.push({ kind: clause.kind, body });
  }
  return {
    ...json,
    principal: principal.op === "is" && !("in" in principal && principal.in) ? { op: "All" } : principal,
    action: { op: "All" },
    resource: bareIs ? { op: "All" } : resource,
    conditions,
  };
}

function optionalBit(variable: unknown, attr: unknown): number | undefined {
  if (typeof attr !== "string") return undefined;
  for (const name of ["principal", "resource", "context"] as const) {
    if (isVar(variable, name)) return (OPTIONAL_FACTS[name] as Record<string, number>)[attr];
  }
  return undefined;
}

function fold(expr: Expr, facts: FoldFacts): Expr {
  const [op, body] = Object.entries(expr)[0] ?? [];
  if (op === undefined || op === "Value" || op === "Var" || op === "Slot") return expr;
  const node = body as Expr;
  const sub = (name: string) => fold(node[name] as Expr, facts);

  switch (op) {
    case "&&": {
      const left = sub("left");
      if (constant(left) === false) return FALSE;
      const right = sub("right");
      if (constant(left) === true) return right;
      if (constant(right) === true) return left;
      return { "&&": { left, right } };
    }
    case "||": {
      const left = sub("left");
      if (constant(left) === true) return TRUE;
      const right = sub("right");
      if (constant(left) === false) return right;
      if (constant(right) === false) return left;
      return { "||": { left, right } };
    }
    case "!": {
      const arg = sub("arg");
      const value = constant(arg);
      return value === undefined ? { "!": { arg } } : { Value: !value };
    }
    case "if-then-else": {
      const condition = sub("if");
      const value = constant(condition);
      if (value !== undefined) return sub(value ? "then" : "else");
      return { "if-then-else": { if: condition, then: sub("then"), else: sub("else") } };
    }
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "!=":
    case "==":
    case "in": {
      const comparison = op === "in" ? null : comparisonOf(expr);
      const known = comparison ? facts.known.get(comparison.key) : undefined;
      if (known !== undefined) return known ? TRUE : FALSE;
      if (op !== "==" && op !== "!=" && op !== "in") return { [op]: { left: sub("left"), right: sub("right") } };
      const right = node.right as Expr;
      if (op !== "!=" && isVar(node.left, "action")) {
        // `action == Action::"x"`, `action in Action::"group"`, `action in [Action::"x", …]`
        const items =
          op === "=="
            ? [right.Value]
            : Array.isArray(right.Set)
              ? (right.Set as Expr[]).map((item) => item.Value)
              : Array.isArray(right.Value)
                ? right.Value
                : [right.Value];
        const targets = items.map(literalEntity);
        if (targets.every((target) => target !== null)) {
          const groups = op === "in" ? facts.groups : new Map<string, string[]>();
          return targets.some((target) => isInGroup(facts.action, target!, groups)) ? TRUE : FALSE;
        }
      }
      return { [op]: { left: sub("left"), right: sub("right") } };
    }
    case "has": {
      const bit = optionalBit(node.left, node.attr);
      if (bit !== undefined) return facts.presence & bit ? TRUE : FALSE;
      if (Array.isArray(node.attr) && node.attr.length > 1) {
        const first = optionalBit(node.left, node.attr[0]);
        if (first !== undefined && !(facts.presence & first)) return FALSE;
      }
      return { has: { ...node, left: sub("left") } };
    }
    case "is": {
      if (!node.in && isVar(node.left, "resource")) return node.entity_type === facts.resourceType ? TRUE : FALSE;
      if (!node.in && isVar(node.left, "principal")) return node.entity_type === "Actor" ? TRUE : FALSE;
      return { is: { ...node, left: sub("left"), ...(node.in ? { in: sub("in") } : {}) } };
    }
    case "contains": {
      const left = node.left as Expr;
      const access = left["."] as Expr | undefined;
      const literal = (node.right as Expr).Value;
      if (access && isVar(access.left, "principal") && access.attr === "roles" && typeof literal === "string") {
        return facts.roles.has(literal) ? TRUE : FALSE;
      }
      return { contains: { left: sub("left"), right: sub("right") } };
    }
    case "Set":
      return { Set: (body as Expr[]).map((item) => fold(item, facts)) };
    case "Record":
      return {
        Record: Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fold(value as Expr, facts)])),
      };
    default: {
      if (Array.isArray(body)) return { [op]: (body as Expr[]).map((item) => fold(item, facts)) };
      const folded: Expr = { ...node };
      for (const name of ["left", "right", "arg"]) if (name in node) folded[name] = sub(name);
      return { [op]: folded };
    }
  }
}

interface Reads {
  principalReads: string[];
  resourceReads: string[];
  contextReads: string[];
  observesPrincipal: boolean;
  observesResource: boolean;
  usesAction: boolean;
}

function emptyReads(): Reads {
  return {
    principalReads: [],
    resourceReads: [],
    contextReads: [],
    observesPrincipal: false,
    observesResource: false,
    usesAction: false,
  };
}

/** The unspecialised question: every fact there is. */
function everything(): Reads {
  const resourceNames = new Set(Object.values(RESOURCE_ATTRIBUTES).flatMap((getters) => Object.keys(getters)));
  return {
    principalReads: Object.keys(PRINCIPAL_ATTRIBUTES),
    resourceReads: [...resourceNames],
    contextReads: Object.keys(CONTEXT_ATTRIBUTES),
    observesPrincipal: true,
    observesResource: true,
    usesAction: true,
  };
}

/** Which attributes a specialised policy reads, and whether it looks at the entities themselves. */
function collectReads(policy: PolicyJson, reads: Reads): void {
  if (policy.principal.op !== "All") reads.observesPrincipal = true;
  if (policy.resource.op !== "All") reads.observesResource = true;
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  let wholeContext = false;
  for (const clause of policy.conditions) walk(clause.body as Expr);
  if (wholeContext) for (const name of Object.keys(CONTEXT_ATTRIBUTES)) add(reads.contextReads, name);

  function walk(node: unknown): void {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const expr = node as Expr;
    if (expr.Var === "principal") reads.observesPrincipal = true;
    if (expr.Var === "resource") reads.observesResource = true;
    if (expr.Var === "context") wholeContext = true;
    if (expr.Var === "action") reads.usesAction = true;
    for (const [key, value] of Object.entries(expr)) {
      if ((key === "." || key === "has") && value && typeof value === "object") {
        const access = value as { left: unknown; attr: string | string[] };
        const attr = Array.isArray(access.attr) ? access.attr[0] : access.attr;
        const list = isVar(access.left, "principal")
          ? reads.principalReads
          : isVar(access.left, "resource")
            ? reads.resourceReads
            : isVar(access.left, "context")
              ? reads.contextReads
              : null;
        if (list && attr !== undefined) add(list, attr);
        else walk(access.left);
        continue;
      }
      if (key !== "Value") walk(value);
    }
  }
}

/**
 * A term whose value the facts can tell: an attribute (`principal.delegation.expiresAt`), a literal, or
 * the sum or difference of two such (`context.now - principal.secondFactorAt`).
 */
type Term =
  | { kind: "path"; variable: Variable; names: string[] }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "+" | "-"; left: Term; right: Term };

type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** A comparison the facts can settle: `resource.tenant == principal.actingTenant`, `context.reason == ""`. */
interface Comparison {
  key: string;
  op: ComparisonOp;
  left: Term;
  right: Term;
}

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

function termOf(expr: unknown): Term | null {
  const node = expr as Expr | undefined;
  if (!node) return null;
  const value = node.Value;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") {
    return { kind: "literal", value };
  }
  for (const kind of ["+", "-"] as const) {
    const operands = node[kind] as { left: unknown; right: unknown } | undefined;
    if (!operands) continue;
    const left = termOf(operands.left);
    const right = termOf(operands.right);
    return left && right ? { kind, left, right } : null;
  }
  const names: string[] = [];
  let cursor = node;
  while (cursor && cursor["."]) {
    const access = cursor["."] as { left: Expr; attr: string };
    names.unshift(access.attr);
    cursor = access.left;
  }
  const variable = cursor?.Var;
  if (names.length === 0 || (variable !== "principal" && variable !== "resource" && variable !== "context"))
    return null;
  return { kind: "path", variable, names };
}

const mentionsFacts = (term: Term): boolean =>
  term.kind === "path" || (term.kind !== "literal" && (mentionsFacts(term.left) || mentionsFacts(term.right)));

/** The comparison in `{ "==": { left, right } }` (or !=, <, …), if both sides are terms and not both literal. */
function comparisonOf(expr: Expr): Comparison | null {
  const [op, operands] = Object.entries(expr)[0] ?? [];
  if (!op || !COMPARISONS.has(op)) return null;
  const { left, right } = operands as { left: unknown; right: unknown };
  const leftTerm = termOf(left);
  const rightTerm = termOf(right);
  if (!leftTerm || !rightTerm || !(mentionsFacts(leftTerm) || mentionsFacts(rightTerm))) return null;
  return { key: JSON.stringify(expr), op: op as ComparisonOp, left: leftTerm, right: rightTerm };
}

function findComparisons(node: unknown, found: Map<string, Comparison>): void {
  if (Array.isArray(node)) return node.forEach((item) => findComparisons(item, found));
  if (!node || typeof node !== "object") return;
  const comparison = comparisonOf(node as Expr);
  if (comparison) found.set(comparison.key, comparison);
  for (const [key, value] of Object.entries(node as Expr)) {
    if (key !== "Value") findComparisons(value, found);
  }
}

// ---------------------------------------------------------------------------------------------------
// Errors and source positions

const FILE_ORDER = [
  "tenancy",
  "delegation",
  "operator",
  "legal-hold",
  "self-protection",
  "protected-admins",
  "locks",
  "written-reason",
  "step-up",
  "role-grants",
  "line-manager",
  "self-service",
];

/** Built-in files in the order their sentences should win: tenancy before step-up, forbids before permits. */
function compareFiles(a: string, b: string): number {
  const rank = (file: string) => {
    const index = FILE_ORDER.indexOf(file.replace(/^.*\//, "").replace(/\.cedar$/, ""));
    return index === -1 ? FILE_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

function describeErrors(errors: DetailedError[]): string {
  return errors.map((error) => cleanMessage(error)).join("; ");
}

/** Cedar's message without its internal policy numbering, with its hint if it has one. */
function cleanMessage(error: DetailedError): string {
  const message = error.message
    .replace(/^for policy `[^`]*`, /, "")
    .replace(/^failed to parse policies from string: /, "");
  const hint = error.help ?? error.sourceLocations?.[0]?.label ?? null;
  return hint ? `${message} (${hint})` : message;
}

function byteOffset(source: string, charIndex: number): number {
  return Buffer.byteLength(source.slice(0, charIndex));
}

/** Cedar reports UTF-8 byte offsets; people count lines and characters from 1. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = Buffer.from(source, "utf8").subarray(0, offset).toString("utf8");
  const lines = before.split("\n");
  return { line: lines.length, column: Array.from(lines[lines.length - 1]!).length + 1 };
}
