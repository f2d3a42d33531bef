// What narrows and orders the accounts list: the URL's search parameters, validated. The same fields name a
// bulk action's "all that match" selection (app/bulk), so a bulk run covers exactly what the list showed.
import { z } from "zod";
import { enConsoleAccounts } from "~/i18n/messages/en.console-accounts";

/** The errors of hand-edited fields, in English; the accounts list shows them in its reader's language. */
const ERRORS = enConsoleAccounts.list.filterErrors;

export const ACCOUNT_STATUSES = ["active", "suspended", "terminated"] as const;
export const FILTER_ROLES = ["domain_admin", "helpdesk_admin", "compliance_officer", "auditor", "none"] as const;
export const ACCOUNT_SORTS = ["name", "email", "status", "created", "lastSignIn"] as const;

const yesNo = z.enum(["yes", "no"]);
/** An empty field in a GET form means "any": the select's first option. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const accountFilterSchema = z.object({
  q: optional(z.string().trim().max(200, ERRORS.q)),
  status: optional(z.enum(ACCOUNT_STATUSES, { error: ERRORS.status })),
  role: optional(z.enum(FILTER_ROLES, { error: ERRORS.role })),
  manager: optional(z.uuid({ error: ERRORS.manager })),
  hold: optional(yesNo),
  locked: optional(yesNo),
  twoFactor: optional(yesNo),
});
export type AccountFilter = z.infer<typeof accountFilterSchema>;

export const accountSortSchema = z.object({
  sort: optional(z.enum(ACCOUNT_SORTS)).transform((value) => value ?? "name"),
  dir: optional(z.enum(["asc", "desc"])).transform((value) => value ?? "asc"),
});
export type AccountSort = z.infer<typeof accountSortSchema>;

export const FILTER_FIELDS = Object.keys(accountFilterSchema.shape) as (keyof AccountFilter)[];

/** The filter of a query string or form; fields that do not validate are reported, not dropped silently. */
export function readAccountFilter(
  params: URLSearchParams | FormData,
): { ok: true; filter: AccountFilter } | { ok: false; fieldErrors: Partial<Record<keyof AccountFilter, string>> } {
  const raw = Object.fromEntries(FILTER_FIELDS.map((field) => [field, params.get(field) ?? undefined]));
  const parsed = accountFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filter: parsed.data };
  const fieldErrors: Partial<Record<keyof AccountFilter, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof AccountFilter;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** The filter as query-string pairs (empty fields left out), for links and hidden fields. */
export function filterEntries(filter: AccountFilter): [string, string][] {
  return FILTER_FIELDS.flatMap((field) => {
    const value = filter[field];
    return value === undefined || value === "" ? [] : [[field, String(value)] as [string, string]];
  });
}

export function isFiltered(filter: AccountFilter): boolean {
  return filterEntries(filter).length > 0;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * The filter of a hand-editable URL, for the list itself: the search loses control characters (PostgreSQL
 * refuses NUL in text) and is cut at 200 characters rather than refused, and a field that does not validate
 * is left out and reported, so the list still shows what the rest of the filter matches.
 */
export function readUsableAccountFilter(params: URLSearchParams): {
  filter: AccountFilter;
  fieldErrors: Partial<Record<keyof AccountFilter, string>>;
} {
  const cleaned = new URLSearchParams(params);
  const q = params.get("q");
  if (q !== null) cleaned.set("q", q.replace(CONTROL_CHARACTERS, "").trim().slice(0, 200));
  const first = readAccountFilter(cleaned);
  if (first.ok) return { filter: first.filter, fieldErrors: {} };
  for (const field of Object.keys(first.fieldErrors)) cleaned.delete(field);
  const rest = readAccountFilter(cleaned);
  return { filter: rest.ok ? rest.filter : {}, fieldErrors: first.fieldErrors };
}

export const DEFAULT_ACCOUNT_SORT: AccountSort = { sort: "name", dir: "asc" };

/** The sort of a URL; an unknown sort or direction falls back to the default, and says so. */
export function readAccountSort(params: URLSearchParams): { sort: AccountSort; valid: boolean } {
  const parsed = accountSortSchema.safeParse({
    sort: params.get("sort") ?? undefined,
    dir: params.get("dir") ?? undefined,
  });
  return parsed.success ? { sort: parsed.data, valid: true } : { sort: DEFAULT_ACCOUNT_SORT, valid: false };
}
