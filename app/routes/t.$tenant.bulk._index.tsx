// The organisation's recent bulk actions (or, for an admin who may not read the audit log, their own).
// Bulk actions start from the accounts list: tick accounts, or select all that match a filter.
import { withLink } from "~/i18n/with-link";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireTenantActor } from "~/actions/actor.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { mayReadAllRuns } from "~/bulk/access.server";
import { listBulkRuns } from "~/bulk/runs.server";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction = ({ matches }) => {
  return [{ title: metaTranslator(matches)("consoleBulk.runs.pageTitle") }];
};

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
  const { t, intlLocale } = useT();
  return (
    <>
      <h1>{t("consoleBulk.runs.title")}</h1>
      <p className="lede">
        {withLink(
          t("consoleBulk.runs.lede", { link: "{{link}}" }),
          <Link to={`/t/${tenant.slug}/`}>{t("consoleBulk.runs.ledeLink")}</Link>,
        )}
      </p>
      {runs.length ? (
        <table className="data-table">
          <caption className="visually-hidden">{t("consoleBulk.runs.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consoleBulk.runs.action")}</th>
              <th scope="col">{t("consoleBulk.runs.started")}</th>
              <th scope="col">{t("consoleBulk.runs.by")}</th>
              <th scope="col">{t("consoleBulk.runs.accounts")}</th>
              <th scope="col">{t("consoleBulk.runs.done")}</th>
              <th scope="col">{t("consoleBulk.runs.notDone")}</th>
              <th scope="col">{t("console.common.status")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/t/${tenant.slug}/bulk/${run.id}`}>
                    {t(`consoleBulk.operations.${run.operation}.label`)}
                  </Link>
                </td>
                <td>{formatDateTime(run.createdAt, timeZone, intlLocale)}</td>
                <td>{run.requestedByName ?? t("consoleBulk.runs.anAdministrator")}</td>
                <td>{formatCount(run.total, intlLocale)}</td>
                <td>{formatCount(run.succeeded, intlLocale)}</td>
                <td>{formatCount(run.refused + run.failed, intlLocale)}</td>
                <td>{t(`consoleBulk.runs.statuses.${run.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t("consoleBulk.runs.empty")}</p>
      )}
    </>
  );
}
