// Data-subject requests: the organisation's queue. Open requests by due date (30 days from receipt), the
// overdue ones first and marked; closed ones newest first. Each row opens the request, where it is
// assigned, answered, completed, refused or (for erasure) fulfilled.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { QUEUE_VIEWS, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS, type QueueView } from "~/requests/labels";
import { listQueue, queueCounts } from "~/requests/requests.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  // The queue shows people's requests and what they wrote: a read the policy engine decides.
  const allowed = await performAction(actor, "dataRequest.view", {});
  if (!allowed.ok) throw forbidden("decision" in allowed ? allowed.decision.sentence : "Not allowed.");
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

const VIEW_LABELS: Record<QueueView, string> = { open: "Open", overdue: "Overdue", closed: "Closed", all: "All" };

export default function RequestQueuePage() {
  const { tenant, view, counts, rows, timeZone, now } = useLoaderData<typeof loader>();
  const when = (iso: string) => formatDateTime(iso, timeZone);
  return (
    <>
      <h1>Data requests</h1>
      <p className="lede">
        What people of {tenant.name} asked about their data: a copy, a correction, a restriction or erasure. Each is due
        30 days after it was received. {counts.open} open
        {counts.overdue ? (
          <>
            , <strong className="overdue">{counts.overdue} overdue</strong>
          </>
        ) : null}
        .
      </p>
      <nav aria-label="Which requests" className="tabs">
        {QUEUE_VIEWS.map((name) => (
          <Link key={name} to={`?view=${name}`} aria-current={name === view ? "page" : undefined}>
            {VIEW_LABELS[name]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="empty">No requests here.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{VIEW_LABELS[view]} data requests</caption>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Who</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Handled by</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const overdue = !row.closedAt && row.dueAt < now;
              return (
                <tr key={row.id} className={overdue ? "row-overdue" : undefined}>
                  <td>
                    {row.closedAt ? (
                      <span className="muted">Closed {when(row.closedAt)}</span>
                    ) : (
                      <>
                        {when(row.dueAt)}
                        {overdue ? <strong className="badge badge-overdue"> Overdue</strong> : null}
                      </>
                    )}
                  </td>
                  <td>
                    <Link to={`/t/${tenant.slug}/requests/${row.id}`}>{row.requesterName}</Link>
                    <div className="muted">{row.requesterEmail ?? "erased"}</div>
                  </td>
                  <td>{REQUEST_KIND_LABELS[row.kind]}</td>
                  <td>
                    <span className={`badge status-${row.status}`}>{REQUEST_STATUS_LABELS[row.status]}</span>
                  </td>
                  <td>{row.assigneeName ?? <span className="muted">Nobody yet</span>}</td>
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

export const meta: MetaFunction = () => [{ title: "Data requests · Glasshouse" }];
