// The accounts list: filtered, sorted and keyset-paged, so every page costs the same however deep it is (no
// OFFSET). Each sort is a total order — the sorted value, then the name, then the id, with NULLs last in both
// directions — and a cursor carries the last row's place in it (and the sort it was made for). The order is
// walked in segments (the rows with a value, then those without; or one status after another), so each
// keyset condition is a single row comparison that an index of the tenant's accounts answers in order.
// Cursors are opaque to the browser and validated on the way back in.
import { and, asc, desc, eq, inArray, isNotNull, isNull, not, sql, type SQL } from "drizzle-orm";
import { alias, pgTable, text, timestamp, uuid, type PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { escapeLike, type Tx } from "~db/client";
import {
  accounts,
  legalHoldAccounts,
  legalHolds,
  passkeys,
  privacyLocks,
  roleAssignments,
  totpCredentials,
  type AccountStatus,
  type AdminRole,
} from "~db/schema";
import { ACCOUNT_SORTS, ACCOUNT_STATUSES, DEFAULT_ACCOUNT_SORT, type AccountFilter, type AccountSort } from "./filters";

export const PAGE_SIZE = 50;
/** The manager filter lists at most this many managers (by name); a chosen one is always listed. */
export const MANAGER_OPTIONS_LIMIT = 500;

type SortKey = AccountSort["sort"];

/**
 * A stretch of a sort's order that one index range walks: rows of one status, the rows with a value, or
 * the rows without one (kept last in both directions). Within it rows are ordered by `orderColumn` (if
 * any), the name and the id.
 */
interface Segment {
  /** What a cursor's value says about the segment its row is in. */
  key: string;
  /** The sorted value every row of the segment has (a status, or NULL), if they all have the same. */
  value?: string | null;
  where: SQL | null;
  orderColumn: PgColumn | null;
  /** The sort column differs between the segment's rows, so the keyset compares it too. */
  comparesValue: boolean;
}

interface SortSpec {
  /** The sorted column's value as a cursor carries it: exact text (timestamps to the microsecond). */
  text: SQL<string | null> | null;
  column: PgColumn | null;
  /** The segments in ascending order. */
  segments: Segment[];
  segmentOf: (value: string | null) => string;
  /** Whether a cursor's value could be one of this sort's, and how it goes back into SQL. */
  isValue: (value: string | null) => boolean;
  fromValue: (value: string) => SQL;
}

const timestampText = (column: PgColumn) =>
  sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const TIMESTAMP_TEXT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.\d{6}Z$/;

/** A timestamp as timestampText writes it, and a real one (PostgreSQL refuses 31 February or year 0). */
function isTimestampText(value: string): boolean {
  const match = TIMESTAMP_TEXT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** A sort on a column that may be NULL: the rows with a value by it, then the rows without, by name. */
function nullableSort(
  column: PgColumn,
  text: SQL<string | null>,
  isText: (value: string) => boolean,
  fromValue: (value: string) => SQL,
): SortSpec {
  return {
    text,
    column,
    segments: [
      { key: "values", where: isNotNull(column), orderColumn: column, comparesValue: true },
      // The column is NULL throughout; ordering by it anyway lets the column's index give the order.
      { key: "nulls", value: null, where: isNull(column), orderColumn: column, comparesValue: false },
    ],
    segmentOf: (value) => (value === null ? "nulls" : "values"),
    isValue: (value) => value === null || isText(value),
    fromValue,
  };
}

const SORTS: Record<SortKey, SortSpec> = {
  name: {
    text: null,
    column: null,
    segments: [{ key: "all", where: null, orderColumn: null, comparesValue: false }],
    segmentOf: () => "all",
    isValue: () => false,
    fromValue: (value) => sql`${value}`,
  },
  // Null only once the account is purged.
  email: nullableSort(
    accounts.email,
    sql<string | null>`${accounts.email}`,
    () => true,
    (value) => sql`${value}::text`,
  ),
  // One segment per status, in the enum's order. Comparing the enum itself is no use: its operators are
  // not leakproof, so under row-level security PostgreSQL may not use them in an index scan.
  status: {
    text: sql<string>`${accounts.status}::text`,
    column: accounts.status,
    segments: ACCOUNT_STATUSES.map((status) => ({
      key: status,
      value: status,
      where: eq(accounts.status, status),
      orderColumn: null,
      comparesValue: false,
    })),
    segmentOf: (value) => value ?? "",
    isValue: (value) => value !== null && (ACCOUNT_STATUSES as readonly string[]).includes(value),
    fromValue: (value) => sql`${value}`,
  },
  created: {
    text: timestampText(accounts.createdAt),
    column: accounts.createdAt,
    segments: [{ key: "values", where: null, orderColumn: accounts.createdAt, comparesValue: true }],
    segmentOf: () => "values",
    isValue: (value) => value !== null && isTimestampText(value),
    fromValue: (value) => sql`${value}::timestamptz`,
  },
  // Null until the first sign-in.
  lastSignIn: nullableSort(
    accounts.lastSignInAt,
    timestampText(accounts.lastSignInAt),
    isTimestampText,
    (value) => sql`${value}::timestamptz`,
  ),
};

// PostgreSQL stores no NUL in text, so a string with one cannot have come from a row.
const cursorText = z
  .string()
  .max(500)
  .refine((text) => !text.includes("\0"));

const cursorSchema = z
  .object({
    /** The sort and direction the cursor was made for. */
    s: z.enum(ACCOUNT_SORTS),
    d: z.enum(["asc", "desc"]),
    /** The sorted column's value (null: the row has none); absent when sorting by name. */
    v: cursorText.nullable().optional(),
    n: cursorText,
    i: z.uuid(),
  })
  .refine(({ s, v }) => (SORTS[s].text ? v !== undefined && SORTS[s].isValue(v) : v === undefined));
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** The cursor, or null when it is not one we could have issued for this sort and direction. */
export function decodeCursor(raw: string, sort: AccountSort = DEFAULT_ACCOUNT_SORT): Cursor | null {
  if (raw.length > 2000) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort.sort || parsed.data.d !== sort.dir) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

// ─── What covers an account ───────────────────────────────────────────────────────────────────────
// SQL over the (unaliased) `accounts` table, in two shapes. A filter tests the account against a set built
// once per query (the tenant's held accounts, say), so a page or a count over 100,000 accounts probes a hash
// instead of running a subquery per account. A page's own rows (at most 50) are described by correlated
// probes of each table's (tenant_id, account_id) index instead. The outer row is named in full: in a
// single-table select drizzle writes `${accounts.id}` as a bare "id", which inside a subquery binds to the
// subquery's own table.
const outer = { tenantId: sql.raw(`"accounts"."tenant_id"`), id: sql.raw(`"accounts"."id"`) };

function organisationHold(tenantId: string): SQL {
  return sql`exists (select 1 from ${legalHolds} h
    where h.tenant_id = ${tenantId}::uuid and h.released_at is null and h.scope = 'organisation')`;
}

function organisationLock(tenantId: string): SQL {
  return sql`exists (select 1 from ${privacyLocks} l
    where l.tenant_id = ${tenantId}::uuid and l.account_id is null and l.cleared_at is null)`;
}

/** An unreleased legal hold covers the account: it lists the account, or covers the whole organisation. */
function underHoldFilter(tenantId: string): SQL {
  return sql`(${organisationHold(tenantId)} or ${outer.id} in (select ha.account_id from ${legalHoldAccounts} ha
      join ${legalHolds} h on h.tenant_id = ha.tenant_id and h.id = ha.hold_id
      where ha.tenant_id = ${tenantId}::uuid and h.released_at is null))`;
}

/** An uncleared privacy lock covers the account: its own, or one on the whole organisation (no account). */
function lockedSettingsFilter(tenantId: string): SQL {
  return sql`(${organisationLock(tenantId)} or ${outer.id} in (select l.account_id from ${privacyLocks} l
      where l.tenant_id = ${tenantId}::uuid and l.account_id is not null and l.cleared_at is null))`;
}

/**
 * A confirmed authenticator app or at least one passkey (as app/auth/factors.server.ts counts them). "No" is
 * written as two NOT EXISTS, which the planner can turn into anti-joins that probe each table's index for
 * the accounts a search leaves (NOT of an OR of subqueries must build both whole sets on every request).
 */
function twoFactorFilter(tenantId: string, answer: "yes" | "no"): SQL {
  const totp = sql`select 1 from ${totpCredentials} t
      where t.tenant_id = ${tenantId}::uuid and t.account_id = ${outer.id} and t.confirmed_at is not null`;
  const passkey = sql`select 1 from ${passkeys} p where p.tenant_id = ${tenantId}::uuid and p.account_id = ${outer.id}`;
  return answer === "yes"
    ? sql`(exists (${totp}) or exists (${passkey}))`
    : sql`(not exists (${totp}) and not exists (${passkey}))`;
}

function hasRole(role: AdminRole | null): SQL {
  return sql`exists (select 1 from ${roleAssignments} r
    where r.tenant_id = ${outer.tenantId} and r.account_id = ${outer.id}
    ${role ? sql`and r.role = ${role}::admin_role` : sql``})`;
}

/**
 * The WHERE conditions, over the `accounts` table, for the tenant's accounts that match `filter` — the tenant
 * condition included. The list, its count and a bulk action's "all that match" all use these, so they agree.
 * Purged accounts stay listed (as "Erased account", without an email), as they always have been.
 */
export function accountFilterConditions(tenantId: string, filter: AccountFilter): SQL[] {
  const conditions: SQL[] = [eq(accounts.tenantId, tenantId)];
  const search = filter.q?.trim();
  if (search) conditions.push(searchCondition(search));
  if (filter.status) conditions.push(eq(accounts.status, filter.status));
  if (filter.role === "none") conditions.push(not(hasRole(null)));
  else if (filter.role) conditions.push(hasRole(filter.role));
  if (filter.manager) conditions.push(eq(accounts.managerId, filter.manager));
  const yesOrNo = (answer: "yes" | "no" | undefined, test: SQL) => {
    if (answer) conditions.push(answer === "yes" ? test : not(test));
  };
  yesOrNo(filter.hold, underHoldFilter(tenantId));
  yesOrNo(filter.locked, lockedSettingsFilter(tenantId));
  if (filter.twoFactor) conditions.push(twoFactorFilter(tenantId, filter.twoFactor));
  return conditions;
}

/**
 * Name or email contains `search`, in any case (LIKE's wildcards are taken literally): one LIKE on the stored,
 * lowercased search_text (db/schema.ts), the term lowercased by the same lower() so the two always agree.
 * A two-letter term also asks for its pair of letters, which only the pairs index (migration 0010) can
 * answer: it has no trigram. The pair test is implied by the LIKE, so it changes which rows are read, never
 * which match.
 */
function searchCondition(search: string): SQL {
  const contains = sql`${accounts.searchText} like ('%' || lower(${escapeLike(search)}) || '%')`;
  if ([...search].length !== 2) return contains;
  return sql`(glasshouse_bigrams(${accounts.searchText}) @> glasshouse_bigrams(lower(${search})) and ${contains})`;
}

/**
 * What the list finds and orders accounts in: the view `account_directory` (migration 0008), the current
 * tenant's accounts with what finding and ordering need. It is owned by the schema's owner, so its trigram
 * and partial indexes can answer ILIKE and the status tests: under row-level security only "leakproof"
 * operators may use an index, and ILIKE is not one, so every search would read the whole tenant. Its WHERE is
 * the tenant_isolation policy's own condition, and it is read-only to the app role. Only ids and sort keys
 * come from it: the rows shown are then read from `accounts`, under row-level security.
 *
 * Declared here, not in db/schema.ts, so drizzle-kit does not take it for a table to create; used under the
 * name `accounts`, so every condition here (written over `accounts`) applies to it unchanged.
 */
const accountDirectory = pgTable("account_directory", {
  tenantId: uuid("tenant_id").notNull(),
  id: uuid("id").notNull(),
  displayName: text("display_name").notNull(),
  email: text("email"),
  status: text("status").notNull(),
  managerId: uuid("manager_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  searchText: text("search_text").notNull(),
});
const directory = alias(accountDirectory, "accounts");

/** The same, for hand-written SQL: `from ${directorySource}`. */
export const directorySource = sql`"account_directory" "accounts"`;

/**
 * Planner settings for the rest of this transaction, for queries that take milliseconds: no parallel plans.
 * Starting workers (PostgreSQL does, for a count over a common letter pair) costs more than the scan they
 * would share. (Pricing index probes as in-memory reads, random_page_cost 1.1, was tried too: it turned the
 * two-letter count into a walk of the whole name index, three times slower.)
 */
export async function useListPlanSettings(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
}

export async function countAccounts(tx: Tx, tenantId: string, filter: AccountFilter): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(directory)
    .where(and(...accountFilterConditions(tenantId, filter)));
  return Number(row?.count ?? 0);
}

/**
 * How many accounts match, counting no further than `cap` (the list shows "more than 1,000" rather than
 * count a hundred thousand rows on every page). `exact` is false when there are more than `cap`.
 */
export async function countAccountsUpTo(
  tx: Tx,
  tenantId: string,
  filter: AccountFilter,
  cap: number,
): Promise<{ count: number; exact: boolean }> {
  const matching = tx
    .select({ one: sql`1` })
    .from(directory)
    .where(and(...accountFilterConditions(tenantId, filter)))
    .limit(cap + 1)
    .as("matching");
  const [row] = await tx.select({ count: sql<number>`count(*)::int` }).from(matching);
  const count = Number(row?.count ?? 0);
  return count > cap ? { count: cap, exact: false } : { count, exact: true };
}

/** The ids of the first `limit` accounts that match, in name order (as the list shows them by default). */
export async function accountIdsMatching(
  tx: Tx,
  tenantId: string,
  filter: AccountFilter,
  limit: number,
): Promise<string[]> {
  const rows = await tx
    .select({ id: accounts.id })
    .from(directory)
    .where(and(...accountFilterConditions(tenantId, filter)))
    .orderBy(asc(accounts.displayName), asc(accounts.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

// ─── The list ─────────────────────────────────────────────────────────────────────────────────────

export interface AccountListRow {
  id: string;
  displayName: string;
  email: string | null;
  status: AccountStatus;
  createdAt: Date;
  lastSignInAt: Date | null;
  roles: AdminRole[];
  /** The second factors the account has: what an admin needs to know before resetting them. */
  factors: { totp: boolean; passkeys: number };
  /** An unreleased legal hold covers it (its own or the organisation's). */
  underHold: boolean;
  /** An uncleared privacy lock covers it (its own or the organisation's). */
  lockedSettings: boolean;
}

export interface AccountPage {
  rows: AccountListRow[];
  /** Cursor of the page after this one, if there is one. */
  next: string | null;
  /** Cursor of the page before this one, if there is one. */
  previous: string | null;
}

export interface AccountQuery {
  filter?: AccountFilter;
  sort?: AccountSort;
  /** Cursors from decodeCursor for the same sort. */
  after?: Cursor;
  before?: Cursor;
  pageSize?: number;
}

/** Rows strictly after (">") or before ("<") the cursor in the walk's order, within the cursor's segment. */
function keysetCondition(spec: SortSpec, segment: Segment, cursor: Cursor, comparison: ">" | "<"): SQL {
  const operator = sql.raw(comparison);
  if (segment.comparesValue && spec.column && typeof cursor.v === "string") {
    return sql`(${spec.column}, ${accounts.displayName}, ${accounts.id}) ${operator} (${spec.fromValue(cursor.v)}, ${cursor.n}, ${cursor.i}::uuid)`;
  }
  return sql`(${accounts.displayName}, ${accounts.id}) ${operator} (${cursor.n}, ${cursor.i}::uuid)`;
}

/** The sort's segments in the order a page walks them: descending reverses them, but NULLs stay last. */
function segmentsInOrder(spec: SortSpec, dir: AccountSort["dir"]): Segment[] {
  if (dir === "asc") return spec.segments;
  const nulls = spec.segments.filter((segment) => segment.key === "nulls");
  return [...spec.segments.filter((segment) => segment.key !== "nulls").reverse(), ...nulls];
}

export async function listAccounts(tx: Tx, tenantId: string, query: AccountQuery): Promise<AccountPage> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const sort = query.sort ?? DEFAULT_ACCOUNT_SORT;
  const spec = SORTS[sort.sort];
  const anchor = query.before ?? query.after;
  if (anchor && (anchor.s !== sort.sort || anchor.d !== sort.dir)) {
    throw new Error("listAccounts: the cursor was made for another sort; decodeCursor refuses those.");
  }
  const backwards = Boolean(query.before);
  const segments = segmentsInOrder(spec, sort.dir);
  const anchorSegment = anchor ? segments.findIndex((segment) => segment.key === spec.segmentOf(anchor.v ?? null)) : 0;
  // Paging back walks the same order in reverse, from the cursor's segment towards the first one.
  const walk = backwards ? segments.slice(0, anchorSegment + 1).reverse() : segments.slice(anchorSegment);
  const ascending = (sort.dir === "asc") !== backwards;
  const order = ascending ? asc : desc;
  const filterConditions = accountFilterConditions(tenantId, query.filter ?? {});

  const fetched: { id: string; displayName: string; value: string | null }[] = [];
  for (const segment of walk) {
    const conditions = [...filterConditions];
    if (segment.where) conditions.push(segment.where);
    if (anchor && segment === segments[anchorSegment]) {
      conditions.push(keysetCondition(spec, segment, anchor, ascending ? ">" : "<"));
    }
    const orderBy = [
      ...(segment.orderColumn ? [order(segment.orderColumn)] : []),
      order(accounts.displayName),
      order(accounts.id),
    ];
    // The page's keys only, so an index that holds the sort's columns can answer without the table.
    const keys = await tx
      .select({
        id: accounts.id,
        displayName: accounts.displayName,
        value: segment.value === undefined && spec.text ? spec.text : sql<null>`null`,
      })
      .from(directory)
      .where(and(...conditions))
      .orderBy(...orderBy)
      .limit(pageSize + 1 - fetched.length);
    fetched.push(...keys.map((row) => ({ ...row, value: segment.value === undefined ? row.value : segment.value })));
    if (fetched.length > pageSize) break;
  }

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) {
    // Back at the start with a short page (accounts came or went since): show a full first page instead.
    if (!hasMore && page.length < pageSize) return listAccounts(tx, tenantId, { ...query, before: undefined });
    page.reverse();
  }

  const details = await describeAccounts(
    tx,
    tenantId,
    page.map((row) => row.id),
  );
  const cursorOf = (row: (typeof page)[number]): string =>
    encodeCursor({
      s: sort.sort,
      d: sort.dir,
      ...(spec.text ? { v: row.value } : {}),
      n: row.displayName,
      i: row.id,
    });
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : Boolean(query.after);
  return {
    // An account deleted between the two reads is left out rather than shown half-described.
    rows: page.flatMap((row) => details.get(row.id) ?? []),
    next: hasNext && last ? cursorOf(last) : null,
    previous: hasPrevious && first ? cursorOf(first) : null,
  };
}

/** What the list shows of each account: correlated probes, one per account and table, for a page's ids. */
async function describeAccounts(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, AccountListRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      status: accounts.status,
      createdAt: accounts.createdAt,
      lastSignInAt: accounts.lastSignInAt,
      totp: sql<boolean>`exists (select 1 from ${totpCredentials} t
        where t.tenant_id = ${outer.tenantId} and t.account_id = ${outer.id} and t.confirmed_at is not null)`,
      passkeys: sql<number>`(select count(*)::int from ${passkeys} p
        where p.tenant_id = ${outer.tenantId} and p.account_id = ${outer.id})`,
      underHold: sql<boolean>`(${organisationHold(tenantId)} or exists (select 1 from ${legalHoldAccounts} ha
        join ${legalHolds} h on h.tenant_id = ha.tenant_id and h.id = ha.hold_id and h.released_at is null
        where ha.tenant_id = ${outer.tenantId} and ha.account_id = ${outer.id}))`,
      lockedSettings: sql<boolean>`(${organisationLock(tenantId)} or exists (select 1 from ${privacyLocks} l
        where l.tenant_id = ${outer.tenantId} and l.account_id = ${outer.id} and l.cleared_at is null))`,
    })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, ids)));
  const roles = await tx
    .select({ accountId: roleAssignments.accountId, role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), inArray(roleAssignments.accountId, ids)))
    .orderBy(roleAssignments.role);
  const rolesByAccount = new Map<string, AdminRole[]>();
  for (const { accountId, role } of roles) {
    rolesByAccount.set(accountId, [...(rolesByAccount.get(accountId) ?? []), role]);
  }
  return new Map(
    rows.map(({ totp, passkeys: passkeyCount, underHold, lockedSettings, ...row }) => [
      row.id,
      {
        ...row,
        roles: rolesByAccount.get(row.id) ?? [],
        factors: { totp: Boolean(totp), passkeys: Number(passkeyCount) },
        underHold: Boolean(underHold),
        lockedSettings: Boolean(lockedSettings),
      },
    ]),
  );
}

