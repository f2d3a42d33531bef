// One account's installations or devices as CSV (?table=installations|devices), the tables of the account
// page's apps section. Reading them is `account.viewApps`, decided and recorded as the page does it, so a
// refusal here is audited like one there. Column names in the admin's language; times in UTC (ISO 8601), so
// a spreadsheet sorts them; every cell through csvCell, which defuses values a spreadsheet would run.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { loadAccountApps, type AccountApps } from "~/accounts/detail.server";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { csvCell } from "~/audit/log.server";
import { tenantScope } from "~/db.server";
import { localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { decisionSentence } from "~/policy/sentences";
import { notFound } from "~/tenancy/access.server";

const querySchema = z.object({ table: z.enum(["installations", "devices"]).default("installations") });

/** Each table's columns, in order; each is its `consoleAccount.apps.csv.<column>` heading. */
const COLUMNS = {
  installations: [
    "installationNumber",
    "app",
    "appVersion",
    "os",
    "osVersion",
    "deviceModel",
    "deviceIdentifier",
    "firstSeenAt",
    "lastSeenAt",
    "uninstalledAt",
  ],
  devices: ["deviceIdentifier", "model", "os", "osVersion", "firstSeenAt", "lastSeenAt"],
} as const satisfies { [Table in keyof AccountApps]: (keyof AccountApps[Table][number])[] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const accountId = params.accountId ?? "";
  const query = querySchema.safeParse({ table: new URL(request.url).searchParams.get("table") ?? undefined });
  if (!query.success) {
    return Response.json({ errors: { table: [t("consoleAccount.apps.badTable")] } }, { status: 400 });
  }
  const { table } = query.data;

  const decided = await performAction(actor, "account.viewApps", { accountId });
  if (!decided.ok) {
    if (decided.kind === "invalid") throw notFound();
    if (decided.kind === "failed") throw forbidden(localiseMessage(decided.message, locale));
    if (decided.decision.policyIds.includes("resource-not-found")) throw notFound();
    throw forbidden(decisionSentence(decided.decision, locale));
  }

  const apps = await tenantScope(tenant.id, (tx) => loadAccountApps(tx, tenant.id, accountId));
  const columns: readonly string[] = COLUMNS[table];
  const line = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;
  const rows: Record<string, unknown>[] = apps[table].map((row) => ({ ...row }));
  const body = [
    line(columns.map((column) => t(`consoleAccount.apps.csv.${column}`))),
    ...rows.map((row) => line(columns.map((column) => row[column]))),
  ].join("");
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="account-${accountId}-${table}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
