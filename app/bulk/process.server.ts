// Runs a bulk run to its end: its accounts are taken in order, a chunk at a time, and each is decided,
// changed and audited on its own through the action layer (performEach), as the admin who started it.
//
// One chunk is one transaction: claiming its items, every account's action and audit entry, and the items'
// outcomes commit together, so a run stopped half-way (a crash, a deploy) resumes where it stopped and no
// account is done twice. Chunks are short (CHUNK_SIZE accounts): the tenant's audit chain is locked only
// while one commits, so the console stays usable for everyone else while a run of 10,000 goes on. Several
// workers may take chunks of the same run at once (FOR UPDATE SKIP LOCKED).
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, bulkRunItems, bulkRuns, organisations, roleAssignments } from "~db/schema";
import type { Actor } from "~/actions/actor.server";
import { performEach, type BatchOutcome } from "~/actions/perform.server";
import { tenantScope } from "~/db.server";
import { isActionId } from "~/policy/types";
import type { BulkOperation } from "./operations";
import type { BulkOptions } from "./start.server";

export const CHUNK_SIZE = 100;
export const LANES = 2;

export interface BulkCounts {
  succeeded: number;
  refused: number;
  failed: number;
}

type RunRow = typeof bulkRuns.$inferSelect;

/** The input of one account's action, from what the run was started with. */
export function itemInput(run: Pick<RunRow, "operation" | "reason" | "options">, accountId: string): unknown {
  const options = run.options as BulkOptions;
  const reason = run.reason;
  switch (run.operation as BulkOperation) {
    case "suspend":
    case "unsuspend":
    case "revokeSessions":
      return { accountId, reason };
    case "resetPassword":
      return { accountId, reason, method: "link", origin: options.origin };
    case "hold":
      return { holdId: options.holdId, addAccountIds: [accountId], removeAccountIds: [], reason };
    case "lock":
      return { accountId, setting: options.setting, reason };
    default:
      throw new Error(`bulk run ${run.operation}: not an operation this version knows`);
  }
}

/**
 * The admin who started the run, as they are now: their name and roles are read again for every chunk, so
 * an admin whose role is taken away (or whose account is suspended) mid-run has the rest refused. They
 * confirmed a second factor when they started it (bulk.start is destructive); that confirmation carries the
 * run, as a scheduled purge carries the termination it follows.
 */
async function requesterActor(tx: Tx, tenantId: string, run: RunRow): Promise<Actor> {
  const [[person], roles, [organisation]] = await Promise.all([
    tx
      .select({ name: accounts.displayName, status: accounts.status })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, run.requestedBy))),
    tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.accountId, run.requestedBy))),
    tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, tenantId)),
  ]);
  const active = person?.status === "active";
  const heldRoles = active ? roles.map((row) => row.role) : [];
  const name = person?.name ?? "A former administrator";
  return {
    facts: {
      accountId: run.requestedBy,
      name,
      homeTenantId: tenantId,
      homeTenantKind: organisation?.kind ?? "customer",
      actingTenantId: tenantId,
      roles: heldRoles,
      access: { kind: "member" },
      secondFactorAt: new Date(),
    },
    audit: {
      accountId: run.requestedBy,
      tenantId,
      name,
      role: heldRoles.length ? heldRoles.join("+") : "member",
    },
    request: { requestId: run.requestId, ipAddress: run.ipAddress, userAgent: run.userAgent },
  };
}

function outcomeOf(result: BatchOutcome) {
  if (result.ok) return { outcome: "succeeded" as const, message: null, code: null };
  if (result.kind === "denied" || result.kind === "needs_step_up") {
    return { outcome: "refused" as const, message: result.message, code: result.policyIds[0] ?? result.kind };
  }
  return { outcome: "failed" as const, message: result.message, code: result.kind };
}

