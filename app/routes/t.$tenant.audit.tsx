// The admin console's audit log: every entry of the organisation, filtered, a page at a time, with the
// chain's state. Narrowed to one delegation or operator access (`?delegation=`, `?operatorAccess=`, by
// number or id) it is that reseller's or operator's activity here; a reference that names nothing here
// shows no entries and says so.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import {
  auditFilterSchema,
  describeAccessFilters,
  listAuditEntries,
  mirrorOf,
  type MirrorOf,
} from "~/audit/log.server";
import { getChainStatus } from "~/audit/status.server";
import { tenantScope } from "~/db.server";
import { formatCount, formatDateTime } from "~/format";
import { CATALOGUES, localiseFieldErrors, toLocale, translator, type Locale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { actionLabel, OUTCOME_LABELS } from "~/policy/labels";
import { decisionSentence } from "~/policy/sentences";
import { ACTION_IDS } from "~/policy/types";

const PAGE_SIZE = 50;
const pageSchema = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });
const ACCESS_FILTERS = ["delegation", "operatorAccess"] as const;

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

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const decision = await performAction(actor, "audit.view", {});
  if (!decision.ok) {
    throw forbidden(
      "decision" in decision
        ? decisionSentence(decision.decision, locale)
        : translator(locale)("consoleAudit.common.notAllowed"),
    );
  }

  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const parsedFilters = auditFilterSchema.safeParse(raw);
  const filters = parsedFilters.success ? parsedFilters.data : {};
  const filterErrors: Record<string, string[] | undefined> = parsedFilters.success
    ? {}
    : localiseFilterErrors(z.flattenError(parsedFilters.error).fieldErrors, locale);
  // A delegation or operator access that cannot be read narrows to nothing, never to the whole log.
  const malformed = ACCESS_FILTERS.filter((key) => filterErrors[key]);
  const { before } = pageSchema.parse(raw);
  const verify = url.searchParams.get("verify") === "1";

  const [{ page, narrowedTo }, chain] = await Promise.all([
    tenantScope(tenant.id, async (tx) => {
      const narrowedTo = await describeAccessFilters(tx, tenant.id, filters);
      if (malformed.length || narrowedTo.some((subject) => subject.kind === "unknown")) {
        return { narrowedTo, page: { rows: [], nextBeforeSeq: null } };
      }
      const page = await listAuditEntries(tx, tenant.id, filters, {
        beforeSeq: before,
        limit: PAGE_SIZE,
        timeZone: principal.timeZone,
      });
      return { narrowedTo, page };
    }),
    getChainStatus(tenant.id, { verify }),
  ]);
  return {
    tenant,
    timeZone: principal.timeZone,
    filters: Object.fromEntries(
      Object.entries(raw).filter(([key]) => key !== "before" && key !== "verify" && key !== "stepped"),
    ),
    /** Back from confirming a second factor to export: the export links work now. */
    steppedUp: url.searchParams.get("stepped") === "export",
    filterErrors,
    narrowedTo,
    malformed: malformed.map((filter) => ({ filter, value: raw[filter] ?? "" })),
    rows: page.rows.map((row) => ({
      ...row,
      mirror: mirrorOf(row.target),
      occurredAt: row.occurredAt.toISOString(),
      pseudonymisedAt: row.pseudonymisedAt?.toISOString() ?? null,
    })),
    nextBeforeSeq: page.nextBeforeSeq,
    isFirstPage: before === undefined,
    chain,
  };
}

