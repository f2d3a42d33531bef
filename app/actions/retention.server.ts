// Retention: raw app events older than the organisation's retention period (organisations.
// event_retention_months, default 13) are deleted by the job runner (app/jobs/telemetry-retention.server.ts),
// one account at a time (`retention.deleteEvents`) and the events no account was named in together
// (`retention.deleteUnattributedEvents`). Both are in the policy group "deletesData", so a legal hold on the
// account, or on the whole organisation, refuses them (legal-hold.cedar) and the events stay until it is
// released. Rollups, installations and devices are summaries, not events: retention never touches them.
//
// The caller names the cutoff (`before`: the start of a UTC month, so a sweep deletes an account's events at
// most once a month however often it runs, and its entries say which month they are about); the action
// checks it against its own clock and the setting as stored, so nothing within the period is ever deleted.
// One action deletes at most `limit` events (RETENTION_BATCH) and says whether more are left, so the first
// sweep over years of events, or a period cut from 120 months to 1, is many short transactions, each with
// its entry, rather than one that holds its locks for minutes.
import { and, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "~db/client";
import { installEvents, organisations } from "~db/schema";
import { ActionFailure, defineAction } from "./action";
import { accountIdField } from "./fields";
import { loadAccountResource, loadOrganisationResource } from "./resources.server";

export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

/** The first instant whose events are kept: the start of the UTC month `months` months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

async function retentionMonths(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ months: organisations.eventRetentionMonths })
    .from(organisations)
    .where(eq(organisations.id, tenantId));
  if (!row) throw new ActionFailure("The organisation is not there any more.");
  return row.months;
}

/** Events one deletion takes at most: a first sweep over years of data is many short transactions. */
export const RETENTION_BATCH = 50_000;

/**
 * Deletes up to `limit` of the events `which` selects among the tenant's older than `cutoff`; answers how
 * many, and whether any are left (the job runner then performs the action again).
 */
async function deleteEventsBefore(tx: Tx, tenantId: string, cutoff: Date, which: SQL, limit: number) {
  const old = and(eq(installEvents.tenantId, tenantId), lt(installEvents.occurredAt, cutoff), which);
  // Counted in the database: a year of a busy account's heartbeats is too many rows to send back. The rows
  // are found by the filter's index and deleted by their primary key, each in its own month's partition.
  const [row] = await queryRows<{ deleted: number | string }>(
    tx,
    sql`with doomed as materialized (
          select tenant_id, occurred_at, id from ${installEvents} where ${old} limit ${limit}),
        deleted as (
          delete from ${installEvents} e using doomed d
           where e.tenant_id = d.tenant_id and e.occurred_at = d.occurred_at and e.id = d.id
             and e.occurred_at < ${cutoff.toISOString()}::timestamptz
          returning 1)
        select count(*)::int as deleted from deleted`,
  );
  const deleted = Number(row?.deleted ?? 0);
  // This transaction sees its own deletion: anything the filter still finds is left for the next one.
  const left =
    deleted < limit
      ? []
      : await tx
          .select({ one: sql<number>`1` })
          .from(installEvents)
          .where(old)
          .limit(1);
  return { deleted, more: left.length > 0 };
}

/**
 * The unattributed events retention may delete: not those of an installation that belongs to someone under
 * a live legal hold (an app that reported without naming its account still reported about that person).
 */
export const DELETABLE_UNATTRIBUTED: SQL = and(
  isNull(installEvents.accountId),
  sql`not exists (
    select 1 from app_installations i
      join legal_hold_accounts h on h.tenant_id = i.tenant_id and h.account_id = i.account_id
      join legal_holds l on l.tenant_id = h.tenant_id and l.id = h.hold_id and l.released_at is null
     where i.tenant_id = ${installEvents.tenantId} and i.installation_number = ${installEvents.installationNumber})`,
)!;

const limitField = z.number().int().min(1).max(RETENTION_BATCH).default(RETENTION_BATCH);

const beforeField = z.iso
  .date({ error: "Give the cutoff as a date (YYYY-MM-DD)." })
  .transform((day) => new Date(`${day}T00:00:00Z`));

/** The reason both actions record, allowed or refused: which events, by the cutoff. */
export function retentionReason(before: Date): string {
  const day = before.toISOString().slice(0, 10);
  return `Raw app events from before ${day} are past the organisation's retention period.`;
}

/** Refuses a cutoff within the retention period the organisation has set, as of `now`. */
async function checkCutoff(tx: Tx, tenantId: string, before: Date, now: Date): Promise<void> {
  const months = await retentionMonths(tx, tenantId);
  if (before > retentionCutoff(now, months)) {
    const day = before.toISOString().slice(0, 10);
    throw new ActionFailure(`Events from ${day} are within the retention period of ${months} months.`, "before");
  }
}

export const deleteAccountEvents = defineAction({
  id: "retention.deleteEvents",
  input: z.object({ accountId: accountIdField, before: beforeField, limit: limitField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  subjectAccountId: (input) => input.accountId,
  reason: (input) => retentionReason(input.before),
  async mutate({ tx, tenantId, input, resource, now }) {
    await checkCutoff(tx, tenantId, input.before, now);
    const which = eq(installEvents.accountId, input.accountId);
    const { deleted, more } = await deleteEventsBefore(tx, tenantId, input.before, which, input.limit);
    return {
      output: { deleted, more },
      target: { type: "account", id: input.accountId, name: resource.name },
      changes: { before: null, after: { deletedEvents: deleted, occurredBefore: input.before.toISOString() } },
    };
  },
});

export const deleteUnattributedEvents = defineAction({
  id: "retention.deleteUnattributedEvents",
  input: z.object({ before: beforeField, limit: limitField }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => retentionReason(input.before),
  // Nobody's own data: the organisation's admins account for it.
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, now }) {
    await checkCutoff(tx, tenantId, input.before, now);
    const { deleted, more } = await deleteEventsBefore(tx, tenantId, input.before, DELETABLE_UNATTRIBUTED, input.limit);
    return {
      output: { deleted, more },
      target: { type: "organisation", id: tenantId, name: resource.name },
      changes: { before: null, after: { deletedEvents: deleted, occurredBefore: input.before.toISOString() } },
    };
  },
});

export const retentionDefinitions = [deleteAccountEvents, deleteUnattributedEvents];