/** One chunk: claims up to `size` pending items and does them. Answers false when none was left. */
async function runChunk(tenantId: string, runId: string, size: number): Promise<boolean> {
  return tenantScope(tenantId, async (tx) => {
    const [run] = await tx
      .select()
      .from(bulkRuns)
      .where(and(eq(bulkRuns.tenantId, tenantId), eq(bulkRuns.id, runId)));
    if (!run || run.status === "done") return false;
    if (!isActionId(run.action)) throw new Error(`bulk run ${runId}: unknown action ${run.action}`);

    const items = await tx
      .select({ position: bulkRunItems.position, accountId: bulkRunItems.accountId })
      .from(bulkRunItems)
      .where(
        and(eq(bulkRunItems.tenantId, tenantId), eq(bulkRunItems.runId, runId), eq(bulkRunItems.outcome, "pending")),
      )
      .orderBy(asc(bulkRunItems.position))
      .limit(size)
      .for("update", { skipLocked: true });
    if (items.length === 0) {
      // Done, unless another worker still holds the last chunk (it will mark the run done itself).
      await tx.execute(sql`
        update ${bulkRuns} set status = 'done', finished_at = now()
        where tenant_id = ${tenantId} and id = ${runId} and status <> 'done'
          and not exists (select 1 from ${bulkRunItems} i
                          where i.tenant_id = ${tenantId} and i.run_id = ${runId} and i.outcome = 'pending')`);
      return false;
    }

    const actor = await requesterActor(tx, tenantId, run);
    const results = await performEach(
      tx,
      actor,
      run.action,
      items.map((item) => itemInput(run, item.accountId)),
    );
    const decided = results.map((result, index) => ({ position: items[index]!.position, ...outcomeOf(result) }));
    const tally = { succeeded: 0, refused: 0, failed: 0 };
    for (const item of decided) tally[item.outcome] += 1;

    // Every outcome of the chunk in one statement.
    await tx.execute(sql`
      update ${bulkRunItems} as i
      set outcome = d.outcome::bulk_item_outcome, message = d.message, code = d.code, decided_at = now()
      from unnest(
        ${`{${decided.map((item) => Number(item.position)).join(",")}}`}::int[],
        ${pgTextArray(decided.map((item) => item.outcome))},
        ${pgTextArray(decided.map((item) => item.message))},
        ${pgTextArray(decided.map((item) => item.code))}
      ) as d(position, outcome, message, code)
      where i.tenant_id = ${tenantId} and i.run_id = ${runId} and i.position = d.position`);
    await tx
      .update(bulkRuns)
      .set({
        status: "running",
        startedAt: sql`coalesce(${bulkRuns.startedAt}, now())`,
        succeeded: sql`${bulkRuns.succeeded} + ${tally.succeeded}`,
        refused: sql`${bulkRuns.refused} + ${tally.refused}`,
        failed: sql`${bulkRuns.failed} + ${tally.failed}`,
      })
      .where(and(eq(bulkRuns.tenantId, tenantId), eq(bulkRuns.id, runId)));
    return true;
  });
}

/** A text[] of one parameter per value (nulls kept), as both drivers send it. */
function pgTextArray(values: (string | null)[]) {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/** Runs every pending item of the run, a chunk at a time; resolves with the run's counts at the end. */
export async function processBulkRun(
  tenantId: string,
  runId: string,
  options: { chunkSize?: number; lanes?: number } = {},
): Promise<BulkCounts> {
  const size = options.chunkSize ?? CHUNK_SIZE;
  // Two chunks at a time, on two connections: one does its accounts' work while the other appends its
  // audit entries (the only part that waits on the tenant's chain), so neither waits on the other.
  const lanes = options.lanes ?? LANES;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (await runChunk(tenantId, runId, size)) {
        // The next chunk is a new transaction: other actions in this tenant get their turn in between.
      }
    }),
  );
  const [run] = await tenantScope(tenantId, (tx) =>
    tx
      .select({ succeeded: bulkRuns.succeeded, refused: bulkRuns.refused, failed: bulkRuns.failed })
      .from(bulkRuns)
      .where(and(eq(bulkRuns.tenantId, tenantId), eq(bulkRuns.id, runId))),
  );
  return run ?? { succeeded: 0, refused: 0, failed: 0 };
}
