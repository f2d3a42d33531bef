// Legal holds: every matter of the organisation, active ones first, and the form that places a new one on
// accounts chosen by email or on the whole organisation. Placing is destructive: a written reason and a
// fresh second factor; a step-up brings the admin back to the form as they filled it in.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireTenantActor } from "~/actions/actor.server";
import { placeHoldInputSchema } from "~/actions/holds.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { FormError } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { accountsByEmailSchema, fieldErrorsOf } from "~/holds/hold-form.server";
import { listHolds } from "~/holds/holds.server";
import { localiseFieldErrors, localiseMessage, toLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import { readForm } from "~/security/form.server";

/** What the form posts, as typed (kept and sent back with any error). */
const placeFormSchema = z.object({
  name: z.string().default(""),
  description: z.string().default(""),
  reference: z.string().default(""),
  scope: z.string().default(""),
  emails: z.string().default(""),
  discloseToSubject: z.string().optional(),
  reason: z.string().default(""),
});

type PlaceValues = z.infer<typeof placeFormSchema>;

const EMPTY_VALUES: PlaceValues = {
  name: "",
  description: "",
  reference: "",
  scope: "accounts",
  emails: "",
  discloseToSubject: undefined,
  reason: "",
};

/** Where each error of the action's input goes on this form. */
const FIELD_OF_INPUT: Record<string, string> = { accountIds: "emails" };

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
  const { holds, organisation, tenantPolicies } = await tenantScope(tenant.id, async (tx) => ({
    holds: await listHolds(tx, tenant.id),
    organisation: await loadOrganisationResource(tx, tenant.id),
    tenantPolicies: await loadTenantPolicies(tx, tenant.id),
  }));
  const [decision] = organisation
    ? decideForUi(actor, [{ action: "hold.place", resource: organisation }], tenantPolicies)
    : [];
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (placeFormSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      holds: holds.map((hold) => ({
        ...hold,
        placedAt: hold.placedAt.toISOString(),
        releasedAt: hold.releasedAt?.toISOString() ?? null,
      })),
      decision: decision ? { outcome: decision.outcome, sentence: decisionSentence(decision, locale) } : null,
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const formData = await readForm(request);
  const values = placeFormSchema.parse(formFields(formData));
  // The schemas and the action layer write English; each message reaches the admin in their language.
  const answer = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    data(
      {
        values,
        fieldErrors: localiseFieldErrors(fieldErrors, locale),
        formError,
        placed: null as { id: string; name: string } | null,
      },
      { status },
    );

  const chosen = await accountsByEmailSchema(tenant.id).safeParseAsync(values.emails);
  const input = {
    name: values.name,
    description: values.description,
    reference: values.reference,
    scope: values.scope,
    accountIds: chosen.success ? chosen.data : [],
    discloseToSubject: values.discloseToSubject === "on",
    reason: values.reason,
  };
  if (!chosen.success) {
    // Every other mistake is reported at the same time; the accounts' own error is the emails'.
    const rest = placeHoldInputSchema.safeParse(input);
    const others = rest.success ? {} : fieldErrorsOf(rest.error);
    delete others.accountIds;
    return answer(400, { ...onForm(others), emails: chosen.error.issues.map((issue) => issue.message) });
  }

  const result = await performAction<{ holdId: string; name: string; accountCount: number }>(
    actor,
    "hold.place",
    input,
  );
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  if (result.ok) {
    return data({
      values: EMPTY_VALUES,
      fieldErrors: {} as Record<string, string[]>,
      formError: null,
      placed: { id: result.output.holdId, name: result.output.name },
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

function scopeLabel(hold: { scope: string; accountsCovered: number }, t: ReturnType<typeof useT>["t"]): string {
  const accounts = t("consoleHolds.list.accounts", { count: hold.accountsCovered });
  return hold.scope === "organisation" ? t("consoleHolds.list.wholeOrganisation", { accounts }) : accounts;
}

export default function LegalHoldsPage() {
  const { tenant, timeZone, holds, decision, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, intlLocale } = useT();
  const values = result?.values ?? resume ?? EMPTY_VALUES;
  const errors: Partial<Record<string, string[]>> = result?.fieldErrors ?? {};
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const active = holds.filter((hold) => !hold.releasedAt);
  const released = holds.filter((hold) => hold.releasedAt);
  const fieldProps = (name: string) => ({
    id: `hold-${name}`,
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": errors[name]?.length ? `hold-${name}-error` : undefined,
  });
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p id={`hold-${name}-error`} className="field-errors">
        {errors[name]![0]}
      </p>
    ) : null;
  const table = (rows: typeof holds, caption: string) => (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("console.common.name")}</th>
          <th scope="col">{t("consoleHolds.list.reference")}</th>
          <th scope="col">{t("consoleHolds.list.covers")}</th>
          <th scope="col">{t("consoleHolds.list.placed")}</th>
          {rows.some((row) => row.releasedAt) ? <th scope="col">{t("consoleHolds.list.released")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((hold) => (
          <tr key={hold.id}>
            <td>
              <Link to={`/t/${tenant.slug}/holds/${hold.id}`}>{hold.name}</Link>
            </td>
            <td>{hold.reference ?? <span className="muted">—</span>}</td>
            <td>{scopeLabel(hold, t)}</td>
            <td>
              {t("consoleHolds.list.byWhen", {
                name: hold.placedByName ?? t("consoleHolds.list.anAdministrator"),
                when: when(hold.placedAt),
              })}
            </td>
            {hold.releasedAt ? (
              <td>
                {t("consoleHolds.list.byWhen", {
                  name: hold.releasedByName ?? t("consoleHolds.list.anAdministrator"),
                  when: when(hold.releasedAt),
                })}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <h1>{t("consoleHolds.list.title")}</h1>
      <p className="lede">{t("consoleHolds.list.lede")}</p>

      <section aria-labelledby="active-heading">
        <h2 id="active-heading">{t("consoleHolds.list.activeHeading")}</h2>
        {active.length ? (
          table(active, t("consoleHolds.list.activeCaption"))
        ) : (
          <p className="empty">{t("consoleHolds.list.noneActive")}</p>
        )}
      </section>

      {released.length ? (
        <section aria-labelledby="released-heading">
          <h2 id="released-heading">{t("consoleHolds.list.releasedHeading")}</h2>
          {table(released, t("consoleHolds.list.releasedCaption"))}
        </section>
      ) : null}

      <Form
        method="post"
        className="card stacked-form"
        aria-labelledby="place-heading"
        key={result?.placed?.id ?? "place"}
      >
        <h2 id="place-heading">{t("consoleHolds.list.placeHeading")}</h2>
        <FormError message={result?.formError} />
        {result?.placed ? (
          <p className="form-success" role="status">
            {t("consoleHolds.list.placedBefore")}{" "}
            <Link to={`/t/${tenant.slug}/holds/${result.placed.id}`}>{result.placed.name}</Link>
            {t("consoleHolds.list.placedAfter")}
          </p>
        ) : null}
        {resume ? <p className="notice">{t("consoleHolds.list.resumed")}</p> : null}
        <div className="field">
          <label htmlFor="hold-name">{t("console.common.name")}</label>
          <input {...fieldProps("name")} defaultValue={values.name} maxLength={120} required />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor="hold-reference">{t("consoleHolds.list.referenceOptional")}</label>
          <input {...fieldProps("reference")} defaultValue={values.reference} maxLength={120} />
          {fieldError("reference")}
        </div>
        <div className="field">
          <label htmlFor="hold-description">{t("consoleHolds.list.descriptionOptional")}</label>
          <textarea {...fieldProps("description")} defaultValue={values.description} maxLength={2000} />
          {fieldError("description")}
        </div>
        <fieldset aria-describedby={errors.scope?.length ? "hold-scope-error" : undefined}>
          <legend>{t("consoleHolds.list.coversLegend")}</legend>
          <label>
            <input type="radio" name="scope" value="accounts" defaultChecked={values.scope !== "organisation"} />{" "}
            {t("consoleHolds.list.chosenAccounts")}
          </label>
          <label>
            <input type="radio" name="scope" value="organisation" defaultChecked={values.scope === "organisation"} />{" "}
            {t("consoleHolds.list.wholeOrganisationChoice")}
          </label>
          {fieldError("scope")}
        </fieldset>
        <div className="field">
          <label htmlFor="hold-emails">{t("consoleHolds.list.emails")}</label>
          <textarea {...fieldProps("emails")} defaultValue={values.emails} rows={5} />
          <p className="field-hint">{t("consoleHolds.list.emailsHint")}</p>
          {fieldError("emails")}
        </div>
        <label>
          <input type="checkbox" name="discloseToSubject" defaultChecked={values.discloseToSubject === "on"} />{" "}
          {t("consoleHolds.list.disclose")}
        </label>
        <div className="field">
          <label htmlFor="hold-reason">{t("console.common.reason")}</label>
          <textarea {...fieldProps("reason")} defaultValue={values.reason} required />
          {fieldError("reason")}
        </div>
        {decision?.outcome === "needs_step_up" ? (
          <p className="notice">
            {decision.sentence} {t("console.common.stepUpNext")}
          </p>
        ) : null}
        {decision?.outcome === "deny" ? (
          <>
            <p id="place-refused" className="notice" role="status">
              {decision.sentence}
            </p>
            <button type="submit" className="button-primary" disabled aria-describedby="place-refused">
              {t("consoleHolds.list.place")}
            </button>
          </>
        ) : (
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            {t("consoleHolds.list.place")}
          </button>
        )}
      </Form>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleHolds.list.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
