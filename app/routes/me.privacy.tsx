// My account → Privacy: which mailing lists I am on (each change a consent record I can see), my requests
// about my data (a copy, a correction, a restriction, erasure) and where each stands, and the privacy
// policy. Every change is an action recorded in my activity (app/actions/self-profile.server.ts,
// app/actions/data-requests.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { loadAccountResource } from "~/actions/resources.server";
import { mailingListChoices } from "~/actions/self-profile.server";
import { requirePrincipal } from "~/auth/principal.server";
import { FormError, FormOutcome } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime, formatDay } from "~/format";
import { toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { answerForm } from "~/me/answer.server";
import { MAILING_LISTS } from "~/me/mailing-lists";
import { availableCopy, listConsentRecords, listPolicyVersions } from "~/me/privacy.server";
import { holdNotice, listMyRequests, type RequestKind } from "~/requests/requests.server";
import { readForm } from "~/security/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const { tenantId, accountId } = principal;
  const now = new Date();
  const page = await tenantScope(tenantId, async (tx) => {
    const resource = await loadAccountResource(tx, tenantId, accountId);
    return {
      lists: await mailingListChoices(tx, tenantId, accountId),
      consents: await listConsentRecords(tx, tenantId, accountId),
      requests: await listMyRequests(tx, tenantId, accountId),
      hold: await holdNotice(tx, tenantId, resource?.holds ?? []),
      copy: await availableCopy(tx, tenantId, accountId, now),
      versions: await listPolicyVersions(tx, now),
      deletionLocked: resource?.locks.find((lock) => lock.setting === "data_deletion") ?? null,
    };
  });
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    timeZone: principal.timeZone,
    organisation: principal.tenantName,
    lists: page.lists,
    consents: page.consents.map((record) => ({ ...record, recordedAt: record.recordedAt.toISOString() })),
    requests: page.requests.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      details: row.details,
      receivedAt: row.receivedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      closedAt: iso(row.closedAt),
      resolution: row.resolution,
      response: row.response,
      respondedAt: iso(row.respondedAt),
      assigneeName: row.assigneeName,
    })),
    hold: page.hold,
    copy: page.copy ? { id: page.copy.id, closedAt: iso(page.copy.closedAt) } : null,
    policy: page.versions[0] ? { ...page.versions[0], publishedAt: page.versions[0].publishedAt.toISOString() } : null,
    deletionLocked: page.deletionLocked
      ? {
          lockedBy: page.deletionLocked.lockedByName,
          lockedAt: page.deletionLocked.lockedAt.toISOString(),
          reason: page.deletionLocked.reason,
        }
      : null,
  };
}

const REQUEST_ACTIONS = {
  access: "self.requestExport",
  rectification: "self.requestCorrection",
  restriction: "self.requestRestriction",
  erasure: "self.requestErasure",
} as const satisfies Record<RequestKind, string>;

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const form = await readForm(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const actor = memberActor(principal, request, context);
  const accountId = principal.accountId;
  const intent = field("intent");

  if (intent === "marketing") {
    const values = { list: field("list"), subscribed: field("subscribed") };
    const result = await performAction(actor, "self.setMarketing", { accountId, ...values });
    return answerForm(`marketing:${values.list}`, result, {
      locale,
      values,
      done: t(values.subscribed === "on" ? "privacy.joined" : "privacy.left"),
    });
  }
  if (intent === "request") {
    const kind = field("kind");
    const values = { kind, details: field("details") };
    const actionId = Object.hasOwn(REQUEST_ACTIONS, kind) ? REQUEST_ACTIONS[kind as RequestKind] : null;
    if (!actionId) {
      return answerForm(
        "request:unknown",
        { ok: false, kind: "invalid", fieldErrors: { kind: ["Choose one of the kinds of request."] } },
        { locale, values, done: "" },
      );
    }
    const result = await performAction<{ status: string; hold: { names: string[] } | null }>(actor, actionId, {
      accountId,
      details: values.details,
    });
    const held = result.ok && result.output.status === "waiting_on_hold";
    return answerForm(`request:${kind}`, result, {
      locale,
      values,
      done: held ? t("privacy.requestHeld") : t("privacy.requestSent"),
    });
  }
  if (intent === "acknowledge") {
    const values = { version: field("version") };
    const result = await performAction(actor, "self.acknowledgePolicy", { accountId, ...values });
    return answerForm("acknowledge", result, { locale, values, done: t("privacy.acknowledged") });
  }
  return answerForm(
    "unknown",
    { ok: false, kind: "invalid", fieldErrors: { intent: ["That request was not understood."] } },
    { locale, values: {}, done: "" },
  );
}

