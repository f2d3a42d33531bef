// One data-subject request: who asked what, when it is due, and the steps that answer it — assign it,
// write to the person, complete it, refuse it with a reason they read, or (erasure) erase their data, a
// destructive action with a written reason and a fresh second factor. Each step is an action about the
// person's account, decided by the policy engine and shown to them in their activity; a step the engine
// refuses stays on the page, disabled, with its sentence.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadAccountResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ReasonDialog } from "~/components/account-actions";
import { FormError, TextAreaField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { localiseFieldErrors, localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { ActionId, Decision } from "~/policy/types";
import { getRequest, holdNotice, isOpen, listHandlers } from "~/requests/requests.server";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

const INTENTS = {
  assign: "dataRequest.assign",
  respond: "dataRequest.respond",
  complete: "dataRequest.complete",
  refuse: "dataRequest.refuse",
  erase: "dataRequest.fulfilErasure",
} as const satisfies Record<string, ActionId>;
type Intent = keyof typeof INTENTS;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  // The queue shows people's requests and what they wrote: a read the policy engine decides.
  const allowed = await performAction(actor, "dataRequest.view", {});
  if (!allowed.ok) {
    throw forbidden(
      "decision" in allowed ? decisionSentence(allowed.decision, locale) : t("consoleBulk.requests.notAllowed"),
    );
  }
  const found = await tenantScope(tenant.id, async (tx) => {
    const row = await getRequest(tx, tenant.id, params.requestId ?? "");
    if (!row) return null;
    const [resource, tenantPolicies, handlers] = await Promise.all([
      loadAccountResource(tx, tenant.id, row.accountId),
      loadTenantPolicies(tx, tenant.id),
      listHandlers(tx, tenant.id),
    ]);
    if (!resource) return null;
    return { row, resource, tenantPolicies, handlers, hold: await holdNotice(tx, tenant.id, resource.holds) };
  });
  if (!found) throw notFound(t("consoleBulk.request.notFound"));
  const { row, resource, tenantPolicies, handlers, hold } = found;
  const intents = Object.keys(INTENTS) as Intent[];
  const decisions = Object.fromEntries(
    decideForUi(
      actor,
      intents.map((intent) => ({ action: INTENTS[intent], resource })),
      tenantPolicies,
    ).map((decision, index) => [
      intents[index]!,
      { outcome: decision.outcome, sentence: decisionSentence(decision, locale) },
    ]),
  ) as Record<Intent, Pick<Decision, "outcome" | "sentence">>;
  const resumed = resumedInput(request, actor.facts.accountId);
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      me: principal.accountId,
      request: {
        ...row,
        receivedAt: row.receivedAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
        respondedAt: row.respondedAt?.toISOString() ?? null,
        open: isOpen(row.status),
        overdue: isOpen(row.status) && row.dueAt < new Date(),
      },
      holds: resource.holds.map((held) => ({ name: held.name, placedBy: held.placedByName })),
      disclosed: hold.names,
      handlers,
      decisions,
      resumed: resumed?.fields ?? null,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const requestId = params.requestId ?? "";
  const form = await readForm(request);
  const fields = formFields(form);
  const intent = Object.hasOwn(INTENTS, fields.intent ?? "") ? (fields.intent as Intent) : null;
  const values = {
    assigneeId: fields.assigneeId ?? "",
    message: fields.message ?? "",
    reason: fields.reason ?? "",
  };
  const answer = (status: number, body: { fieldErrors?: Record<string, string[]>; formError?: string | null }) =>
    data(
      { intent, values, fieldErrors: body.fieldErrors ?? {}, formError: body.formError ?? null, message: null },
      { status },
    );
  if (!intent) return answer(400, { formError: localiseMessage("That request was not understood.", locale) });
  const exists = await tenantScope(tenant.id, (tx) => getRequest(tx, tenant.id, requestId));
  if (!exists) throw notFound(t("consoleBulk.request.notFound"));

  const inputs: Record<Intent, Record<string, unknown>> = {
    assign: { requestId, assigneeId: values.assigneeId },
    respond: { requestId, message: values.message },
    complete: { requestId, message: values.message },
    refuse: { requestId, reason: values.reason },
    erase: { requestId, reason: values.reason },
  };
  const result = await performAction(actor, INTENTS[intent], inputs[intent]);
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, fields);
  if (result.ok) {
    return data({
      intent,
      values: { assigneeId: "", message: "", reason: "" },
      fieldErrors: {} as Record<string, string[]>,
      formError: null,
      message: t(`consoleBulk.request.done.${intent}`),
    });
  }
  if (result.kind === "invalid") return answer(400, { fieldErrors: localiseFieldErrors(result.fieldErrors, locale) });
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    return result.field && result.field in values
      ? answer(409, { fieldErrors: { [result.field]: [message] } })
      : answer(409, { formError: message });
  }
  return answer(403, { formError: decisionSentence(result.decision, locale) });
}

