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
import { builtInPolicies } from "~/policy/engine.server";
import { actionLabel } from "~/policy/labels";
import { simulateDecision } from "~/policy/simulator.server";
import { ACTION_IDS, isActionId } from "~/policy/types";
import { readForm } from "~/security/form.server";

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
    principalEmail: z.string().trim().min(1, "Whose action? Enter their email.").max(254),
    action: z.string().refine(isActionId, "Choose an action."),
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
  const allowed = await performAction(actor, "policy.view", {});
  if (!allowed.ok) throw forbidden("decision" in allowed ? allowed.decision.sentence : "Not allowed.");
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
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
  const form = await readForm(request);
  const values: Values = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  const parsed = intentSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
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
          fieldErrors: { [result.field]: result.messages },
          message: null,
          simulation: null,
        },
        { status: 400 },
      );
    }
    return { intent: "simulate", values, fieldErrors: {}, message: null, simulation: result };
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
      message: `Saved “${input.name}”. It applies from the next decision.`,
      simulation: null,
    };
  }
  if (result.kind === "invalid") {
    return data(
      { intent: "save", values, fieldErrors: result.fieldErrors, message: null, simulation: null },
      { status: 400 },
    );
  }
  const message = "decision" in result ? result.decision.sentence : result.message;
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
  return (
    <>
      <h1>Policies</h1>
      <p className="lede">
        Every action in {tenant.name} is decided by these Cedar policies. The built-in ones hold for every organisation;
        your own come on top. A forbid always beats a permit, so no policy of yours can lift a built-in protection.
      </p>

      <section aria-labelledby="own-heading" className="card">
        <h2 id="own-heading">{tenant.name}’s policies</h2>
        {policies.length === 0 ? (
          <p className="empty">None yet. Write one below and try it in the simulator before you save it.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Last changed</th>
                <th scope="col">
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {policies.map((policy) => (
                <tr key={policy.id}>
                  <td>{policy.name}</td>
                  <td>{policy.enabled ? "In force" : "Off"}</td>
                  <td>
                    {formatDateTime(policy.updatedAt, timeZone)} by {policy.updatedBy ?? "—"}
                  </td>
                  <td>
                    <Link to={`?edit=${policy.id}`}>Edit</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Form method="post" className="card" aria-labelledby="editor-heading">
        <h2 id="editor-heading">{values.policyId ? `Edit “${values.name}”` : "New policy"}</h2>
        <FormError message={errors._form?.[0]} />
        {result?.message ? (
          <p className="form-success" role="status">
            {result.message}
          </p>
        ) : null}
        <input type="hidden" name="policyId" value={values.policyId ?? ""} />
        <Field label="Name" type="text" name="name" defaultValue={values.name} errors={errors.name} />
        <div className="field">
          <label htmlFor="policy-source">Cedar source</label>
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
            <input type="checkbox" name="enabled" defaultChecked={values.enabled === "on"} /> In force once saved
          </label>
        </div>
        <Field
          label="Why are you changing it?"
          type="text"
          name="reason"
          defaultValue={values.reason ?? ""}
          errors={errors.reason}
        />

        <fieldset className="card">
          <legend>Try it first: what would happen if…</legend>
          <div className="grid-2">
            <Field
              label="Who (email)"
              type="email"
              name="principalEmail"
              defaultValue={values.principalEmail ?? ""}
              errors={errors.principalEmail}
            />
            <div className="field">
              <label htmlFor="sim-action">did</label>
              <select
                id="sim-action"
                name="action"
                defaultValue={values.action ?? "account.resetPassword"}
                aria-invalid={invalid("action")}
                aria-describedby={describedBy("action")}
              >
                {ACTION_IDS.map((id) => (
                  <option key={id} value={id}>
                    {actionLabel(id)} ({id})
                  </option>
                ))}
              </select>
              <Errors id="action-error" errors={errors.action} />
            </div>
            <Field
              label="to the account (email; not needed for organisation actions)"
              type="email"
              name="resourceEmail"
              defaultValue={values.resourceEmail ?? ""}
              errors={errors.resourceEmail}
            />
            <Field
              label="giving the reason"
              type="text"
              name="simReason"
              defaultValue={values.simReason ?? ""}
              errors={errors.simReason}
            />
          </div>
          <label>
            <input type="checkbox" name="freshSecondFactor" defaultChecked={values.freshSecondFactor === "on"} /> with a
            second factor confirmed in the last 10 minutes
          </label>
          {simulation ? (
            <div className={`decision decision-${simulation.decision.outcome}`} role="status">
              <strong>
                {simulation.decision.outcome === "allow"
                  ? "Allowed"
                  : simulation.decision.outcome === "deny"
                    ? "Denied"
                    : "Needs a fresh second factor"}
              </strong>
              : {simulation.decision.sentence}
              <br />
              <small>Deciding policies: {simulation.decision.policyIds.join(", ")}</small>
            </div>
          ) : null}
          <p>
            <button type="submit" name="intent" value="simulate" className="button-secondary" disabled={busy}>
              Simulate with this draft
            </button>
          </p>
        </fieldset>
        <button type="submit" name="intent" value="save" className="button-primary" disabled={busy}>
          Save policy
        </button>
      </Form>

      <section aria-labelledby="builtin-heading" className="card">
        <h2 id="builtin-heading">Built-in policies</h2>
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Policies · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
