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
import { FormError } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { ActionId, Decision } from "~/policy/types";
import { REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from "~/requests/labels";
import { getRequest, holdNotice, isOpen, listHandlers } from "~/requests/requests.server";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

const NO_SUCH_REQUEST = "There is no such data request in this organisation.";

const INTENTS = {
  assign: "dataRequest.assign",
  respond: "dataRequest.respond",
  complete: "dataRequest.complete",
  refuse: "dataRequest.refuse",
  erase: "dataRequest.fulfilErasure",
} as const satisfies Record<string, ActionId>;
type Intent = keyof typeof INTENTS;

const DONE: Record<Intent, string> = {
  assign: "Assigned.",
  respond: "Sent. The person reads it under My account → Privacy, and was emailed.",
  complete: "Completed. The person was told.",
  refuse: "Refused. The person reads your reason.",
  erase: "Erased. The person's data is gone; the audit trail keeps what happened under their pseudonym.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  // The queue shows people's requests and what they wrote: a read the policy engine decides.
  const allowed = await performAction(actor, "dataRequest.view", {});
  if (!allowed.ok) throw forbidden("decision" in allowed ? allowed.decision.sentence : "Not allowed.");
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
  if (!found) throw notFound(NO_SUCH_REQUEST);
  const { row, resource, tenantPolicies, handlers, hold } = found;
  const intents = Object.keys(INTENTS) as Intent[];
  const decisions = Object.fromEntries(
    decideForUi(
      actor,
      intents.map((intent) => ({ action: INTENTS[intent], resource })),
      tenantPolicies,
    ).map((decision, index) => [intents[index]!, { outcome: decision.outcome, sentence: decision.sentence }]),
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
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
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
  if (!intent) return answer(400, { formError: "That request was not understood." });
  const exists = await tenantScope(tenant.id, (tx) => getRequest(tx, tenant.id, requestId));
  if (!exists) throw notFound(NO_SUCH_REQUEST);

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
      message: DONE[intent],
    });
  }
  if (result.kind === "invalid") return answer(400, { fieldErrors: result.fieldErrors });
  if (result.kind === "failed") {
    return result.field && result.field in values
      ? answer(409, { fieldErrors: { [result.field]: [result.message] } })
      : answer(409, { formError: result.message });
  }
  return answer(403, { formError: result.decision.sentence });
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

