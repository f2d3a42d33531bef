// Privacy locks of one organisation: the settings locked for everyone, those locked for chosen accounts,
// and the form that locks a setting for chosen accounts (one lock.set each) or the whole organisation (one
// lock.setOrganisation). Every lock and clear is destructive, so it comes back here after a step-up with
// what was typed.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { z } from "zod";
import { requireTenantActor, type Actor } from "~/actions/actor.server";
import { reasonField } from "~/actions/fields";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadAccountResources, loadOrganisationResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ReasonDialog } from "~/components/account-actions";
import { FormError, SelectField, TextAreaField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { localiseFieldErrors, localiseMessage, toLocale, translator, type Locale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { accountsByEmail, listLocks, type AccountByEmail, type PrivacyLock } from "~/locks/locks.server";
import { SETTING_OPTIONS, settingField, settingLabel } from "~/locks/settings";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
import { readForm } from "~/security/form.server";

/** Each account is its own decision, action and audit entry; this bounds one submission's work. */
const MAX_ACCOUNTS = 500;
const EMAIL = z.email();

/** A setting as the reader reads it (the catalogue's label; an unknown name as stored). */
function settingName(t: TFunction, setting: string): string {
  return t(`console.setting.${setting.replaceAll(".", "_")}`, { defaultValue: settingLabel(setting) });
}

/** The emails typed, one per line; its messages in the admin's language (`t`). */
const emailsField = (t: TFunction) =>
  z
    .string({ error: t("consoleHolds.locks.errors.listEmails") })
    .max(100_000, t("consoleHolds.locks.errors.listTooLong"))
    .transform((text, ctx) => {
      const seen = new Map<string, string>();
      for (const raw of text.split(/[\s,;]+/)) {
        const email = raw.trim();
        if (email && !seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
      }
      const emails = [...seen.values()];
      const malformed = emails.filter((email) => !EMAIL.safeParse(email).success);
      if (emails.length === 0) ctx.addIssue({ code: "custom", message: t("consoleHolds.locks.errors.listEmails") });
      else if (malformed.length)
        ctx.addIssue({
          code: "custom",
          message: t("consoleHolds.locks.errors.notAnEmail", { emails: malformed.slice(0, 10).join(", ") }),
        });
      else if (emails.length > MAX_ACCOUNTS)
        ctx.addIssue({ code: "custom", message: t("consoleHolds.locks.errors.tooMany", { max: MAX_ACCOUNTS }) });
      return emails;
    });

const SCOPES = ["accounts", "organisation"] as const;

/**
 * The lock form: chosen accounts, whose emails are looked up in this organisation (an unknown one lands on
 * the field), or the whole organisation.
 */
function lockFormSchema(tenantId: string, t: TFunction) {
  return z
    .discriminatedUnion(
      "scope",
      [
        z.object({ scope: z.literal("accounts"), emails: emailsField(t), setting: settingField, reason: reasonField }),
        z.object({ scope: z.literal("organisation"), setting: settingField, reason: reasonField }),
      ],
      { error: t("consoleHolds.locks.errors.scope") },
    )
    .transform(async (form, ctx) => {
      if (form.scope === "organisation") return form;
      const found = await tenantScope(tenantId, (tx) => accountsByEmail(tx, tenantId, form.emails));
      const unknown = form.emails.filter((email) => !found.has(email.toLowerCase()));
      if (unknown.length) {
        const shown = unknown.slice(0, 10).join(", ");
        const listed =
          unknown.length > 10
            ? t("consoleHolds.locks.errors.andMore", { emails: shown, number: unknown.length - 10 })
            : shown;
        ctx.addIssue({
          code: "custom",
          path: ["emails"],
          message: t("consoleHolds.locks.errors.unknownEmails", { count: unknown.length, emails: listed }),
        });
        return z.NEVER;
      }
      return { ...form, accounts: form.emails.map((email) => found.get(email.toLowerCase())!) };
    });
}

const CLEAR_INTENTS = ["lock.clear", "lock.clearOrganisation"] as const;

// A page posted before the choice of scope existed locks chosen accounts, as it did then.
const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("lock.set"),
    scope: z.string().default("accounts"),
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
  z.object({
    intent: z.literal("lock.clearOrganisation"),
    lockId: z.string(),
    setting: z.string(),
    reason: z.string().default(""),
  }),
]);

/** What the admin typed before a step-up sent them away, offered back once. */
const resumeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("lock.set"),
    scope: z.enum(SCOPES).catch("accounts"),
    emails: z.string().max(100_000).default(""),
    setting: z.string().max(100).default(""),
    reason: z.string().max(1000).default(""),
  }),
  z.object({
    intent: z.enum(CLEAR_INTENTS),
    lockId: z.string().max(100),
    reason: z.string().max(1000).default(""),
  }),
]);

