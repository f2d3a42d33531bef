import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { confirmPath } from "~/auth/step-up.server";
import { auditFilterSchema, csvHeader, listAuditEntries, toCsvLine, toJsonLine } from "~/audit/log.server";
import { tenantScope } from "~/db.server";
import { CATALOGUES, localiseFieldErrors, toLocale, translator, type Locale } from "~/i18n/i18n";
import { decisionSentence } from "~/policy/sentences";

const BATCH = 2_000;
const formatSchema = z.enum(["csv", "jsonl"]);

/** The filters' errors in the reader's language (a bad day is the activity page's message, in both). */
function localiseFilterErrors(fieldErrors: Record<string, string[] | undefined>, locale: Locale) {
  const t = translator(locale);
  const localised = localiseFieldErrors(fieldErrors, locale);
  for (const [field, messages] of Object.entries(localised)) {
    localised[field] = messages.map((message) =>
      message === CATALOGUES.en.activity.badDay ? t("activity.badDay") : message,
    );
  }
  return localised;
}

// Streams the filtered log in keyset batches, each read in its own short tenant transaction, so an export of
// a million entries neither holds a transaction open nor builds the file in memory.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const format = formatSchema.safeParse(raw.format);
  if (!format.success)
    return Response.json({ errors: { format: [t("consoleAudit.export.chooseFormat")] } }, { status: 400 });
  const { format: _format, ...rawFilters } = raw;
  const filters = auditFilterSchema.safeParse(rawFilters);
  if (!filters.success) {
    return Response.json(
      { errors: localiseFilterErrors(z.flattenError(filters.error).fieldErrors, locale) },
      { status: 400 },
    );
  }
  const decision = await performAction(actor, "audit.export", { format: format.data, filters: rawFilters });
  if (!decision.ok && decision.kind === "needs_step_up") {
    // Back to the log with the same filters once a second factor is confirmed; the export is one click away.
    const back = new URLSearchParams(rawFilters);
    back.set("stepped", "export");
    throw redirect(confirmPath(`/t/${tenant.slug}/audit?${back}`));
  }
  if (!decision.ok) {
    throw forbidden(
      "decision" in decision ? decisionSentence(decision.decision, locale) : t("consoleAudit.common.notAllowed"),
    );
  }

  const encoder = new TextEncoder();
  let beforeSeq: number | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && format.data === "csv") controller.enqueue(encoder.encode(csvHeader()));
      started = true;
      const page = await tenantScope(tenant.id, (tx) =>
        listAuditEntries(tx, tenant.id, filters.data, { beforeSeq, limit: BATCH, timeZone: principal.timeZone }),
      );
      const line = format.data === "csv" ? toCsvLine : toJsonLine;
      controller.enqueue(encoder.encode(page.rows.map(line).join("")));
      if (page.nextBeforeSeq === null) controller.close();
      else beforeSeq = page.nextBeforeSeq;
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const extension = format.data === "csv" ? "csv" : "jsonl";
  return new Response(stream, {
    headers: {
      "Content-Type": format.data === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${tenant.slug}-${stamp}.${extension}"`,
      "Cache-Control": "no-store",
    },
  });
}
