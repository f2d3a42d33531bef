// Organisation settings. Today: whether every admin must use two-step verification. Turning it on sends
// each admin without a second factor to set one up before any admin page opens.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { organisations } from "~db/schema";
import { requireTenantActor, type Actor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { adminsWithoutSecondFactor } from "~/auth/factors.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { FormOutcome, ReasonField, SelectField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { LOCALES } from "~/i18n/i18n";
import { readForm } from "~/security/form.server";
import { TIME_ZONES } from "~/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const { resource, adminsWithoutFactor, preferences } = await tenantScope(tenant.id, async (tx) => ({
    resource: await loadOrganisationResource(tx, tenant.id),
    adminsWithoutFactor: await adminsWithoutSecondFactor(tx, tenant.id),
    preferences: await tx
      .select({
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
  return data(
    {
      tenant,
      requireAdminMfa: principal.requireAdminMfa,
      adminsWithoutFactor,
      decision: decision ? { outcome: decision.outcome, sentence: decision.sentence } : null,
      preferences,
      preferencesDecision: preferencesDecision
        ? { outcome: preferencesDecision.outcome, sentence: preferencesDecision.sentence }
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
  const { actor } = await requireTenantActor(request, params.tenant, context);
  const form = await readForm(request);
  const fields = formFields(form);
  if (fields.intent === "preferences") return savePreferences(actor, fields);
  const values = { requireAdminMfa: fields.requireAdminMfa ?? "", reason: fields.reason ?? "" };
  const result = await performAction(actor, "organisation.updateSettings", values);
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, fields);
  if (result.ok) {
    const on = values.requireAdminMfa === "on";
    return {
      intent: "mfa" as const,
      values,
      fieldErrors: {} as Record<string, string[]>,
      message: on
        ? "Saved. Every admin now needs two-step verification to open the console."
        : "Saved. Admins may open the console without two-step verification.",
      formError: null,
    };
  }
  if (result.kind === "invalid") {
    return data(
      { intent: "mfa" as const, values, fieldErrors: result.fieldErrors, message: null, formError: null },
      { status: 400 },
    );
  }
  const message = "decision" in result ? result.decision.sentence : result.message;
  return data(
    { intent: "mfa" as const, values, fieldErrors: {} as Record<string, string[]>, message: null, formError: message },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

async function savePreferences(actor: Actor, fields: Record<string, string>) {
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
  if (result.ok) return answer(200, {}, null, "Saved.");
  if (result.kind === "invalid") return answer(400, result.fieldErrors, null, null);
  if (result.kind === "failed") {
    return result.field
      ? answer(409, { [result.field]: [result.message] }, null, null)
      : answer(409, {}, result.message, null);
  }
  return answer(403, {}, result.decision.sentence, null);
}

export default function SettingsPage() {
  const {
    tenant,
    requireAdminMfa,
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
  const navigation = useNavigation();
  const values = result?.values ?? resumed ?? { requireAdminMfa: requireAdminMfa ? "on" : "off", reason: "" };
  const reasonErrors = result?.fieldErrors.reason;
  return (
    <>
      <h1>Settings</h1>
      <Form method="post" className="card stacked-form" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">Two-step verification for admins</h2>
        <FormOutcome error={result?.formError} success={result?.message} />
        {resumed ? <p className="notice">Second factor confirmed. Check the change and save it again.</p> : null}
        <fieldset>
          <legend>Admins of {tenant.name} must use two-step verification</legend>
          <label>
            <input type="radio" name="requireAdminMfa" value="on" defaultChecked={values.requireAdminMfa === "on"} />{" "}
            Required: an admin without an authenticator app or passkey is sent to set one up first
          </label>
          <label>
            <input type="radio" name="requireAdminMfa" value="off" defaultChecked={values.requireAdminMfa !== "on"} />{" "}
            Optional
          </label>
          {result?.fieldErrors.requireAdminMfa ? (
            <p className="field-errors">{result.fieldErrors.requireAdminMfa[0]}</p>
          ) : null}
        </fieldset>
        {adminsWithoutFactor.length ? (
          <p className="muted">Admins without a second factor today: {adminsWithoutFactor.join(", ")}.</p>
        ) : (
          <p className="muted">Every admin has a second factor.</p>
        )}
        <ReasonField errors={reasonErrors} defaultValue={values.reason} />
        {decision?.outcome === "needs_step_up" ? <p className="notice">{decision.sentence}</p> : null}
        {decision?.outcome === "deny" ? (
          <p className="notice" role="status">
            {decision.sentence}
          </p>
        ) : (
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            Save
          </button>
        )}
      </Form>

      <Form method="post" className="card stacked-form" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">Language, time zone and what people are told</h2>
        <input type="hidden" name="intent" value="preferences" />
        <FormOutcome error={preferencesAnswer?.formError} success={preferencesAnswer?.message} />
        <SelectField
          label="Default language of new accounts"
          name="defaultLocale"
          defaultValue={preferencesAnswer?.preferences.defaultLocale ?? preferences.defaultLocale}
          options={LOCALES.map((code) => ({ value: code, label: { en: "English", de: "Deutsch" }[code] }))}
          errors={preferencesAnswer?.fieldErrors.defaultLocale}
        />
        <SelectField
          label="Default time zone of new accounts"
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
          Tell a person whose erasure request waits on a legal hold the matter&apos;s name (they are always told that a
          legal obligation keeps their data; a hold marked &ldquo;the held people may know&rdquo; is named either way)
        </label>
        {preferencesDecision?.outcome === "deny" ? (
          <p className="notice" role="status">
            {preferencesDecision.sentence}
          </p>
        ) : (
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            Save
          </button>
        )}
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Settings · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
