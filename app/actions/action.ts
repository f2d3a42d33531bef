// What an action is: a stable id from the catalogue, a zod schema for its input, how to load the resource
// the decision is about, the mutation, and what its audit entry says. app/actions/perform.server.ts runs
// every action the same way; an action module only says what is particular to it.
import type { z } from "zod";
import type { Tx } from "~db/client";
import type { AuditVisibility } from "~/audit/types";
import type { ActionId, ContextFacts, PrincipalFacts, ResourceFacts } from "~/policy/types";
import type { RequestMetadata } from "./actor.server";

export interface MutationArgs<Input, Resource extends ResourceFacts> {
  tx: Tx;
  tenantId: string;
  input: Input;
  resource: Resource;
  principal: PrincipalFacts;
  /** Where the request came from (a bulk run carries it into each account's audit entry). */
  request: RequestMetadata;
  now: Date;
}

/** The allowed inputs of a batch (a bulk run's chunk), each with its resource, to change together. */
export interface BatchMutationArgs<Input, Resource extends ResourceFacts> extends Omit<
  MutationArgs<Input, Resource>,
  "input" | "resource"
> {
  items: readonly { input: Input; resource: Resource }[];
}

export interface MutationResult<Output> {
  output: Output;
  changes?: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } | null;
  target?: Record<string, unknown> | null;
  /** The reason to record instead of the one written (`reason(input)`): a purge's, without the erased names. */
  reason?: string | null;
}

export interface ActionDefinition<Input, Resource extends ResourceFacts, Output> {
  id: ActionId;
  input: z.ZodType<Input>;
  /**
   * For a cross-tenant action (CROSS_TENANT_ACTIONS in app/policy/types.ts): the organisation whose rows it
   * reads and changes, named by its input. Its allowed entry goes to that organisation's trail (and a
   * copy to the actor's own); a refusal stays in the actor's own trail. Absent: the acting tenant.
   */
  targetTenant?(input: Input): string;
  /** Loads the resource inside the tenant's transaction; null when it is not there (or not this tenant's). */
  loadResource(tx: Tx, tenantId: string, input: Input): Promise<Resource | null>;
  /**
   * For an action whose resource is the account `input` names (what loadResource loads): lets a batch
   * (performEach) load the accounts of many inputs in one query instead of one each.
   */
  resourceAccountId?(input: Input): string;
  /** Facts of the request beyond principal and resource (the setting, the role…). */
  context?(input: Input): Partial<ContextFacts>;
  /** The written reason, for actions whose input carries one. */
  reason?(input: Input): string | null | undefined;
  /** The account the entry is about, shown to that person in their activity. */
  subjectAccountId?(input: Input, resource: Resource): string | null;
  /**
   * Input that does not validate is answered with field errors and, when this is true, also recorded as a
   * failed attempt in the actor's trail: for the requests between organisations (a delegation asked for two
   * years and a day, operator access without a justification), whose refusals each side accounts for.
   */
  auditInvalid?: boolean;
  /** Reads are audited only when this is true; writes always are. */
  auditAllowedRead?: boolean;
  visibility?: AuditVisibility;
  mutate(args: MutationArgs<Input, Resource>): Promise<MutationResult<Output>>;
  /**
   * The same change for many inputs at once, set-based (a few statements for a bulk run's chunk instead of
   * a few per account). Answers one result per item, in order: an ActionFailure for an item it wrote
   * nothing for; throwing one instead rolls the whole batch back, to be done again one input at a time.
   * Define `mutate` with `mutateOne(mutateMany)` so that the two cannot drift apart.
   */
  mutateMany?(args: BatchMutationArgs<Input, Resource>): Promise<(MutationResult<Output> | ActionFailure)[]>;
}

/** `mutate` for an action that has `mutateMany`: the batch of one. */
export function mutateOne<Input, Resource extends ResourceFacts, Output>(
  mutateMany: NonNullable<ActionDefinition<Input, Resource, Output>["mutateMany"]>,
): ActionDefinition<Input, Resource, Output>["mutate"] {
  return async ({ input, resource, ...rest }) => {
    const [result] = await mutateMany({ ...rest, items: [{ input, resource }] });
    if (!result) throw new Error("mutateMany answered no result for its one input");
    if (result instanceof ActionFailure) throw result;
    return result;
  };
}

// The registry erases the per-action types; performAction re-checks input with the action's own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyActionDefinition = ActionDefinition<any, any, any>;

export function defineAction<Input, Resource extends ResourceFacts, Output>(
  definition: ActionDefinition<Input, Resource, Output>,
): ActionDefinition<Input, Resource, Output> {
  return definition;
}

/** An expected refusal from inside a mutation (e.g. "already suspended"): rolled back, recorded as failed. */
export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly field?: string,
    /**
     * A wrong secret (a current password, a code) typed inside a signed-in session: the failure counts
     * against this sign-in name's throttle, as at sign-in, so a stolen session cannot guess its way on.
     */
    readonly wrongSecretFor?: { email: string },
  ) {
    super(message);
    this.name = "ActionFailure";
  }
}

/** Whether `error` (or what it wraps) is a clash on the unique index or constraint `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (candidate.code === "23505" && (candidate.constraint_name ?? candidate.constraint) === constraint) return true;
    current = candidate.cause;
  }
  return false;
}