type UiDecision = Pick<Decision, "outcome" | "sentence">;

function Refusable({ decision, label, className }: { decision: UiDecision; label: string; className?: string }) {
  const navigation = useNavigation();
  if (decision.outcome === "deny") {
    return (
      <>
        <p className="notice" role="status">
          {decision.sentence}
        </p>
        <button type="submit" className={className} disabled>
          {label}
        </button>
      </>
    );
  }
  return (
    <button type="submit" className={className} disabled={navigation.state !== "idle"}>
      {label}
    </button>
  );
}

/** A message field of one of the page's forms (ids by intent: the page has several). */
function MessageField({
  intent,
  value,
  ...field
}: {
  intent: Intent;
  label: string;
  name: string;
  errors?: string[];
  value?: string;
  hint?: string;
}) {
  return (
    <TextAreaField
      id={`${intent}-${field.name}`}
      defaultValue={value}
      required={false}
      rows={3}
      maxLength={2000}
      {...field}
    />
  );
}

export default function DataRequestPage() {
  const { tenant, timeZone, me, request, holds, disclosed, handlers, decisions, resumed } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const mine = (intent: Intent) => (result?.intent === intent ? result : null);
  const typed = (intent: Intent, name: "assigneeId" | "message" | "reason") => {
    const answer = mine(intent);
    if (answer && !answer.message) return answer.values[name];
    return resumed?.intent === intent ? (resumed[name] ?? "") : "";
  };
  const erasure = request.kind === "erasure";
  return (
    <>
      <p>
        <Link to={`/t/${tenant.slug}/requests`}>{t("consoleBulk.request.back")}</Link>
      </p>
      <h1>
        {t("consoleBulk.request.heading", {
          kind: t(`consoleBulk.requests.kinds.${request.kind}`),
          name: request.requesterName,
        })}
      </h1>
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t("console.common.status")}</dt>
        <dd>
          <span className={`badge status-${request.status}`}>
            {t(`consoleBulk.requests.statuses.${request.status}`)}
          </span>
          {request.overdue ? (
            <strong className="badge badge-overdue"> {t("consoleBulk.requests.overdue")}</strong>
          ) : null}
        </dd>
        <dt>{t("consoleBulk.request.from")}</dt>
        <dd>
          {request.requesterName} ({request.requesterEmail ?? t("consoleBulk.requests.erased")})
        </dd>
        <dt>{t("consoleBulk.requests.received")}</dt>
        <dd>{when(request.receivedAt)}</dd>
        <dt>{t("consoleBulk.request.due")}</dt>
        <dd>{when(request.dueAt)}</dd>
        <dt>{t("consoleBulk.request.whatTheyWrote")}</dt>
        <dd>{request.details ?? <span className="muted">{t("consoleBulk.request.nothingMore")}</span>}</dd>
        <dt>{t("consoleBulk.requests.handledBy")}</dt>
        <dd>{request.assigneeName ?? <span className="muted">{t("consoleBulk.requests.nobodyYet")}</span>}</dd>
        {request.response ? (
          <>
            <dt>{t("consoleBulk.request.lastWord")}</dt>
            <dd>
              {request.response} <span className="muted">({request.respondedAt ? when(request.respondedAt) : ""})</span>
            </dd>
          </>
        ) : null}
        {request.closedAt ? (
          <>
            <dt>{t("consoleBulk.request.closed")}</dt>
            <dd>
              {when(request.closedAt)}
              {request.resolution ? ` — ${request.resolution}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {holds.length ? (
        <p className="notice" role="note">
          {t("consoleBulk.request.underHold", {
            holds: holds
              .map((held) => t("consoleBulk.request.heldBy", { name: held.name, placedBy: held.placedBy }))
              .join(", "),
          })}{" "}
          {erasure && request.open ? t("consoleBulk.request.holdWaits") : t("consoleBulk.request.holdLasts")}{" "}
          {disclosed.length
            ? t("consoleBulk.request.holdNamed", { names: disclosed.join(", ") })
            : t("consoleBulk.request.holdUnnamed")}
        </p>
      ) : null}

      {request.open ? (
        <div className="request-steps">
          <Form method="post" className="card stacked-form" aria-labelledby="assign-heading">
            <h2 id="assign-heading">{t("consoleBulk.request.assignHeading")}</h2>
            <FormError message={mine("assign")?.formError} />
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="request-assignee">{t("consoleBulk.request.whoHandles")}</label>
              <select
                id="request-assignee"
                name="assigneeId"
                defaultValue={typed("assign", "assigneeId") || request.assignedTo || me}
                aria-invalid={mine("assign")?.fieldErrors.assigneeId ? true : undefined}
              >
                {handlers.map((handler) => (
                  <option key={handler.id} value={handler.id}>
                    {handler.name}
                    {handler.id === me ? ` ${t("consoleBulk.request.me")}` : ""}
                  </option>
                ))}
              </select>
              {mine("assign")?.fieldErrors.assigneeId ? (
                <p className="field-errors">{mine("assign")!.fieldErrors.assigneeId![0]}</p>
              ) : null}
            </div>
            <Refusable decision={decisions.assign} label={t("consoleBulk.request.assign")} />
          </Form>

          <Form method="post" className="card stacked-form" aria-labelledby="respond-heading">
            <h2 id="respond-heading">{t("consoleBulk.request.respondHeading")}</h2>
            <FormError message={mine("respond")?.formError} />
            <input type="hidden" name="intent" value="respond" />
            <MessageField
              intent="respond"
              label={t("consoleBulk.request.message")}
              name="message"
              value={typed("respond", "message")}
              errors={mine("respond")?.fieldErrors.message}
              hint={t("consoleBulk.request.respondHint")}
            />
            <Refusable decision={decisions.respond} label={t("consoleBulk.request.send")} />
          </Form>

          {erasure ? (
            <div className="card stacked-form">
              <h2>{t("consoleBulk.request.eraseHeading")}</h2>
              <p>{t("consoleBulk.request.eraseLede", { name: request.requesterName })}</p>
              <ReasonDialog
                intent="erase"
                label={t("consoleBulk.request.eraseLabel")}
                title={t("consoleBulk.request.eraseTitle", { name: request.requesterName })}
                description={t("consoleBulk.request.eraseDescription")}
                decision={decisions.erase}
                errors={mine("erase")?.fieldErrors.reason}
                formError={mine("erase")?.formError}
                typedReason={typed("erase", "reason")}
                reopen={resumed?.intent === "erase"}
              />
            </div>
          ) : (
            <Form method="post" className="card stacked-form" aria-labelledby="complete-heading">
              <h2 id="complete-heading">{t("consoleBulk.request.completeHeading")}</h2>
              <FormError message={mine("complete")?.formError} />
              <input type="hidden" name="intent" value="complete" />
              <MessageField
                intent="complete"
                label={t("consoleBulk.request.whatWasDone")}
                name="message"
                value={typed("complete", "message")}
                errors={mine("complete")?.fieldErrors.message}
                hint={
                  request.kind === "access"
                    ? t("consoleBulk.request.completeHints.access")
                    : request.kind === "rectification"
                      ? t("consoleBulk.request.completeHints.rectification")
                      : t("consoleBulk.request.completeHints.restriction")
                }
              />
              <Refusable decision={decisions.complete} label={t("consoleBulk.request.complete")} />
            </Form>
          )}

          <Form method="post" className="card stacked-form" aria-labelledby="refuse-heading">
            <h2 id="refuse-heading">{t("consoleBulk.request.refuseHeading")}</h2>
            <FormError message={mine("refuse")?.formError} />
            <input type="hidden" name="intent" value="refuse" />
            <MessageField
              intent="refuse"
              label={t("consoleBulk.request.why")}
              name="reason"
              value={typed("refuse", "reason")}
              errors={mine("refuse")?.fieldErrors.reason}
            />
            <Refusable decision={decisions.refuse} label={t("consoleBulk.request.refuse")} className="button-danger" />
          </Form>
        </div>
      ) : null}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction = ({ matches }) => {
  return [{ title: metaTranslator(matches)("consoleBulk.request.pageTitle") }];
};
