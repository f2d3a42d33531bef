// My account → Activity: every audit entry about my account that I may see (visibility "subject"), newest
// first, filtered by kind and day, in keyset pages; and the same as CSV. Each entry says whether a signed
// checkpoint covers it yet. Only entries about me, only in my organisation (the tenant scope's row-level
// security and the WHERE both say so). An entry made from another organisation says which and how: the
// reseller and its delegation, or the operator, its access request and the justification the customer saw.
import { and, desc, eq, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { escapeLike, type Tx } from "~db/client";
import { auditCheckpoints, auditEntries, delegations, operatorAccessRequests, organisations } from "~db/schema";
import { describeUserAgent } from "~/auth/user-agent";
import { withinDays } from "~/time";
import { ACTIVITY_KINDS, KIND_PREFIXES, type ActivityKind } from "./activity";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "badDay");

/**
 * The filters, from the query string. Messages are catalogue keys under `activity.` (the page shows them
 * in the reader's language, next to the field, with what they typed kept).
 */
export const activityFilterSchema = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, { error: "badKind" }).optional(),
    from: day.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "badDay").optional(),
    to: day.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "badDay").optional(),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    message: "badRange",
    path: ["to"],
  });
export type ActivityFilters = z.infer<typeof activityFilterSchema>;

/** The query string's filters: those that are valid, and a message key for each that is not. */
export function parseActivityFilters(params: URLSearchParams): {
  filters: ActivityFilters;
  values: Record<"kind" | "from" | "to", string>;
  errors: Partial<Record<"kind" | "from" | "to", string>>;
} {
  const values = {
    kind: params.get("kind")?.trim() ?? "",
    from: params.get("from")?.trim() ?? "",
    to: params.get("to")?.trim() ?? "",
  };
  const raw = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
  const parsed = activityFilterSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, values, errors: {} };
  const errors: Partial<Record<"kind" | "from" | "to", string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as "kind" | "from" | "to";
    errors[field] ??= issue.message;
  }
  // What was valid still filters; a bad field is ignored (and shown), never a 500.
  const filters: ActivityFilters = {};
  if (!errors.kind && raw.kind) filters.kind = raw.kind as ActivityKind;
  if (!errors.from && raw.from) filters.from = raw.from;
  if (!errors.to && raw.to) filters.to = raw.to;
  return { filters, values, errors };
}

function conditions(tenantId: string, accountId: string, filters: ActivityFilters, timeZone: string): SQL[] {
  const where: SQL[] = [
    eq(auditEntries.tenantId, tenantId),
    eq(auditEntries.subjectAccountId, accountId),
    eq(auditEntries.visibility, "subject"),
  ];
  if (filters.kind && filters.kind !== "other") {
    const prefixes = KIND_PREFIXES[filters.kind];
    where.push(or(...prefixes.map((prefix) => like(auditEntries.action, `${escapeLike(prefix)}%`)))!);
  } else if (filters.kind === "other") {
    for (const prefix of Object.values(KIND_PREFIXES).flat()) {
      where.push(sql`${auditEntries.action} not like ${`${escapeLike(prefix)}%`}`);
    }
  }
  where.push(...withinDays(auditEntries.occurredAt, filters, timeZone));
  return where;
}

/** How someone of another organisation came to act on my account. */
export type ActivityVia =
  | { kind: "delegation"; number: number; reseller: string }
  | { kind: "operator"; number: number; operator: string; ticket: string; justification: string };

export interface ActivityEntry {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  /** Null for the system or someone not signed in (see `actor`). */
  actorName: string | null;
  actorRole: string | null;
  actor: "me" | "person" | "system" | "nobody";
  /** The actor's home organisation (mine, a reseller's or the operator's); null without a person. */
  actorOrganisation: string | null;
  /** Through which delegation or operator access, when the actor came from another organisation. */
  via: ActivityVia | null;
  reason: string | null;
  sentence: string | null;
  /** Where it came from: only for what I did, or an attempt on my account; never an admin's address. */
  ipAddress: string | null;
  device: string | null;
  pseudonymised: boolean;
}

/** An entry as read, with what the joins found about where its actor came from. */
type ActivityRow = {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorAccountId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorOrganisation: string | null;
  delegationNumber: number | null;
  resellerName: string | null;
  operatorAccessNumber: number | null;
  operatorName: string | null;
  ticketReference: string | null;
  justification: string | null;
  reason: string | null;
  sentence: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  pseudonymisedAt: Date | null;
};

