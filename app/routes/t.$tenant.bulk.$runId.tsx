// One bulk run: its progress while it runs (the page refreshes itself every second), and at the end what
// was done and what was not, grouped by the reason, with the accounts of each group.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { mayReadAllRuns } from "~/bulk/access.server";
import { BULK_OPERATIONS } from "~/bulk/operations";
import { getBulkRun } from "~/bulk/runs.server";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime } from "~/format";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.run.label} · bulk action · Glasshouse` : "Bulk action · Glasshouse" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const runId = z.uuid().safeParse(params.runId);
  if (!runId.success) throw new Response("There is no such bulk action in this organisation.", { status: 404 });
  const { run, readsAll } = await tenantScope(tenant.id, async (tx) => {
    const [run, organisation, tenantPolicies] = await Promise.all([
      getBulkRun(tx, tenant.id, runId.data),
      loadOrganisationResource(tx, tenant.id),
      loadTenantPolicies(tx, tenant.id),
    ]);
    return { run, readsAll: mayReadAllRuns(actor, organisation, tenantPolicies) };
  });
  if (!run) throw new Response("There is no such bulk action in this organisation.", { status: 404 });
  if (!readsAll && run.requestedBy !== actor.facts.accountId) {
    throw forbidden("Blocked: only the admin who started a bulk action, or who may read the audit log, sees it.");
  }
  return data({
    tenant,
    timeZone: principal.timeZone,
    run: {
      ...run,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
    },
  });
}

export default function BulkRunPage() {
  const { tenant, timeZone, run } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const running = run.status !== "done";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const done = run.succeeded + run.refused + run.failed;
  const notDone = run.refused + run.failed;
  const operation = BULK_OPERATIONS[run.operation];
  return (
    <>
      <p>
        <Link to={`/t/${tenant.slug}/bulk`}>← Bulk actions</Link>
      </p>
      <h1>
        {run.label}: {formatCount(run.total)} account{run.total === 1 ? "" : "s"}
      </h1>
      <p className="lede">
        Started by {run.requestedByName ?? "an administrator"} on {formatDateTime(run.createdAt, timeZone)}. Reason:{" "}
        {run.reason}
      </p>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{running ? "Progress" : "Result"}</h2>
        <progress value={done} max={Math.max(run.total, 1)} aria-labelledby="progress-heading" />
        <p role="status" aria-live="polite" data-testid="bulk-progress">
          {running
            ? run.status === "queued"
              ? `Waiting to start: ${formatCount(run.total)} accounts.`
              : `${formatCount(done)} of ${formatCount(run.total)} accounts done so far: ${formatCount(run.succeeded)} ${operation.done}, ${formatCount(notDone)} not done.`
            : `Finished ${run.finishedAt ? formatDateTime(run.finishedAt, timeZone) : ""}: ${formatCount(run.succeeded)} ${operation.done}, ${formatCount(notDone)} not done.`}
        </p>
        {running ? (
          <p className="muted">
            This page updates itself; you can leave it, the run goes on. <Link to=".">Refresh</Link>
          </p>
        ) : null}
      </section>

      {run.groups.length ? (
        <section aria-labelledby="not-done-heading">
          <h2 id="not-done-heading">Not done</h2>
          {run.groups.map((group) => (
            <details key={`${group.outcome}:${group.code}`} className="details" open={run.groups.length === 1}>
              <summary>
                {formatCount(group.count)} account{group.count === 1 ? "" : "s"}{" "}
                {group.outcome === "refused" ? "skipped" : "failed"}: {group.message}
              </summary>
              <ul>
                {group.accounts.map((account) => (
                  <li key={account.accountId}>
                    {account.name ? (
                      <Link to={`/t/${tenant.slug}/accounts/${account.accountId}`}>{account.name}</Link>
                    ) : (
                      <span className="muted">An account not in this organisation</span>
                    )}
                    {account.email ? ` (${account.email})` : ""}
                    {account.message !== group.message ? `: ${account.message}` : ""}
                  </li>
                ))}
                {group.count > group.accounts.length ? (
                  <li className="muted">and {formatCount(group.count - group.accounts.length)} more</li>
                ) : null}
              </ul>
            </details>
          ))}
          <p>
            Every attempt is in the <Link to={`/t/${tenant.slug}/audit`}>audit log</Link>, with its reason.
          </p>
        </section>
      ) : null}
    </>
  );
}
