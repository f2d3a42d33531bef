import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, tenantPolicies } from "~db/schema";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { Field, FormError } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { CATALOGUES, localiseMessage, toLocale, translator, type Locale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { builtInPolicies } from "~/policy/engine.server";
import { actionLabel } from "~/policy/labels";
import { decisionSentence } from "~/policy/sentences";
import { simulateDecision } from "~/policy/simulator.server";
import { ACTION_IDS, isActionId } from "~/policy/types";
import { readForm } from "~/security/form.server";

/** The editor's and the simulator's own messages, written in English (the catalogue's consoleAudit.policies.errors). */
const ERRORS = CATALOGUES.en.consoleAudit.policies.errors;
const ERROR_KEYS = new Map(Object.entries(ERRORS).map(([key, english]) => [english, key]));

/** A message of this page's form in `locale`: its own texts first, then the catalogue's `messages`. */
function localise(text: string, locale: Locale): string {
  const key = ERROR_KEYS.get(text);
  return key ? translator(locale)(`consoleAudit.policies.errors.${key}`) : localiseMessage(text, locale);
}

function localiseErrors(fieldErrors: Record<string, string[] | undefined>, locale: Locale): Record<string, string[]> {
  const localised: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages?.length) localised[field] = messages.map((message) => localise(message, locale));
  }
  return localised;
}

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

const policyFields = {
  policyId: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  name: z.string().default(""),
  source: z.string().default(""),
};

const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("simulate"),
    ...policyFields,
    principalEmail: z.string().trim().min(1, ERRORS.whoseAction).max(254),
    action: z.string().refine(isActionId, ERRORS.chooseAction),
    resourceEmail: z.string().trim().max(254).optional(),
    freshSecondFactor: checkbox,
    simReason: z.string().max(1000).optional(),
  }),
  z.object({
    intent: z.literal("save"),
    ...policyFields,
    enabled: checkbox,
    reason: z.string().default(""),
  }),
]);

