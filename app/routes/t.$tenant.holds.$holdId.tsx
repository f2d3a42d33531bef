// One legal hold: what it is, the accounts it names, adding accounts by email, removing one, releasing it.
// Each change is destructive (a written reason, a fresh second factor) and comes back to this page after
// a step-up with what was typed. A hold of another organisation, or an id that is not one, is not found.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireTenantActor } from "~/actions/actor.server";
import { reasonField } from "~/actions/fields";
import { decideForUi, performAction } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ReasonDialog } from "~/components/account-actions";
import { FormError, ReasonField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime, statusLabel } from "~/format";
import { accountsByEmailSchema } from "~/holds/hold-form.server";
import { getHold, loadLegalHoldResource } from "~/holds/holds.server";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
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

const NO_SUCH_HOLD = "There is no such legal hold in this organisation.";

const REMOVE_DESCRIPTION =
  "Unless another hold covers them, their data may be deleted again (by an admin, at their request, or by a retention job).";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const found = await tenantScope(tenant.id, async (tx) => {
    const hold = await getHold(tx, tenant.id, params.holdId ?? "");
    if (!hold) return null;
    const [resource, tenantPolicies] = await Promise.all([
      loadLegalHoldResource(tx, tenant.id, hold.id),
      loadTenantPolicies(tx, tenant.id),
    ]);
    return resource ? { hold, resource, tenantPolicies } : null;
  });
  if (!found) throw notFound(NO_SUCH_HOLD);
  const { hold, resource, tenantPolicies } = found;
  const [update, release] = decideForUi(
    actor,
    [
      { action: "hold.update", resource },
      { action: "hold.release", resource },
    ],
    tenantPolicies,
  ).map((decision) => ({ outcome: decision.outcome, sentence: decision.sentence }));
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
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
  const holdId = params.holdId ?? "";
  const resource = await tenantScope(tenant.id, (tx) => loadLegalHoldResource(tx, tenant.id, holdId));
  if (!resource) throw notFound(NO_SUCH_HOLD);
  const formData = await readForm(request);
  const parsed = holdFormSchema.safeParse(formFields(formData));
  if (!parsed.success) {
    return data(
      {
        intent: null as Intent | null,
        accountId: null as string | null,
        values: { emails: "", reason: "" },
        fieldErrors: {} as Record<string, string[]>,
        formError: "That request was not understood." as string | null,
        message: null as string | null,
      },
      { status: 400 },
    );
  }
  const form = parsed.data;
  const accountId = form.intent === "remove" ? form.accountId : null;
  const values = { emails: form.intent === "add" ? form.emails : "", reason: form.reason };
  const answer = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    data({ intent: form.intent, accountId, values, fieldErrors, formError, message: null }, { status });

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
    const plural = (n: number) => `${n} account${n === 1 ? "" : "s"}`;
    const message =
      form.intent === "add"
        ? `Added ${plural(added)} to the hold.${alreadyHeld ? ` ${plural(alreadyHeld)} already on it stayed as ${alreadyHeld === 1 ? "it was" : "they were"}.` : ""}`
        : form.intent === "remove"
          ? removed
            ? "Removed from the hold."
            : "That account was no longer on the hold."
          : `Released legal hold '${resource.name}'. The accounts it covered may be deleted again, unless another hold covers them.`;
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
    return result.field ? answer(400, onForm({ [result.field]: [result.message] })) : answer(409, {}, result.message);
  }
  return answer(403, {}, result.decision.sentence);
}

type UiDecision = Pick<Decision, "outcome" | "sentence">;

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-errors">
      {errors[0]}
    </p>
  ) : null;
}

/** A refused action stays on the page, disabled, with the engine's sentence next to it. */
function SubmitOrRefused({
  id,
  label,
  decision,
  className = "button-primary",
}: {
  id: string;
  label: string;
  decision: UiDecision;
  className?: string;
}) {
  const navigation = useNavigation();
  if (decision.outcome === "deny") {
    return (
      <>
        <p id={`${id}-refused`} className="notice" role="status">
          {decision.sentence}
        </p>
        <button type="submit" className={className} disabled aria-describedby={`${id}-refused`}>
          {label}
        </button>
      </>
    );
  }
  return (
    <>
      {decision.outcome === "needs_step_up" ? (
        <p className="notice">{decision.sentence} You will be asked for it next, and come back here.</p>
      ) : null}
      <button type="submit" className={className} disabled={navigation.state === "submitting"}>
        {label}
      </button>
    </>
  );
}

