// Who may read bulk runs: whoever may read the audit log (a run is a record of actions taken), and the
// admin who started a run, for their own run (a helpdesk admin may start one without reading the log).
import type { Actor } from "~/actions/actor.server";
import { decideForUi } from "~/actions/perform.server";
import type { OrganisationResource } from "~/policy/types";
import type { loadTenantPolicies } from "~/policy/tenant-policies.server";

export function mayReadAllRuns(
  actor: Actor,
  organisation: OrganisationResource | null,
  tenantPolicies: Awaited<ReturnType<typeof loadTenantPolicies>>,
): boolean {
  if (!organisation) return false;
  const [decision] = decideForUi(actor, [{ action: "audit.view", resource: organisation }], tenantPolicies);
  return decision?.outcome === "allow";
}
