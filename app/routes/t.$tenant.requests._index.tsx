// Data-subject requests: the organisation's queue. Open requests by due date (30 days from receipt), the
// overdue ones first and marked; closed ones newest first. Each row opens the request, where it is
// assigned, answered, completed, refused or (for erasure) fulfilled.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { QUEUE_VIEWS, type QueueView } from "~/requests/labels";
import { listQueue, queueCounts } from "~/requests/requests.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  // The queue shows people's requests and what they wrote: a read the policy engine decides.
  const allowed = await performAction(actor, "dataRequest.view", {});
  if (!allowed.ok) {
    const locale = toLocale(principal.locale);
    throw forbidden(
      "decision" in allowed
        ? decisionSentence(allowed.decision, locale)
        : translator(locale)("consoleBulk.requests.notAllowed"),
    );
  }
  const asked = new URL(request.url).searchParams.get("view");
  const view: QueueView = (QUEUE_VIEWS as readonly string[]).includes(asked ?? "") ? (asked as QueueView) : "open";
  const now = new Date();
  const { rows, counts } = await tenantScope(tenant.id, async (tx) => ({
    rows: await listQueue(tx, tenant.id, view, now),
    counts: await queueCounts(tx, tenant.id, now),
  }));
  return {
    tenant,
    view,
    counts,
    timeZone: principal.timeZone,
    now: now.toISOString(),
    rows: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      requesterName: row.requesterName,
      requesterEmail: row.requesterEmail,
      assigneeName: row.assigneeName,
      receivedAt: row.receivedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
    })),
  };
}

export default function RequestQueuePage() {
  const { tenant, view, counts, rows, timeZone, now } = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  return (
    <>
      <h1>{t("consoleBulk.requests.title")}</h1>
      <p className="lede">
        {t("consoleBulk.requests.lede", { organisation: tenant.name })}{" "}
        {t("consoleBulk.requests.open", { number: counts.open })}
        {counts.overdue ? (
          <>
            , <strong className="overdue">{t("consoleBulk.requests.overdueCount", { number: counts.overdue })}</strong>
          </>
        ) : null}
        .
      </p>
      <nav aria-label={t("consoleBulk.requests.whichRequests")} className="tabs">
        {QUEUE_VIEWS.map((name) => (
          <Link key={name} to={`?view=${name}`} aria-current={name === view ? "page" : undefined}>
            {t(`consoleBulk.requests.views.${name}`)}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="empty">{t("consoleBulk.requests.empty")}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t(`consoleBulk.requests.captions.${view}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consoleBulk.requests.due")}</th>
              <th scope="col">{t("consoleBulk.requests.who")}</th>
              <th scope="col">{t("consoleBulk.requests.request")}</th>
              <th scope="col">{t("console.common.status")}</th>
              <th scope="col">{t("consoleBulk.requests.handledBy")}</th>
              <th scope="col">{t("consoleBulk.requests.received")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const overdue = !row.closedAt && row.dueAt < now;
              return (
                <tr key={row.id} className={overdue ? "row-overdue" : undefined}>
                  <td>
                    {row.closedAt ? (
                      <span className="muted">{t("consoleBulk.requests.closedAt", { when: when(row.closedAt) })}</span>
                    ) : (
                      <>
                        {when(row.dueAt)}
                        {overdue ? (
                          <strong className="badge badge-overdue"> {t("consoleBulk.requests.overdue")}</strong>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td>
                    <Link to={`/t/${tenant.slug}/requests/${row.id}`}>{row.requesterName}</Link>
                    <div className="muted">{row.requesterEmail ?? t("consoleBulk.requests.erased")}</div>
                  </td>
                  <td>{t(`consoleBulk.requests.kinds.${row.kind}`)}</td>
                  <td>
                    <span className={`badge status-${row.status}`}>
                      {t(`consoleBulk.requests.statuses.${row.status}`)}
                    </span>
                  </td>
                  <td>{row.assigneeName ?? <span className="muted">{t("consoleBulk.requests.nobodyYet")}</span>}</td>
                  <td>{when(row.receivedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction = ({ matches }) => {
  return [{ title: metaTranslator(matches)("consoleBulk.requests.pageTitle") }];
};