const KINDS: RequestKind[] = ["access", "rectification", "restriction", "erasure"];

export default function PrivacyPage() {
  const { timeZone, organisation, lists, consents, requests, hold, copy, policy, deletionLocked } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, intlLocale } = useT();
  const busy = navigation.state !== "idle";
  const day = (iso: string) => formatDay(new Date(iso), timeZone, intlLocale);
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const answerFor = (intent: string) => (result?.intent === intent ? result : null);
  const openKinds = new Set(
    requests.filter((row) => ["received", "in_progress", "waiting_on_hold"].includes(row.status)).map((r) => r.kind),
  );

  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <p className="lede">{t("privacy.lede", { organisation })}</p>

      <section className="card" aria-labelledby="marketing-heading">
        <h2 id="marketing-heading">{t("privacy.marketingHeading")}</h2>
        <p>{t("privacy.marketingLede")}</p>
        <ul className="plain-list">
          {MAILING_LISTS.map((list) => {
            const answer = answerFor(`marketing:${list}`);
            const on = lists[list];
            return (
              <li key={list} className="list-choice">
                <Form method="post">
                  <input type="hidden" name="intent" value="marketing" />
                  <input type="hidden" name="list" value={list} />
                  <input type="hidden" name="subscribed" value={on ? "off" : "on"} />
                  <strong>{t(`privacy.lists.${list}.name`)}</strong>{" "}
                  <span className={on ? "badge badge-on" : "badge"}>
                    {on ? t("privacy.subscribed") : t("privacy.notSubscribed")}
                  </span>
                  <p className="field-hint">{t(`privacy.lists.${list}.description`)}</p>
                  <button type="submit" className="button-secondary" disabled={busy}>
                    {on
                      ? t("privacy.leave", { list: t(`privacy.lists.${list}.name`) })
                      : t("privacy.join", { list: t(`privacy.lists.${list}.name`) })}
                  </button>
                  <FormError
                    message={answer?.formError ?? answer?.fieldErrors.subscribed?.[0] ?? answer?.fieldErrors.list?.[0]}
                  />
                  {answer?.message ? (
                    <p className="form-success" role="status">
                      {answer.message}
                    </p>
                  ) : null}
                </Form>
              </li>
            );
          })}
        </ul>
        <h3>{t("privacy.consentHeading")}</h3>
        {consents.length === 0 ? (
          <p>{t("privacy.noConsents")}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t("privacy.consentHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.when")}</th>
                <th scope="col">{t("privacy.list")}</th>
                <th scope="col">{t("privacy.choice")}</th>
                <th scope="col">{t("privacy.how")}</th>
                <th scope="col">{t("privacy.policyVersion")}</th>
              </tr>
            </thead>
            <tbody>
              {consents.map((record) => (
                <tr key={record.id}>
                  <td>{when(record.recordedAt)}</td>
                  <td>{t(`privacy.lists.${record.purpose}.name`, { defaultValue: record.purpose })}</td>
                  <td>{record.granted ? t("privacy.optedIn") : t("privacy.optedOut")}</td>
                  <td>{t(`privacy.methods.${record.method}`, { defaultValue: record.method })}</td>
                  <td>{record.policyVersion ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t("privacy.requestsHeading")}</h2>
        <p>{t("privacy.requestsLede", { days: 30 })}</p>
        {hold.held ? (
          <p className="notice" role="note">
            {hold.names.length
              ? t("privacy.heldNamed", { organisation, matters: hold.names.join(", ") })
              : t("privacy.held", { organisation })}
          </p>
        ) : null}
        {copy ? (
          <p className="notice">
            {t("privacy.copyReady")} <a href="/me/privacy/copy.json">{t("privacy.copyJson")}</a> ·{" "}
            <a href="/me/privacy/copy.html">{t("privacy.copyHtml")}</a>
          </p>
        ) : null}
        <div className="request-forms">
          {KINDS.map((kind) => {
            const answer = answerFor(`request:${kind}`);
            const locked = kind === "erasure" && deletionLocked;
            return (
              <Form
                method="post"
                key={kind}
                className="stacked-form"
                id={kind === "rectification" ? "correction" : undefined}
              >
                <h3>{t(`privacy.kinds.${kind}.title`)}</h3>
                <p className="field-hint">{t(`privacy.kinds.${kind}.description`)}</p>
                <input type="hidden" name="intent" value="request" />
                <input type="hidden" name="kind" value={kind} />
                <FormOutcome error={answer?.formError} success={answer?.message} />
                {locked ? (
                  <p className="notice">
                    {t("privacy.deletionLocked", {
                      name: deletionLocked.lockedBy,
                      when: day(deletionLocked.lockedAt),
                      reason: deletionLocked.reason,
                    })}
                  </p>
                ) : null}
                <div className="field">
                  <label htmlFor={`details-${kind}`}>
                    {kind === "rectification" ? t("privacy.correctionDetails") : t("privacy.optionalDetails")}
                  </label>
                  <textarea
                    id={`details-${kind}`}
                    name="details"
                    rows={3}
                    maxLength={2000}
                    required={kind === "rectification"}
                    defaultValue={answer && !answer.message ? answer.values.details : ""}
                    aria-invalid={answer?.fieldErrors.details ? true : undefined}
                    aria-describedby={answer?.fieldErrors.details ? `details-${kind}-error` : undefined}
                  />
                  {answer?.fieldErrors.details ? (
                    <p id={`details-${kind}-error`} className="field-errors">
                      {answer.fieldErrors.details[0]}
                    </p>
                  ) : null}
                </div>
                <button
                  type="submit"
                  className={kind === "erasure" ? "button-danger" : undefined}
                  disabled={busy || Boolean(locked) || (kind !== "rectification" && openKinds.has(kind))}
                >
                  {t(`privacy.kinds.${kind}.submit`)}
                </button>
                {kind !== "rectification" && openKinds.has(kind) ? (
                  <p className="field-hint">{t("privacy.alreadyOpen")}</p>
                ) : null}
              </Form>
            );
          })}
        </div>

        <h3>{t("privacy.myRequests")}</h3>
        {requests.length === 0 ? (
          <p>{t("privacy.noRequests")}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t("privacy.myRequests")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.kind")}</th>
                <th scope="col">{t("privacy.received")}</th>
                <th scope="col">{t("privacy.due")}</th>
                <th scope="col">{t("privacy.status")}</th>
                <th scope="col">{t("privacy.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((row) => (
                <tr key={row.id}>
                  <td>
                    {t(`privacy.kinds.${row.kind}.title`)}
                    {row.details ? <div className="muted">{row.details}</div> : null}
                  </td>
                  <td>{day(row.receivedAt)}</td>
                  <td>{row.closedAt ? "—" : day(row.dueAt)}</td>
                  <td>
                    <span className={`badge status-${row.status}`}>{t(`privacy.statuses.${row.status}`)}</span>
                    {row.closedAt ? <div className="muted">{day(row.closedAt)}</div> : null}
                    {row.assigneeName && !row.closedAt ? (
                      <div className="muted">{t("privacy.handledBy", { name: row.assigneeName })}</div>
                    ) : null}
                  </td>
                  <td>
                    {row.status === "waiting_on_hold" ? (
                      <p>
                        {hold.names.length
                          ? t("privacy.heldNamed", { organisation, matters: hold.names.join(", ") })
                          : t("privacy.held", { organisation })}
                      </p>
                    ) : null}
                    {row.resolution ? <p>{row.resolution}</p> : null}
                    {row.response && !row.resolution ? <p>{row.response}</p> : null}
                    {!row.resolution && !row.response && row.status !== "waiting_on_hold" ? (
                      <span className="muted">—</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="policy-heading">
        <h2 id="policy-heading">{t("privacy.policyHeading")}</h2>
        {policy ? (
          <p>
            {t("privacy.policyCurrent", { version: policy.version, day: day(policy.publishedAt) })}{" "}
            <Link to={`/privacy/${policy.version}`}>{t("privacy.readPolicy")}</Link> ·{" "}
            <Link to="/privacy">{t("privacy.archive")}</Link>
          </p>
        ) : (
          <p>{t("privacy.noPolicy")}</p>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.privacy") }];
