// One legal hold: what it is, the accounts it names, adding accounts by email, removing one, releasing it.
// Each change is destructive (a written reason, a fresh second factor) and comes back to this page after
// a step-up with what was typed. A hold of another organisation, or an id that is not one, is not found.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireTenantActor } from "~/actions/actor.server";
import { reasonField } from "~/actions/fields";
import { decideForUi, performAction } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ReasonDialog } from "~/components/account-actions";
import { FieldError, FormError, ReasonField, SubmitOrRefused } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { accountsByEmailSchema } from "~/holds/hold-form.server";
import { getHold, loadLegalHoldResource } from "~/holds/holds.server";
import { localiseFieldErrors, localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

const holdFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), emails: z.string().default(""), reason: z.string().default("") }),
  z.object({ intent: z.literal("remove"), accountId: z.string().default(""), reason: z.string().default("") }),
  z.object({ intent: z.literal("release"), reason: z.string().default("") }),
]);

type HoldForm = z.infer<typeof holdFormSchema>;
type Intent = HoldForm["intent"];

/** Where each error of the actions' input goes on this page. */
const FIELD_OF_INPUT: Record<string, string> = { addAccountIds: "emails", removeAccountIds: "accountId" };

function onForm(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const mapped: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const name = FIELD_OF_INPUT[field] ?? field;
    mapped[name] = [...(mapped[name] ?? []), ...messages];
  }
  return mapped;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const found = await tenantScope(tenant.id, async (tx) => {
    const hold = await getHold(tx, tenant.id, params.holdId ?? "");
    if (!hold) return null;
    const [resource, tenantPolicies] = await Promise.all([
      loadLegalHoldResource(tx, tenant.id, hold.id),
      loadTenantPolicies(tx, tenant.id),
    ]);
    return resource ? { hold, resource, tenantPolicies } : null;
  });
  if (!found) throw notFound(translator(locale)("consoleHolds.hold.noSuchHold"));
  const { hold, resource, tenantPolicies } = found;
  const [update, release] = decideForUi(
    actor,
    [
      { action: "hold.update", resource },
      { action: "hold.release", resource },
    ],
    tenantPolicies,
  ).map((decision) => ({ outcome: decision.outcome, sentence: decisionSentence(decision, locale) }));
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (holdFormSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      hold: {
        ...hold,
        placedAt: hold.placedAt.toISOString(),
        releasedAt: hold.releasedAt?.toISOString() ?? null,
        accounts: hold.accounts.map((account) => ({ ...account, addedAt: account.addedAt.toISOString() })),
      },
      decisions: { update: update!, release: release! },
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const holdId = params.holdId ?? "";
  const resource = await tenantScope(tenant.id, (tx) => loadLegalHoldResource(tx, tenant.id, holdId));
  if (!resource) throw notFound(t("consoleHolds.hold.noSuchHold"));
  const formData = await readForm(request);
  const parsed = holdFormSchema.safeParse(formFields(formData));
  if (!parsed.success) {
    return data(
      {
        intent: null as Intent | null,
        accountId: null as string | null,
        values: { emails: "", reason: "" },
        fieldErrors: {} as Record<string, string[]>,
        formError: localiseMessage("That request was not understood.", locale) as string | null,
        message: null as string | null,
      },
      { status: 400 },
    );
  }
  const form = parsed.data;
  const accountId = form.intent === "remove" ? form.accountId : null;
  const values = { emails: form.intent === "add" ? form.emails : "", reason: form.reason };
  // The schemas and the action layer write English; each message reaches the admin in their language.
  const answer = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    data(
      {
        intent: form.intent,
        accountId,
        values,
        fieldErrors: localiseFieldErrors(fieldErrors, locale),
        formError,
        message: null,
      },
      { status },
    );

  let input: Record<string, unknown>;
  if (form.intent === "add") {
    const chosen = await accountsByEmailSchema(tenant.id).safeParseAsync(form.emails);
    if (!chosen.success) {
      const reason = reasonField.safeParse(form.reason);
      return answer(400, {
        emails: chosen.error.issues.map((issue) => issue.message),
        ...(reason.success ? {} : { reason: reason.error.issues.map((issue) => issue.message) }),
      });
    }
    input = { holdId: resource.id, addAccountIds: chosen.data, reason: form.reason };
  } else if (form.intent === "remove") {
    input = { holdId: resource.id, removeAccountIds: [form.accountId], reason: form.reason };
  } else {
    input = { holdId: resource.id, reason: form.reason };
  }

  const result = await performAction<{ added?: number; alreadyHeld?: number; removed?: number }>(
    actor,
    form.intent === "release" ? "hold.release" : "hold.update",
    input,
  );
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  if (result.ok) {
    const { added = 0, alreadyHeld = 0, removed = 0 } = result.output ?? {};
    const message =
      form.intent === "add"
        ? t("consoleHolds.hold.done.added", { count: added }) +
          (alreadyHeld ? ` ${t("consoleHolds.hold.done.alreadyHeld", { count: alreadyHeld })}` : "")
        : form.intent === "remove"
          ? removed
            ? t("consoleHolds.hold.done.removed")
            : t("consoleHolds.hold.done.notOnHold")
          : t("consoleHolds.hold.done.released", { name: resource.name });
    return data({
      intent: form.intent,
      accountId,
      values: { emails: "", reason: "" },
      fieldErrors: {} as Record<string, string[]>,
      formError: null,
      message,
    });
  }
  if (result.kind === "invalid") return answer(400, onForm(result.fieldErrors));
  if (result.kind === "failed") {
    return result.field
      ? answer(400, onForm({ [result.field]: [result.message] }))
      : answer(409, {}, localiseMessage(result.message, locale));
  }
  return answer(403, {}, decisionSentence(result.decision, locale));
}

