// One table of the app statistics page as CSV (?table=versions|os|days|devices and the page's filters),
// read with the same decision and scope as the page (and recorded with the table). Column names in the
// reader's language; times in UTC (ISO 8601), days are UTC days, so a spreadsheet sorts them. Every cell goes
// through csvCell: a value a spreadsheet would run as a formula (an app version "=HYPERLINK(…)") is defused.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvCell } from "~/audit/log.server";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { toLocale, translator } from "~/i18n/i18n";
import { requireStatsReader } from "~/telemetry/stats-access.server";
import { loadAppStats, MAX_RANGE_DAYS, parseStatsFilters, type AppStats } from "~/telemetry/stats.server";

/** The file holds every oldest-version device up to this many, where the page shows 20. */
const EXPORT_DEVICE_LIMIT = 5_000;

const tableSchema = z.enum(["versions", "os", "days", "devices"]);
type Table = z.infer<typeof tableSchema>;

const COLUMNS = {
  versions: ["app", "version", "active"],
  os: ["app", "os", "active"],
  days: ["app", "day", "installs", "uninstalls"],
  devices: [
    "app",
    "version",
    "os",
    "osVersion",
    "deviceModel",
    "deviceIdentifier",
    "account",
    "lastSeen",
    "installationNumber",
  ],
} as const satisfies Record<Table, readonly string[]>;

function rowsOf(table: Table, stats: AppStats): Record<string, unknown>[] {
  const app = stats.app;
  switch (table) {
    case "versions":
      return stats.versions.map((row) => ({ app, version: row.version, active: row.active }));
    case "os":
      return stats.osMix.map((row) => ({ app, os: row.os, active: row.active }));
    case "days":
      return stats.days.map((row) => ({ app, ...row }));
    case "devices":
      return stats.oldestDevices.map((device) => ({
        app,
        version: device.appVersion,
        os: device.os,
        osVersion: device.osVersion,
        deviceModel: device.deviceModel,
        deviceIdentifier: device.deviceIdentifier,
        account: device.accountName,
        lastSeen: device.lastSeenAt,
        installationNumber: device.installationNumber,
      }));
  }
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { filters, errors } = parseStatsFilters(url.searchParams);
  const table = tableSchema.safeParse(url.searchParams.get("table"));
  // A bad filter is refused rather than left out (a file must hold what its link said), before any read.
  if (!table.success || Object.keys(errors).length) {
    const t = translator(toLocale((await requirePrincipal(request)).locale));
    const fields: Record<string, string> = Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [
        field,
        t(`telemetry.stats.errors.${code}`, { max: MAX_RANGE_DAYS }),
      ]),
    );
    if (!table.success) fields.table = t("telemetry.stats.csv.errors.table");
    return Response.json({ error: "invalid_filters", fields }, { status: 400 });
  }
  const { tenant, principal, scope } = await requireStatsReader(request, params.tenant, context, {
    filters,
    table: table.data,
  });
  const t = translator(toLocale(principal.locale));

  const stats = await tenantScope(tenant.id, (tx) =>
    loadAppStats(tx, tenant.id, filters, scope, { deviceLimit: EXPORT_DEVICE_LIMIT }),
  );
  const columns = COLUMNS[table.data];
  const body = [
    line(columns.map((column) => t(`telemetry.stats.csv.columns.${column}`))),
    ...rowsOf(table.data, stats).map((row) => line(columns.map((column) => row[column]))),
  ].join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="apps-${table.data}-${tenant.slug}-${filters.from}-${filters.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
