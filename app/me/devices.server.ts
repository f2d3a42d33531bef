// My account → Devices: the devices and app installations the organisation's apps reported for me, and
// how long the organisation keeps the raw events. Only rows that name my account are read, in my own
// tenant's scope; like the other My account pages this is a read of my own data, not an audited one.
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { organisations } from "~db/schema";
import { loadAccountApps, type AccountApps } from "~/accounts/detail.server";

export interface MyDevices extends AccountApps {
  /** Raw events older than this many months are removed (unless a legal hold keeps them). */
  retentionMonths: number;
}

export async function loadMyDevices(
  tx: Tx,
  principal: { tenantId: string; accountId: string },
): Promise<MyDevices | null> {
  const [apps, [organisation]] = await Promise.all([
    loadAccountApps(tx, principal.tenantId, principal.accountId),
    tx
      .select({ retentionMonths: organisations.eventRetentionMonths })
      .from(organisations)
      .where(eq(organisations.id, principal.tenantId)),
  ]);
  if (!organisation) return null;
  return { ...apps, retentionMonths: organisation.retentionMonths };
}