// ─── The manager filter ───────────────────────────────────────────────────────────────────────────

/**
 * The manager options of each tenant, kept for a short while: finding who manages someone reads every
 * account of the tenant (tens of ms at 100,000), too much to repeat on every page of the list. A manager
 * named in the last `cacheSeconds` may be missing from the options that long; a filtered one never is.
 */
const managerCache = new Map<string, { at: number; value: { managers: ManagerOption[]; more: boolean } }>();

async function cachedManagers(
  tenantId: string,
  limit: number,
  cacheSeconds: number,
  load: () => Promise<{ managers: ManagerOption[]; more: boolean }>,
): Promise<{ managers: ManagerOption[]; more: boolean }> {
  const key = `${tenantId}:${limit}`;
  const cached = managerCache.get(key);
  if (cacheSeconds > 0 && cached && Date.now() - cached.at < cacheSeconds * 1000) return cached.value;
  const value = await load();
  if (cacheSeconds > 0) managerCache.set(key, { at: Date.now(), value });
  return value;
}

export interface ManagerOption {
  id: string;
  displayName: string;
}

/**
 * The tenant's accounts that manage someone, by name: at most `limit`, plus `include` (the manager a filter
 * names) when it is an account of the tenant. `included` is false when `include` is no account here.
 */
export async function listManagers(
  tx: Tx,
  tenantId: string,
  options: { include?: string; limit?: number; cacheSeconds?: number } = {},
): Promise<{ managers: ManagerOption[]; more: boolean; included: boolean }> {
  const limit = options.limit ?? MANAGER_OPTIONS_LIMIT;
  const { managers, more } = await cachedManagers(tenantId, limit, options.cacheSeconds ?? 0, async () => {
    const managesSomeone = sql`exists (select 1 from ${accounts} r
      where r.tenant_id = ${outer.tenantId} and r.manager_id = ${outer.id})`;
    const rows = await tx
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), managesSomeone))
      .orderBy(asc(accounts.displayName), asc(accounts.id))
      .limit(limit + 1);
    return { managers: rows.slice(0, limit), more: rows.length > limit };
  });
  const { include } = options;
  if (!include || managers.some((manager) => manager.id === include)) {
    return { managers, more, included: Boolean(include) };
  }
  const [chosen] = await tx
    .select({ id: accounts.id, displayName: accounts.displayName })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, include)));
  if (!chosen) return { managers, more, included: false };
  const withChosen = [...managers, chosen].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id),
  );
  return { managers: withChosen, more, included: true };
}
