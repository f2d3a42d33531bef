import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Dialog } from "radix-ui";
import { useEffect, useState } from "react";
import { z } from "zod";
import { requireTenantActor, type Actor } from "~/actions/actor.server";
import { reasonField } from "~/actions/fields";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadAccountResources } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { DisabledAction } from "~/components/account-actions";
import { FormError, ReasonField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { accountsByEmail, listLocks, type AccountByEmail } from "~/locks/locks.server";
import { SETTING_OPTIONS, settingField, settingLabel } from "~/locks/settings";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
import { readForm } from "~/security/form.server";

/** Each account is its own decision, action and audit entry; this bounds one submission's work. */
const MAX_ACCOUNTS = 500;
const EMAIL = z.email();

const emailsField = z
  .string({ error: "List the accounts' emails, one per line." })
  .max(100_000, "That list is too long.")
  .transform((text, ctx) => {
    const seen = new Map<string, string>();
    for (const raw of text.split(/[\s,;]+/)) {
      const email = raw.trim();
      if (email && !seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
    }
    const emails = [...seen.values()];
    const malformed = emails.filter((email) => !EMAIL.safeParse(email).success);
    if (emails.length === 0) ctx.addIssue({ code: "custom", message: "List the accounts' emails, one per line." });
    else if (malformed.length)
      ctx.addIssue({ code: "custom", message: `Not an email address: ${malformed.slice(0, 10).join(", ")}.` });
    else if (emails.length > MAX_ACCOUNTS)
      ctx.addIssue({ code: "custom", message: `Lock at most ${MAX_ACCOUNTS} accounts at a time.` });
    return emails;
  });

/** The lock form. The emails are looked up in this organisation, so an unknown one lands on the field. */
function lockFormSchema(tenantId: string) {
  return z.object({ emails: emailsField, setting: settingField, reason: reasonField }).transform(async (form, ctx) => {
    const found = await tenantScope(tenantId, (tx) => accountsByEmail(tx, tenantId, form.emails));
    const unknown = form.emails.filter((email) => !found.has(email.toLowerCase()));
    if (unknown.length) {
      const listed = unknown.slice(0, 10).join(", ") + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : "");
      ctx.addIssue({
        code: "custom",
        path: ["emails"],
        message: `No account in this organisation has ${unknown.length === 1 ? "this email" : "these emails"}: ${listed}.`,
      });
      return z.NEVER;
    }
    return { ...form, accounts: form.emails.map((email) => found.get(email.toLowerCase())!) };
  });
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("lock.set"),
    emails: z.string().default(""),
    setting: z.string().default(""),
    reason: z.string().default(""),
  }),
  z.object({
    intent: z.literal("lock.clear"),
    lockId: z.string(),
    accountId: z.string(),
    setting: z.string(),
    reason: z.string().default(""),
  }),
]);

/** What the admin typed before a step-up sent them away, offered back once. */
const resumeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("lock.set"),
    emails: z.string().max(100_000).default(""),
    setting: z.string().max(100).default(""),
    reason: z.string().max(1000).default(""),
  }),
  z.object({ intent: z.literal("lock.clear"), lockId: z.string().max(100), reason: z.string().max(1000).default("") }),
]);

type UiDecision = Pick<Decision, "outcome" | "sentence">;

