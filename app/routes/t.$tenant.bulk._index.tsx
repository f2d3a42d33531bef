// The organisation's recent bulk actions (or, for an admin who may not read the audit log, their own).
// Bulk actions start from the accounts list: tick accounts, or select all that match a filter.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireTenantActor } from "~/actions/actor.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { mayReadAllRuns } from "~/bulk/access.server";
import { listBulkRuns } from "~/bulk/runs.server";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime } from "~/format";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";

export const meta: MetaFunction = () => [{ title: "Bulk actions · Glasshouse" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const runs = await tenantScope(tenant.id, async (tx) => {
    const [organisation, tenantPolicies] = await Promise.all([
      loadOrganisationResource(tx, tenant.id),
      loadTenantPolicies(tx, tenant.id),
    ]);
    const all = await listBulkRuns(tx, tenant.id, 50);
    return mayReadAllRuns(actor, organisation, tenantPolicies)
      ? all
      : all.filter((run) => run.requestedBy === actor.facts.accountId);
  });
  return data({
    tenant,
    timeZone: principal.timeZone,
    runs: runs.map((run) => ({ ...run, createdAt: run.createdAt.toISOString() })),
  });
}

export default function BulkRunsPage() {
  const { tenant, timeZone, runs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Bulk actions</h1>
      <p className="lede">
        To start one, tick accounts in the <Link to={`/t/${tenant.slug}/`}>accounts list</Link> (or select all that
        match a filter) and choose what to do. Each account is decided and recorded on its own.
      </p>
      {runs.length ? (
        <table className="data-table">
          <caption className="visually-hidden">Recent bulk actions</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Started</th>
              <th scope="col">By</th>
              <th scope="col">Accounts</th>
              <th scope="col">Done</th>
              <th scope="col">Not done</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/t/${tenant.slug}/bulk/${run.id}`}>{run.label}</Link>
                </td>
                <td>{formatDateTime(run.createdAt, timeZone)}</td>
                <td>{run.requestedByName ?? "An administrator"}</td>
                <td>{formatCount(run.total)}</td>
                <td>{formatCount(run.succeeded)}</td>
                <td>{formatCount(run.refused + run.failed)}</td>
                <td>{run.status === "done" ? "Finished" : run.status === "running" ? "Running" : "Waiting"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No bulk action has been started here yet.</p>
      )}
    </>
  );
}
