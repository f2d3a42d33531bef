// A customer's view of the platform operator's access: its setting (notify or approve), and every request
// the operator's staff made, with ticket, justification, who, scope, what it allows and when. Its domain
// admins approve (with a fresh second factor), deny, or end one at once. Only the organisation's own
// members open this page: a reseller's staff or an operator inside the console get 404.
import {
  data,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "~db/schema";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction, type ActionResult } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ActionButton } from "~/components/account-actions";
import { FormOutcome } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { formatLocale, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { answerForm } from "~/me/answer.server";
import { listCustomerAccess } from "~/operator/customer-access.server";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision, OperatorAccessResource } from "~/policy/types";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

const answerFormSchema = z.object({
  intent: z.enum(["approve", "deny", "end"]),
  accessId: z.string().default(""),
});

type Intent = z.infer<typeof answerFormSchema>["intent"];
type UiDecision = Pick<Decision, "outcome" | "sentence">;

/** The customer's own members only: this page is the organisation's, not a visitor's. */
async function requireCustomerMember(request: Request, slug: string | undefined, context: AppLoadContext) {
  const found = await requireTenantActor(request, slug, context);
  if (found.access.kind !== "member" || found.tenant.kind !== "customer") throw notFound();
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const { requests, mode, tenantPolicies } = await tenantScope(tenant.id, async (tx) => ({
    requests: await listCustomerAccess(tx, tenant.id),
    mode: await tx
      .select({ mode: organisations.operatorAccessMode })
      .from(organisations)
      .where(eq(organisations.id, tenant.id))
      .then((rows) => rows[0]?.mode ?? "approve"),
    tenantPolicies: await loadTenantPolicies(tx, tenant.id),
  }));
  const asResource = (request: (typeof requests)[number]): OperatorAccessResource => ({
    type: "OperatorAccess",
    id: request.id,
    tenantId: tenant.id,
    status: request.status,
    operatorAccountId: request.operatorAccountId,
    operatorName: request.operatorName,
  });
  const ui = (decision: Decision): UiDecision => ({
    outcome: decision.outcome,
    sentence: decisionSentence(decision, locale),
  });
  const decisions = decideForUi(
    actor,
    requests.flatMap((request) => [
      { action: "operatorAccess.approve" as const, resource: asResource(request) },
      { action: "operatorAccess.deny" as const, resource: asResource(request) },
      { action: "operatorAccess.revoke" as const, resource: asResource(request) },
    ]),
    tenantPolicies,
  ).map(ui);
  const resumed = resumedInput(request, principal.accountId);
  const resume = resumed ? (answerFormSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      mode,
      timeZone: principal.timeZone,
      requests: requests.map((request, index) => {
        const waiting = request.status === "requested";
        const open = waiting || request.status === "active";
        return {
          ...request,
          requestedAt: request.requestedAt.toISOString(),
          decidedAt: request.decidedAt?.toISOString() ?? null,
          startsAt: request.startsAt?.toISOString() ?? null,
          endsAt: request.endsAt?.toISOString() ?? null,
          endedAt: request.endedAt?.toISOString() ?? null,
          approve: waiting ? decisions[index * 3]! : null,
          deny: waiting ? decisions[index * 3 + 1]! : null,
          end: open ? decisions[index * 3 + 2]! : null,
        };
      }),
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const form = await readForm(request);
  const parsed = answerFormSchema.safeParse(formFields(form));
  if (!parsed.success) {
    return answerForm<Intent | "unknown">(
      "unknown",
      { ok: false, kind: "invalid", fieldErrors: { intent: ["That request was not understood."] } },
      { locale, values: {}, done: "" },
    );
  }
  const { intent, accessId } = parsed.data;
  const values = { accessId };
  const done = <Output,>(result: ActionResult<Output>, message: (output: Output) => string) =>
    result.ok ? message(result.output) : "";
  if (intent === "approve") {
    const result = await performAction<{ number: number; endsAt: Date }>(actor, "operatorAccess.approve", values);
    if (!result.ok && result.kind === "needs_step_up") {
      throw stepUpRedirect(request, actor.facts.accountId, formFields(form));
    }
    return answerForm(intent, result, {
      locale,
      values,
      done: done(result, ({ number, endsAt }) =>
        t("operator.access.approved", {
          number,
          until: formatDateTime(endsAt.toISOString(), principal.timeZone, formatLocale(locale)),
        }),
      ),
    });
  }
  if (intent === "deny") {
    const result = await performAction<{ number: number }>(actor, "operatorAccess.deny", values);
    return answerForm(intent, result, {
      locale,
      values,
      done: done(result, ({ number }) => t("operator.access.denied", { number })),
    });
  }
  const result = await performAction<{ number: number }>(actor, "operatorAccess.revoke", {
    ...values,
    customerId: tenant.id,
  });
  return answerForm(intent, result, {
    locale,
    values,
    done: done(result, ({ number }) => t("operator.access.ended", { number })),
  });
}

export default function OperatorAccessPage() {
  const { tenant, mode, timeZone, requests, resume } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const resumedRequest = resume?.intent === "approve" ? requests.find((row) => row.id === resume.accessId) : null;
  const problem = answer?.formError ?? (answer ? Object.values(answer.fieldErrors).flat()[0] : null);
  return (
    <>
      <h1>{t("operator.access.title")}</h1>
      <p className="lede">{t("operator.access.lede")}</p>
      <p>
        {mode === "notify" ? t("operator.access.modeNotify") : t("operator.access.modeApprove")}{" "}
        <Link to={`/t/${tenant.slug}/settings`}>{t("operator.access.changeMode")}</Link>
      </p>
      <FormOutcome error={problem} success={answer?.message} />
      {resumedRequest ? (
        <p className="notice">{t("operator.access.resumed", { number: resumedRequest.number })}</p>
      ) : null}
      {requests.length === 0 ? (
        <p className="empty">{t("operator.access.none", { organisation: tenant.name })}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t("operator.access.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("operator.access.number")}</th>
              <th scope="col">{t("operator.access.askedBy")}</th>
              <th scope="col">{t("operator.access.ticket")}</th>
              <th scope="col">{t("operator.access.scope")}</th>
              <th scope="col">{t("operator.access.allows")}</th>
              <th scope="col">{t("operator.access.status")}</th>
              <th scope="col">{t("operator.access.window")}</th>
              <th scope="col">{t("console.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((row) => (
              <tr key={row.id}>
                <td>{row.number}</td>
                <td>
                  {t("operator.access.askedByValue", {
                    name: row.operatorName,
                    organisation: row.operatorOrganisation,
                    when: when(row.requestedAt),
                  })}
                </td>
                <td>
                  <strong>{row.ticketReference}</strong>
                  <br />
                  {row.justification}
                </td>
                <td>
                  {row.subjectAccountId
                    ? t("operator.scope.account", { name: row.subjectName ?? "—" })
                    : t("operator.scope.organisation")}
                </td>
                <td>
                  {row.readOnly ? `${t("operator.scope.readOnly")}: ` : ""}
                  {row.actions.map((id) => t(`actions.${id}`)).join(", ")}
                </td>
                <td>
                  {t(`operator.status.${row.status}`)}
                  {row.decidedByName && row.decidedAt ? (
                    <>
                      <br />
                      <span className="muted">
                        {t("operator.access.answeredBy", { name: row.decidedByName, when: when(row.decidedAt) })}
                      </span>
                    </>
                  ) : null}
                  {row.endedAt ? (
                    <>
                      <br />
                      <span className="muted">
                        {t("operator.access.endedBy", { name: row.endedByName ?? "—", when: when(row.endedAt) })}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  {row.startsAt && row.endsAt
                    ? `${t("operator.access.from", { when: when(row.startsAt) })} ${t("operator.access.until", { when: when(row.endsAt) })}`
                    : row.status === "requested"
                      ? t("operator.access.minutes", { count: row.durationMinutes })
                      : t("operator.access.notStarted")}
                </td>
                <td className="row-actions">
                  {row.approve ? (
                    <ActionButton
                      intent="approve"
                      fields={{ accessId: row.id }}
                      label={t("operator.access.approve")}
                      decision={row.approve}
                    />
                  ) : null}
                  {row.deny ? (
                    <ActionButton
                      intent="deny"
                      fields={{ accessId: row.id }}
                      label={t("operator.access.deny")}
                      decision={row.deny}
                    />
                  ) : null}
                  {row.end ? (
                    <ActionButton
                      intent="end"
                      fields={{ accessId: row.id }}
                      label={t("operator.access.endNow")}
                      decision={row.end}
                    />
                  ) : null}
                  <Link to={`/t/${tenant.slug}/audit?operatorAccess=${row.id}`}>{t("operator.access.activity")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("operator.access.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
