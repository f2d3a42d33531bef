// Organisation settings: whether every admin must use two-step verification (turning it on sends each admin
// without a second factor to set one up before any admin page opens), how the platform operator's access
// starts (customers only), how long raw app events are kept, and the defaults people see. The first three
// are destructive: a written reason and a fresh second factor, after which the admin comes back to the
// form they filled in.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { organisations } from "~db/schema";
import { requireTenantActor, type Actor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { adminsWithoutSecondFactor } from "~/auth/factors.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { Field, FormOutcome, ReasonField, SelectField, SubmitOrRefused, type ShownDecision } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { LOCALES, localiseFieldErrors, localiseMessage, toLocale, translator, type Locale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { readForm } from "~/security/form.server";
import { TIME_ZONES } from "~/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const { resource, adminsWithoutFactor, preferences } = await tenantScope(tenant.id, async (tx) => ({
    resource: await loadOrganisationResource(tx, tenant.id),
    adminsWithoutFactor: await adminsWithoutSecondFactor(tx, tenant.id),
    preferences: await tx
      .select({
        operatorAccessMode: organisations.operatorAccessMode,
        eventRetentionMonths: organisations.eventRetentionMonths,
        discloseHoldName: organisations.discloseHoldName,
        defaultLocale: organisations.defaultLocale,
        defaultTimeZone: organisations.defaultTimeZone,
      })
      .from(organisations)
      .where(eq(organisations.id, tenant.id))
      .then((rows) => rows[0]!),
  }));
  const [decision, preferencesDecision] = resource
    ? decideForUi(actor, [
        { action: "organisation.updateSettings", resource },
        { action: "organisation.updatePreferences", resource },
      ])
    : [];
  const resumed = resumedInput(request, principal.accountId);
  const locale = toLocale(principal.locale);
  return data(
    {
      tenant,
      requireAdminMfa: principal.requireAdminMfa,
      operatorAccessMode: preferences.operatorAccessMode,
      adminsWithoutFactor,
      decision: decision ? { outcome: decision.outcome, sentence: decisionSentence(decision, locale) } : null,
      preferences,
      preferencesDecision: preferencesDecision
        ? { outcome: preferencesDecision.outcome, sentence: decisionSentence(preferencesDecision, locale) }
        : null,
      timeZones: TIME_ZONES.includes(preferences.defaultTimeZone)
        ? TIME_ZONES
        : [preferences.defaultTimeZone, ...TIME_ZONES],
      resumed: resumed?.fields ?? null,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const form = await readForm(request);
  const fields = formFields(form);
  if (fields.intent === "preferences") return savePreferences(actor, fields, locale);
  if (fields.intent === "operatorAccess") return saveOperatorAccessMode(request, actor, fields, locale);
  if (fields.intent === "retention") return saveRetention(request, actor, fields, locale);
  const values = { requireAdminMfa: fields.requireAdminMfa ?? "", reason: fields.reason ?? "" };
  const result = await performAction(actor, "organisation.updateSettings", values);
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, fields);
  if (result.ok) {
    const on = values.requireAdminMfa === "on";
    return {
      intent: "mfa" as const,
      values,
      fieldErrors: {} as Record<string, string[]>,
      message: on ? t("consoleAudit.settings.savedRequired") : t("consoleAudit.settings.savedOptional"),
      formError: null,
    };
  }
  if (result.kind === "invalid") {
    return data(
      {
        intent: "mfa" as const,
        values,
        fieldErrors: localiseFieldErrors(result.fieldErrors, locale),
        message: null,
        formError: null,
      },
      { status: 400 },
    );
  }
  const message =
    "decision" in result ? decisionSentence(result.decision, locale) : localiseMessage(result.message, locale);
  return data(
    { intent: "mfa" as const, values, fieldErrors: {} as Record<string, string[]>, message: null, formError: message },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

/**
 * How a setting's form is answered once the action layer has decided: what was saved, what to fix next to
 * each field, or why it was refused — with the values as typed, for the form to show again. A step-up
 * goes to the confirmation page and comes back to this form.
 */
async function saveSetting<Intent extends string, Values extends Record<string, string>>(
  request: Request,
  actor: Actor,
  fields: Record<string, string>,
  locale: Locale,
  setting: { intent: Intent; values: Values; saved: (values: Values) => string },
) {
  const { intent, values } = setting;
  const result = await performAction(actor, "organisation.updateSettings", values);
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, fields);
  const answer = (
    status: number,
    fieldErrors: Record<string, string[]>,
    formError: string | null,
    message: string | null,
  ) => data({ intent, values, fieldErrors, formError, message }, { status });
  if (result.ok) return answer(200, {}, null, setting.saved(values));
  if (result.kind === "invalid") return answer(400, localiseFieldErrors(result.fieldErrors, locale), null, null);
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    return result.field ? answer(409, { [result.field]: [message] }, null, null) : answer(409, {}, message, null);
  }
  return answer(403, {}, decisionSentence(result.decision, locale), null);
}

