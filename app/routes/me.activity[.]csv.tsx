// My activity as CSV: every entry the Activity page shows for the same filters, all pages, with the
// column names in my language. Times in UTC (ISO 8601), so a spreadsheet sorts them. The actor's
// organisation, the delegation or operator access they came through, and an operator's justification have
// columns of their own.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvCell } from "~/audit/log.server";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { toLocale, translator } from "~/i18n/i18n";
import { allMyActivity, parseActivityFilters, type ActivityVia } from "~/me/activity.server";
import { actionLabel } from "~/policy/labels";

const COLUMNS = [
  "occurredAt",
  "action",
  "outcome",
  "actor",
  "role",
  "organisation",
  "via",
  "justification",
  "reason",
  "sentence",
  "ipAddress",
  "device",
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const { filters, errors } = parseActivityFilters(new URL(request.url).searchParams);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  if (Object.keys(errors).length > 0) {
    return Response.json(
      {
        error: "invalid_filters",
        fields: Object.fromEntries(Object.entries(errors).map(([key, message]) => [key, t(`activity.${message}`)])),
      },
      { status: 400 },
    );
  }
  const lines: string[] = [`${COLUMNS.map((column) => csvCell(t(`activity.csv.${column}`))).join(",")}\r\n`];
  await tenantScope(principal.tenantId, async (tx) => {
    for await (const entry of allMyActivity(tx, principal, filters, principal.timeZone)) {
      const actor =
        entry.actor === "me"
          ? t("activity.you")
          : entry.actor === "system"
            ? t("activity.system")
            : entry.actor === "nobody"
              ? t("activity.nobody")
              : entry.actorName;
      const row = {
        occurredAt: entry.occurredAt.toISOString(),
        action: actionLabel(entry.action, locale),
        outcome: t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome }),
        actor,
        role: entry.actor === "person" ? entry.actorRole : null,
        organisation: entry.actorOrganisation,
        via: viaText(entry.via, t),
        justification:
          entry.via?.kind === "operator"
            ? t("activity.csvValues.justification", {
                ticket: entry.via.ticket,
                justification: entry.via.justification,
              })
            : null,
        reason: entry.reason,
        sentence: entry.sentence,
        ipAddress: entry.ipAddress,
        device: entry.device,
      };
      lines.push(`${COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`);
    }
  });
  return new Response(lines.join(""), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-activity.csv"',
      "Cache-Control": "no-store",
    },
  });
}

function viaText(via: ActivityVia | null, t: ReturnType<typeof translator>): string | null {
  if (!via) return null;
  return via.kind === "delegation"
    ? t("activity.csvValues.delegation", { reseller: via.reseller, number: via.number })
    : t("activity.csvValues.operatorAccess", { operator: via.operator, number: via.number });
}
