// My account → Activity: every audit entry about my account that I may see (visibility "subject"), newest
// first, filtered by kind and day, in keyset pages; and the same as CSV. Each entry says whether a signed
// checkpoint covers it yet. Only entries about me, only in my organisation (the tenant scope's row-level
// security and the WHERE both say so).
import { and, desc, eq, like, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { escapeLike, type Tx } from "~db/client";
import { auditCheckpoints, auditEntries } from "~db/schema";
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

export interface ActivityEntry {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  /** Null for the system or someone not signed in (see `actor`). */
  actorName: string | null;
  actorRole: string | null;
  actor: "me" | "person" | "system" | "nobody";
  reason: string | null;
  sentence: string | null;
  /** Where it came from: only for what I did, or an attempt on my account; never an admin's address. */
  ipAddress: string | null;
  device: string | null;
  pseudonymised: boolean;
}

function toEntry(
  row: {
    seq: number;
    occurredAt: Date;
    action: string;
    outcome: string;
    actorAccountId: string | null;
    actorName: string | null;
    actorRole: string | null;
    reason: string | null;
    sentence: string | null;
    ipAddress: string | null;
    userAgent: string | null;
    pseudonymisedAt: Date | null;
  },
  accountId: string,
): ActivityEntry {
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
    reason: row.reason,
    sentence: row.sentence,
    ipAddress: showConnection ? row.ipAddress : null,
    device: showConnection && row.userAgent ? describeUserAgent(row.userAgent).label : null,
    pseudonymised: row.pseudonymisedAt !== null,
  };
}

const COLUMNS = {
  seq: auditEntries.seq,
  occurredAt: auditEntries.occurredAt,
  action: auditEntries.action,
  outcome: auditEntries.outcome,
  actorAccountId: auditEntries.actorAccountId,
  actorName: auditEntries.actorName,
  actorRole: auditEntries.actorRole,
  reason: auditEntries.reason,
  sentence: auditEntries.sentence,
  ipAddress: auditEntries.ipAddress,
  userAgent: auditEntries.userAgent,
  pseudonymisedAt: auditEntries.pseudonymisedAt,
};

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
  const rows = await tx
    .select(COLUMNS)
    .from(auditEntries)
    .where(and(...where))
    .orderBy(desc(auditEntries.seq))
    .limit(options.limit + 1);
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
    const rows = await tx
      .select(COLUMNS)
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.seq))
      .limit(batch);
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
