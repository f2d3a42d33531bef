// The reseller's delegations: requested by a reseller's domain admin, answered and revoked by the client's, staffed by the reseller (issue 8).
import type { AnyActionDefinition } from "./action";

export const delegationDefinitions: AnyActionDefinition[] = [];
