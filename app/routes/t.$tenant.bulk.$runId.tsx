// One bulk run: its progress while it runs (the page refreshes itself every second), and at the end what
// was done and what was not, grouped by the reason, with the accounts of each group.
import { withLink } from "~/i18n/with-link";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { mayReadAllRuns } from "~/bulk/access.server";
import { getBulkRun } from "~/bulk/runs.server";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime } from "~/format";
import { localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const t = metaTranslator(matches);
  return [
    {
      title: loaded
        ? t("consoleBulk.run.pageTitle", { label: t(`consoleBulk.operations.${loaded.run.operation}.label`) })
        : t("consoleBulk.run.pageTitleUnknown"),
    },
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const runId = z.uuid().safeParse(params.runId);
  if (!runId.success) throw new Response(t("consoleBulk.run.notFound"), { status: 404 });
  const { run, readsAll } = await tenantScope(tenant.id, async (tx) => {
    const [run, organisation, tenantPolicies] = await Promise.all([
      getBulkRun(tx, tenant.id, runId.data),
      loadOrganisationResource(tx, tenant.id),
      loadTenantPolicies(tx, tenant.id),
    ]);
    return { run, readsAll: mayReadAllRuns(actor, organisation, tenantPolicies) };
  });
  if (!run) throw new Response(t("consoleBulk.run.notFound"), { status: 404 });
  if (!readsAll && run.requestedBy !== actor.facts.accountId) {
    throw forbidden(t("consoleBulk.run.forbidden"));
  }
  return data({
    tenant,
    timeZone: principal.timeZone,
    run: {
      ...run,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      // Why each account was not done, in the reader's language where the catalogue has the text.
      groups: run.groups.map((group) => ({
        ...group,
        message: localiseMessage(group.message, locale),
        accounts: group.accounts.map((account) => ({ ...account, message: localiseMessage(account.message, locale) })),
      })),
    },
  });
}

export default function BulkRunPage() {
  const { tenant, timeZone, run } = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
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
  const count = (n: number) => formatCount(n, intlLocale);
  const label = t(`consoleBulk.operations.${run.operation}.label`);
  const succeeded = t(`consoleBulk.operations.${run.operation}.done`, { succeeded: count(run.succeeded) });
  return (
    <>
      <p>
        <Link to={`/t/${tenant.slug}/bulk`}>{t("consoleBulk.run.back")}</Link>
      </p>
      <h1>{t("consoleBulk.run.heading", { count: run.total, label, total: count(run.total) })}</h1>
      <p className="lede">
        {t("consoleBulk.run.startedBy", {
          name: run.requestedByName ?? t("consoleBulk.run.anAdministrator"),
          when: formatDateTime(run.createdAt, timeZone, intlLocale),
          reason: run.reason,
        })}
      </p>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{running ? t("consoleBulk.run.progress") : t("consoleBulk.run.result")}</h2>
        <progress value={done} max={Math.max(run.total, 1)} aria-labelledby="progress-heading" />
        <p role="status" aria-live="polite" data-testid="bulk-progress">
          {running
            ? run.status === "queued"
              ? t("consoleBulk.run.waiting", { count: run.total, total: count(run.total) })
              : t("consoleBulk.run.soFar", {
                  count: run.total,
                  done: count(done),
                  total: count(run.total),
                  succeeded,
                  notDone: count(notDone),
                })
            : t("consoleBulk.run.finished", {
                when: run.finishedAt ? formatDateTime(run.finishedAt, timeZone, intlLocale) : "",
                succeeded,
                notDone: count(notDone),
              })}
        </p>
        {running ? (
          <p className="muted">
            {t("consoleBulk.run.updating")} <Link to=".">{t("consoleBulk.run.refresh")}</Link>
          </p>
        ) : null}
      </section>

      {run.groups.length ? (
        <section aria-labelledby="not-done-heading">
          <h2 id="not-done-heading">{t("consoleBulk.run.notDone")}</h2>
          {run.groups.map((group) => (
            <details key={`${group.outcome}:${group.code}`} className="details" open={run.groups.length === 1}>
              <summary>
                {t(group.outcome === "refused" ? "consoleBulk.run.skipped" : "consoleBulk.run.failed", {
                  count: group.count,
                  number: count(group.count),
                  message: group.message,
                })}
              </summary>
              <ul>
                {group.accounts.map((account) => (
                  <li key={account.accountId}>
                    {account.name ? (
                      <Link to={`/t/${tenant.slug}/accounts/${account.accountId}`}>{account.name}</Link>
                    ) : (
                      <span className="muted">{t("consoleBulk.run.notInOrganisation")}</span>
                    )}
                    {account.email ? ` (${account.email})` : ""}
                    {account.message !== group.message ? `: ${account.message}` : ""}
                  </li>
                ))}
                {group.count > group.accounts.length ? (
                  <li className="muted">
                    {t("consoleBulk.run.more", { number: count(group.count - group.accounts.length) })}
                  </li>
                ) : null}
              </ul>
            </details>
          ))}
          <p>
            {withLink(
              t("consoleBulk.run.auditNote", { link: "{{link}}" }),
              <Link to={`/t/${tenant.slug}/audit`}>{t("consoleBulk.run.auditLink")}</Link>,
            )}
          </p>
        </section>
      ) : null}
    </>
  );
}