type UiDecision = Pick<Decision, "outcome" | "sentence">;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const { locks, resources, organisation, tenantPolicies } = await tenantScope(tenant.id, async (tx) => {
    const locks = await listLocks(tx, tenant.id, { activeOnly: true });
    const ids = [...new Set(locks.flatMap((lock) => (lock.accountId ? [lock.accountId] : [])))];
    return {
      locks,
      resources: await loadAccountResources(tx, tenant.id, [actor.facts.accountId, ...ids]),
      organisation: await loadOrganisationResource(tx, tenant.id),
      tenantPolicies: await loadTenantPolicies(tx, tenant.id),
    };
  });
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const own = byId.get(actor.facts.accountId);
  const accountLocks = locks.filter((lock) => lock.accountId && byId.has(lock.accountId));
  const organisationLocks = organisation ? locks.filter((lock) => lock.accountId === null) : [];
  // Locking chosen accounts is decided per account when the form is sent; the page asks about the admin's
  // own account to say up front whether they may lock at all, and whether a second factor will be asked for.
  const requests = [
    ...(own ? [{ action: "lock.set" as const, resource: own, context: { setting: "marketing_consent" } }] : []),
    ...(organisation
      ? [{ action: "lock.setOrganisation" as const, resource: organisation, context: { setting: "marketing_consent" } }]
      : []),
    ...accountLocks.map((lock) => ({
      action: "lock.clear" as const,
      resource: byId.get(lock.accountId!)!,
      context: { setting: lock.setting },
    })),
    ...organisationLocks.map((lock) => ({
      action: "lock.clearOrganisation" as const,
      resource: organisation!,
      context: { setting: lock.setting },
    })),
  ];
  const decisions = decideForUi(actor, requests, tenantPolicies).map((decision) => pick(decision, locale));
  const setDecision = own ? decisions.shift()! : null;
  const setOrganisationDecision = organisation ? decisions.shift()! : null;
  const clearDecisions = new Map<string, UiDecision>(
    [...accountLocks, ...organisationLocks].map((lock, index) => [lock.id, decisions[index]!]),
  );
  const resumed = resumedInput(request, principal.accountId);
  const resume = resumed ? (resumeSchema.safeParse(resumed.fields).data ?? null) : null;
  const shown = (lock: PrivacyLock) => ({
    id: lock.id,
    setting: lock.setting,
    accountId: lock.accountId,
    accountName: lock.accountName,
    accountEmail: lock.accountEmail,
    reason: lock.reason,
    lockedByName: lock.lockedByName,
    lockedAt: lock.lockedAt.toISOString(),
    clear: clearDecisions.get(lock.id) ?? null,
  });
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      locks: locks.filter((lock) => lock.accountId !== null).map(shown),
      organisationLocks: organisationLocks.map(shown),
      setDecision,
      setOrganisationDecision,
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

/** A decision as the page shows it: its sentence in the reader's language. */
function pick(decision: Decision, locale: Locale): UiDecision {
  return { outcome: decision.outcome, sentence: decisionSentence(decision, locale) };
}

