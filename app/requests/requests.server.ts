// Data-subject requests as the product reads them: a person's own (My account → Privacy), the queue an
// organisation's admins work through (/t/:tenant/requests), one request with its facts, and what keeps an
// erasure request waiting while a legal hold covers the person. Every function runs inside the tenant's
// transaction (tenantScope), so another organisation's requests are not found.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { queryRows, type Tx } from "~db/client";
import { isUuid } from "~db/tenant-scope";
import type { QueueView } from "./labels";
import {
  accounts,
  dataRequestKind,
  dataRequestStatus,
  dataSubjectRequests,
  legalHolds,
  organisations,
  roleAssignments,
} from "~db/schema";

export const REQUEST_KINDS = dataRequestKind.enumValues;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = dataRequestStatus.enumValues;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses of a request still to be answered. */
export const OPEN_STATUSES = ["received", "in_progress", "waiting_on_hold"] as const satisfies RequestStatus[];

export function isOpen(status: RequestStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** A request is answered within 30 days of receipt (GDPR art. 12(3)). */
export const RESPONSE_DAYS = 30;

export function dueDate(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + RESPONSE_DAYS * 24 * 60 * 60 * 1000);
}

/** How long a person may download the copy an access request produced. */
export const COPY_AVAILABLE_DAYS = 30;

const assignee = alias(accounts, "assignee");

const requestColumns = {
  id: dataSubjectRequests.id,
  accountId: dataSubjectRequests.accountId,
  kind: dataSubjectRequests.kind,
  status: dataSubjectRequests.status,
  details: dataSubjectRequests.details,
  receivedAt: dataSubjectRequests.receivedAt,
  dueAt: dataSubjectRequests.dueAt,
  closedAt: dataSubjectRequests.closedAt,
  resolution: dataSubjectRequests.resolution,
  response: dataSubjectRequests.response,
  respondedAt: dataSubjectRequests.respondedAt,
  assignedTo: dataSubjectRequests.assignedTo,
  assigneeName: assignee.displayName,
};

export type DataRequest = {
  id: string;
  accountId: string;
  kind: RequestKind;
  status: RequestStatus;
  details: string | null;
  receivedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  resolution: string | null;
  response: string | null;
  respondedAt: Date | null;
  assignedTo: string | null;
  assigneeName: string | null;
};

function withAssignee(tenantId: string) {
  return and(eq(assignee.tenantId, tenantId), eq(assignee.id, dataSubjectRequests.assignedTo));
}

/** A person's own requests, newest first. */
export async function listMyRequests(tx: Tx, tenantId: string, accountId: string): Promise<DataRequest[]> {
  return tx
    .select(requestColumns)
    .from(dataSubjectRequests)
    .leftJoin(assignee, withAssignee(tenantId))
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.accountId, accountId)))
    .orderBy(desc(dataSubjectRequests.receivedAt), desc(dataSubjectRequests.id));
}

export async function getRequest(tx: Tx, tenantId: string, requestId: string) {
  if (!isUuid(requestId)) return null;
  const [row] = await tx
    .select({ ...requestColumns, requesterName: accounts.displayName, requesterEmail: accounts.email })
    .from(dataSubjectRequests)
    .innerJoin(
      accounts,
      and(eq(accounts.tenantId, dataSubjectRequests.tenantId), eq(accounts.id, dataSubjectRequests.accountId)),
    )
    .leftJoin(assignee, withAssignee(tenantId))
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, requestId)));
  return row ?? null;
}

/** The organisation's queue: open requests by due date (the most urgent first), closed ones newest first. */
export async function listQueue(tx: Tx, tenantId: string, view: QueueView, now: Date, limit = 200) {
  const open = inArray(dataSubjectRequests.status, [...OPEN_STATUSES]);
  const conditions: (SQL | undefined)[] = [eq(dataSubjectRequests.tenantId, tenantId)];
  if (view === "open") conditions.push(open);
  if (view === "overdue") conditions.push(open, sql`${dataSubjectRequests.dueAt} < ${now.toISOString()}::timestamptz`);
  if (view === "closed") conditions.push(sql`not ${open}`);
  return tx
    .select({ ...requestColumns, requesterName: accounts.displayName, requesterEmail: accounts.email })
    .from(dataSubjectRequests)
    .innerJoin(
      accounts,
      and(eq(accounts.tenantId, dataSubjectRequests.tenantId), eq(accounts.id, dataSubjectRequests.accountId)),
    )
    .leftJoin(assignee, withAssignee(tenantId))
    .where(and(...conditions))
    .orderBy(
      view === "closed" ? desc(dataSubjectRequests.closedAt) : asc(dataSubjectRequests.dueAt),
      asc(dataSubjectRequests.id),
    )
    .limit(limit);
}

