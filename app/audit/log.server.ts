// Reading a tenant's audit log: filters, keyset paging on seq (newest first), and batches for export.
import { and, desc, eq, ilike, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { escapeLike, type Tx } from "~db/client";
import { accounts, auditEntries } from "~db/schema";
import { withinDays } from "~/time";

const subject = alias(accounts, "subject");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-03.");

/** The filters of the audit page, from its query string. Bad values are reported, not thrown. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(200).optional(),
  outcome: z.enum(["allowed", "denied", "needs_step_up", "failed"]).optional(),
  from: day.optional(),
  to: day.optional(),
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
  where.push(...withinDays(auditEntries.occurredAt, filters, timeZone));
  return where;
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