function toEntry(row: ActivityRow, accountId: string): ActivityEntry {
  const mine = row.actorAccountId === accountId;
  // No actor: a sign-in attempt by someone not (yet) signed in, or the system (a scheduled purge).
  const actor: ActivityEntry["actor"] = mine
    ? "me"
    : row.actorAccountId
      ? "person"
      : row.action.startsWith("auth.")
        ? "nobody"
        : "system";
  // An attempt with no actor on my account (a wrong password) is shown with where it came from.
  const showConnection = mine || row.actorAccountId === null;
  return {
    seq: row.seq,
    occurredAt: row.occurredAt,
    action: row.action,
    outcome: row.outcome,
    actorName: row.actorName,
    actorRole: row.actorRole,
    actor,
    actorOrganisation: row.actorAccountId ? row.actorOrganisation : null,
    via: viaOf(row),
    reason: row.reason,
    sentence: row.sentence,
    ipAddress: showConnection ? row.ipAddress : null,
    device: showConnection && row.userAgent ? describeUserAgent(row.userAgent).label : null,
    pseudonymised: row.pseudonymisedAt !== null,
  };
}

function viaOf(row: ActivityRow): ActivityVia | null {
  if (row.delegationNumber !== null && row.resellerName !== null) {
    return { kind: "delegation", number: row.delegationNumber, reseller: row.resellerName };
  }
  const { operatorAccessNumber: number, operatorName: operator, ticketReference: ticket, justification } = row;
  if (number !== null && operator !== null && ticket !== null && justification !== null) {
    return { kind: "operator", number, operator, ticket, justification };
  }
  return null;
}

// The actor's home organisation, a delegation's reseller and an operator access's operator organisation:
// directory rows, readable in any tenant's scope. Delegations and access requests are my organisation's own.
const actorOrganisation = alias(organisations, "actor_organisation");
const reseller = alias(organisations, "reseller");
const operator = alias(organisations, "operator");

const COLUMNS = {
  seq: auditEntries.seq,
  occurredAt: auditEntries.occurredAt,
  action: auditEntries.action,
  outcome: auditEntries.outcome,
  actorAccountId: auditEntries.actorAccountId,
  actorName: auditEntries.actorName,
  actorRole: auditEntries.actorRole,
  actorOrganisation: actorOrganisation.name,
  delegationNumber: delegations.number,
  resellerName: reseller.name,
  operatorAccessNumber: operatorAccessRequests.number,
  operatorName: operator.name,
  ticketReference: operatorAccessRequests.ticketReference,
  justification: operatorAccessRequests.justification,
  reason: auditEntries.reason,
  sentence: auditEntries.sentence,
  ipAddress: auditEntries.ipAddress,
  userAgent: auditEntries.userAgent,
  pseudonymisedAt: auditEntries.pseudonymisedAt,
};

/** The entries of my organisation's trail with who acted from where, newest first. */
function selectEntries(tx: Tx, where: SQL[], limit: number) {
  return tx
    .select(COLUMNS)
    .from(auditEntries)
    .leftJoin(actorOrganisation, eq(actorOrganisation.id, auditEntries.actorTenantId))
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
    .limit(limit);
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** The seq to page on from (`before`), or null on the last page. */
  nextBefore: number | null;
  /** The latest signed checkpoint: entries up to its seq are covered by it. */
  checkpoint: { seq: number; signedAt: Date } | null;
}

export async function listMyActivity(
  tx: Tx,
  ref: { tenantId: string; accountId: string },
  filters: ActivityFilters,
  options: { before?: number; limit: number; timeZone: string },
): Promise<ActivityPage> {
  const where = conditions(ref.tenantId, ref.accountId, filters, options.timeZone);
  if (options.before !== undefined) where.push(lt(auditEntries.seq, options.before));
  const rows = await selectEntries(tx, where, options.limit + 1);
  const [checkpoint] = await tx
    .select({ seq: auditCheckpoints.seq, signedAt: auditCheckpoints.signedAt })
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.tenantId, ref.tenantId))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(1);
  const page = rows.slice(0, options.limit);
  return {
    entries: page.map((row) => toEntry(row, ref.accountId)),
    nextBefore: rows.length > options.limit ? page[page.length - 1]!.seq : null,
    checkpoint: checkpoint ?? null,
  };
}

/** Every matching entry, newest first, a batch at a time (the CSV download). */
export async function* allMyActivity(
  tx: Tx,
  ref: { tenantId: string; accountId: string },
  filters: ActivityFilters,
  timeZone: string,
  batch = 1000,
): AsyncGenerator<ActivityEntry> {
  let before: number | undefined;
  for (;;) {
    const where = conditions(ref.tenantId, ref.accountId, filters, timeZone);
    if (before !== undefined) where.push(lt(auditEntries.seq, before));
    const rows = await selectEntries(tx, where, batch);
    for (const row of rows) yield toEntry(row, ref.accountId);
    if (rows.length < batch) return;
    before = rows[rows.length - 1]!.seq;
  }
}

/** A page's entries as a loader sends them: times as ISO text, each with whether the checkpoint covers it. */
export function shownEntries(page: ActivityPage) {
  return page.entries.map((entry) => ({
    ...entry,
    occurredAt: entry.occurredAt.toISOString(),
    sealed: page.checkpoint !== null && entry.seq <= page.checkpoint.seq,
  }));
}
