// What the job runner ends on the clock: expired delegations, lapsed requests, operator access that is over (issue 8).
import type { AnyActionDefinition } from "./action";

export const expiryDefinitions: AnyActionDefinition[] = [];
