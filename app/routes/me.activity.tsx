// My account → Activity: what was done to my account, by whom, why and when, in my language and time
// zone, filtered by kind and day, a page at a time; and the same as a CSV download.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/auth/principal.server";
import { ActivityTable } from "~/components/activity-table";
import { Field, SelectField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { metaTranslator, useT } from "~/i18n/use-t";
import { ACTIVITY_KINDS } from "~/me/activity";
import { listMyActivity, parseActivityFilters, shownEntries } from "~/me/activity.server";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const url = new URL(request.url);
  const { filters, values, errors } = parseActivityFilters(url.searchParams);
  const beforeParam = Number(url.searchParams.get("before"));
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;
  const page = await tenantScope(principal.tenantId, (tx) =>
    listMyActivity(tx, principal, filters, { before, limit: PAGE_SIZE, timeZone: principal.timeZone }),
  );
  return {
    timeZone: principal.timeZone,
    values,
    errors,
    query: new URLSearchParams(Object.entries(values).filter(([, value]) => value !== "")).toString(),
    entries: shownEntries(page),
    checkpointAt: page.checkpoint?.signedAt.toISOString() ?? null,
    nextBefore: page.nextBefore,
    isFirstPage: before === undefined,
  };
}

export default function ActivityPage() {
  const { timeZone, values, errors, query, entries, checkpointAt, nextBefore, isFirstPage } =
    useLoaderData<typeof loader>();
  const { t } = useT();
  const fieldError = (key: string | undefined) => (key ? [t(`activity.${key}`)] : undefined);
  const csvLink = `/me/activity.csv${query ? `?${query}` : ""}`;
  return (
    <>
      <h1>{t("activity.title")}</h1>
      <p className="lede">{t("activity.lede", { timeZone })}</p>
      <Form method="get" className="filters" aria-label={t("activity.filters")}>
        <SelectField
          label={t("activity.kind")}
          name="kind"
          placeholder={t("activity.kinds.all")}
          defaultValue={values.kind}
          options={ACTIVITY_KINDS.map((kind) => ({ value: kind, label: t(`activity.kinds.${kind}`) }))}
          errors={fieldError(errors.kind)}
        />
        <Field
          label={t("activity.from")}
          name="from"
          type="date"
          defaultValue={values.from}
          errors={fieldError(errors.from)}
        />
        <Field label={t("activity.to")} name="to" type="date" defaultValue={values.to} errors={fieldError(errors.to)} />
        <div className="filter-buttons">
          <button type="submit">{t("activity.show")}</button>
          <Link to=".">{t("activity.clear")}</Link>
        </div>
      </Form>
      <p className="exports">
        <a href={csvLink} download>
          {t("activity.download")}
        </a>
      </p>
      <p className="muted">{t("activity.chain")}</p>

      {entries.length === 0 ? (
        <p className="empty">{t("activity.empty")}</p>
      ) : (
        <ActivityTable entries={entries} timeZone={timeZone} checkpointAt={checkpointAt} />
      )}
      <nav aria-label="Pages" className="pager">
        {isFirstPage ? <span /> : <Link to={`?${query}`}>{t("activity.newest")}</Link>}
        {nextBefore ? (
          <Link to={`?${new URLSearchParams([...new URLSearchParams(query), ["before", String(nextBefore)]])}`}>
            {t("activity.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.activity") }];
