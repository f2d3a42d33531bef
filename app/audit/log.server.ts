// Reading a tenant's audit log: filters, keyset paging on seq (newest first), and batches for export. An
// entry made through a delegation or an operator access says which (joined from this tenant's own rows),
// and the log can be narrowed to one of them on the trail's partial indexes.
import { and, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { escapeLike, queryRows, type Tx } from "~db/client";
import { accounts, auditEntries, delegations, operatorAccessRequests, organisations } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import { withinDays } from "~/time";

const subject = alias(accounts, "subject");
const reseller = alias(organisations, "reseller");
const operator = alias(organisations, "operator");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-03.");

/** A delegation or an operator access as the query string names it: its number (what people say) or its id. */
const accessReference = (message: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^[1-9]\d{0,8}$/.test(value) || isUuid(value), message);

/** The filters of the audit page, from its query string. Bad values are reported, not thrown. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(200).optional(),
  outcome: z.enum(["allowed", "denied", "needs_step_up", "failed"]).optional(),
  from: day.optional(),
  to: day.optional(),
  delegation: accessReference("Name a delegation by its number or its id.").optional(),
  operatorAccess: accessReference("Name an operator access by its number or its id.").optional(),
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;

function conditions(tenantId: string, filters: AuditFilters, timeZone: string): SQL[] {
  const where: SQL[] = [eq(auditEntries.tenantId, tenantId)];
  if (filters.actor) where.push(ilike(auditEntries.actorName, `%${escapeLike(filters.actor)}%`));
  if (filters.action) where.push(eq(auditEntries.action, filters.action));
  if (filters.outcome) where.push(eq(auditEntries.outcome, filters.outcome));
  if (filters.subject) {
    const pattern = `%${escapeLike(filters.subject)}%`;
    where.push(or(ilike(subject.displayName, pattern), ilike(subject.email, pattern))!);
  }
  if (filters.delegation) {
    where.push(eq(auditEntries.delegationId, idOf(delegations, tenantId, filters.delegation)));
  }
  if (filters.operatorAccess) {
    where.push(eq(auditEntries.operatorAccessId, idOf(operatorAccessRequests, tenantId, filters.operatorAccess)));
  }
  where.push(...withinDays(auditEntries.occurredAt, filters, timeZone));
  return where;
}

/** The id a reference names: itself, or the id of the tenant's delegation or operator access of that number. */
function idOf(table: typeof delegations | typeof operatorAccessRequests, tenantId: string, reference: string) {
  if (isUuid(reference)) return reference.toLowerCase();
  return sql`(select ${table.id} from ${table} where ${table.tenantId} = ${tenantId} and ${table.number} = ${Number(reference)})`;
}

/**
 * What a delegation or operator-access filter names, for the page's heading: one of this organisation's
 * own (its reseller's or operator's activity here), or, in a reseller's or the operator's log, one it
 * holds in a customer by id (its own staff's copies); "unknown" when neither.
 */
export type AccessFilterSubject =
  | { kind: "delegation"; number: number; reseller: string }
  | { kind: "operatorAccess"; number: number; operator: string; ticket: string }
  | { kind: "heldDelegation"; number: number; client: string }
  | { kind: "heldOperatorAccess"; number: number; customer: string; ticket: string }
  | { kind: "unknown"; filter: "delegation" | "operatorAccess" };

export async function describeAccessFilters(
  tx: Tx,
  tenantId: string,
  filters: Pick<AuditFilters, "delegation" | "operatorAccess">,
): Promise<AccessFilterSubject[]> {
  const subjects: AccessFilterSubject[] = [];
  if (filters.delegation) {
    const [found] = await tx
      .select({ number: delegations.number, reseller: organisations.name })
      .from(delegations)
      .innerJoin(organisations, eq(organisations.id, delegations.resellerId))
      .where(and(eq(delegations.tenantId, tenantId), referenceMatches(delegations, filters.delegation)));
    subjects.push(
      found
        ? { kind: "delegation", ...found }
        : ((await heldDelegation(tx, tenantId, filters.delegation)) ?? { kind: "unknown", filter: "delegation" }),
    );
  }
  if (filters.operatorAccess) {
    const [found] = await tx
      .select({
        number: operatorAccessRequests.number,
        operator: organisations.name,
        ticket: operatorAccessRequests.ticketReference,
      })
      .from(operatorAccessRequests)
      .innerJoin(organisations, eq(organisations.id, operatorAccessRequests.operatorTenantId))
      .where(
        and(
          eq(operatorAccessRequests.tenantId, tenantId),
          referenceMatches(operatorAccessRequests, filters.operatorAccess),
        ),
      );
    subjects.push(
      found
        ? { kind: "operatorAccess", ...found }
        : ((await heldOperatorAccess(tx, tenantId, filters.operatorAccess)) ?? {
            kind: "unknown",
            filter: "operatorAccess",
          }),
    );
  }
  return subjects;
}

// A delegation or an operator access lives in the customer's rows; the side that holds it reads its own
// through the narrow views of migration 0015, which answer only in the holder's own scope. By id only:
// numbers are the customer's, and the same number may be held in several customers.
async function heldDelegation(tx: Tx, reseller: string, reference: string): Promise<AccessFilterSubject | null> {
  if (!isUuid(reference)) return null;
  const [row] = await queryRows<{ number: number; client: string }>(
    tx,
    sql`select d.number, o.name as client
          from glasshouse_reseller_delegations(${reseller}) d join organisations o on o.id = d.tenant_id
         where d.id = ${reference.toLowerCase()}`,
  );
  return row ? { kind: "heldDelegation", number: Number(row.number), client: row.client } : null;
}

async function heldOperatorAccess(tx: Tx, operator: string, reference: string): Promise<AccessFilterSubject | null> {
  if (!isUuid(reference)) return null;
  const [row] = await queryRows<{ number: number; customer: string; ticket: string }>(
    tx,
    sql`select a.number, o.name as customer, a.ticket_reference as ticket
          from glasshouse_operator_access_list(${operator}) a join organisations o on o.id = a.tenant_id
         where a.id = ${reference.toLowerCase()}`,
  );
  return row
    ? { kind: "heldOperatorAccess", number: Number(row.number), customer: row.customer, ticket: row.ticket }
    : null;
}

function referenceMatches(table: typeof delegations | typeof operatorAccessRequests, reference: string): SQL {
  return isUuid(reference) ? eq(table.id, reference.toLowerCase()) : eq(table.number, Number(reference));
}

/**
 * Where a copy in the actor's own organisation's trail points (app/actions/mirror.server.ts): the other
 * organisation, the entry there, and the delegation or the operator access's ticket it went through.
 */
export interface MirrorOf {
  /** Null if the copy could not name it (the organisation was gone when it was written). */
  organisation: string | null;
  seq: number;
  delegation: number | null;
  ticket: string | null;
}

export function mirrorOf(target: unknown): MirrorOf | null {
  if (!target || typeof target !== "object") return null;
  const { type, name, seq, delegation, ticket } = target as Record<string, unknown>;
  if (type !== "organisation" || typeof seq !== "number") return null;
  return {
    organisation: typeof name === "string" ? name : null,
    seq,
    delegation: typeof delegation === "number" ? delegation : null,
    ticket: typeof ticket === "string" ? ticket : null,
  };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>["rows"][number];

export async function listAuditEntries(
  tx: Tx,
  tenantId: string,
  filters: AuditFilters,
  options: { beforeSeq?: number; limit: number; timeZone: string },
) {
  const where = conditions(tenantId, filters, options.timeZone);
  if (options.beforeSeq !== undefined) where.push(lt(auditEntries.seq, options.beforeSeq));
  const rows = await tx
    .select({
      seq: auditEntries.seq,
      id: auditEntries.id,
      occurredAt: auditEntries.occurredAt,
      actorName: auditEntries.actorName,
      actorRole: auditEntries.actorRole,
      actorAccountId: auditEntries.actorAccountId,
      delegationId: auditEntries.delegationId,
      delegationNumber: delegations.number,
      resellerName: reseller.name,
      operatorAccessId: auditEntries.operatorAccessId,
      operatorAccessNumber: operatorAccessRequests.number,
      operatorName: operator.name,
      ticketReference: operatorAccessRequests.ticketReference,
      action: auditEntries.action,
      outcome: auditEntries.outcome,
      subjectAccountId: auditEntries.subjectAccountId,
      subjectName: subject.displayName,
      subjectEmail: subject.email,
      target: auditEntries.target,
      reason: auditEntries.reason,
      policyIds: auditEntries.policyIds,
      sentence: auditEntries.sentence,
      changes: auditEntries.changes,
      requestId: auditEntries.requestId,
      ipAddress: auditEntries.ipAddress,
      userAgent: auditEntries.userAgent,
      visibility: auditEntries.visibility,
      prevHash: auditEntries.prevHash,
      hash: auditEntries.hash,
      pseudonymisedAt: auditEntries.pseudonymisedAt,
      sealedHash: auditEntries.sealedHash,
    })
    .from(auditEntries)
    .leftJoin(subject, and(eq(subject.tenantId, auditEntries.tenantId), eq(subject.id, auditEntries.subjectAccountId)))
    .leftJoin(
      delegations,
      and(eq(delegations.tenantId, auditEntries.tenantId), eq(delegations.id, auditEntries.delegationId)),
    )
    .leftJoin(reseller, eq(reseller.id, delegations.resellerId))
    .leftJoin(
      operatorAccessRequests,
      and(
        eq(operatorAccessRequests.tenantId, auditEntries.tenantId),
        eq(operatorAccessRequests.id, auditEntries.operatorAccessId),
      ),
    )
    .leftJoin(operator, eq(operator.id, operatorAccessRequests.operatorTenantId))
    .where(and(...where))
    .orderBy(desc(auditEntries.seq))
    .limit(options.limit + 1);
  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  return { rows: page, nextBeforeSeq: hasMore ? page[page.length - 1]!.seq : null };
}

export const EXPORT_COLUMNS = [
  "seq",
  "occurredAt",
  "actorName",
  "actorRole",
  "action",
  "outcome",
  "subjectName",
  "subjectEmail",
  "reason",
  "sentence",
  "policyIds",
  "target",
  "changes",
  "requestId",
  "ipAddress",
  "userAgent",
  "prevHash",
  "hash",
  "pseudonymisedAt",
  "sealedHash",
] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Cells that a spreadsheet would run as a formula are prefixed, as OWASP advises for CSV exports.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${EXPORT_COLUMNS.join(",")}\r\n`;
}

export function toCsvLine(row: AuditRow): string {
  return `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`;
}

export function toJsonLine(row: AuditRow): string {
  const record: Record<string, unknown> = {};
  for (const column of EXPORT_COLUMNS) record[column] = row[column];
  return `${JSON.stringify(record)}\n`;
}