interface AccountOutcome {
  name: string;
  email: string;
  /** Refused: the policy said no. Skipped: nothing to do (e.g. already locked). */
  outcome: "locked" | "skipped" | "refused";
  sentence: string | null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const formData = await readForm(request);
  const parsed = intentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return data(
      {
        intent: null,
        message: localiseMessage("That request was not understood.", locale),
        fieldErrors: {} as Record<string, string[]>,
      },
      { status: 400 },
    );
  }
  if (parsed.data.intent !== "lock.set") return clearAction(request, actor, formData, parsed.data, locale);

  const { scope, emails, setting: typedSetting, reason: typedReason } = parsed.data;
  const values = { scope, emails, setting: typedSetting, reason: typedReason };
  const answer = (
    status: number,
    rest: { fieldErrors?: Record<string, string[]>; summary?: string; outcomes?: AccountOutcome[] },
  ) =>
    data(
      {
        intent: "lock.set" as const,
        values,
        // The schemas and the action layer write English; each message reaches the admin in their language.
        fieldErrors: localiseFieldErrors(rest.fieldErrors ?? {}, locale),
        summary: rest.summary ?? null,
        outcomes: rest.outcomes ?? [],
      },
      { status },
    );
  const form = await lockFormSchema(tenant.id, t).safeParseAsync(values);
  if (!form.success) return answer(400, { fieldErrors: fieldErrorsOf(form.error) });

  if (form.data.scope === "organisation") {
    const { setting, reason } = form.data;
    const result = await performAction<{ accountsWithOwnLock: number }>(actor, "lock.setOrganisation", {
      setting,
      reason,
    });
    if (!result.ok && result.kind === "needs_step_up")
      throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
    if (result.ok) {
      const own = result.output.accountsWithOwnLock;
      const summary = [
        t("consoleHolds.locks.done.lockedForEveryone", { setting: settingName(t, setting), organisation: tenant.name }),
        own ? t("consoleHolds.locks.done.ownLocks", { count: own }) : null,
      ]
        .filter(Boolean)
        .join(" ");
      return answer(200, { summary });
    }
    if (result.kind === "invalid") return answer(400, { fieldErrors: result.fieldErrors });
    if (result.kind === "failed") return answer(409, { fieldErrors: { [result.field ?? "_form"]: [result.message] } });
    return answer(403, { fieldErrors: { _form: [decisionSentence(result.decision, locale)] } });
  }

  // One decision, mutation and audit entry per account: each person sees their own lock in their activity.
  const { setting, reason, accounts } = form.data;
  const outcomes: AccountOutcome[] = [];
  for (const account of accounts) {
    const result = await performAction(actor, "lock.set", { accountId: account.id, setting, reason });
    // They share the actor, so only the first can need a step-up; come back with the form as typed.
    if (!result.ok && result.kind === "needs_step_up" && outcomes.length === 0)
      throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
    outcomes.push(outcomeOf(account, result, locale));
  }
  const locked = outcomes.filter((outcome) => outcome.outcome === "locked").length;
  const notLocked = outcomes.filter((outcome) => outcome.outcome !== "locked");
  const summary = [
    t("consoleHolds.locks.done.lockedForAccounts", { setting: settingName(t, setting), count: locked }),
    notLocked.length === 1 ? t("consoleHolds.locks.done.skippedOne", { sentence: notLocked[0]!.sentence }) : null,
    notLocked.length > 1 ? t("consoleHolds.locks.done.skippedMany", { number: notLocked.length }) : null,
  ]
    .filter(Boolean)
    .join(" ");
  const status = locked ? 200 : notLocked.some((outcome) => outcome.outcome === "refused") ? 403 : 409;
  return answer(status, { summary, outcomes });
}