export default function AuditLogPage() {
  const {
    tenant,
    timeZone,
    filters,
    filterErrors,
    narrowedTo,
    malformed,
    rows,
    nextBeforeSeq,
    isFirstPage,
    chain,
    steppedUp,
  } = useLoaderData<typeof loader>();
  const query = new URLSearchParams(filters as Record<string, string>);
  const exportLink = (format: "csv" | "jsonl") =>
    `/t/${tenant.slug}/audit/export?${new URLSearchParams({ ...filters, format })}`;
  const nextLink = nextBeforeSeq ? `?${new URLSearchParams({ ...filters, before: String(nextBeforeSeq) })}` : null;
  const { t, locale, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  // A copy of an entry this organisation's staff caused in another organisation's trail.
  const mirrorText = (mirror: MirrorOf) => {
    const values = { organisation: mirror.organisation ?? t("consoleAudit.log.anotherOrganisation"), seq: mirror.seq };
    if (mirror.delegation !== null)
      return t("consoleAudit.log.mirror.delegation", { ...values, number: mirror.delegation });
    if (mirror.ticket !== null)
      return t("consoleAudit.log.mirror.operatorAccess", { ...values, ticket: mirror.ticket });
    return t("consoleAudit.log.mirror.plain", values);
  };
  // English writes the role as stored ("domain_admin" → "domain admin"); other languages name it.
  const roleText = (role: string) =>
    locale === "en" ? role.replaceAll("_", " ") : t(`roles.${role}`, { defaultValue: role.replaceAll("_", " ") });
  return (
    <>
      <h1>{t("consoleAudit.log.title")}</h1>
      <p className="lede">{t("consoleAudit.log.lede", { organisation: tenant.name })}</p>

      <section aria-labelledby="chain-heading" className="card chain-status">
        <h2 id="chain-heading">{t("consoleAudit.log.chainHeading")}</h2>
        <p>
          {t("consoleAudit.log.entries", { count: chain.headSeq, formatted: formatCount(chain.headSeq, intlLocale) })}
          {chain.headSeq ? t("consoleAudit.log.head", { seq: chain.headSeq }) : ". "}
          {chain.lastCheckpoint
            ? t("consoleAudit.log.lastCheckpoint", {
                seq: chain.lastCheckpoint.seq,
                when: when(chain.lastCheckpoint.signedAt),
              })
            : t("consoleAudit.log.noCheckpoint")}
        </p>
        {chain.verification ? (
          <p role="status" className={chain.verification.ok ? "verify-ok" : "verify-fail"}>
            {chain.verification.ok
              ? t("consoleAudit.log.verified", { entries: formatCount(chain.verification.entries, intlLocale) })
              : t("consoleAudit.log.verifyFailed", {
                  seq: chain.verification.seq,
                  message: chain.verification.message,
                })}
          </p>
        ) : (
          <p>
            <Link to={`?${new URLSearchParams({ ...filters, verify: "1" })}`}>{t("consoleAudit.log.verifyNow")}</Link>
          </p>
        )}
      </section>

      {narrowedTo.map((subject) =>
        subject.kind === "delegation" ? (
          <h2 key="delegation">
            {t("consoleAudit.log.delegationActivity", { reseller: subject.reseller, number: subject.number })}
          </h2>
        ) : subject.kind === "operatorAccess" ? (
          <h2 key="operatorAccess">
            {t("consoleAudit.log.operatorAccessActivity", {
              operator: subject.operator,
              number: subject.number,
              ticket: subject.ticket,
            })}
          </h2>
        ) : subject.kind === "heldDelegation" ? (
          <h2 key="delegation">
            {t("consoleAudit.log.heldDelegationActivity", { client: subject.client, number: subject.number })}
          </h2>
        ) : subject.kind === "heldOperatorAccess" ? (
          <h2 key="operatorAccess">
            {t("consoleAudit.log.heldOperatorAccessActivity", {
              customer: subject.customer,
              number: subject.number,
              ticket: subject.ticket,
            })}
          </h2>
        ) : (
          <p key={subject.filter} className="notice" role="alert">
            {t(`consoleAudit.log.unknown.${subject.filter}`, { organisation: tenant.name })}
          </p>
        ),
      )}
      {malformed.map(({ filter, value }) => (
        <p key={filter} className="notice" role="alert">
          {t(`consoleAudit.log.malformed.${filter}`, { value })}
        </p>
      ))}

      <Form method="get" className="filters" aria-label={t("consoleAudit.log.filters")}>
        {/* Filtering further stays within the delegation or operator access the page is narrowed to. */}
        {ACCESS_FILTERS.map((key) =>
          query.get(key) ? <input key={key} type="hidden" name={key} value={query.get(key)!} /> : null,
        )}
        <label>
          {t("consoleAudit.log.actor")}
          <input
            type="text"
            name="actor"
            defaultValue={query.get("actor") ?? ""}
            placeholder={t("consoleAudit.log.actorPlaceholder")}
          />
        </label>
        <label>
          {t("consoleAudit.log.action")}
          <select name="action" defaultValue={query.get("action") ?? ""}>
            <option value="">{t("consoleAudit.log.anyAction")}</option>
            {ACTION_IDS.map((id) => (
              <option key={id} value={id}>
                {actionLabel(id, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("consoleAudit.log.subject")}
          <input
            type="text"
            name="subject"
            defaultValue={query.get("subject") ?? ""}
            placeholder={t("consoleAudit.log.subjectPlaceholder")}
          />
        </label>
        <label>
          {t("consoleAudit.log.outcome")}
          <select name="outcome" defaultValue={query.get("outcome") ?? ""}>
            <option value="">{t("consoleAudit.log.anyOutcome")}</option>
            {Object.keys(OUTCOME_LABELS).map((value) => (
              <option key={value} value={value}>
                {t(`outcomes.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("consoleAudit.log.from")}
          <input
            type="date"
            name="from"
            defaultValue={query.get("from") ?? ""}
            aria-invalid={filterErrors.from ? true : undefined}
            aria-describedby={filterErrors.from ? "from-error" : undefined}
          />
          {filterErrors.from ? (
            <span id="from-error" className="field-errors">
              {filterErrors.from[0]}
            </span>
          ) : null}
        </label>
        <label>
          {t("consoleAudit.log.to")}
          <input
            type="date"
            name="to"
            defaultValue={query.get("to") ?? ""}
            aria-invalid={filterErrors.to ? true : undefined}
            aria-describedby={filterErrors.to ? "to-error" : undefined}
          />
          {filterErrors.to ? (
            <span id="to-error" className="field-errors">
              {filterErrors.to[0]}
            </span>
          ) : null}
        </label>
        <div className="filter-buttons">
          <button type="submit">{t("consoleAudit.log.filter")}</button>
          <Link to=".">{t("consoleAudit.common.clear")}</Link>
        </div>
      </Form>
      <p className="exports">
        {t("consoleAudit.log.exportPrefix")} <a href={exportLink("csv")}>CSV</a> ·{" "}
        <a href={exportLink("jsonl")}>JSON Lines</a>
        <span className="muted"> {t("consoleAudit.log.exportHint")}</span>
      </p>
      {steppedUp ? (
        <p className="notice" role="status">
          {t("consoleAudit.log.steppedUp")}
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="empty">{t("consoleAudit.log.empty")}</p>
      ) : (
        <ol className="audit-list" aria-label={t("consoleAudit.log.entriesLabel")}>
          {rows.map((row) => (
            <li key={row.seq} className="audit-entry">
              <details>
                <summary>
                  <span className="seq">#{row.seq}</span>
                  <time dateTime={row.occurredAt}>{when(row.occurredAt)}</time>
                  <strong>{actionLabel(row.action, locale)}</strong>
                  <span className={`outcome outcome-${row.outcome}`}>{t(`outcomes.${row.outcome}`)}</span>
                  <span>
                    {row.actorName ? t("consoleAudit.log.by", { name: row.actorName }) : t("consoleAudit.log.bySystem")}
                    {row.actorRole ? ` (${roleText(row.actorRole)})` : ""}
                    {row.delegationNumber !== null && row.resellerName !== null
                      ? `, ${t("consoleAudit.log.viaDelegation", { reseller: row.resellerName, number: row.delegationNumber })}`
                      : ""}
                    {row.operatorAccessNumber !== null && row.operatorName !== null
                      ? `, ${t("consoleAudit.log.viaOperatorAccess", {
                          operator: row.operatorName,
                          number: row.operatorAccessNumber,
                          ticket: row.ticketReference,
                        })}`
                      : ""}
                  </span>
                  {row.mirror ? <span>{mirrorText(row.mirror)}</span> : null}
                  {row.subjectName ? <span>{t("consoleAudit.log.on", { name: row.subjectName })}</span> : null}
                  {row.reason ? (
                    <span className="reason">{t("consoleAudit.log.quotedReason", { reason: row.reason })}</span>
                  ) : null}
                  {row.pseudonymisedAt ? <span className="badge">{t("consoleAudit.log.pseudonymised")}</span> : null}
                </summary>
                <dl className="details">
                  <div>
                    <dt>{t("consoleAudit.log.decision")}</dt>
                    <dd>{row.sentence ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>{t("consoleAudit.log.policies")}</dt>
                    <dd>{row.policyIds.length ? row.policyIds.join(", ") : "—"}</dd>
                  </div>
                  {row.target ? (
                    <div>
                      <dt>{t("consoleAudit.log.target")}</dt>
                      <dd>
                        <code>{JSON.stringify(row.target)}</code>
                      </dd>
                    </div>
                  ) : null}
                  {row.changes ? (
                    <div>
                      <dt>{t("consoleAudit.log.changes")}</dt>
                      <dd>
                        <code>{JSON.stringify(row.changes)}</code>
                      </dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t("consoleAudit.log.origin")}</dt>
                    <dd>
                      {row.ipAddress ?? "—"} · {row.userAgent ?? "—"}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("consoleAudit.log.request")}</dt>
                    <dd>
                      <code>{row.requestId ?? "—"}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("consoleAudit.log.hash")}</dt>
                    <dd>
                      <code className="hash">{row.hash}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("consoleAudit.log.previous")}</dt>
                    <dd>
                      <code className="hash">{row.prevHash}</code>
                    </dd>
                  </div>
                  {row.pseudonymisedAt ? (
                    <div>
                      <dt>{t("consoleAudit.log.pseudonymised")}</dt>
                      <dd>
                        {t("consoleAudit.log.pseudonymisedDetail", { when: when(row.pseudonymisedAt) })}{" "}
                        <code className="hash">{row.sealedHash}</code>
                        {t("consoleAudit.log.pseudonymisedVouched")}
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </details>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label={t("consoleAudit.common.pages")} className="pager">
        {isFirstPage ? <span /> : <Link to={`?${query}`}>{t("consoleAudit.common.newest")}</Link>}
        {nextLink ? (
          <Link to={nextLink} rel="next">
            {t("consoleAudit.common.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleAudit.log.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
