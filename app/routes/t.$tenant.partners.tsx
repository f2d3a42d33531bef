// The customer's partners: every reseller linked to the organisation, every delegation and request (its
// status, roles, expiry, how many of the reseller's staff may use it, who used it and when last), and the
// answers only the organisation's own people give: approve a request (a fresh second factor; the roles
// and days may be narrowed, never widened), decline it, revoke a delegation at once. Only members of the
// customer open this page; a reseller acting here through a delegation is told it is not there. What each
// button may do is the engine's: a refused one stays, disabled, with its sentence.
import {
  data,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ReasonDialog } from "~/components/account-actions";
import { FieldError, FormOutcome, SubmitOrRefused, TextAreaField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { toLocale, translator } from "~/i18n/i18n";
import { answerDelegationForm, notUnderstood } from "~/partners/form-answer.server";
import { metaTranslator, useT } from "~/i18n/use-t";
import {
  clientDelegations,
  delegationState,
  isLive,
  lapsesOn,
  linkedResellers,
  type ClientDelegation,
} from "~/partners/delegations.server";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { ActionId, Decision, DelegationResource } from "~/policy/types";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

/** What the page's forms post, as typed (kept and sent back with any error). */
const answerFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    delegationId: z.string().default(""),
    roles: z.array(z.string()).default([]),
    durationDays: z.string().default(""),
  }),
  z.object({ intent: z.literal("decline"), delegationId: z.string().default(""), reason: z.string().default("") }),
  z.object({ intent: z.literal("revoke"), delegationId: z.string().default(""), reason: z.string().default("") }),
]);

type AnswerForm = z.infer<typeof answerFormSchema>;

/** An approval kept across a step-up: the form's fields, the ticked roles as one comma-separated field. */
const resumedApprovalSchema = z.object({
  intent: z.literal("approve"),
  delegationId: z.string(),
  roles: z.string().transform((roles) => roles.split(",").filter(Boolean)),
  durationDays: z.string(),
});

/** Only the customer's own people answer for it; anyone else (a reseller acting here too) finds nothing. */
async function requireCustomerMember(request: Request, slug: string | undefined, context: AppLoadContext) {
  const found = await requireTenantActor(request, slug, context);
  if (found.access.kind !== "member" || found.tenant.kind !== "customer") throw notFound();
  return found;
}

