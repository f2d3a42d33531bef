// The app statistics' filters, shapes and version order: plain data, shared by the apps page's component
// and the queries in stats.server.ts (which the browser bundle must not reach).
import { z } from "zod";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 400;
export const OLDEST_DEVICES_SHOWN = 20;

/** Filters as the page applies them: an inclusive range of UTC days (YYYY-MM-DD); null = every one. */
export interface StatsFilters {
  from: string;
  to: string;
  app: string | null;
  os: string | null;
  version: string | null;
}

export type StatsField = keyof StatsFilters;

/** Whose installations count: the organisation's, or only those of the accounts named. */
export type StatsScope = { kind: "organisation" } | { kind: "accounts"; accountIds: readonly string[] };

export interface OldestVersionDevice {
  installationNumber: string;
  appVersion: string;
  os: string;
  osVersion: string | null;
  deviceModel: string | null;
  deviceIdentifier: string | null;
  accountName: string | null;
  lastSeenAt: Date;
}

export interface AppStats {
  /** Every app with an installation in scope, most active installations first: the app picker. */
  apps: { app: string; active: number }[];
  /** The app shown: the one filtered on, else the one with most active installations. */
  app: string | null;
  /** The app's OS and versions with an active installation (for the filters), whatever is filtered. */
  osOptions: string[];
  versionOptions: string[];
  active: number;
  /** Every day of the range, in order, zero when nothing happened. */
  days: { day: string; installs: number; uninstalls: number }[];
  /** Oldest version first. */
  versions: { version: string; active: number }[];
  osMix: { os: string; active: number }[];
  oldestDevices: OldestVersionDevice[];
}

// ─── Filters ─────────────────────────────────────────────────────────────────────────────────────────

/** Error codes, each a key under telemetry.stats.errors for the page to say in the reader's language. */
export type FilterError = "badDay" | "fromAfterTo" | "rangeTooLong" | "tooLong";

const dayFieldSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "badDay")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, "badDay");

const nameFieldSchema = z.string().trim().max(200, "tooLong");

export interface ParsedFilters {
  filters: StatsFilters;
  /** What was in the URL, to show back as typed. */
  typed: Record<StatsField, string>;
  errors: Partial<Record<StatsField, FilterError>>;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The filters in a query string. A field that does not validate gets an error and its default (the last 30
 * days; no app, OS or version filter), so the page still shows statistics while it asks for a fix.
 */
export function parseStatsFilters(params: URLSearchParams, now = new Date()): ParsedFilters {
  const typed = {
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    app: params.get("app") ?? "",
    os: params.get("os") ?? "",
    version: params.get("version") ?? "",
  };
  const errors: ParsedFilters["errors"] = {};
  const day = (field: "from" | "to") => {
    if (!typed[field].trim()) return null;
    const parsed = dayFieldSchema.safeParse(typed[field].trim());
    if (parsed.success) return parsed.data;
    errors[field] = parsed.error.issues[0]!.message as FilterError;
    return null;
  };
  const name = (field: "app" | "os" | "version") => {
    const parsed = nameFieldSchema.safeParse(typed[field]);
    if (parsed.success) return parsed.data || null;
    errors[field] = parsed.error.issues[0]!.message as FilterError;
    return null;
  };
  const today = utcDay(now);
  let to = day("to") ?? today;
  let from = day("from") ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  if (daysBetween(from, to) < 0) {
    errors[typed.to.trim() ? "to" : "from"] = "fromAfterTo";
    [from, to] = [addDays(today, 1 - DEFAULT_RANGE_DAYS), today];
  } else if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    errors.from = "rangeTooLong";
    from = addDays(to, 1 - DEFAULT_RANGE_DAYS);
  }
  return { filters: { from, to, app: name("app"), os: name("os"), version: name("version") }, typed, errors };
}

/** The filters as query parameters (the CSV links carry the page's). */
export function filtersQuery(filters: StatsFilters): URLSearchParams {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const field of ["app", "os", "version"] as const) {
    const value = filters[field];
    if (value) query.set(field, value);
  }
  return query;
}

/** Versions as people read them: 4.10.0 after 4.9.2. */
const versionOrder = new Intl.Collator("en", { numeric: true });

export function compareVersions(a: string, b: string): number {
  return versionOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
