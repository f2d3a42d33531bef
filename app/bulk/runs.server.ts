// Reading bulk runs: one run's progress and what it came to, the organisation's recent runs, and the runs
// a stopped server left unfinished (the job runner queues those again when it starts).
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, bulkRunItems, bulkRuns, organisations } from "~db/schema";
import { directoryScope, tenantScope } from "~/db.server";
import { BULK_OPERATIONS, isBulkOperation, type BulkOperation } from "./operations";

export interface BulkRunSummary {
  id: string;
  operation: BulkOperation;
  label: string;
  reason: string;
  status: "queued" | "running" | "done";
  total: number;
  succeeded: number;
  refused: number;
  failed: number;
  requestedBy: string;
  requestedByName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Accounts not done for one reason: the reason, how many, and the first few of them by name. */
export interface BulkRunGroup {
  outcome: "refused" | "failed";
  code: string;
  /** One of the group's messages, as an example (each account's own is in `accounts`). */
  message: string;
  count: number;
  accounts: { accountId: string; name: string | null; email: string | null; message: string }[];
}

const GROUP_SAMPLE = 20;

const summaryColumns = {
  id: bulkRuns.id,
  operation: bulkRuns.operation,
  reason: bulkRuns.reason,
  status: bulkRuns.status,
  total: bulkRuns.total,
  succeeded: bulkRuns.succeeded,
  refused: bulkRuns.refused,
  failed: bulkRuns.failed,
  requestedBy: bulkRuns.requestedBy,
  requestedByName: sql<string | null>`(select display_name from ${accounts} a
    where a.tenant_id = ${bulkRuns.tenantId} and a.id = ${bulkRuns.requestedBy})`,
  createdAt: bulkRuns.createdAt,
  startedAt: bulkRuns.startedAt,
  finishedAt: bulkRuns.finishedAt,
};

function summarise(row: Omit<BulkRunSummary, "label" | "operation"> & { operation: string }): BulkRunSummary {
  const operation = isBulkOperation(row.operation) ? row.operation : "suspend";
  return { ...row, operation, label: BULK_OPERATIONS[operation].label };
}

export async function getBulkRun(
  tx: Tx,
  tenantId: string,
  runId: string,
): Promise<(BulkRunSummary & { groups: BulkRunGroup[] }) | null> {
  const [row] = await tx
    .select(summaryColumns)
    .from(bulkRuns)
    .where(and(eq(bulkRuns.tenantId, tenantId), eq(bulkRuns.id, runId)));
  if (!row) return null;
  const groupRows = await tx
    .select({
      outcome: bulkRunItems.outcome,
      code: sql<string>`coalesce(${bulkRunItems.code}, 'unknown')`,
      message: sql<string>`min(${bulkRunItems.message})`,
      count: count(),
    })
    .from(bulkRunItems)
    .where(
      and(
        eq(bulkRunItems.tenantId, tenantId),
        eq(bulkRunItems.runId, runId),
        inArray(bulkRunItems.outcome, ["refused", "failed"]),
      ),
    )
    .groupBy(bulkRunItems.outcome, sql`coalesce(${bulkRunItems.code}, 'unknown')`)
    .orderBy(desc(count()));
  const groups: BulkRunGroup[] = [];
  for (const group of groupRows) {
    const sample = await tx
      .select({
        accountId: bulkRunItems.accountId,
        name: accounts.displayName,
        email: accounts.email,
        message: sql<string>`coalesce(${bulkRunItems.message}, '')`,
      })
      .from(bulkRunItems)
      .leftJoin(accounts, and(eq(accounts.tenantId, bulkRunItems.tenantId), eq(accounts.id, bulkRunItems.accountId)))
      .where(
        and(
          eq(bulkRunItems.tenantId, tenantId),
          eq(bulkRunItems.runId, runId),
          eq(bulkRunItems.outcome, group.outcome),
          sql`coalesce(${bulkRunItems.code}, 'unknown') = ${group.code}`,
        ),
      )
      .orderBy(asc(bulkRunItems.position))
      .limit(GROUP_SAMPLE);
    groups.push({
      outcome: group.outcome as "refused" | "failed",
      code: group.code,
      message: group.message ?? "",
      count: Number(group.count),
      accounts: sample,
    });
  }
  return { ...summarise(row), groups };
}

export async function listBulkRuns(tx: Tx, tenantId: string, limit = 25): Promise<BulkRunSummary[]> {
  const rows = await tx
    .select(summaryColumns)
    .from(bulkRuns)
    .where(eq(bulkRuns.tenantId, tenantId))
    .orderBy(desc(bulkRuns.createdAt))
    .limit(limit);
  return rows.map(summarise);
}

/** Every run not yet done, in every organisation, oldest first. */
export async function unfinishedBulkRuns(): Promise<{ tenantId: string; id: string }[]> {
  const tenants = await directoryScope((tx) => tx.select({ id: organisations.id }).from(organisations));
  const runs: { tenantId: string; id: string }[] = [];
  for (const { id: tenantId } of tenants) {
    const rows = await tenantScope(tenantId, (tx) =>
      tx
        .select({ id: bulkRuns.id })
        .from(bulkRuns)
        .where(and(eq(bulkRuns.tenantId, tenantId), inArray(bulkRuns.status, ["queued", "running"])))
        .orderBy(asc(bulkRuns.createdAt)),
    );
    runs.push(...rows.map((row) => ({ tenantId, id: row.id })));
  }
  return runs;
}