function delegationResource(delegation: ClientDelegation, tenantId: string): DelegationResource {
  return {
    type: "Delegation",
    id: delegation.id,
    tenantId,
    number: delegation.number,
    resellerId: delegation.resellerId,
    resellerName: delegation.resellerName,
    status: delegation.status,
    roles: delegation.roles,
    durationDays: delegation.durationDays,
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

type Answer = "approve" | "decline" | "revoke";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const now = new Date();
  const { resellers, delegations, tenantPolicies } = await tenantScope(tenant.id, async (tx) => ({
    resellers: await linkedResellers(tx, tenant.id),
    delegations: (await clientDelegations(tx, tenant.id)).map((delegation) => ({
      ...delegation,
      state: delegationState(delegation, now),
    })),
    tenantPolicies: await loadTenantPolicies(tx, tenant.id),
  }));

  // What the engine says of each answer the page offers: approving as asked (narrowing is always allowed
  // when that is), declining a waiting request, revoking a live delegation.
  const asked = delegations.flatMap((delegation) => {
    const resource = delegationResource(delegation, tenant.id);
    const answers: Answer[] =
      delegation.state === "requested" ? ["approve", "decline"] : isLive(delegation.state) ? ["revoke"] : [];
    return answers.map((answer) => ({
      delegationId: delegation.id,
      answer,
      action: `delegation.${answer}` as ActionId,
      resource,
      context: answer === "approve" ? { roles: delegation.roles, durationDays: delegation.durationDays } : {},
    }));
  });
  const decided = decideForUi(actor, asked, tenantPolicies);
  const decisions = new Map<string, { outcome: Decision["outcome"]; sentence: string }>();
  asked.forEach((ask, index) =>
    decisions.set(`${ask.delegationId}:${ask.answer}`, {
      outcome: decided[index]!.outcome,
      sentence: decisionSentence(decided[index]!, locale),
    }),
  );

  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (resumedApprovalSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      resellers: resellers.map((reseller) => ({
        ...reseller,
        linkedAt: reseller.linkedAt.toISOString(),
        live: delegations.filter((delegation) => delegation.resellerId === reseller.id && isLive(delegation.state))
          .length,
      })),
      delegations: delegations.map((delegation) => ({
        id: delegation.id,
        number: delegation.number,
        resellerName: delegation.resellerName,
        state: delegation.state,
        roles: delegation.roles,
        durationDays: delegation.durationDays,
        message: delegation.message,
        requestedAt: delegation.requestedAt.toISOString(),
        lapsesOn: lapsesOn(delegation.requestedAt).toISOString(),
        approvedAt: iso(delegation.approvedAt),
        approvedByName: delegation.approvedByName,
        expiresAt: iso(delegation.expiresAt),
        endedAt: iso(delegation.endedAt),
        endedByName: delegation.endedByName,
        staffCount: delegation.staffCount,
        lastUsedAt: iso(delegation.lastUsedAt),
        usedBy: delegation.usedBy,
        decisions: {
          approve: decisions.get(`${delegation.id}:approve`) ?? null,
          decline: decisions.get(`${delegation.id}:decline`) ?? null,
          revoke: decisions.get(`${delegation.id}:revoke`) ?? null,
        },
      })),
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const formData = await readForm(request);
  const parsed = answerFormSchema.safeParse({
    ...formFields(formData),
    roles: formData.getAll("roles").filter((value): value is string => typeof value === "string"),
  });
  if (!parsed.success) return notUnderstood<AnswerForm>(locale);
  const form = parsed.data;

  const input =
    form.intent === "approve"
      ? { delegationId: form.delegationId, roles: form.roles, durationDays: form.durationDays }
      : { delegationId: form.delegationId, reason: form.reason };
  const result = await performAction<{ number: number }>(actor, `delegation.${form.intent}`, input);
  if (!result.ok && result.kind === "needs_step_up") {
    // The ticked roles travel as one field: the kept form is one value per name.
    const kept = form.intent === "approve" ? { ...form, roles: form.roles.join(",") } : formFields(formData);
    throw stepUpRedirect(request, actor.facts.accountId, kept);
  }
  return answerDelegationForm(form, result, locale, ({ number }) =>
    t(`partners.client.done.${form.intent}`, { number }),
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type DelegationRow = LoaderData["delegations"][number];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

function useWords(timeZone: string) {
  const { t, intlLocale } = useT();
  return {
    t,
    when: (value: string) => formatDateTime(value, timeZone, intlLocale),
    roles: (roles: readonly string[]) => roles.map((role) => t(`roles.${role}`)).join(", "),
  };
}

/** A waiting request: what was asked, and the forms that approve (narrowed, if wished) or decline it. */
function PendingRequest({
  delegation,
  timeZone,
  result,
  resume,
}: {
  delegation: DelegationRow;
  timeZone: string;
  result: ActionData | undefined;
  resume: LoaderData["resume"];
}) {
  const { t, when, roles } = useWords(timeZone);
  const mine = result?.form && result.form.delegationId === delegation.id ? result : null;
  const approving = mine?.form?.intent === "approve" ? mine : null;
  const declining = mine?.form?.intent === "decline" ? mine : null;
  const back = resume?.delegationId === delegation.id ? resume : null;
  const typed = approving?.form?.intent === "approve" ? approving.form : back;
  const approveErrors: Partial<Record<string, string[]>> = approving?.fieldErrors ?? {};
  const prefix = `approve-${delegation.number}`;
  const headingId = `request-${delegation.number}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("partners.client.requestHeading", { number: delegation.number, reseller: delegation.resellerName })}
      </h3>
      <dl className="details">
        <dt>{t("partners.client.asked")}</dt>
        <dd>
          {t("partners.client.askedFor", {
            roles: roles(delegation.roles),
            days: t("partners.days", { count: delegation.durationDays }),
          })}
        </dd>
        <dt>{t("partners.client.requestedOn")}</dt>
        <dd>{when(delegation.requestedAt)}</dd>
        <dt>{t("partners.client.lapses")}</dt>
        <dd>{t("partners.status.lapsesOn", { day: when(delegation.lapsesOn) })}</dd>
        {delegation.message ? (
          <>
            <dt>{t("partners.client.message")}</dt>
            <dd>
              <blockquote>{delegation.message}</blockquote>
            </dd>
          </>
        ) : null}
      </dl>

      {delegation.decisions.approve ? (
        <Form method="post" className="stacked-form" aria-labelledby={`${prefix}-heading`}>
          <h4 id={`${prefix}-heading`}>{t("partners.client.approveHeading")}</h4>
          <FormOutcome error={approving?.formError} />
          {back ? <p className="notice">{t("partners.client.resumed")}</p> : null}
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="delegationId" value={delegation.id} />
          <fieldset aria-describedby={approveErrors.roles?.length ? `${prefix}-roles-error` : `${prefix}-roles-hint`}>
            <legend>{t("partners.form.roles")}</legend>
            {delegation.roles.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  defaultChecked={typed ? typed.roles.includes(role) : true}
                />{" "}
                {t(`roles.${role}`)}
              </label>
            ))}
            <p id={`${prefix}-roles-hint`} className="field-hint">
              {t("partners.client.narrowHint")}
            </p>
            <FieldError id={`${prefix}-roles-error`} errors={approveErrors.roles} />
          </fieldset>
          <div className="field">
            <label htmlFor={`${prefix}-days`}>{t("partners.form.durationDays")}</label>
            <input
              id={`${prefix}-days`}
              name="durationDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={delegation.durationDays}
              defaultValue={typed?.durationDays ?? String(delegation.durationDays)}
              required
              aria-invalid={approveErrors.durationDays?.length ? true : undefined}
              aria-describedby={approveErrors.durationDays?.length ? `${prefix}-days-error` : `${prefix}-days-hint`}
            />
            <p id={`${prefix}-days-hint`} className="field-hint">
              {t("partners.client.shortenHint", { days: delegation.durationDays })}
            </p>
            <FieldError id={`${prefix}-days-error`} errors={approveErrors.durationDays} />
          </div>
          <SubmitOrRefused id={prefix} label={t("partners.client.approve")} decision={delegation.decisions.approve} />
        </Form>
      ) : null}

      {delegation.decisions.decline ? (
        <Form method="post" className="stacked-form" aria-labelledby={`decline-${delegation.number}-heading`}>
          <h4 id={`decline-${delegation.number}-heading`}>{t("partners.client.declineHeading")}</h4>
          <FormOutcome error={declining?.formError} />
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="delegationId" value={delegation.id} />
          <TextAreaField
            id={`decline-${delegation.number}-reason`}
            label={t("partners.client.declineReason")}
            name="reason"
            required={false}
            rows={3}
            maxLength={1000}
            hint={t("partners.client.declineReasonHint")}
            defaultValue={declining?.form?.intent === "decline" ? declining.form.reason : undefined}
            errors={declining?.fieldErrors.reason}
          />
          <SubmitOrRefused
            id={`decline-${delegation.number}`}
            label={t("partners.client.decline")}
            decision={delegation.decisions.decline}
            className="button-secondary"
          />
        </Form>
      ) : null}
    </article>
  );
}

function ExpiryCell({ delegation, when }: { delegation: DelegationRow; when: (value: string) => string }) {
  const { t } = useT();
  switch (delegation.state) {
    case "requested":
      return <>{t("partners.status.lapsesOn", { day: when(delegation.lapsesOn) })}</>;
    case "lapsed":
      return <>{t("partners.status.lapsedOn", { day: when(delegation.lapsesOn) })}</>;
    case "active":
    case "expiring":
    case "expired":
      return <>{delegation.expiresAt ? when(delegation.expiresAt) : "—"}</>;
    default:
      return (
        <>
          {delegation.endedAt
            ? t("partners.status.endedBy", {
                day: when(delegation.endedAt),
                name: delegation.endedByName ?? t("partners.client.anAdministrator"),
              })
            : "—"}
        </>
      );
  }
}

function DelegationsTable({
  tenantSlug,
  delegations,
  timeZone,
  result,
}: {
  tenantSlug: string;
  delegations: DelegationRow[];
  timeZone: string;
  result: ActionData | undefined;
}) {
  const { t, when, roles } = useWords(timeZone);
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t("partners.client.allCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("partners.table.number")}</th>
          <th scope="col">{t("partners.table.reseller")}</th>
          <th scope="col">{t("partners.table.status")}</th>
          <th scope="col">{t("partners.table.roles")}</th>
          <th scope="col">{t("partners.table.expiry")}</th>
          <th scope="col">{t("partners.table.staff")}</th>
          <th scope="col">{t("partners.table.lastUsed")}</th>
          <th scope="col">{t("console.common.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {delegations.map((delegation) => {
          const revoking =
            result?.form?.intent === "revoke" && result.form.delegationId === delegation.id ? result : null;
          return (
            <tr key={delegation.id}>
              <td>#{delegation.number}</td>
              <td>{delegation.resellerName}</td>
              <td>
                <span className={`status status-${delegation.state}`}>{t(`partners.status.${delegation.state}`)}</span>
                {delegation.approvedAt ? (
                  <>
                    <br />
                    <span className="muted">
                      {t("partners.client.approvedBy", {
                        name: delegation.approvedByName ?? t("partners.client.anAdministrator"),
                        day: when(delegation.approvedAt),
                      })}
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                {roles(delegation.roles)}
                <br />
                <span className="muted">{t("partners.days", { count: delegation.durationDays })}</span>
              </td>
              <td>
                <ExpiryCell delegation={delegation} when={when} />
              </td>
              <td>{t("partners.client.staffCount", { count: delegation.staffCount })}</td>
              <td>
                {delegation.lastUsedAt ? when(delegation.lastUsedAt) : t("partners.table.never")}
                {delegation.usedBy.length ? (
                  <>
                    <br />
                    <span className="muted">
                      {t("partners.client.usedBy", { names: delegation.usedBy.join(", ") })}
                    </span>
                  </>
                ) : null}
              </td>
              <td className="row-actions">
                <Link
                  to={`/t/${tenantSlug}/audit?delegation=${delegation.id}`}
                  aria-label={t("partners.client.activityOf", { number: delegation.number })}
                >
                  {t("partners.client.activity")}
                </Link>{" "}
                {delegation.decisions.revoke ? (
                  <ReasonDialog
                    intent="revoke"
                    fields={{ delegationId: delegation.id }}
                    label={t("partners.client.revoke")}
                    title={t("partners.client.revokeTitle", {
                      number: delegation.number,
                      reseller: delegation.resellerName,
                    })}
                    description={t("partners.client.revokeDescription", { reseller: delegation.resellerName })}
                    decision={delegation.decisions.revoke}
                    errors={revoking?.fieldErrors.reason}
                    formError={revoking?.formError}
                    typedReason={revoking?.form?.intent === "revoke" ? revoking.form.reason : undefined}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export default function PartnersPage() {
  const { tenant, timeZone, resellers, delegations, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, when } = useWords(timeZone);
  const pending = delegations.filter((delegation) => delegation.state === "requested");
  // An error with no form left to show it next to (the request was answered, the delegation revoked
  // meanwhile) is shown on top of the page.
  const shownInForm = (form: AnswerForm) =>
    delegations.some((delegation) => delegation.id === form.delegationId && delegation.decisions[form.intent]);
  const orphanError = result?.formError && !(result.form && shownInForm(result.form)) ? result.formError : null;
  return (
    <>
      <h1>{t("partners.client.title")}</h1>
      <p className="lede">{t("partners.client.lede", { organisation: tenant.name })}</p>
      <FormOutcome error={orphanError} success={result?.done} />

      <section aria-labelledby="resellers-heading">
        <h2 id="resellers-heading">{t("partners.client.resellersHeading")}</h2>
        {resellers.length === 0 ? (
          <p className="empty">{t("partners.client.noResellers", { organisation: tenant.name })}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("partners.client.resellersHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("partners.table.reseller")}</th>
                <th scope="col">{t("partners.client.linkedSince")}</th>
                <th scope="col">{t("partners.client.liveDelegations")}</th>
              </tr>
            </thead>
            <tbody>
              {resellers.map((reseller) => (
                <tr key={reseller.id}>
                  <td>{reseller.name}</td>
                  <td>{when(reseller.linkedAt)}</td>
                  <td>{reseller.live}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t("partners.client.pendingHeading")}</h2>
        {pending.length === 0 ? (
          <p className="empty">{t("partners.client.noPending")}</p>
        ) : (
          pending.map((delegation) => (
            <PendingRequest
              key={delegation.id}
              delegation={delegation}
              timeZone={timeZone}
              result={result}
              resume={resume}
            />
          ))
        )}
      </section>

      <section aria-labelledby="all-heading">
        <h2 id="all-heading">{t("partners.client.allHeading")}</h2>
        {delegations.length === 0 ? (
          <p className="empty">{t("partners.client.noDelegations")}</p>
        ) : (
          <DelegationsTable tenantSlug={tenant.slug} delegations={delegations} timeZone={timeZone} result={result} />
        )}
      </section>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("partners.client.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
