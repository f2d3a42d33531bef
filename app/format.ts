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

export function formatDateTime(iso: string, timeZone: string, locale = "en-GB"): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date);
  }
}

/** A count as the console writes numbers: 10,000. */
export function formatCount(n: number, locale = "en-GB"): string {
  return n.toLocaleString(locale);
}