export default function LegalHoldPage() {
  const { tenant, timeZone, hold, decisions, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const when = (iso: string) => formatDateTime(iso, timeZone);
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
        <Link to={`/t/${tenant.slug}/holds`}>← Legal holds</Link>
      </p>
      <h1>{hold.name}</h1>
      <dl className="details">
        <dt>Status</dt>
        <dd>{active ? "Active: nothing of the accounts it covers can be deleted" : "Released"}</dd>
        {hold.reference ? (
          <>
            <dt>Reference</dt>
            <dd>{hold.reference}</dd>
          </>
        ) : null}
        {hold.description ? (
          <>
            <dt>Description</dt>
            <dd>{hold.description}</dd>
          </>
        ) : null}
        <dt>Covers</dt>
        <dd>
          {hold.scope === "organisation"
            ? `The whole organisation (${hold.accountsCovered} account${hold.accountsCovered === 1 ? "" : "s"})`
            : `${hold.accountsCovered} chosen account${hold.accountsCovered === 1 ? "" : "s"}`}
        </dd>
        <dt>Held people may know</dt>
        <dd>{hold.discloseToSubject ? "Yes" : "No"}</dd>
        <dt>Placed</dt>
        <dd>
          by {hold.placedByName ?? "an administrator"}, {when(hold.placedAt)}
        </dd>
        {hold.releasedAt ? (
          <>
            <dt>Released</dt>
            <dd>
              by {hold.releasedByName ?? "an administrator"}, {when(hold.releasedAt)}
              {hold.releaseReason ? ` — reason: ‘${hold.releaseReason}’` : ""}
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
          <h2 id="accounts-heading">Accounts on this hold</h2>
          {active && decisions.update.outcome === "deny" ? (
            <p id="update-refused" className="notice" role="status">
              {decisions.update.sentence}
            </p>
          ) : null}
          {result?.intent === "remove" && result.fieldErrors.accountId?.length ? (
            <FormError message={result.fieldErrors.accountId[0]} />
          ) : null}
          {hold.accounts.length === 0 ? (
            <p className="empty">This hold names no accounts.</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">Accounts on legal hold {hold.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                  {active ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {hold.accounts.map((account) => {
                  const mine = result?.intent === "remove" && result.accountId === account.id ? result : null;
                  const back = resume?.intent === "remove" && resume.accountId === account.id ? resume : null;
                  return (
                    <tr key={account.id}>
                      <td>{account.name}</td>
                      <td>{account.email ?? <span className="muted">Erased</span>}</td>
                      <td>
                        <span className={`status status-${account.status}`}>{statusLabel(account.status)}</span>
                      </td>
                      <td>
                        {when(account.addedAt)}
                        {account.addedByName ? ` by ${account.addedByName}` : ""}
                      </td>
                      {active ? (
                        <td className="row-actions">
                          <ReasonDialog
                            intent="remove"
                            fields={{ accountId: account.id }}
                            label="Remove"
                            title={`Remove ${account.name} from the hold?`}
                            description={REMOVE_DESCRIPTION}
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
          <h2 id="add-heading">Add accounts</h2>
          <FormError message={add?.formError} />
          {resumed("add") ? (
            <p className="notice">Second factor confirmed. Check the accounts and add them again.</p>
          ) : null}
          <div className="field">
            <label htmlFor="add-emails">Emails of the accounts to add, one a line</label>
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
          <ReasonField errors={add?.fieldErrors.reason} defaultValue={addValues?.reason} />
          <input type="hidden" name="intent" value="add" />
          <SubmitOrRefused id="add" label="Add to hold" decision={decisions.update} />
        </Form>
      ) : null}

      {active ? (
        <Form
          method="post"
          className="card stacked-form"
          aria-labelledby="release-heading"
          key={`release-${result?.message}`}
        >
          <h2 id="release-heading">Release the hold</h2>
          <p className="muted">
            The accounts it covers may be deleted again (unless another hold covers them). A released hold cannot be
            changed or placed again.
          </p>
          <FormError message={release?.formError} />
          {resumed("release") ? (
            <p className="notice">Second factor confirmed. Check the reason and release the hold again.</p>
          ) : null}
          <ReasonField errors={release?.fieldErrors.reason} defaultValue={releaseValues?.reason} />
          <input type="hidden" name="intent" value="release" />
          <SubmitOrRefused id="release" label="Release hold" decision={decisions.release} className="button-danger" />
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.hold.name} · Legal holds · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
