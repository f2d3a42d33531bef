import type { AccountStatus, AdminRole } from "~db/schema";

const ROLE_LABELS: Record<AdminRole, string> = {
  domain_admin: "Domain admin",
  helpdesk_admin: "Helpdesk admin",
  compliance_officer: "Compliance officer",
  auditor: "Auditor",
};

const STATUS_LABELS: Record<AccountStatus, string> = {
  active: "Active",
  suspended: "Suspended",
  terminated: "Terminated",
};

export function roleLabel(role: AdminRole): string {
  return ROLE_LABELS[role];
}

export function statusLabel(status: AccountStatus): string {
  return STATUS_LABELS[status];
}

// Building an Intl.DateTimeFormat costs a few hundred microseconds (far more than formatting with one), and a
// page or a bulk run's emails format many times in few zones: one per locale and zone, kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, timeZone: string, style: "dateTime" | "day" = "dateTime"): Intl.DateTimeFormat {
  const key = `${style}\u0000${locale}\u0000${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === "day" ? { dateStyle: "long" } : { dateStyle: "medium", timeStyle: "short" };
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // An unknown zone (stored before it was validated, or dropped from the tz database) reads as UTC.
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    }
    // Zones and locales are a small, closed set; the bound only guards against a caller passing junk.
    if (dateTimeFormats.size >= 1_000) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string, timeZone: string, locale = "en-GB"): string {
  return dateTimeFormat(locale, timeZone).format(new Date(iso));
}

/** A day as its reader writes it ("26 December 2026", "26. Dezember 2026"), in their time zone. */
export function formatDay(date: Date, timeZone: string, locale = "en-GB"): string {
  return dateTimeFormat(locale, timeZone, "day").format(date);
}

/** A count as the console writes numbers: 10,000. */
export function formatCount(n: number, locale = "en-GB"): string {
  return n.toLocaleString(locale);
}