function saveOperatorAccessMode(request: Request, actor: Actor, fields: Record<string, string>, locale: Locale) {
  const t = translator(locale);
  return saveSetting(request, actor, fields, locale, {
    intent: "operatorAccess" as const,
    values: { operatorAccessMode: fields.operatorAccessMode ?? "", reason: fields.reason ?? "" },
    saved: ({ operatorAccessMode }) =>
      operatorAccessMode === "notify" ? t("operator.settings.savedNotify") : t("operator.settings.savedApprove"),
  });
}

function saveRetention(request: Request, actor: Actor, fields: Record<string, string>, locale: Locale) {
  return saveSetting(request, actor, fields, locale, {
    intent: "retention" as const,
    values: { eventRetentionMonths: fields.eventRetentionMonths ?? "", reason: fields.reason ?? "" },
    saved: ({ eventRetentionMonths }) =>
      translator(locale)("consoleAudit.settings.savedRetention", { months: Number(eventRetentionMonths) }),
  });
}

async function savePreferences(actor: Actor, fields: Record<string, string>, locale: Locale) {
  const preferences = {
    discloseHoldName: fields.discloseHoldName === "on" ? "on" : "off",
    defaultLocale: fields.defaultLocale ?? "",
    defaultTimeZone: fields.defaultTimeZone ?? "",
  };
  const result = await performAction(actor, "organisation.updatePreferences", preferences);
  const answer = (
    status: number,
    fieldErrors: Record<string, string[]>,
    formError: string | null,
    message: string | null,
  ) => data({ intent: "preferences" as const, preferences, fieldErrors, formError, message }, { status });
  if (result.ok) return answer(200, {}, null, translator(locale)("consoleAudit.settings.saved"));
  if (result.kind === "invalid") return answer(400, localiseFieldErrors(result.fieldErrors, locale), null, null);
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    return result.field ? answer(409, { [result.field]: [message] }, null, null) : answer(409, {}, message, null);
  }
  return answer(403, {}, decisionSentence(result.decision, locale), null);
}