function MessageField({
  intent,
  label,
  name,
  errors,
  value,
  hint,
}: {
  intent: Intent;
  label: string;
  name: string;
  errors?: string[];
  value?: string;
  hint?: string;
}) {
  const id = `${intent}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={2000}
        defaultValue={value}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-errors">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

export default function DataRequestPage() {
  const { tenant, timeZone, me, request, holds, disclosed, handlers, decisions, resumed } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const when = (iso: string) => formatDateTime(iso, timeZone);
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
        <Link to={`/t/${tenant.slug}/requests`}>← Data requests</Link>
      </p>
      <h1>
        {REQUEST_KIND_LABELS[request.kind]}: {request.requesterName}
      </h1>
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <span className={`badge status-${request.status}`}>{REQUEST_STATUS_LABELS[request.status]}</span>
          {request.overdue ? <strong className="badge badge-overdue"> Overdue</strong> : null}
        </dd>
        <dt>From</dt>
        <dd>
          {request.requesterName} ({request.requesterEmail ?? "erased"})
        </dd>
        <dt>Received</dt>
        <dd>{when(request.receivedAt)}</dd>
        <dt>Due</dt>
        <dd>{when(request.dueAt)}</dd>
        <dt>What they wrote</dt>
        <dd>{request.details ?? <span className="muted">Nothing more</span>}</dd>
        <dt>Handled by</dt>
        <dd>{request.assigneeName ?? <span className="muted">Nobody yet</span>}</dd>
        {request.response ? (
          <>
            <dt>Last word to them</dt>
            <dd>
              {request.response} <span className="muted">({request.respondedAt ? when(request.respondedAt) : ""})</span>
            </dd>
          </>
        ) : null}
        {request.closedAt ? (
          <>
            <dt>Closed</dt>
            <dd>
              {when(request.closedAt)}
              {request.resolution ? ` — ${request.resolution}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {holds.length ? (
        <p className="notice" role="note">
          Under legal hold {holds.map((held) => `'${held.name}' (placed by ${held.placedBy})`).join(", ")}.{" "}
          {erasure && request.open
            ? "Nothing of this person may be deleted: the request waits until the hold is released, and they are told so"
            : "Nothing of this person may be deleted while it lasts"}
          {disclosed.length
            ? ` (with the matter's name: ${disclosed.join(", ")}).`
            : " (without the matter's name, which is not disclosed)."}
        </p>
      ) : null}

      {request.open ? (
        <div className="request-steps">
          <Form method="post" className="card stacked-form" aria-labelledby="assign-heading">
            <h2 id="assign-heading">Assign</h2>
            <FormError message={mine("assign")?.formError} />
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="request-assignee">Who handles it</label>
              <select
                id="request-assignee"
                name="assigneeId"
                defaultValue={typed("assign", "assigneeId") || request.assignedTo || me}
                aria-invalid={mine("assign")?.fieldErrors.assigneeId ? true : undefined}
              >
                {handlers.map((handler) => (
                  <option key={handler.id} value={handler.id}>
                    {handler.name}
                    {handler.id === me ? " (me)" : ""}
                  </option>
                ))}
              </select>
              {mine("assign")?.fieldErrors.assigneeId ? (
                <p className="field-errors">{mine("assign")!.fieldErrors.assigneeId![0]}</p>
              ) : null}
            </div>
            <Refusable decision={decisions.assign} label="Assign" />
          </Form>

          <Form method="post" className="card stacked-form" aria-labelledby="respond-heading">
            <h2 id="respond-heading">Write to them</h2>
            <FormError message={mine("respond")?.formError} />
            <input type="hidden" name="intent" value="respond" />
            <MessageField
              intent="respond"
              label="Message"
              name="message"
              value={typed("respond", "message")}
              errors={mine("respond")?.fieldErrors.message}
              hint="They read it on their Privacy page and get it by email; the request stays open."
            />
            <Refusable decision={decisions.respond} label="Send" />
          </Form>

          {erasure ? (
            <div className="card stacked-form">
              <h2>Erase their data</h2>
              <p>
                Erases {request.requesterName}&apos;s personal data now: profile, sign-in, sessions, consents, emails.
                The audit trail keeps what happened under their pseudonym. This cannot be undone.
              </p>
              <ReasonDialog
                intent="erase"
                label="Erase data"
                title={`Erase ${request.requesterName}'s data?`}
                description="Their account is closed and their personal data erased at once, as their erasure request asks."
                decision={decisions.erase}
                errors={mine("erase")?.fieldErrors.reason}
                formError={mine("erase")?.formError}
                typedReason={typed("erase", "reason")}
                reopen={resumed?.intent === "erase"}
              />
            </div>
          ) : (
            <Form method="post" className="card stacked-form" aria-labelledby="complete-heading">
              <h2 id="complete-heading">Complete</h2>
              <FormError message={mine("complete")?.formError} />
              <input type="hidden" name="intent" value="complete" />
              <MessageField
                intent="complete"
                label="What was done (they read it)"
                name="message"
                value={typed("complete", "message")}
                errors={mine("complete")?.fieldErrors.message}
                hint={
                  request.kind === "access"
                    ? "Completing it lets them download a copy of their data (JSON and a readable page) for 30 days."
                    : request.kind === "rectification"
                      ? "Correct the details on their account page first; then say here what changed."
                      : "Say how their data's processing is now restricted."
                }
              />
              <Refusable decision={decisions.complete} label="Complete" />
            </Form>
          )}

          <Form method="post" className="card stacked-form" aria-labelledby="refuse-heading">
            <h2 id="refuse-heading">Refuse</h2>
            <FormError message={mine("refuse")?.formError} />
            <input type="hidden" name="intent" value="refuse" />
            <MessageField
              intent="refuse"
              label="Why (they read it)"
              name="reason"
              value={typed("refuse", "reason")}
              errors={mine("refuse")?.fieldErrors.reason}
            />
            <Refusable decision={decisions.refuse} label="Refuse" className="button-danger" />
          </Form>
        </div>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Data request · Glasshouse" }];