type Values = Record<string, string>;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const allowed = await performAction(actor, "policy.view", {});
  if (!allowed.ok) {
    throw forbidden(
      "decision" in allowed
        ? decisionSentence(allowed.decision, locale)
        : translator(locale)("consoleAudit.common.notAllowed"),
    );
  }
  const editId = new URL(request.url).searchParams.get("edit");
  const policies = await tenantScope(tenant.id, (tx) =>
    tx
      .select({
        id: tenantPolicies.id,
        name: tenantPolicies.name,
        source: tenantPolicies.source,
        enabled: tenantPolicies.enabled,
        updatedAt: tenantPolicies.updatedAt,
        updatedBy: accounts.displayName,
      })
      .from(tenantPolicies)
      .leftJoin(accounts, eq(accounts.id, tenantPolicies.updatedBy))
      .orderBy(desc(tenantPolicies.updatedAt)),
  );
  const editing = policies.find((policy) => policy.id === editId) ?? null;
  const resumed = resumedInput(request, principal.accountId);
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      policies: policies.map((policy) => ({ ...policy, updatedAt: policy.updatedAt.toISOString() })),
      editing: editing
        ? { id: editing.id, name: editing.name, source: editing.source, enabled: editing.enabled }
        : null,
      builtIn: builtInPolicies.map(({ id, text }) => ({ id, text })),
      /** The editor as the admin left it to confirm a second factor. */
      resumed: resumed?.fields ?? null,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const form = await readForm(request);
  const values: Values = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  const parsed = intentSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors = localiseErrors(z.flattenError(parsed.error).fieldErrors, locale);
    return data(
      { intent: values.intent ?? null, values, fieldErrors, message: null, simulation: null },
      { status: 400 },
    );
  }
  const input = parsed.data;
  if (input.intent === "simulate") {
    const result = await tenantScope(tenant.id, (tx) =>
      simulateDecision(tx, tenant.id, {
        principalEmail: input.principalEmail,
        action: input.action as (typeof ACTION_IDS)[number],
        resourceEmail: input.resourceEmail,
        freshSecondFactor: input.freshSecondFactor,
        reason: input.simReason,
        draft: { name: input.name, source: input.source, replaces: input.policyId },
      }),
    );
    if (!result.ok) {
      return data(
        {
          intent: "simulate",
          values,
          fieldErrors: { [result.field]: result.messages.map((message) => localise(message, locale)) },
          message: null,
          simulation: null,
        },
        { status: 400 },
      );
    }
    // The decision's sentence in the reader's language (the simulator records nothing).
    const simulation = {
      ...result,
      decision: { ...result.decision, sentence: decisionSentence(result.decision, locale) },
    };
    return { intent: "simulate", values, fieldErrors: {}, message: null, simulation };
  }

  const result = await performAction<{ policyId: string }>(actor, "policy.update", {
    policyId: input.policyId,
    name: input.name,
    source: input.source,
    enabled: input.enabled,
    reason: input.reason,
  });
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, values);
  if (result.ok) {
    return {
      intent: "save",
      values: { ...values, policyId: result.output.policyId },
      fieldErrors: {},
      message: t("consoleAudit.policies.saved", { name: input.name }),
      simulation: null,
    };
  }
  if (result.kind === "invalid") {
    return data(
      {
        intent: "save",
        values,
        fieldErrors: localiseErrors(result.fieldErrors, locale),
        message: null,
        simulation: null,
      },
      { status: 400 },
    );
  }
  const message =
    "decision" in result ? decisionSentence(result.decision, locale) : localiseMessage(result.message, locale);
  return data(
    { intent: "save", values, fieldErrors: { _form: [message] }, message: null, simulation: null },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

export default function PoliciesPage() {
  const { tenant, timeZone, policies, editing, builtIn, resumed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const values: Values = result?.values ??
    resumed ?? {
      policyId: editing?.id ?? "",
      name: editing?.name ?? "",
      source: editing?.source ?? "",
      enabled: editing === null || editing.enabled ? "on" : "",
    };
  const errors = (result?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const invalid = (field: string) => (errors[field]?.length ? true : undefined);
  const describedBy = (field: string) => (errors[field]?.length ? `${field}-error` : undefined);
  const simulation = result?.simulation;
  const { t, locale, intlLocale } = useT();
  return (
    <>
      <h1>{t("consoleAudit.policies.title")}</h1>
      <p className="lede">{t("consoleAudit.policies.lede", { organisation: tenant.name })}</p>

      <section aria-labelledby="own-heading" className="card">
        <h2 id="own-heading">{t("consoleAudit.policies.ownHeading", { organisation: tenant.name })}</h2>
        {policies.length === 0 ? (
          <p className="empty">{t("consoleAudit.policies.none")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("consoleAudit.policies.name")}</th>
                <th scope="col">{t("consoleAudit.policies.state")}</th>
                <th scope="col">{t("consoleAudit.policies.lastChanged")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("consoleAudit.policies.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {policies.map((policy) => (
                <tr key={policy.id}>
                  <td>{policy.name}</td>
                  <td>{policy.enabled ? t("consoleAudit.policies.inForce") : t("consoleAudit.policies.off")}</td>
                  <td>
                    {t("consoleAudit.policies.changedBy", {
                      when: formatDateTime(policy.updatedAt, timeZone, intlLocale),
                      name: policy.updatedBy ?? "—",
                    })}
                  </td>
                  <td>
                    <Link to={`?edit=${policy.id}`}>{t("consoleAudit.policies.edit")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Form method="post" className="card" aria-labelledby="editor-heading">
        <h2 id="editor-heading">
          {values.policyId
            ? t("consoleAudit.policies.editHeading", { name: values.name })
            : t("consoleAudit.policies.newHeading")}
        </h2>
        <FormError message={errors._form?.[0]} />
        {result?.message ? (
          <p className="form-success" role="status">
            {result.message}
          </p>
        ) : null}
        <input type="hidden" name="policyId" value={values.policyId ?? ""} />
        <Field
          label={t("consoleAudit.policies.name")}
          type="text"
          name="name"
          defaultValue={values.name}
          errors={errors.name}
        />
        <div className="field">
          <label htmlFor="policy-source">{t("consoleAudit.policies.source")}</label>
          <textarea
            id="policy-source"
            name="source"
            className="policy-source"
            spellCheck={false}
            defaultValue={values.source}
            aria-invalid={invalid("source")}
            aria-describedby={describedBy("source")}
            placeholder={
              'forbid (principal, action == Action::"account.export", resource)\nunless { context.reason like "*LEGAL-*" };'
            }
          />
          <Errors id="source-error" errors={errors.source} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="enabled" defaultChecked={values.enabled === "on"} />{" "}
            {t("consoleAudit.policies.inForceOnceSaved")}
          </label>
        </div>
        <Field
          label={t("consoleAudit.policies.why")}
          type="text"
          name="reason"
          defaultValue={values.reason ?? ""}
          errors={errors.reason}
        />

        <fieldset className="card">
          <legend>{t("consoleAudit.policies.tryFirst")}</legend>
          <div className="grid-2">
            <Field
              label={t("consoleAudit.policies.who")}
              type="email"
              name="principalEmail"
              defaultValue={values.principalEmail ?? ""}
              errors={errors.principalEmail}
            />
            <div className="field">
              <label htmlFor="sim-action">{t("consoleAudit.policies.did")}</label>
              <select
                id="sim-action"
                name="action"
                defaultValue={values.action ?? "account.resetPassword"}
                aria-invalid={invalid("action")}
                aria-describedby={describedBy("action")}
              >
                {ACTION_IDS.map((id) => (
                  <option key={id} value={id}>
                    {actionLabel(id, locale)} ({id})
                  </option>
                ))}
              </select>
              <Errors id="action-error" errors={errors.action} />
            </div>
            <Field
              label={t("consoleAudit.policies.toAccount")}
              type="email"
              name="resourceEmail"
              defaultValue={values.resourceEmail ?? ""}
              errors={errors.resourceEmail}
            />
            <Field
              label={t("consoleAudit.policies.givingReason")}
              type="text"
              name="simReason"
              defaultValue={values.simReason ?? ""}
              errors={errors.simReason}
            />
          </div>
          <label>
            <input type="checkbox" name="freshSecondFactor" defaultChecked={values.freshSecondFactor === "on"} />{" "}
            {t("consoleAudit.policies.freshSecondFactor")}
          </label>
          {simulation ? (
            <div className={`decision decision-${simulation.decision.outcome}`} role="status">
              <strong>
                {simulation.decision.outcome === "allow"
                  ? t("consoleAudit.policies.allowed")
                  : simulation.decision.outcome === "deny"
                    ? t("consoleAudit.policies.denied")
                    : t("consoleAudit.policies.needsStepUp")}
              </strong>
              : {simulation.decision.sentence}
              <br />
              <small>{t("consoleAudit.policies.deciding", { ids: simulation.decision.policyIds.join(", ") })}</small>
            </div>
          ) : null}
          <p>
            <button type="submit" name="intent" value="simulate" className="button-secondary" disabled={busy}>
              {t("consoleAudit.policies.simulate")}
            </button>
          </p>
        </fieldset>
        <button type="submit" name="intent" value="save" className="button-primary" disabled={busy}>
          {t("consoleAudit.policies.save")}
        </button>
      </Form>

      <section aria-labelledby="builtin-heading" className="card">
        <h2 id="builtin-heading">{t("consoleAudit.policies.builtInHeading")}</h2>
        {builtIn.map((policy) => (
          <details key={policy.id}>
            <summary>
              <code>{policy.id}</code>
            </summary>
            <pre className="cedar">{policy.text}</pre>
          </details>
        ))}
      </section>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleAudit.policies.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