export default function SettingsPage() {
  const {
    tenant,
    requireAdminMfa,
    operatorAccessMode,
    adminsWithoutFactor,
    decision,
    resumed,
    preferences,
    preferencesDecision,
    timeZones,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.intent === "mfa" ? answer : null;
  const preferencesAnswer = answer?.intent === "preferences" ? answer : null;
  const operatorAnswer = answer?.intent === "operatorAccess" ? answer : null;
  const retentionAnswer = answer?.intent === "retention" ? answer : null;
  const navigation = useNavigation();
  // Settings are the organisation's: one decision holds for each form's button.
  const shownDecision: ShownDecision = decision ?? { outcome: "allow", sentence: "" };
  // A step-up brings back the form that asked for it, and only that one.
  const resumedOperator = resumed?.intent === "operatorAccess" ? resumed : null;
  const resumedRetention = resumed?.intent === "retention" ? resumed : null;
  const resumedMfa = resumed && !resumedOperator && !resumedRetention ? resumed : null;
  const values = result?.values ?? resumedMfa ?? { requireAdminMfa: requireAdminMfa ? "on" : "off", reason: "" };
  const operatorValues = operatorAnswer?.values ?? resumedOperator ?? { operatorAccessMode, reason: "" };
  const retentionValues = retentionAnswer?.values ??
    resumedRetention ?? { eventRetentionMonths: String(preferences.eventRetentionMonths), reason: "" };
  const reasonErrors = result?.fieldErrors.reason;
  const { t } = useT();
  return (
    <>
      <h1>{t("consoleAudit.settings.title")}</h1>
      <Form method="post" className="card stacked-form" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">{t("consoleAudit.settings.mfaHeading")}</h2>
        <FormOutcome error={result?.formError} success={result?.message} />
        {resumedMfa ? <p className="notice">{t("consoleAudit.settings.steppedUp")}</p> : null}
        <fieldset>
          <legend>{t("consoleAudit.settings.mfaLegend", { organisation: tenant.name })}</legend>
          <label>
            <input type="radio" name="requireAdminMfa" value="on" defaultChecked={values.requireAdminMfa === "on"} />{" "}
            {t("consoleAudit.settings.required")}
          </label>
          <label>
            <input type="radio" name="requireAdminMfa" value="off" defaultChecked={values.requireAdminMfa !== "on"} />{" "}
            {t("consoleAudit.settings.optional")}
          </label>
          {result?.fieldErrors.requireAdminMfa ? (
            <p className="field-errors">{result.fieldErrors.requireAdminMfa[0]}</p>
          ) : null}
        </fieldset>
        {adminsWithoutFactor.length ? (
          <p className="muted">{t("consoleAudit.settings.withoutFactor", { names: adminsWithoutFactor.join(", ") })}</p>
        ) : (
          <p className="muted">{t("consoleAudit.settings.everyAdminHasFactor")}</p>
        )}
        <ReasonField errors={reasonErrors} defaultValue={values.reason} label={t("console.common.reason")} />
        <SubmitOrRefused id="settings-save" label={t("consoleAudit.settings.save")} decision={shownDecision} />
      </Form>

      {tenant.kind === "customer" ? (
        <Form method="post" className="card stacked-form" aria-labelledby="operator-access-heading">
          <h2 id="operator-access-heading">{t("operator.settings.heading")}</h2>
          <input type="hidden" name="intent" value="operatorAccess" />
          <FormOutcome error={operatorAnswer?.formError} success={operatorAnswer?.message} />
          {resumedOperator ? <p className="notice">{t("consoleAudit.settings.steppedUp")}</p> : null}
          <fieldset
            aria-describedby={operatorAnswer?.fieldErrors.operatorAccessMode ? "operator-mode-error" : undefined}
          >
            <legend>{t("operator.settings.legend", { organisation: tenant.name })}</legend>
            <label>
              <input
                type="radio"
                name="operatorAccessMode"
                value="notify"
                defaultChecked={operatorValues.operatorAccessMode === "notify"}
              />{" "}
              {t("operator.settings.notify")}
            </label>
            <label>
              <input
                type="radio"
                name="operatorAccessMode"
                value="approve"
                defaultChecked={operatorValues.operatorAccessMode !== "notify"}
              />{" "}
              {t("operator.settings.approve")}
            </label>
            {operatorAnswer?.fieldErrors.operatorAccessMode ? (
              <p id="operator-mode-error" className="field-errors">
                {operatorAnswer.fieldErrors.operatorAccessMode[0]}
              </p>
            ) : null}
          </fieldset>
          <ReasonField
            errors={operatorAnswer?.fieldErrors.reason}
            defaultValue={operatorValues.reason}
            label={t("console.common.reason")}
          />
          <SubmitOrRefused id="operator-mode-save" label={t("consoleAudit.settings.save")} decision={shownDecision} />
        </Form>
      ) : null}

      <Form method="post" className="card stacked-form" aria-labelledby="retention-heading">
        <h2 id="retention-heading">{t("consoleAudit.settings.retentionHeading")}</h2>
        <input type="hidden" name="intent" value="retention" />
        <FormOutcome error={retentionAnswer?.formError} success={retentionAnswer?.message} />
        {resumedRetention ? <p className="notice">{t("consoleAudit.settings.steppedUp")}</p> : null}
        <Field
          label={t("consoleAudit.settings.retentionMonths")}
          name="eventRetentionMonths"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          required
          defaultValue={retentionValues.eventRetentionMonths}
          hint={t("consoleAudit.settings.retentionHint", { months: preferences.eventRetentionMonths })}
          errors={retentionAnswer?.fieldErrors.eventRetentionMonths}
        />
        <ReasonField
          errors={retentionAnswer?.fieldErrors.reason}
          defaultValue={retentionValues.reason}
          label={t("console.common.reason")}
        />
        <SubmitOrRefused id="retention-save" label={t("consoleAudit.settings.save")} decision={shownDecision} />
      </Form>

      <Form method="post" className="card stacked-form" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">{t("consoleAudit.settings.preferencesHeading")}</h2>
        <input type="hidden" name="intent" value="preferences" />
        <FormOutcome error={preferencesAnswer?.formError} success={preferencesAnswer?.message} />
        <SelectField
          label={t("consoleAudit.settings.defaultLocale")}
          name="defaultLocale"
          defaultValue={preferencesAnswer?.preferences.defaultLocale ?? preferences.defaultLocale}
          options={LOCALES.map((code) => ({ value: code, label: { en: "English", de: "Deutsch" }[code] }))}
          errors={preferencesAnswer?.fieldErrors.defaultLocale}
        />
        <SelectField
          label={t("consoleAudit.settings.defaultTimeZone")}
          name="defaultTimeZone"
          defaultValue={preferencesAnswer?.preferences.defaultTimeZone ?? preferences.defaultTimeZone}
          options={timeZones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
          errors={preferencesAnswer?.fieldErrors.defaultTimeZone}
        />
        <label>
          <input
            type="checkbox"
            name="discloseHoldName"
            defaultChecked={
              preferencesAnswer ? preferencesAnswer.preferences.discloseHoldName === "on" : preferences.discloseHoldName
            }
          />{" "}
          {t("consoleAudit.settings.discloseHoldName")}
        </label>
        {preferencesDecision?.outcome === "deny" ? (
          <p className="notice" role="status">
            {preferencesDecision.sentence}
          </p>
        ) : (
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            {t("consoleAudit.settings.save")}
          </button>
        )}
      </Form>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleAudit.settings.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
