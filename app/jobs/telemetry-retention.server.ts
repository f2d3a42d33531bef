// The telemetry retention sweep (issue 9): in every organisation, raw app events older than its retention period
// are deleted as actions performed by the system and audited in its trail (app/actions/retention.server.ts):
// each account's on its own, so a legal hold refuses that account alone and its events stay until the hold is
// released; the events no account was named in together, refused while the whole organisation is held. Each
// action deletes at most a batch of events (RETENTION_BATCH) and the sweep performs it again while more are
// left, so a backlog is many short transactions, not one long one. Rollups, installations and devices are never
// touched. The same sweep keeps the event partitions of this month and the next three made, so events never wait
// in the default partition.
//
// It runs with the purge sweep (app/jobs/runner.server.ts) and from `npm run telemetry:retention`, as often
// as it likes: the cutoff is the start of a UTC month, so a month's deletions happen once, and a refusal
// already recorded for this month's cutoff is not recorded again while the policy still refuses it.
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { auditEntries, installEvents, organisations } from "~db/schema";
import { systemActor, type Actor } from "~/actions/actor.server";
import { decideForUi, performAction, type ActionResult } from "~/actions/perform.server";
import { loadAccountResources, loadOrganisationResource } from "~/actions/resources.server";
import { DELETABLE_UNATTRIBUTED, RETENTION_BATCH, retentionCutoff, retentionReason } from "~/actions/retention.server";
import { directoryScope, tenantScope } from "~/db.server";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { ActionId, ResourceFacts } from "~/policy/types";

/** How many months ahead of the current one the sweep makes sure event partitions exist. */
export const PARTITION_MONTHS_AHEAD = 3;

const ACCOUNT_ACTION = "retention.deleteEvents" satisfies ActionId;
const UNATTRIBUTED_ACTION = "retention.deleteUnattributedEvents" satisfies ActionId;

export interface RetentionSweep {
  /** Raw events deleted, and of how many accounts (unattributed events not counted as an account). */
  deletedEvents: number;
  accounts: number;
  /** Deletions refused or failed this sweep (a legal hold, mostly), and why. Refusals already recorded
   *  for this month's cutoff are not tried again and not listed. */
  refused: { tenantId: string; action: ActionId; id: string; why: string }[];
  /** Event partitions this sweep made. */
  partitionsMade: number;
}

interface Due {
  accountIds: string[];
  unattributed: boolean;
}

/**
 * Deletes what is past retention at `now` in every organisation, and makes the coming months' partitions.
 * `batch`: events one deletion takes at most (RETENTION_BATCH; tests pass fewer).
 */
export async function sweepRetention(
  now = new Date(),
  { batch = RETENTION_BATCH }: { batch?: number } = {},
): Promise<RetentionSweep> {
  const sweep: RetentionSweep = { deletedEvents: 0, accounts: 0, refused: [], partitionsMade: 0 };
  sweep.partitionsMade = await ensurePartitions(now);
  const tenants = await directoryScope((tx) =>
    tx.select({ id: organisations.id, months: organisations.eventRetentionMonths }).from(organisations),
  );
  for (const tenant of tenants) {
    const before = retentionCutoff(now, tenant.months);
    const actor = systemActor(tenant.id, "Glasshouse (event retention)");
    const due = await tenantScope(tenant.id, (tx) => dueForRetention(tx, actor, tenant.id, before));
    const day = before.toISOString().slice(0, 10);
    // Each action deletes up to `batch` events in its own transaction, and says whether more are left.
    const perform = async (action: ActionId, id: string, input: Record<string, string>): Promise<boolean> => {
      for (;;) {
        const result = await performAction<{ deleted: number; more: boolean }>(actor, action, {
          ...input,
          before: day,
          limit: batch,
        });
        if (!result.ok) return refused(action, id, result);
        sweep.deletedEvents += result.output.deleted;
        if (!result.output.more) return true;
      }
    };
    const refused = (action: ActionId, id: string, result: Exclude<ActionResult, { ok: true }>): false => {
      const why =
        result.kind === "invalid" ? "invalid input" : "decision" in result ? result.decision.sentence : result.message;
      sweep.refused.push({ tenantId: tenant.id, action, id, why });
      return false;
    };
    for (const accountId of due.accountIds) {
      if (await perform(ACCOUNT_ACTION, accountId, { accountId })) sweep.accounts += 1;
    }
    if (due.unattributed) await perform(UNATTRIBUTED_ACTION, tenant.id, {});
  }
  return sweep;
}