function outcomeOf(
  account: AccountByEmail,
  result: Awaited<ReturnType<typeof performAction>>,
  locale: Locale,
): AccountOutcome {
  const base = { name: account.displayName, email: account.email };
  if (result.ok) return { ...base, outcome: "locked", sentence: null };
  if (result.kind === "failed")
    return { ...base, outcome: "skipped", sentence: localiseMessage(result.message, locale) };
  if (result.kind === "invalid")
    return { ...base, outcome: "skipped", sentence: translator(locale)("consoleHolds.locks.errors.requestInvalid") };
  return { ...base, outcome: "refused", sentence: decisionSentence(result.decision, locale) };
}

/** Clears one lock: an account's own (lock.clear) or the organisation-wide one (lock.clearOrganisation). */
async function clearAction(
  request: Request,
  actor: Actor,
  formData: FormData,
  fields:
    | { intent: "lock.clear"; lockId: string; accountId: string; setting: string; reason: string }
    | { intent: "lock.clearOrganisation"; lockId: string; setting: string; reason: string },
  locale: Locale,
) {
  const t = translator(locale);
  const { intent, lockId, reason } = fields;
  const input =
    fields.intent === "lock.clear"
      ? { accountId: fields.accountId, setting: fields.setting, lockId, reason }
      : { setting: fields.setting, lockId, reason };
  const result = await performAction<{ accountsStillLocked?: number }>(actor, intent, input);
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  // `cleared` says how the page shows the message (a success, or a notice), whatever its language.
  const answer = (status: number, message: string | null, fieldErrors: Record<string, string[]> = {}) =>
    data(
      {
        intent,
        lockId,
        reason,
        message,
        fieldErrors: localiseFieldErrors(fieldErrors, locale),
        cleared: status === 200,
      },
      { status },
    );
  if (result.ok) {
    if (intent === "lock.clear") return answer(200, t("consoleHolds.locks.done.cleared"));
    const still = result.output.accountsStillLocked ?? 0;
    return answer(
      200,
      still
        ? t("consoleHolds.locks.done.clearedStill", { count: still })
        : t("consoleHolds.locks.done.clearedForEveryone"),
    );
  }
  if (result.kind === "invalid") {
    // Only the reason is typed; anything else wrong came from a tampered or stale page.
    const { reason: reasonErrors, ...rest } = result.fieldErrors;
    return answer(400, Object.keys(rest).length ? t("consoleHolds.locks.errors.unreadableLock") : null, {
      ...(reasonErrors ? { reason: reasonErrors } : {}),
    });
  }
  if (result.kind === "failed") return answer(409, localiseMessage(result.message, locale));
  return answer(403, decisionSentence(result.decision, locale));
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

export default function LocksPage() {
  const { tenant, timeZone, locks, organisationLocks, setDecision, setOrganisationDecision, resume } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  // English names a setting in lower case mid-sentence; German keeps its capitals (and quotes it).
  const settingInSentence = (setting: string) => {
    const name = settingName(t, setting);
    return locale === "en" ? name.toLowerCase() : name;
  };
  const settingOptions = SETTING_OPTIONS.map((option) => ({ ...option, label: settingName(t, option.value) }));
  const setResult = result?.intent === "lock.set" ? result : null;
  const clearResult = result?.intent === "lock.clear" || result?.intent === "lock.clearOrganisation" ? result : null;
  const resumedSet = resume?.intent === "lock.set" ? resume : null;
  const values = setResult?.values ?? resumedSet ?? { scope: "accounts", emails: "", setting: "", reason: "" };
  const errors = setResult?.fieldErrors ?? {};
  const clearState = (lockId: string) => {
    if (clearResult?.lockId === lockId)
      return { errors: clearResult.fieldErrors.reason, typedReason: clearResult.reason };
    if (resume && resume.intent !== "lock.set" && resume.lockId === lockId)
      return { typedReason: resume.reason, reopen: true };
    return {};
  };
  const clearMessage =
    clearResult?.message && !clearResult.fieldErrors.reason ? (
      <p className={clearResult.cleared ? "form-success" : "notice"} role="status">
        {clearResult.message}
      </p>
    ) : null;
  // Refused for one scope only (a tenant policy may say so): that choice stays, disabled, with the sentence.
  const accountsRefused = setDecision?.outcome === "deny" ? setDecision : null;
  const organisationRefused = setOrganisationDecision?.outcome === "deny" ? setOrganisationDecision : null;
  const bothRefused = Boolean(accountsRefused && organisationRefused);
  const stepUpNotice = [setDecision, setOrganisationDecision].find((one) => one?.outcome === "needs_step_up");
  return (
    <>
      <h1>{t("consoleHolds.locks.title")}</h1>
      <p className="muted">{t("consoleHolds.locks.lede")}</p>
      {result?.intent === null ? <FormError message={result.message} /> : null}

      <section aria-labelledby="organisation-locks-heading">
        <h2 id="organisation-locks-heading">
          {t("consoleHolds.locks.organisationHeading", { organisation: tenant.name })}
        </h2>
        {clearResult?.intent === "lock.clearOrganisation" ? clearMessage : null}
        {organisationLocks.length === 0 ? (
          <p className="empty">{t("consoleHolds.locks.noOrganisationLocks")}</p>
        ) : (
          <LocksTable
            caption={t("consoleHolds.locks.organisationCaption", { organisation: tenant.name })}
            locks={organisationLocks}
            timeZone={timeZone}
            clear={(lock) =>
              lock.clear ? (
                <ReasonDialog
                  intent="lock.clearOrganisation"
                  fields={{ lockId: lock.id, setting: lock.setting }}
                  label={t("consoleHolds.locks.clear")}
                  title={t("consoleHolds.locks.clearOrganisationTitle", {
                    setting: settingInSentence(lock.setting),
                    organisation: tenant.name,
                  })}
                  description={t("consoleHolds.locks.clearOrganisationDescription")}
                  decision={lock.clear}
                  {...clearState(lock.id)}
                />
              ) : null
            }
          />
        )}
      </section>

      <section aria-labelledby="active-locks-heading">
        <h2 id="active-locks-heading">{t("consoleHolds.locks.accountsHeading")}</h2>
        {clearResult?.intent === "lock.clear" ? clearMessage : null}
        {locks.length === 0 ? (
          <p className="empty">{t("consoleHolds.locks.noAccountLocks", { organisation: tenant.name })}</p>
        ) : (
          <LocksTable
            caption={t("consoleHolds.locks.accountsCaption")}
            locks={locks}
            timeZone={timeZone}
            forAccounts
            clear={(lock) =>
              lock.clear && lock.accountId ? (
                <ReasonDialog
                  intent="lock.clear"
                  fields={{ lockId: lock.id, accountId: lock.accountId, setting: lock.setting }}
                  label={t("consoleHolds.locks.clear")}
                  title={t("consoleHolds.locks.clearAccountTitle", {
                    setting: settingInSentence(lock.setting),
                    name: lock.accountName ?? t("consoleHolds.locks.thisAccount"),
                  })}
                  description={t("consoleHolds.locks.clearAccountDescription")}
                  decision={lock.clear}
                  {...clearState(lock.id)}
                />
              ) : null
            }
          />
        )}
      </section>

      <section aria-labelledby="lock-heading">
        <Form method="post" className="card stacked-form" aria-labelledby="lock-heading">
          <h2 id="lock-heading">{t("consoleHolds.locks.lockHeading")}</h2>
          <FormError message={errors._form?.[0]} />
          {resumedSet ? <p className="notice">{t("consoleHolds.locks.resumed")}</p> : null}
          {setResult?.summary ? (
            <div
              role="status"
              className={
                setResult.outcomes.length === 0 || setResult.outcomes.some((one) => one.outcome === "locked")
                  ? "form-success"
                  : "notice"
              }
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
          <fieldset aria-describedby={errors.scope?.length ? "lock-scope-error" : undefined}>
            <legend>{t("consoleHolds.locks.coversLegend")}</legend>
            <label>
              <input
                type="radio"
                name="scope"
                value="accounts"
                defaultChecked={values.scope !== "organisation" && !accountsRefused}
                disabled={Boolean(accountsRefused)}
                aria-describedby={accountsRefused && !bothRefused ? "lock-scope-accounts-refused" : undefined}
              />{" "}
              {t("consoleHolds.locks.chosenAccounts")}
            </label>
            {accountsRefused && !bothRefused ? (
              <p id="lock-scope-accounts-refused" className="field-hint">
                {accountsRefused.sentence}
              </p>
            ) : null}
            <label>
              <input
                type="radio"
                name="scope"
                value="organisation"
                defaultChecked={values.scope === "organisation" || Boolean(accountsRefused && !organisationRefused)}
                disabled={Boolean(organisationRefused)}
                aria-describedby={organisationRefused && !bothRefused ? "lock-scope-organisation-refused" : undefined}
              />{" "}
              {t("consoleHolds.locks.wholeOrganisation", { organisation: tenant.name })}
            </label>
            {organisationRefused && !bothRefused ? (
              <p id="lock-scope-organisation-refused" className="field-hint">
                {organisationRefused.sentence}
              </p>
            ) : null}
            {errors.scope?.length ? (
              <p id="lock-scope-error" className="field-errors">
                {errors.scope[0]}
              </p>
            ) : null}
          </fieldset>
          <TextAreaField
            id="lock-emails"
            label={t("consoleHolds.locks.accounts")}
            name="emails"
            defaultValue={values.emails}
            errors={errors.emails}
            hint={t("consoleHolds.locks.accountsHint")}
            required={false}
          />
          <SelectField
            label={t("consoleHolds.locks.setting")}
            name="setting"
            placeholder={t("consoleHolds.locks.chooseSetting")}
            options={settingOptions}
            defaultValue={values.setting}
            errors={errors.setting}
            required
          />
          <TextAreaField
            id="lock-reason"
            label={t("console.common.reason")}
            name="reason"
            defaultValue={values.reason}
            errors={errors.reason}
            hint={t("consoleHolds.locks.reasonHint")}
          />
          {stepUpNotice ? <p className="notice">{stepUpNotice.sentence}</p> : null}
          {bothRefused ? (
            <p className="notice" role="status">
              {setDecision?.sentence}
            </p>
          ) : (
            <button
              type="submit"
              name="intent"
              value="lock.set"
              className="button-primary"
              disabled={navigation.state === "submitting"}
            >
              {t("consoleHolds.locks.lock")}
            </button>
          )}
        </Form>
      </section>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleHolds.locks.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};

type ShownLock = ReturnType<typeof useLoaderData<typeof loader>>["locks"][number];

/** Active locks, newest first: the setting, (whom it is for,) why, who locked it and since when, and Clear. */
function LocksTable({
  caption,
  locks,
  timeZone,
  forAccounts = false,
  clear,
}: {
  caption: string;
  locks: ShownLock[];
  timeZone: string;
  /** Locks on chosen accounts: a column names each one's account. */
  forAccounts?: boolean;
  clear: (lock: ShownLock) => ReactNode;
}) {
  const { t, intlLocale } = useT();
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("consoleHolds.locks.setting")}</th>
          {forAccounts ? <th scope="col">{t("consoleHolds.locks.forColumn")}</th> : null}
          <th scope="col">{t("console.common.reason")}</th>
          <th scope="col">{t("consoleHolds.locks.lockedBy")}</th>
          <th scope="col">{t("consoleHolds.locks.since")}</th>
          <th scope="col">{t("console.common.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {locks.map((lock) => (
          <tr key={lock.id}>
            <td>{settingName(t, lock.setting)}</td>
            {forAccounts ? (
              <td>
                {lock.accountName}
                {lock.accountEmail ? <span className="muted"> ({lock.accountEmail})</span> : null}
              </td>
            ) : null}
            <td>{lock.reason}</td>
            <td>{lock.lockedByName}</td>
            <td>{formatDateTime(lock.lockedAt, timeZone, intlLocale)}</td>
            <td className="row-actions">{clear(lock)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
