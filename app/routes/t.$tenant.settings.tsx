// Organisation settings. Today: whether every admin must use two-step verification. Turning it on sends
// each admin without a second factor to set one up before any admin page opens.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { adminsWithoutSecondFactor } from "~/auth/factors.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { FormError, ReasonField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { readForm } from "~/security/form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const { resource, adminsWithoutFactor } = await tenantScope(tenant.id, async (tx) => ({
    resource: await loadOrganisationResource(tx, tenant.id),
    adminsWithoutFactor: await adminsWithoutSecondFactor(tx, tenant.id),
  }));
  const [decision] = resource ? decideForUi(actor, [{ action: "organisation.updateSettings", resource }]) : [];
  const resumed = resumedInput(request, principal.accountId);
  return data(
    {
      tenant,
      requireAdminMfa: principal.requireAdminMfa,
      adminsWithoutFactor,
      decision: decision ? { outcome: decision.outcome, sentence: decision.sentence } : null,
      resumed: resumed?.fields ?? null,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireTenantActor(request, params.tenant, context);
  const form = await readForm(request);
  const fields = formFields(form);
  const values = { requireAdminMfa: fields.requireAdminMfa ?? "", reason: fields.reason ?? "" };
  const result = await performAction(actor, "organisation.updateSettings", values);
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, fields);
  if (result.ok) {
    const on = values.requireAdminMfa === "on";
    return {
      values,
      fieldErrors: {} as Record<string, string[]>,
      message: on
        ? "Saved. Every admin now needs two-step verification to open the console."
        : "Saved. Admins may open the console without two-step verification.",
      formError: null,
    };
  }
  if (result.kind === "invalid") {
    return data({ values, fieldErrors: result.fieldErrors, message: null, formError: null }, { status: 400 });
  }
  const message = "decision" in result ? result.decision.sentence : result.message;
  return data(
    { values, fieldErrors: {} as Record<string, string[]>, message: null, formError: message },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

export default function SettingsPage() {
  const { tenant, requireAdminMfa, adminsWithoutFactor, decision, resumed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = result?.values ?? resumed ?? { requireAdminMfa: requireAdminMfa ? "on" : "off", reason: "" };
  const reasonErrors = result?.fieldErrors.reason;
  return (
    <>
      <h1>Settings</h1>
      <Form method="post" className="card stacked-form" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">Two-step verification for admins</h2>
        <FormError message={result?.formError} />
        {result?.message ? (
          <p className="form-success" role="status">
            {result.message}
          </p>
        ) : null}
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
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Settings · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