/** How many open requests there are, and how many of them are past their due date. */
export async function queueCounts(tx: Tx, tenantId: string, now: Date) {
  const [row] = await tx
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${dataSubjectRequests.dueAt} < ${now.toISOString()}::timestamptz)::int`,
    })
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), inArray(dataSubjectRequests.status, [...OPEN_STATUSES])));
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/**
 * What a person is told while a legal hold keeps their erasure request waiting: that their organisation
 * must retain their data for a legal obligation, and the matter's name only where it chose to say it
 * (the organisation's setting, or the hold's own "the held people may know").
 */
export async function holdNotice(
  tx: Tx,
  tenantId: string,
  holds: readonly { id: string; name: string }[],
): Promise<{ held: boolean; names: string[] }> {
  if (holds.length === 0) return { held: false, names: [] };
  const [organisation] = await tx
    .select({ disclose: organisations.discloseHoldName })
    .from(organisations)
    .where(eq(organisations.id, tenantId));
  const disclosed = organisation?.disclose
    ? holds.map((hold) => hold.name)
    : (
        await tx
          .select({ name: legalHolds.name })
          .from(legalHolds)
          .where(
            and(
              eq(legalHolds.tenantId, tenantId),
              inArray(
                legalHolds.id,
                holds.map((hold) => hold.id),
              ),
              eq(legalHolds.discloseToSubject, true),
            ),
          )
      ).map((row) => row.name);
  return { held: true, names: [...new Set(disclosed)].sort() };
}

/**
 * One at a time per organisation: filing an erasure request and changing a hold. Whichever comes second sees
 * what the first committed, so a request filed while a hold is placed still ends up waiting on it.
 */
export async function lockErasureRequests(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`glasshouse.erasure:${tenantId}`}))`);
}

/** Whether an active legal hold covers the account now (as committed; see lockErasureRequests). */
export async function isHeld(tx: Tx, tenantId: string, accountId: string): Promise<boolean> {
  const [row] = await queryRows<{ held: boolean }>(
    tx,
    sql`select exists (
          select 1 from legal_holds h
           where h.tenant_id = ${tenantId} and h.released_at is null
             and (h.scope = 'organisation'
                  or exists (select 1 from legal_hold_accounts ha
                              where ha.tenant_id = h.tenant_id and ha.hold_id = h.id and ha.account_id = ${accountId}))
        ) as held`,
  );
  return Boolean(row?.held);
}

/**
 * Keeps open erasure requests in step with the legal holds: one whose person a hold now covers waits on
 * it; one whose last hold was released goes back to the queue (in progress if someone had it). Run by
 * every action that places, changes or releases a hold, in its transaction. Answers how many changed.
 */
export async function syncErasureRequests(tx: Tx, tenantId: string): Promise<{ waiting: number; resumed: number }> {
  await lockErasureRequests(tx, tenantId);
  const statuses = await queryRows<{ status: RequestStatus }>(
    tx,
    sql`
    with held as (
      select r.id,
             exists (
               select 1 from legal_holds h
                where h.tenant_id = r.tenant_id and h.released_at is null
                  and (h.scope = 'organisation'
                       or exists (select 1 from legal_hold_accounts ha
                                   where ha.tenant_id = h.tenant_id and ha.hold_id = h.id
                                     and ha.account_id = r.account_id))
             ) as held
        from data_subject_requests r
       where r.tenant_id = ${tenantId} and r.kind = 'erasure'
         and r.status in ('received', 'in_progress', 'waiting_on_hold')
    )
    update data_subject_requests r
       set status = case when held.held then 'waiting_on_hold'::data_request_status
                         when r.assigned_to is not null then 'in_progress'::data_request_status
                         else 'received'::data_request_status end
      from held
     where r.tenant_id = ${tenantId} and r.id = held.id
       and r.status in ('received', 'in_progress', 'waiting_on_hold')
       and (held.held <> (r.status = 'waiting_on_hold'))
    returning r.status`,
  );
  const waiting = statuses.filter((row) => row.status === "waiting_on_hold").length;
  return { waiting, resumed: statuses.length - waiting };
}

/** Who may be given a request to handle: the organisation's active domain admins and compliance officers. */
export async function listHandlers(tx: Tx, tenantId: string) {
  return tx
    .selectDistinct({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .innerJoin(
      roleAssignments,
      and(eq(roleAssignments.tenantId, accounts.tenantId), eq(roleAssignments.accountId, accounts.id)),
    )
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, "active"),
        inArray(roleAssignments.role, ["domain_admin", "compliance_officer"]),
      ),
    )
    .orderBy(asc(accounts.displayName), asc(accounts.id));
}
