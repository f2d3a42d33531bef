// The organisation's app statistics: per app, the active installations now, installs and uninstalls per UTC
// day, versions in use, OS mix and the devices on the oldest versions, as charts drawn on the server (they
// show before any script runs) each with its numbers in a table, and each table as CSV. A line manager whom
// the organisation's statistics are refused sees their direct reports' only, and is told so. Filters live
// in the URL; one that does not validate is said next to its field, kept as typed, and left out.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { decideForUi } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { BarChart } from "~/components/charts/bar-chart";
import { DailyChart } from "~/components/charts/daily-chart";
import { SelectField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime, formatDay } from "~/format";
import { toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import { requireStatsReader } from "~/telemetry/stats-access.server";
import {
  filtersQuery,
  MAX_RANGE_DAYS,
  OLDEST_DEVICES_SHOWN,
  parseStatsFilters,
  type StatsField,
} from "~/telemetry/stats-filters";
import { loadAppStats } from "~/telemetry/stats.server";
import telemetryStyles from "~/styles/telemetry.css?url";

export const links = () => [{ rel: "stylesheet", href: telemetryStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { filters, typed, errors } = parseStatsFilters(new URL(request.url).searchParams);
  const { tenant, principal, actor, scope, hasConsole } = await requireStatsReader(request, params.tenant, context, {
    filters,
  });
  const t = translator(toLocale(principal.locale));
  const { stats, keysDecision } = await tenantScope(tenant.id, async (tx) => {
    const [stats, organisation, tenantPolicies] = await Promise.all([
      loadAppStats(tx, tenant.id, filters, scope),
      hasConsole ? loadOrganisationResource(tx, tenant.id) : null,
      hasConsole ? loadTenantPolicies(tx, tenant.id) : null,
    ]);
    // The keys page is the domain admins' (the customer's own): linked for those who may make a key.
    const keysDecision =
      organisation && actor.facts.access.kind === "member" && tenant.kind === "customer"
        ? decideForUi(
            actor,
            [{ action: "ingestionKey.create", resource: organisation }],
            tenantPolicies ?? undefined,
          )[0]!
        : null;
    return { stats, keysDecision };
  });
  const fieldErrors = Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [
      field,
      [t(`telemetry.stats.errors.${code}`, { max: MAX_RANGE_DAYS })],
    ]),
  ) as Partial<Record<StatsField, string[]>>;
  return data({
    tenant,
    timeZone: principal.timeZone,
    filters,
    typed,
    fieldErrors,
    reports: scope.kind === "accounts" ? scope.accountIds.length : null,
    showKeysLink: keysDecision !== null && keysDecision.outcome !== "deny",
    stats: {
      ...stats,
      oldestDevices: stats.oldestDevices.map((device) => ({ ...device, lastSeenAt: device.lastSeenAt.toISOString() })),
    },
    // The CSV links carry the statistics shown: the app picked by default included.
    exportQuery: filtersQuery({ ...filters, app: stats.app }).toString(),
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function CsvLink({ base, table, query }: { base: string; table: string; query: string }) {
  const { t } = useT();
  return (
    <p className="csv-link">
      <a href={`${base}/apps/export?table=${table}&${query}`} download>
        {t("telemetry.stats.csv.download")}
      </a>
    </p>
  );
}

/** The filter form (GET: the filters are the URL). A refused value is shown as typed, its error beside it. */
function Filters({ page }: { page: LoaderData }) {
  const { t } = useT();
  const { typed, fieldErrors, filters, stats } = page;
  const any = t("telemetry.stats.filters.any");
  const dayField = (field: "from" | "to") => {
    const errors = fieldErrors[field];
    const id = `stats-${field}`;
    return (
      <div className="field">
        <label htmlFor={id}>{t(`telemetry.stats.filters.${field}`)}</label>
        {/* A date picker, unless what was typed is not a day: then the text, as typed, to correct. */}
        <input
          id={id}
          name={field}
          type={errors ? "text" : "date"}
          defaultValue={errors ? typed[field] : filters[field]}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error ${id}-hint` : `${id}-hint`}
        />
        <p id={`${id}-hint`} className="field-hint">
          {t("telemetry.stats.filters.dayHint")}
        </p>
        {errors ? (
          <p id={`${id}-error`} className="field-errors">
            {errors[0]}
          </p>
        ) : null}
      </div>
    );
  };
  const options = (values: string[]) => values.map((value) => ({ value, label: value }));
  return (
    <Form method="get" className="stats-filters" aria-label={t("telemetry.stats.filters.label")}>
      {Object.keys(fieldErrors).length ? <p className="notice">{t("telemetry.stats.filters.fixThem")}</p> : null}
      <div className="stats-filter-fields">
        {dayField("from")}
        {dayField("to")}
        <SelectField
          label={t("telemetry.stats.filters.app")}
          name="app"
          options={options(stats.apps.map((row) => row.app))}
          defaultValue={fieldErrors.app ? typed.app : (stats.app ?? "")}
          errors={fieldErrors.app}
        />
        <SelectField
          label={t("telemetry.stats.filters.os")}
          name="os"
          placeholder={any}
          options={options(stats.osOptions)}
          defaultValue={fieldErrors.os ? typed.os : (filters.os ?? "")}
          errors={fieldErrors.os}
        />
        <SelectField
          label={t("telemetry.stats.filters.version")}
          name="version"
          placeholder={any}
          options={options(stats.versionOptions)}
          defaultValue={fieldErrors.version ? typed.version : (filters.version ?? "")}
          errors={fieldErrors.version}
        />
      </div>
      <div className="filter-buttons">
        <button type="submit">{t("telemetry.stats.filters.apply")}</button>
        <Link to=".">{t("telemetry.stats.filters.reset")}</Link>
      </div>
    </Form>
  );
}

function DailySection({ page, base }: { page: LoaderData; base: string }) {
  const { t, intlLocale } = useT();
  const { stats, filters } = page;
  const count = (n: number) => formatCount(n, intlLocale);
  const day = (iso: string) => formatDay(new Date(`${iso}T00:00:00Z`), "UTC", intlLocale);
  const short = new Intl.DateTimeFormat(intlLocale, { day: "numeric", month: "short", timeZone: "UTC" });
  const totals = stats.days.reduce(
    (sum, row) => ({ installs: sum.installs + row.installs, uninstalls: sum.uninstalls + row.uninstalls }),
    { installs: 0, uninstalls: 0 },
  );
  return (
    <section aria-labelledby="daily-heading" className="card stats-section">
      <h2 id="daily-heading">{t("telemetry.stats.daily.heading")}</h2>
      <figure className="chart-figure">
        <DailyChart
          days={stats.days}
          title={t("telemetry.stats.daily.chartTitle", {
            app: stats.app,
            from: day(filters.from),
            to: day(filters.to),
          })}
          formatDay={(iso) => short.format(new Date(`${iso}T00:00:00Z`))}
          formatValue={count}
        />
        <figcaption>
          <span className="chart-legend">
            <span className="legend-key legend-installs" aria-hidden="true" /> {t("telemetry.stats.daily.installs")}{" "}
            <span className="legend-key legend-uninstalls" aria-hidden="true" /> {t("telemetry.stats.daily.uninstalls")}
          </span>{" "}
          {t("telemetry.stats.daily.caption", {
            from: day(filters.from),
            to: day(filters.to),
            installs: count(totals.installs),
            uninstalls: count(totals.uninstalls),
          })}
        </figcaption>
      </figure>
      <details>
        <summary>{t("telemetry.stats.daily.showTable")}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{t("telemetry.stats.daily.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("telemetry.stats.daily.day")}</th>
              <th scope="col">{t("telemetry.stats.daily.installs")}</th>
              <th scope="col">{t("telemetry.stats.daily.uninstalls")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.days.map((row) => (
              <tr key={row.day}>
                <th scope="row">{day(row.day)}</th>
                <td className="numeric">{count(row.installs)}</td>
                <td className="numeric">{count(row.uninstalls)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <CsvLink base={base} table="days" query={page.exportQuery} />
    </section>
  );
}

/** A bar chart and, as its text alternative, the same numbers in a table. */
function BreakdownSection({
  id,
  page,
  base,
  rows,
}: {
  id: "versions" | "os";
  page: LoaderData;
  base: string;
  rows: { label: string; value: number }[];
}) {
  const { t, intlLocale } = useT();
  const count = (n: number) => formatCount(n, intlLocale);
  const app = page.stats.app;
  return (
    <section aria-labelledby={`${id}-heading`} className="card stats-section">
      <h2 id={`${id}-heading`}>{t(`telemetry.stats.${id}.heading`)}</h2>
      {rows.length ? (
        <>
          <figure className="chart-figure">
            <BarChart data={rows} title={t(`telemetry.stats.${id}.chartTitle`, { app })} formatValue={count} />
            <figcaption>{t(`telemetry.stats.${id}.caption`, { app })}</figcaption>
          </figure>
          <table className="data-table">
            <caption className="visually-hidden">{t(`telemetry.stats.${id}.caption`, { app })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`telemetry.stats.${id}.${id === "versions" ? "version" : "os"}`)}</th>
                <th scope="col">{t(`telemetry.stats.${id}.active`)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="numeric">{count(row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CsvLink base={base} table={id} query={page.exportQuery} />
        </>
      ) : (
        <p className="empty">{t("telemetry.stats.versions.none")}</p>
      )}
    </section>
  );
}

function OldestDevicesSection({ page, base }: { page: LoaderData; base: string }) {
  const { t, intlLocale } = useT();
  const { stats, timeZone } = page;
  const unknown = <span className="muted">{t("telemetry.stats.oldest.unknown")}</span>;
  return (
    <section aria-labelledby="oldest-heading" className="card stats-section">
      <h2 id="oldest-heading">{t("telemetry.stats.oldest.heading")}</h2>
      {stats.oldestDevices.length ? (
        <>
          <table className="data-table">
            <caption>
              {t("telemetry.stats.oldest.caption", { count: OLDEST_DEVICES_SHOWN, app: stats.app, timeZone })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("telemetry.stats.oldest.version")}</th>
                <th scope="col">{t("telemetry.stats.oldest.os")}</th>
                <th scope="col">{t("telemetry.stats.oldest.model")}</th>
                <th scope="col">{t("telemetry.stats.oldest.identifier")}</th>
                <th scope="col">{t("telemetry.stats.oldest.account")}</th>
                <th scope="col">{t("telemetry.stats.oldest.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.oldestDevices.map((device) => (
                <tr key={device.installationNumber}>
                  <td>{device.appVersion}</td>
                  <td>{[device.os, device.osVersion].filter(Boolean).join(" ")}</td>
                  <td>{device.deviceModel ?? unknown}</td>
                  <td>{device.deviceIdentifier ? <code>{device.deviceIdentifier}</code> : unknown}</td>
                  <td>
                    {device.accountName ?? <span className="muted">{t("telemetry.stats.oldest.unattributed")}</span>}
                  </td>
                  <td>{formatDateTime(device.lastSeenAt, timeZone, intlLocale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CsvLink base={base} table="devices" query={page.exportQuery} />
        </>
      ) : (
        <p className="empty">{t("telemetry.stats.oldest.none")}</p>
      )}
    </section>
  );
}

export default function AppStatsPage() {
  const page = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const { tenant, stats, reports } = page;
  const base = `/t/${tenant.slug}`;
  return (
    <>
      <h1>{t("telemetry.stats.title")}</h1>
      <p className="lede">{t("telemetry.stats.lede", { organisation: tenant.name })}</p>
      {reports !== null ? (
        <p className="notice" role="status">
          {t("telemetry.stats.reports", { count: reports })}
        </p>
      ) : null}
      {page.showKeysLink ? (
        <p>
          <Link to={`${base}/apps/keys`}>{t("telemetry.stats.keysLink")}</Link>
        </p>
      ) : null}
      <Filters page={page} />
      {stats.app ? (
        <>
          <section aria-labelledby="active-heading" className="card stats-section">
            <h2 id="active-heading">{t("telemetry.stats.active.heading")}</h2>
            <p className="stats-total">
              {t("telemetry.stats.active.value", {
                count: stats.active,
                app: stats.app,
                formattedCount: formatCount(stats.active, intlLocale),
              })}
            </p>
          </section>
          <DailySection page={page} base={base} />
          <BreakdownSection
            id="versions"
            page={page}
            base={base}
            rows={stats.versions.map((row) => ({ label: row.version, value: row.active }))}
          />
          <BreakdownSection
            id="os"
            page={page}
            base={base}
            rows={stats.osMix.map((row) => ({ label: row.os, value: row.active }))}
          />
          <OldestDevicesSection page={page} base={base} />
        </>
      ) : (
        <p className="empty">{t(reports !== null ? "telemetry.stats.noneReports" : "telemetry.stats.none")}</p>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("telemetry.stats.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
