// My account → Activity: what was done to my account, by whom, why and when, in my language and time
// zone, filtered by kind and day, a page at a time; and the same as a CSV download.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/auth/principal.server";
import { Field, SelectField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { useT } from "~/i18n/use-t";
import { ACTIVITY_KINDS } from "~/me/activity";
import { listMyActivity, parseActivityFilters } from "~/me/activity.server";
import { actionLabel } from "~/policy/labels";

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
    entries: page.entries.map((entry) => ({
      ...entry,
      occurredAt: entry.occurredAt.toISOString(),
      sealed: page.checkpoint !== null && entry.seq <= page.checkpoint.seq,
    })),
    checkpointAt: page.checkpoint?.signedAt.toISOString() ?? null,
    nextBefore: page.nextBefore,
    isFirstPage: before === undefined,
  };
}

export default function ActivityPage() {
  const { timeZone, values, errors, query, entries, checkpointAt, nextBefore, isFirstPage } =
    useLoaderData<typeof loader>();
  const { t, locale, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const role = (value: string | null) =>
    value
      ? value
          .split("+")
          .map((part) => t(`roles.${part}`, { defaultValue: part.replaceAll("_", " ") }))
          .join(", ")
      : null;
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
        <table className="data-table" lang={locale}>
          <caption className="visually-hidden">{t("activity.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("activity.when")}</th>
              <th scope="col">{t("activity.what")}</th>
              <th scope="col">{t("activity.who")}</th>
              <th scope="col">{t("activity.where")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>
                  <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
                  <div className="muted">
                    {entry.sealed && checkpointAt
                      ? t("activity.sealed", { when: when(checkpointAt) })
                      : t("activity.unsealed")}
                  </div>
                </td>
                <td>
                  {actionLabel(entry.action, locale)}
                  {entry.outcome !== "allowed" ? (
                    <span className={`outcome outcome-${entry.outcome}`}>
                      {" "}
                      · {t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
                    </span>
                  ) : null}
                  {entry.reason ? <div>{t("activity.reason", { reason: entry.reason })}</div> : null}
                  {entry.sentence ? (
                    <div className="muted">{t("activity.decision", { sentence: entry.sentence })}</div>
                  ) : null}
                  {entry.pseudonymised ? <div className="muted">{t("activity.pseudonymised")}</div> : null}
                </td>
                <td>
                  {entry.actor === "me"
                    ? t("activity.you")
                    : entry.actor === "system"
                      ? t("activity.system")
                      : entry.actor === "nobody"
                        ? t("activity.nobody")
                        : entry.actorName && role(entry.actorRole)
                          ? t("activity.actorWithRole", { name: entry.actorName, role: role(entry.actorRole) })
                          : entry.actorName}
                </td>
                <td>
                  {entry.ipAddress ?? <span className="muted">—</span>}
                  {entry.device ? <div className="muted">{entry.device}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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

export const meta: MetaFunction = () => [{ title: "Activity · My account · Glasshouse" }];