const ORGANISATION_WIDE_CLEAR: UiDecision = {
  outcome: "deny",
  sentence:
    "A lock on everyone in the organisation cannot be cleared from this page yet: that needs an organisation-wide action.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const { locks, resources, tenantPolicies } = await tenantScope(tenant.id, async (tx) => {
    const locks = await listLocks(tx, tenant.id, { activeOnly: true });
    const ids = [...new Set(locks.flatMap((lock) => (lock.accountId ? [lock.accountId] : [])))];
    return {
      locks,
      resources: await loadAccountResources(tx, tenant.id, [actor.facts.accountId, ...ids]),
      tenantPolicies: await loadTenantPolicies(tx, tenant.id),
    };
  });
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const own = byId.get(actor.facts.accountId);
  const clearable = locks.filter((lock) => lock.accountId && byId.has(lock.accountId));
  // Locking is decided per account when the form is sent; the page asks about the admin's own account to
  // say up front whether they may lock at all, and whether a second factor will be asked for.
  const decisions = decideForUi(
    actor,
    [
      ...(own ? [{ action: "lock.set" as const, resource: own, context: { setting: "marketing_consent" } }] : []),
      ...clearable.map((lock) => ({
        action: "lock.clear" as const,
        resource: byId.get(lock.accountId!)!,
        context: { setting: lock.setting },
      })),
    ],
    tenantPolicies,
  );
  const setDecision: UiDecision | null = own ? pick(decisions[0]!) : null;
  const clearDecisions: Record<string, UiDecision> = {};
  clearable.forEach((lock, index) => {
    clearDecisions[lock.id] = pick(decisions[index + (own ? 1 : 0)]!);
  });
  const resumed = resumedInput(request, principal.accountId);
  const resume = resumed ? (resumeSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      locks: locks.map((lock) => ({
        id: lock.id,
        setting: lock.setting,
        accountId: lock.accountId,
        accountName: lock.accountName,
        accountEmail: lock.accountEmail,
        reason: lock.reason,
        lockedByName: lock.lockedByName,
        lockedAt: lock.lockedAt.toISOString(),
        clear: lock.accountId ? (clearDecisions[lock.id] ?? null) : ORGANISATION_WIDE_CLEAR,
      })),
      setDecision,
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

function pick(decision: Decision): UiDecision {
  return { outcome: decision.outcome, sentence: decision.sentence };
}

interface AccountOutcome {
  name: string;
  email: string;
  /** Refused: the policy said no. Skipped: nothing to do (e.g. already locked). */
  outcome: "locked" | "skipped" | "refused";
  sentence: string | null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
  const formData = await readForm(request);
  const parsed = intentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return data(
      { intent: null, message: "That request was not understood.", fieldErrors: {} as Record<string, string[]> },
      { status: 400 },
    );
  }
  if (parsed.data.intent === "lock.clear") return clearAction(request, actor, formData, parsed.data);

  const values = { emails: parsed.data.emails, setting: parsed.data.setting, reason: parsed.data.reason };
  const answer = (
    status: number,
    rest: { fieldErrors?: Record<string, string[]>; summary?: string; outcomes?: AccountOutcome[] },
  ) =>
    data(
      {
        intent: "lock.set" as const,
        values,
        fieldErrors: rest.fieldErrors ?? {},
        summary: rest.summary ?? null,
        outcomes: rest.outcomes ?? [],
      },
      { status },
    );
  const form = await lockFormSchema(tenant.id).safeParseAsync(values);
  if (!form.success) return answer(400, { fieldErrors: fieldErrorsOf(form.error) });
  const { setting, reason, accounts } = form.data;

  // One decision, mutation and audit entry per account: each person sees their own lock in their activity.
  const outcomes: AccountOutcome[] = [];
  for (const account of accounts) {
    const result = await performAction(actor, "lock.set", { accountId: account.id, setting, reason });
    // They share the actor, so only the first can need a step-up; come back with the form as typed.
    if (!result.ok && result.kind === "needs_step_up" && outcomes.length === 0)
      throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
    outcomes.push(outcomeOf(account, result));
  }
  const locked = outcomes.filter((outcome) => outcome.outcome === "locked").length;
  const notLocked = outcomes.filter((outcome) => outcome.outcome !== "locked");
  const summary = [
    `${settingLabel(setting)} locked for ${locked} account${locked === 1 ? "" : "s"}.`,
    notLocked.length === 1 ? `1 skipped: ${notLocked[0]!.sentence}` : null,
    notLocked.length > 1 ? `${notLocked.length} skipped:` : null,
  ]
    .filter(Boolean)
    .join(" ");
  const status = locked ? 200 : notLocked.some((outcome) => outcome.outcome === "refused") ? 403 : 409;
  return answer(status, { summary, outcomes });
}

