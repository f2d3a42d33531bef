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

function dateTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    } catch {
      // An unknown zone (stored before it was validated, or dropped from the tz database) reads as UTC.
      format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
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

/** A count as the console writes numbers: 10,000. */
export function formatCount(n: number, locale = "en-GB"): string {
  return n.toLocaleString(locale);
}
