// The purge sweep: every terminated account whose grace period has ended is purged through the action
// layer, as the system acting on the terminating admin's decision (app/actions/actor.server.ts,
// systemActor). Each account is decided and audited on its own: one under legal hold is refused, recorded,
// and tried again on the next sweep, once the hold may have been released.
//
// It runs as a scheduled job every PURGE_SWEEP_MINUTES (app/jobs/runner.server.ts: a pg-boss cron schedule
// on PostgreSQL, which fires on one server per period; a timer on the embedded database) and from
// `npm run accounts:purge-due`. Should two sweeps overlap all the same, the erasure's UPDATE … WHERE
// purged_at IS NULL lets only one of them purge an account; the other's attempt is a recorded failure.
import { organisations } from "~db/schema";
import { accountsDueForPurge } from "~/actions/account-purge.server";
import { systemActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { directoryScope, tenantScope } from "~/db.server";

export interface PurgeSweep {
  purged: number;
  refused: { tenantId: string; accountId: string; why: string }[];
}

export async function purgeDueAccounts(now = new Date()): Promise<PurgeSweep> {
  const sweep: PurgeSweep = { purged: 0, refused: [] };
  const tenants = await directoryScope((tx) => tx.select({ id: organisations.id }).from(organisations));
  for (const { id: tenantId } of tenants) {
    const due = await tenantScope(tenantId, (tx) => accountsDueForPurge(tx, tenantId, now));
    const actor = systemActor(tenantId, "Glasshouse (scheduled purge)");
    for (const account of due) {
      const terminated = account.terminatedAt?.toISOString().slice(0, 10) ?? "an earlier date";
      const result = await performAction(actor, "account.purge", {
        accountId: account.id,
        reason: `The grace period after the account was terminated on ${terminated} has ended.`,
      });
      if (result.ok) sweep.purged += 1;
      else {
        const why =
          result.kind === "invalid"
            ? "invalid input"
            : "decision" in result
              ? result.decision.sentence
              : result.message;
        sweep.refused.push({ tenantId, accountId: account.id, why });
      }
    }
  }
  return sweep;
}