function outcomeOf(account: AccountByEmail, result: Awaited<ReturnType<typeof performAction>>): AccountOutcome {
  const base = { name: account.displayName, email: account.email };
  if (result.ok) return { ...base, outcome: "locked", sentence: null };
  if (result.kind === "failed") return { ...base, outcome: "skipped", sentence: result.message };
  if (result.kind === "invalid") return { ...base, outcome: "skipped", sentence: "The request was not valid." };
  return { ...base, outcome: "refused", sentence: result.decision.sentence };
}

async function clearAction(
  request: Request,
  actor: Actor,
  formData: FormData,
  fields: { lockId: string; accountId: string; setting: string; reason: string },
) {
  const { lockId, reason } = fields;
  const result = await performAction(actor, "lock.clear", fields);
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  const answer = (status: number, message: string | null, fieldErrors: Record<string, string[]> = {}) =>
    data({ intent: "lock.clear" as const, lockId, reason, message, fieldErrors }, { status });
  if (result.ok) return answer(200, "Lock cleared. The person can change the setting again.");
  if (result.kind === "invalid") {
    // Only the reason is typed; anything else wrong came from a tampered or stale page.
    const { reason: reasonErrors, ...rest } = result.fieldErrors;
    return answer(400, Object.keys(rest).length ? "That lock could not be read." : null, {
      ...(reasonErrors ? { reason: reasonErrors } : {}),
    });
  }
  if (result.kind === "failed") return answer(409, result.message);
  return answer(403, result.decision.sentence);
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const { fieldErrors, formErrors } = z.flattenError(error);
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages) && messages.length) errors[field] = messages as string[];
  }
  if (formErrors.length) errors._form = formErrors;
  return errors;
}

