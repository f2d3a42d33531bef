// An organisation's own Cedar policies, read inside its transaction and compiled (cached by content) on
// top of the built-in set.
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { tenantPolicies } from "~db/schema";
import { compileTenantPolicies, type CompiledTenantPolicies } from "./engine.server";

export async function loadTenantPolicies(tx: Tx, tenantId: string): Promise<CompiledTenantPolicies | undefined> {
  const rows = await tx
    .select({ id: tenantPolicies.id, name: tenantPolicies.name, source: tenantPolicies.source })
    .from(tenantPolicies)
    .where(eq(tenantPolicies.enabled, true));
  if (rows.length === 0) return undefined;
  return compileTenantPolicies(tenantId, rows);
}