export default function LegalHoldPage() {
  const { tenant, timeZone, hold, decisions, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const active = !hold.releasedAt;
  const forIntent = (intent: Intent) => (result?.intent === intent ? result : null);
  const resumed = (intent: Intent) => (resume?.intent === intent ? resume : null);
  const add = forIntent("add");
  const release = forIntent("release");
  const addValues = add?.values ?? (resume?.intent === "add" ? resume : null);
  const releaseValues = release?.values ?? resumed("release");
  return (
    <>
      <p>
        <Link to={`/t/${tenant.slug}/holds`}>{t("consoleHolds.hold.back")}</Link>
      </p>
      <h1>{hold.name}</h1>
      <dl className="details">
        <dt>{t("console.common.status")}</dt>
        <dd>{active ? t("consoleHolds.hold.activeStatus") : t("consoleHolds.hold.released")}</dd>
        {hold.reference ? (
          <>
            <dt>{t("consoleHolds.hold.reference")}</dt>
            <dd>{hold.reference}</dd>
          </>
        ) : null}
        {hold.description ? (
          <>
            <dt>{t("consoleHolds.hold.description")}</dt>
            <dd>{hold.description}</dd>
          </>
        ) : null}
        <dt>{t("consoleHolds.hold.covers")}</dt>
        <dd>
          {hold.scope === "organisation"
            ? t("consoleHolds.hold.coversOrganisation", { count: hold.accountsCovered })
            : t("consoleHolds.hold.coversAccounts", { count: hold.accountsCovered })}
        </dd>
        <dt>{t("consoleHolds.hold.disclose")}</dt>
        <dd>{hold.discloseToSubject ? t("console.common.yes") : t("console.common.no")}</dd>
        <dt>{t("consoleHolds.hold.placed")}</dt>
        <dd>
          {t("consoleHolds.hold.byWhen", {
            name: hold.placedByName ?? t("consoleHolds.hold.anAdministrator"),
            when: when(hold.placedAt),
          })}
        </dd>
        {hold.releasedAt ? (
          <>
            <dt>{t("consoleHolds.hold.released")}</dt>
            <dd>
              {t("consoleHolds.hold.byWhen", {
                name: hold.releasedByName ?? t("consoleHolds.hold.anAdministrator"),
                when: when(hold.releasedAt),
              })}
              {hold.releaseReason ? ` ${t("consoleHolds.hold.releaseReason", { reason: hold.releaseReason })}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      {/* A request not understood, or a removal whose row is gone: its error has no dialog to go to. */}
      {result?.formError &&
      (result.intent === null ||
        (result.intent === "remove" && !hold.accounts.some((account) => account.id === result.accountId))) ? (
        <FormError message={result.formError} />
      ) : null}

      {hold.scope === "accounts" ? (
        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading">{t("consoleHolds.hold.accountsHeading")}</h2>
          {active && decisions.update.outcome === "deny" ? (
            <p id="update-refused" className="notice" role="status">
              {decisions.update.sentence}
            </p>
          ) : null}
          {result?.intent === "remove" && result.fieldErrors.accountId?.length ? (
            <FormError message={result.fieldErrors.accountId[0]} />
          ) : null}
          {hold.accounts.length === 0 ? (
            <p className="empty">{t("consoleHolds.hold.noAccounts")}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">
                {t("consoleHolds.hold.accountsCaption", { name: hold.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("console.common.name")}</th>
                  <th scope="col">{t("console.common.email")}</th>
                  <th scope="col">{t("console.common.status")}</th>
                  <th scope="col">{t("consoleHolds.hold.added")}</th>
                  {active ? <th scope="col">{t("console.common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {hold.accounts.map((account) => {
                  const mine = result?.intent === "remove" && result.accountId === account.id ? result : null;
                  const back = resume?.intent === "remove" && resume.accountId === account.id ? resume : null;
                  return (
                    <tr key={account.id}>
                      <td>{account.name}</td>
                      <td>{account.email ?? <span className="muted">{t("console.common.erased")}</span>}</td>
                      <td>
                        <span className={`status status-${account.status}`}>
                          {t(`console.status.${account.status}`)}
                        </span>
                      </td>
                      <td>
                        {when(account.addedAt)}
                        {account.addedByName ? ` ${t("consoleHolds.hold.addedBy", { name: account.addedByName })}` : ""}
                      </td>
                      {active ? (
                        <td className="row-actions">
                          <ReasonDialog
                            intent="remove"
                            fields={{ accountId: account.id }}
                            label={t("consoleHolds.hold.remove")}
                            title={t("consoleHolds.hold.removeTitle", { name: account.name })}
                            description={t("consoleHolds.hold.removeDescription")}
                            decision={decisions.update}
                            errors={mine?.fieldErrors.reason}
                            formError={mine?.formError}
                            typedReason={mine?.values.reason ?? back?.reason}
                            reopen={Boolean(back)}
                          />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      {active && hold.scope === "accounts" ? (
        <Form method="post" className="card stacked-form" aria-labelledby="add-heading" key={`add-${result?.message}`}>
          <h2 id="add-heading">{t("consoleHolds.hold.addHeading")}</h2>
          <FormError message={add?.formError} />
          {resumed("add") ? <p className="notice">{t("consoleHolds.hold.addResumed")}</p> : null}
          <div className="field">
            <label htmlFor="add-emails">{t("consoleHolds.hold.addEmails")}</label>
            <textarea
              id="add-emails"
              name="emails"
              rows={4}
              defaultValue={addValues?.emails}
              aria-invalid={add?.fieldErrors.emails?.length ? true : undefined}
              aria-describedby={add?.fieldErrors.emails?.length ? "add-emails-error" : undefined}
            />
            <FieldError id="add-emails-error" errors={add?.fieldErrors.emails} />
          </div>
          <ReasonField
            errors={add?.fieldErrors.reason}
            defaultValue={addValues?.reason}
            label={t("console.common.reason")}
          />
          <input type="hidden" name="intent" value="add" />
          <SubmitOrRefused id="add" label={t("consoleHolds.hold.addSubmit")} decision={decisions.update} />
        </Form>
      ) : null}

      {active ? (
        <Form
          method="post"
          className="card stacked-form"
          aria-labelledby="release-heading"
          key={`release-${result?.message}`}
        >
          <h2 id="release-heading">{t("consoleHolds.hold.releaseHeading")}</h2>
          <p className="muted">{t("consoleHolds.hold.releaseLede")}</p>
          <FormError message={release?.formError} />
          {resumed("release") ? <p className="notice">{t("consoleHolds.hold.releaseResumed")}</p> : null}
          <ReasonField
            errors={release?.fieldErrors.reason}
            defaultValue={releaseValues?.reason}
            label={t("console.common.reason")}
          />
          <input type="hidden" name="intent" value="release" />
          <SubmitOrRefused
            id="release"
            label={t("consoleHolds.hold.releaseSubmit")}
            decision={decisions.release}
            className="button-danger"
          />
        </Form>
      ) : null}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [
    {
      title: data
        ? t("consoleHolds.hold.pageTitle", { hold: data.hold.name, organisation: data.tenant.name })
        : "Glasshouse",
    },
  ];
};