function ClearDialog({
  lock,
  decision,
  errors,
  typedReason,
  reopen,
}: {
  lock: { id: string; accountId: string; setting: string; who: string };
  decision: UiDecision;
  errors?: string[];
  typedReason?: string;
  reopen?: boolean;
}) {
  const [open, setOpen] = useState(Boolean(errors?.length) || Boolean(reopen));
  useEffect(() => {
    if (errors?.length) setOpen(true);
  }, [errors]);
  if (decision.outcome === "deny") return <DisabledAction label="Clear" sentence={decision.sentence} />;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="button-small">
          Clear
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>
            Clear the lock of {settingLabel(lock.setting).toLowerCase()} for {lock.who}?
          </Dialog.Title>
          <Dialog.Description>
            They can change the setting again. They will see this in their activity, with your reason.
          </Dialog.Description>
          {decision.outcome === "needs_step_up" ? (
            <p className="notice">{decision.sentence} You will be asked for it next, and come back here.</p>
          ) : null}
          {reopen && decision.outcome === "allow" ? (
            <p className="notice">Second factor confirmed. Check the reason and press Clear again.</p>
          ) : null}
          <Form method="post" onSubmit={() => setOpen(false)}>
            <input type="hidden" name="lockId" value={lock.id} />
            <input type="hidden" name="accountId" value={lock.accountId} />
            <input type="hidden" name="setting" value={lock.setting} />
            <ReasonField errors={errors} defaultValue={typedReason} />
            <div className="dialog-buttons">
              <Dialog.Close asChild>
                <button type="button" className="button-secondary">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" name="intent" value="lock.clear" className="button-danger">
                Clear
              </button>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function TextAreaField({
  id,
  label,
  name,
  defaultValue,
  errors,
  hint,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
  hint?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        required
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-errors">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

export default function LocksPage() {
  const { tenant, timeZone, locks, setDecision, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const setResult = result?.intent === "lock.set" ? result : null;
  const clearResult = result?.intent === "lock.clear" ? result : null;
  const resumedSet = resume?.intent === "lock.set" ? resume : null;
  const values = setResult?.values ?? resumedSet ?? { emails: "", setting: "", reason: "" };
  const errors = setResult?.fieldErrors ?? {};
  const clearState = (lockId: string) => {
    if (clearResult?.lockId === lockId)
      return { errors: clearResult.fieldErrors.reason, typedReason: clearResult.reason };
    if (resume?.intent === "lock.clear" && resume.lockId === lockId)
      return { typedReason: resume.reason, reopen: true };
    return {};
  };
  return (
    <>
      <h1>Privacy locks</h1>
      <p className="muted">
        A locked setting cannot be changed by the account&rsquo;s own person until the lock is cleared. They see it
        locked, with who locked it and why.
      </p>
      {result?.intent === null ? <FormError message={result.message} /> : null}

      <section aria-labelledby="active-locks-heading">
        <h2 id="active-locks-heading">Active locks</h2>
        {clearResult?.message && !clearResult.fieldErrors.reason ? (
          <p className={clearResult.message.startsWith("Lock cleared") ? "form-success" : "notice"} role="status">
            {clearResult.message}
          </p>
        ) : null}
        {locks.length === 0 ? (
          <p className="empty">No setting is locked in {tenant.name}.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Active privacy locks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">For</th>
                <th scope="col">Reason</th>
                <th scope="col">Locked by</th>
                <th scope="col">Since</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {locks.map((lock) => {
                const who = lock.accountId ? (lock.accountName ?? "an account") : `everyone in ${tenant.name}`;
                return (
                  <tr key={lock.id}>
                    <td>{settingLabel(lock.setting)}</td>
                    <td>
                      {lock.accountId ? (
                        <>
                          {lock.accountName}
                          {lock.accountEmail ? <span className="muted"> ({lock.accountEmail})</span> : null}
                        </>
                      ) : (
                        <strong>Everyone in {tenant.name}</strong>
                      )}
                    </td>
                    <td>{lock.reason}</td>
                    <td>{lock.lockedByName}</td>
                    <td>{formatDateTime(lock.lockedAt, timeZone)}</td>
                    <td className="row-actions">
                      {lock.clear ? (
                        lock.accountId ? (
                          <ClearDialog
                            lock={{ id: lock.id, accountId: lock.accountId, setting: lock.setting, who }}
                            decision={lock.clear}
                            {...clearState(lock.id)}
                          />
                        ) : (
                          <DisabledAction label="Clear" sentence={lock.clear.sentence} />
                        )
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="lock-heading">
        <Form method="post" className="card stacked-form" aria-labelledby="lock-heading">
          <h2 id="lock-heading">Lock a setting</h2>
          <FormError message={errors._form?.[0]} />
          {resumedSet ? <p className="notice">Second factor confirmed. Check the form and press Lock again.</p> : null}
          {setResult?.summary ? (
            <div
              role="status"
              className={setResult.outcomes.some((one) => one.outcome === "locked") ? "form-success" : "notice"}
            >
              <p>{setResult.summary}</p>
              {setResult.outcomes.filter((one) => one.outcome !== "locked").length > 1 ? (
                <ul>
                  {setResult.outcomes
                    .filter((one) => one.outcome !== "locked")
                    .map((one) => (
                      <li key={one.email}>
                        {one.name} ({one.email}): {one.sentence}
                      </li>
                    ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <TextAreaField
            id="lock-emails"
            label="Accounts"
            name="emails"
            defaultValue={values.emails}
            errors={errors.emails}
            hint="Their emails, one per line."
          />
          <div className="field">
            <label htmlFor="lock-setting">Setting</label>
            <select
              id="lock-setting"
              name="setting"
              defaultValue={values.setting}
              required
              aria-invalid={errors.setting?.length ? true : undefined}
              aria-describedby={errors.setting?.length ? "lock-setting-error" : undefined}
            >
              <option value="" disabled>
                Choose a setting
              </option>
              {SETTING_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            {errors.setting?.length ? (
              <p id="lock-setting-error" className="field-errors">
                {errors.setting[0]}
              </p>
            ) : null}
          </div>
          <TextAreaField
            id="lock-reason"
            label="Reason"
            name="reason"
            defaultValue={values.reason}
            errors={errors.reason}
            hint="Each person reads it in their activity."
          />
          {setDecision?.outcome === "needs_step_up" ? <p className="notice">{setDecision.sentence}</p> : null}
          {setDecision?.outcome === "deny" ? (
            <p className="notice" role="status">
              {setDecision.sentence}
            </p>
          ) : (
            <button
              type="submit"
              name="intent"
              value="lock.set"
              className="button-primary"
              disabled={navigation.state === "submitting"}
            >
              Lock
            </button>
          )}
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Privacy locks · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