/** Makes the partitions of `now`'s month and the PARTITION_MONTHS_AHEAD after it; answers how many were new. */
async function ensurePartitions(now: Date): Promise<number> {
  return directoryScope(async (tx) => {
    let made = 0;
    for (let ahead = 0; ahead <= PARTITION_MONTHS_AHEAD; ahead++) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
      // A definer function (migration 0018): the app role may add a month, never drop or alter one.
      const [row] = await queryRows<{ made: boolean }>(
        tx,
        sql`select glasshouse_ensure_install_event_partition(${month.toISOString()}::timestamptz) as made`,
      );
      if (row?.made) made += 1;
    }
    return made;
  });
}

/**
 * The accounts with events from before `before`, and whether there are unattributed ones: all of them,
 * except those whose refusal for this cutoff is already in the trail and which the policy still refuses
 * (a hold not released yet). One released since is tried again at once.
 */
async function dueForRetention(tx: Tx, actor: Actor, tenantId: string, before: Date): Promise<Due> {
  const old = and(eq(installEvents.tenantId, tenantId), lt(installEvents.occurredAt, before));
  const [accountRows, unattributedRows, refusedRows] = await Promise.all([
    tx
      .selectDistinct({ accountId: installEvents.accountId })
      .from(installEvents)
      .where(and(old, isNotNull(installEvents.accountId)))
      .orderBy(installEvents.accountId),
    tx
      .select({ one: sql<number>`1` })
      .from(installEvents)
      .where(and(old, DELETABLE_UNATTRIBUTED))
      .limit(1),
    tx
      .select({ action: auditEntries.action, subject: auditEntries.subjectAccountId })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.tenantId, tenantId),
          inArray(auditEntries.action, [ACCOUNT_ACTION, UNATTRIBUTED_ACTION]),
          eq(auditEntries.outcome, "denied"),
          eq(auditEntries.reason, retentionReason(before)),
        ),
      ),
  ]);
  const accountIds = accountRows.map((row) => row.accountId!);
  const hasUnattributed = unattributedRows.length > 0;
  const refusedAccounts = new Set(refusedRows.filter((row) => row.action === ACCOUNT_ACTION).map((row) => row.subject));
  const refusedUnattributed = refusedRows.some((row) => row.action === UNATTRIBUTED_ACTION);
  const allowedAgain = await allowedNow(
    tx,
    actor,
    tenantId,
    accountIds.filter((id) => refusedAccounts.has(id)),
    refusedUnattributed && hasUnattributed,
  );
  return {
    accountIds: accountIds.filter((id) => !refusedAccounts.has(id) || allowedAgain.has(id)),
    unattributed: hasUnattributed && (!refusedUnattributed || allowedAgain.has(tenantId)),
  };
}

/**
 * Which of these refused deletions the policy would allow now (the accounts by id, the unattributed events
 * by the organisation's): asked of the engine without recording anything, as the UI asks.
 */
async function allowedNow(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  accountIds: string[],
  unattributed: boolean,
): Promise<Set<string>> {
  const requests: { action: ActionId; resource: ResourceFacts }[] = (
    await loadAccountResources(tx, tenantId, accountIds)
  ).map((resource) => ({ action: ACCOUNT_ACTION, resource }));
  const organisation = unattributed ? await loadOrganisationResource(tx, tenantId) : null;
  if (organisation) requests.push({ action: UNATTRIBUTED_ACTION, resource: organisation });
  if (requests.length === 0) return new Set();
  const decisions = decideForUi(actor, requests, await loadTenantPolicies(tx, tenantId));
  return new Set(
    requests.filter((_, index) => decisions[index]!.outcome === "allow").map((request) => request.resource.id),
  );
}
