// One account, as its organisation's admins see it: profile and contact details, status, roles and line
// manager, where it is signed in, its second factors, its apps and devices, the holds and locks that cover
// it, and what was done to it. Viewing is decided (account.view, account.viewApps) like every change; each
// change on the page is an action, and what an admin may not do is shown disabled with the engine's why.
import {
  data,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { z } from "zod";
import { ADMIN_ROLES, type AdminRole } from "~db/schema";
import { findAccountIdByEmail, loadAccountDetail } from "~/accounts/detail.server";
import { issueExportGrant } from "~/accounts/export-grant.server";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction, type ActionResult } from "~/actions/perform.server";
import { loadAccountResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import {
  ActionButton,
  DisabledAction,
  ReasonDialog,
  type ReasonIntent,
  type ShownDecision,
} from "~/components/account-actions";
import { Field, FormError } from "~/components/forms";
import { publicOrigin } from "~/config.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { localiseFieldErrors, localiseMessage, toLocale, translator, type Locale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { DevicesTable, InstallationsTable } from "~/components/installation-tables";
import { actionLabel } from "~/policy/labels";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { ActionId } from "~/policy/types";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

const text = z.string().max(5000).optional();

/** Every form on the page, by its `intent`; the account is always the one in the URL. */
const accountFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("account.updateProfile"),
    displayName: text,
    givenName: text,
    familyName: text,
    email: text,
    phone: text,
    jobTitle: text,
    department: text,
  }),
  z.object({ intent: z.literal("account.setManager"), managerEmail: z.string().max(1000).default("") }),
  z.object({ intent: z.literal("account.assignRole"), role: z.string().max(100).default("") }),
  z.object({ intent: z.literal("account.removeRole"), role: z.string().max(100).default("") }),
  z.object({ intent: z.literal("account.suspend"), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.unsuspend") }),
  z.object({ intent: z.literal("account.revokeSessions") }),
  z.object({
    intent: z.literal("account.resetPassword"),
    reason: z.string().default(""),
    method: z.string().default(""),
  }),
  z.object({ intent: z.literal("account.resetMfa"), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.terminate"), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.restore") }),
  z.object({ intent: z.literal("account.export"), reason: z.string().default("") }),
]);
type Intent = z.infer<typeof accountFormSchema>["intent"];

/** What an admin typed in a reason dialog before a step-up sent them away. */
const resumeSchema = z.object({
  intent: z.enum([
    "account.suspend",
    "account.resetMfa",
    "account.resetPassword",
    "account.terminate",
    "account.export",
  ]),
  reason: z.string().max(1000).default(""),
  method: z.string().max(20).optional(),
});

const PAGE_ACTIONS = [
  "account.updateProfile",
  "account.setManager",
  "account.suspend",
  "account.unsuspend",
  "account.revokeSessions",
  "account.resetPassword",
  "account.resetMfa",
  "account.terminate",
  "account.restore",
  "account.export",
] as const satisfies ActionId[];

/** A refused read: 404 when there is no such account here (a garbage id, another tenant's), else 403. */
function refusedRead(result: Exclude<ActionResult, { ok: true }>, locale: Locale): Response {
  if (result.kind === "invalid") return notFound();
  if (result.kind === "failed") return forbidden(localiseMessage(result.message, locale));
  if (result.decision.policyIds.includes("resource-not-found")) return notFound();
  return forbidden(decisionSentence(result.decision, locale));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const accountId = params.accountId ?? "";
  const viewed = await performAction(actor, "account.view", { accountId });
  if (!viewed.ok) throw refusedRead(viewed, locale);
  const apps = await performAction(actor, "account.viewApps", { accountId });

  const { detail, resource, tenantPolicies } = await tenantScope(tenant.id, async (tx) => {
    const [detail, resource, tenantPolicies] = await Promise.all([
      loadAccountDetail(tx, tenant.id, accountId, { includeInstallations: apps.ok }),
      loadAccountResource(tx, tenant.id, accountId),
      loadTenantPolicies(tx, tenant.id),
    ]);
    return { detail, resource, tenantPolicies };
  });
  if (!detail || !resource) throw notFound();

  // One batch of decisions for everything the page offers.
  const requests = [
    ...PAGE_ACTIONS.map((action) => ({ action, resource })),
    ...ADMIN_ROLES.map((role) => ({ action: "account.assignRole" as const, resource, context: { role } })),
    ...ADMIN_ROLES.map((role) => ({ action: "account.removeRole" as const, resource, context: { role } })),
  ];
  // Each why in the admin's language.
  const decided = decideForUi(actor, requests, tenantPolicies).map((decision) => ({
    outcome: decision.outcome,
    sentence: decisionSentence(decision, locale),
  }));
  const decisions = Object.fromEntries(PAGE_ACTIONS.map((action, index) => [action, decided[index]!])) as Record<
    (typeof PAGE_ACTIONS)[number],
    ShownDecision
  >;
  const roleDecisions = Object.fromEntries(
    ADMIN_ROLES.map((role, index) => [
      role,
      {
        assign: decided[PAGE_ACTIONS.length + index]!,
        remove: decided[PAGE_ACTIONS.length + ADMIN_ROLES.length + index]!,
      },
    ]),
  ) as Record<AdminRole, { assign: ShownDecision; remove: ShownDecision }>;

  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (resumeSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      isSelf: accountId === actor.facts.accountId,
      account: detail,
      appsRefused: apps.ok
        ? null
        : "decision" in apps
          ? decisionSentence(apps.decision, locale)
          : translator(locale)("consoleAccount.notAllowed"),
      decisions,
      roleDecisions,
      allRoles: [...ADMIN_ROLES],
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

type FieldErrors = Record<string, string[]>;

/** The manager is chosen by email on the page; the action's errors about it go next to that field. */
function pageFieldErrors(intent: Intent, errors: FieldErrors): FieldErrors {
  if (intent !== "account.setManager" || !errors.managerId) return errors;
  const { managerId, ...rest } = errors;
  return { ...rest, managerEmail: managerId };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const accountId = params.accountId ?? "";
  const formData = await readForm(request);
  const { intent: _intent, ...values } = formFields(formData);
  const answer = (intent: Intent | null, status: number, message: string | null, fieldErrors: FieldErrors = {}) =>
    data({ ok: false, intent, message, fieldErrors, values, temporaryPassword: null as string | null }, { status });

  const parsed = accountFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return answer(null, 400, localiseMessage("That request was not understood.", locale));
  const { intent, ...fields } = parsed.data;

  let input: Record<string, unknown> = { ...fields, accountId };
  if (parsed.data.intent === "account.setManager") {
    const email = parsed.data.managerEmail.trim();
    const managerId = email ? await tenantScope(tenant.id, (tx) => findAccountIdByEmail(tx, tenant.id, email)) : null;
    if (email && !managerId) {
      return answer(intent, 400, null, {
        managerEmail: [t("consoleAccount.manager.noSuchAccount")],
      });
    }
    input = { accountId, managerId };
  }
  // The reset link in the email points at the console's public origin.
  if (intent === "account.resetPassword") input = { ...input, origin: publicOrigin() };

  const result = await performAction<{ sessionsEnded?: number; temporaryPassword?: string | null } | null>(
    actor,
    intent,
    input,
  );
  // Refused only for want of a fresh second factor: confirm one, then come back with the dialog as typed.
  if (!result.ok && result.kind === "needs_step_up") {
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  }
  // The export was decided and recorded: the browser fetches the file with a two-minute grant.
  if (result.ok && intent === "account.export") {
    const grant = issueExportGrant({ tenantId: tenant.id, accountId, actorId: actor.facts.accountId });
    throw redirectDocument(`/t/${tenant.slug}/accounts/${accountId}/export?${new URLSearchParams({ grant })}`);
  }
  if (result.ok) {
    const ended = result.output?.sessionsEnded ?? 0;
    const temporaryPassword = result.output?.temporaryPassword;
    const done: Record<Intent, string> = {
      "account.updateProfile": t("consoleAccount.done.updateProfile"),
      "account.setManager": t("consoleAccount.done.setManager"),
      "account.assignRole": t("consoleAccount.done.assignRole"),
      "account.removeRole": t("consoleAccount.done.removeRole"),
      "account.suspend": t("consoleAccount.done.suspend", { count: ended }),
      "account.unsuspend": t("consoleAccount.done.unsuspend"),
      "account.revokeSessions": t("consoleAccount.done.revokeSessions", { count: ended }),
      "account.resetPassword": temporaryPassword
        ? t("consoleAccount.done.resetPasswordTemporary", { count: ended, password: temporaryPassword })
        : t("consoleAccount.done.resetPasswordLink", { count: ended }),
      "account.terminate": t("consoleAccount.done.terminate", { count: ended }),
      "account.restore": t("consoleAccount.done.restore"),
      "account.export": t("consoleAccount.done.export"),
      "account.resetMfa": t("consoleAccount.done.resetMfa"),
    };
    return data(
      {
        ok: true,
        intent,
        message: done[intent],
        fieldErrors: {} as FieldErrors,
        values,
        temporaryPassword: result.output?.temporaryPassword ?? null,
      },
      { status: 200 },
    );
  }
  if (result.kind === "invalid") {
    if (result.fieldErrors.accountId) throw notFound();
    return answer(intent, 400, null, pageFieldErrors(intent, localiseFieldErrors(result.fieldErrors, locale)));
  }
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    const fieldErrors = result.field ? pageFieldErrors(intent, { [result.field]: [message] }) : {};
    return answer(intent, 409, result.field ? null : message, fieldErrors);
  }
  if (result.decision.policyIds.includes("resource-not-found")) throw notFound();
  return answer(intent, 403, decisionSentence(result.decision, locale));
}

// ─── Pieces ───────────────────────────────────────────────────────────────────────────────────────

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function formatWhen(value: Date | string | null | undefined, timeZone: string, intlLocale: string): string {
  if (!value) return "—";
  return formatDateTime(typeof value === "string" ? value : value.toISOString(), timeZone, intlLocale);
}

/** The answer to the last form posted from one section, where that section is. */
function Result({ result, intents }: { result: ActionData; intents: Intent[] }) {
  if (!result?.message || !result.intent || !intents.includes(result.intent)) return null;
  return (
    <p role="status" className="notice">
      {result.message}
    </p>
  );
}

function errorsFor(result: ActionData, intent: Intent, name: string): string[] | undefined {
  return result?.intent === intent ? result.fieldErrors[name] : undefined;
}

function Detail({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

type ShownAccount = ReturnType<typeof useLoaderData<typeof loader>>["account"];

/** The account's installations and devices, each table with its CSV download. */
function AccountApps({
  csvPath,
  name,
  installations,
  devices,
  when,
}: {
  csvPath: string;
  name: string;
  installations: NonNullable<ShownAccount["installations"]>;
  devices: NonNullable<ShownAccount["devices"]>;
  when: (value: Date | string | null) => string;
}) {
  const { t } = useT();
  const download = (table: "installations" | "devices") => (
    <p>
      <a href={`${csvPath}?${new URLSearchParams({ table })}`} download>
        {t(`consoleAccount.apps.${table}Csv`)}
      </a>
    </p>
  );
  return (
    <>
      <h3>{t("consoleAccount.apps.installationsHeading")}</h3>
      {installations.length === 0 ? (
        <p className="empty">{t("consoleAccount.apps.none")}</p>
      ) : (
        <>
          <InstallationsTable
            rows={installations}
            caption={t("consoleAccount.apps.caption", { name })}
            labels="consoleAccount.apps"
            when={when}
          />
          {download("installations")}
        </>
      )}
      <h3>{t("consoleAccount.apps.devicesHeading")}</h3>
      {devices.length === 0 ? (
        <p className="empty">{t("consoleAccount.apps.noDevices")}</p>
      ) : (
        <>
          <DevicesTable
            rows={devices}
            caption={t("consoleAccount.apps.devicesCaption", { name })}
            labels="consoleAccount.apps"
            when={when}
          />
          {download("devices")}
        </>
      )}
    </>
  );
}

// ─── The page ─────────────────────────────────────────────────────────────────────────────────────

/** The profile form's fields; each label is its `consoleAccount.profile.<label>` text. */
const PROFILE_FORM = [
  { name: "displayName", label: "displayName", autoComplete: "off", required: true, maxLength: 200 },
  { name: "givenName", label: "givenName", autoComplete: "off", maxLength: 200 },
  { name: "familyName", label: "familyName", autoComplete: "off", maxLength: 200 },
  { name: "email", label: "emailSignIn", type: "email", autoComplete: "off", required: true },
  { name: "phone", label: "phone", type: "tel", autoComplete: "off", maxLength: 40 },
  { name: "jobTitle", label: "jobTitle", autoComplete: "off", maxLength: 200 },
  { name: "department", label: "department", autoComplete: "off", maxLength: 200 },
] as const;

export default function AccountPage() {
  const { tenant, timeZone, isSelf, account, appsRefused, decisions, roleDecisions, allRoles, resume } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, intlLocale } = useT();
  const when = (value: Date | string | null | undefined) => formatWhen(value, timeZone, intlLocale);
  const { profile, status, factors } = account;
  const name = profile.displayName;
  const heldRoles = account.roles.map((held) => held.role);
  const assignable = allRoles.filter((role) => !heldRoles.includes(role));
  const [roleToAssign, setRoleToAssign] = useState<AdminRole | "">("");
  const chosenRole = roleToAssign || assignable[0];
  const profileTyped = result?.intent === "account.updateProfile" && !result.ok ? result.values : null;

  const dialogState = (intent: ReasonIntent) => {
    if (result?.intent === intent) {
      return {
        errors: result.fieldErrors.reason,
        methodErrors: result.fieldErrors.method,
        typedReason: result.values.reason,
        typedMethod: result.values.method,
      };
    }
    if (resume?.intent === intent) return { typedReason: resume.reason, typedMethod: resume.method, reopen: true };
    return {};
  };

  return (
    <>
      <p>
        <Link to={`/t/${tenant.slug}/`}>{t("consoleAccount.back")}</Link>
      </p>
      <h1>
        {name} <span className={`status status-${status.status}`}>{t(`console.status.${status.status}`)}</span>
      </h1>
      <p className="lede">{profile.email ?? <span className="muted">{t("consoleAccount.noEmail")}</span>}</p>

      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t("consoleAccount.profile.heading")}</h2>
        <Result result={result} intents={["account.updateProfile"]} />
        {decisions["account.updateProfile"].outcome === "deny" ? (
          <>
            <dl className="details">
              <Detail label={t("consoleAccount.profile.displayName")} value={profile.displayName} />
              <Detail label={t("consoleAccount.profile.givenName")} value={profile.givenName} />
              <Detail label={t("consoleAccount.profile.familyName")} value={profile.familyName} />
              <Detail label={t("consoleAccount.profile.email")} value={profile.email} />
              <Detail label={t("consoleAccount.profile.phone")} value={profile.phone} />
              <Detail label={t("consoleAccount.profile.jobTitle")} value={profile.jobTitle} />
              <Detail label={t("consoleAccount.profile.department")} value={profile.department} />
            </dl>
            <DisabledAction
              label={t("consoleAccount.profile.edit")}
              sentence={decisions["account.updateProfile"].sentence}
            />
          </>
        ) : (
          // Keyed on the saved version, so a save shows what is stored now; a refused one keeps what was typed.
          <Form method="post" noValidate className="stacked-form" key={String(status.updatedAt)}>
            {PROFILE_FORM.map(({ name: field, label, ...input }) => (
              <Field
                key={field}
                name={field}
                label={t(`consoleAccount.profile.${label}`)}
                {...input}
                defaultValue={profileTyped?.[field] ?? profile[field] ?? ""}
                errors={errorsFor(result, "account.updateProfile", field)}
              />
            ))}
            <FormError message={result?.intent === "account.updateProfile" ? result.fieldErrors._form?.[0] : null} />
            <button type="submit" name="intent" value="account.updateProfile" className="button-primary">
              {t("consoleAccount.profile.save")}
            </button>
          </Form>
        )}
        <dl className="details">
          <Detail label={t("consoleAccount.profile.language")} value={profile.locale} />
          <Detail label={t("consoleAccount.profile.timeZone")} value={profile.timeZone} />
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="card">
        <h2 id="status-heading">{t("consoleAccount.status.heading")}</h2>
        <Result
          result={result}
          intents={[
            "account.suspend",
            "account.unsuspend",
            "account.resetPassword",
            "account.resetMfa",
            "account.terminate",
            "account.restore",
            "account.export",
          ]}
        />
        <dl className="details">
          <Detail label={t("consoleAccount.status.label")} value={t(`console.status.${status.status}`)} />
          <Detail label={t("consoleAccount.status.created")} value={when(status.createdAt)} />
          <Detail
            label={t("consoleAccount.status.lastSignedIn")}
            value={status.lastSignInAt ? when(status.lastSignInAt) : t("consoleAccount.status.never")}
          />
          {status.mustChangePassword ? (
            <Detail label={t("consoleAccount.status.password")} value={t("consoleAccount.status.mustChangePassword")} />
          ) : null}
          {status.suspendedAt ? (
            <Detail label={t("consoleAccount.status.suspended")} value={when(status.suspendedAt)} />
          ) : null}
          {status.terminatedAt ? (
            <Detail label={t("consoleAccount.status.terminated")} value={when(status.terminatedAt)} />
          ) : null}
          {status.purgeAfter ? (
            <Detail label={t("consoleAccount.status.purgedAfter")} value={when(status.purgeAfter)} />
          ) : null}
        </dl>
        <div className="row-actions">
          {status.status === "suspended" ? (
            <ActionButton
              intent="account.unsuspend"
              label={t("consoleAccount.status.unsuspend")}
              decision={decisions["account.unsuspend"]}
            />
          ) : status.status === "active" ? (
            <ReasonDialog
              intent="account.suspend"
              name={name}
              decision={decisions["account.suspend"]}
              {...dialogState("account.suspend")}
            />
          ) : null}
          {status.status === "terminated" ? (
            <ActionButton
              intent="account.restore"
              label={t("consoleAccount.status.restore")}
              decision={decisions["account.restore"]}
            />
          ) : (
            <>
              <ReasonDialog
                intent="account.resetPassword"
                name={name}
                decision={decisions["account.resetPassword"]}
                {...dialogState("account.resetPassword")}
              />
              <ReasonDialog
                intent="account.terminate"
                name={name}
                decision={decisions["account.terminate"]}
                {...dialogState("account.terminate")}
              />
            </>
          )}
          <ReasonDialog
            intent="account.export"
            name={name}
            decision={decisions["account.export"]}
            {...dialogState("account.export")}
          />
        </div>
      </section>

      <section aria-labelledby="roles-heading" className="card">
        <h2 id="roles-heading">{t("consoleAccount.roles.heading")}</h2>
        <Result result={result} intents={["account.assignRole", "account.removeRole", "account.setManager"]} />
        {result?.intent === "account.assignRole" || result?.intent === "account.removeRole" ? (
          <FormError message={result.fieldErrors.role?.[0]} />
        ) : null}
        <p className="field-hint">{t("consoleAccount.roles.hint")}</p>
        {account.roles.length === 0 ? (
          <p className="empty">
            {isSelf ? t("consoleAccount.roles.noneSelf") : t("consoleAccount.roles.none", { name })}
          </p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("consoleAccount.roles.caption", { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consoleAccount.roles.role")}</th>
                <th scope="col">{t("consoleAccount.roles.granted")}</th>
                <th scope="col">{t("consoleAccount.roles.by")}</th>
                <th scope="col">{t("consoleAccount.roles.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {account.roles.map((held) => (
                <tr key={held.role}>
                  <td>{t(`console.role.${held.role}`)}</td>
                  <td>{when(held.grantedAt)}</td>
                  <td>{held.grantedByName ?? <span className="muted">—</span>}</td>
                  <td>
                    <ActionButton
                      intent="account.removeRole"
                      label={t("consoleAccount.roles.remove", { role: t(`roles.${held.role}`) })}
                      decision={roleDecisions[held.role].remove}
                      fields={{ role: held.role }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {chosenRole ? (
          <div className="inline-form">
            <label htmlFor="role-to-assign">{t("consoleAccount.roles.assignLabel")}</label>{" "}
            <select
              id="role-to-assign"
              value={chosenRole}
              onChange={(event) => setRoleToAssign(event.target.value as AdminRole)}
            >
              {assignable.map((role) => (
                <option key={role} value={role}>
                  {t(`console.role.${role}`)}
                </option>
              ))}
            </select>{" "}
            <ActionButton
              intent="account.assignRole"
              label={t("consoleAccount.roles.assign")}
              decision={roleDecisions[chosenRole].assign}
              fields={{ role: chosenRole }}
            />
          </div>
        ) : null}

        <h3>{t("consoleAccount.manager.heading")}</h3>
        <p>
          {profile.managerId ? (
            <>
              {profile.managerName ?? t("consoleAccount.manager.anAccount")}
              {profile.managerEmail ? ` (${profile.managerEmail})` : ""}
            </>
          ) : (
            <span className="muted">{t("consoleAccount.manager.none")}</span>
          )}
        </p>
        {decisions["account.setManager"].outcome === "deny" ? (
          <DisabledAction
            label={t("consoleAccount.manager.change")}
            sentence={decisions["account.setManager"].sentence}
          />
        ) : (
          <Form method="post" noValidate className="stacked-form" key={profile.managerId ?? "none"}>
            <Field
              label={t("consoleAccount.manager.email")}
              name="managerEmail"
              type="email"
              autoComplete="off"
              hint={t("consoleAccount.manager.emailHint")}
              defaultValue={
                result?.intent === "account.setManager" && !result.ok
                  ? result.values.managerEmail
                  : (profile.managerEmail ?? "")
              }
              errors={errorsFor(result, "account.setManager", "managerEmail")}
            />
            <button type="submit" name="intent" value="account.setManager" className="button-small">
              {t("consoleAccount.manager.save")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="card">
        <div className="section-head">
          <h2 id="sessions-heading">{t("consoleAccount.sessions.heading")}</h2>
          <ActionButton
            intent="account.revokeSessions"
            label={t("consoleAccount.sessions.signOutEverywhere")}
            decision={decisions["account.revokeSessions"]}
          />
        </div>
        <Result result={result} intents={["account.revokeSessions"]} />
        {account.sessions.length === 0 ? (
          <p className="empty">{t("consoleAccount.sessions.none")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("consoleAccount.sessions.caption", { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consoleAccount.sessions.device")}</th>
                <th scope="col">{t("consoleAccount.sessions.ipAddress")}</th>
                <th scope="col">{t("consoleAccount.sessions.signedIn")}</th>
                <th scope="col">{t("consoleAccount.sessions.lastActive")}</th>
              </tr>
            </thead>
            <tbody>
              {account.sessions.map((session) => (
                <tr key={session.id}>
                  <td>{session.device}</td>
                  <td>{session.ipAddress ?? <span className="muted">{t("consoleAccount.sessions.unknown")}</span>}</td>
                  <td>{when(session.createdAt)}</td>
                  <td>{when(session.lastActiveAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="factors-heading" className="card">
        <h2 id="factors-heading">{t("consoleAccount.factors.heading")}</h2>
        <dl className="details">
          <Detail
            label={t("consoleAccount.factors.totp")}
            value={
              factors.totp
                ? t("consoleAccount.factors.totpOnSince", { date: when(factors.totpConfirmedAt) })
                : t("consoleAccount.factors.off")
            }
          />
          <Detail
            label={t("consoleAccount.factors.passkeys")}
            value={
              factors.passkeys.length
                ? t("consoleAccount.factors.passkeyList", {
                    number: factors.passkeys.length,
                    names: factors.passkeys.map((passkey) => passkey.name).join(", "),
                  })
                : t("consoleAccount.factors.none")
            }
          />
          <Detail
            label={t("consoleAccount.factors.recoveryCodesLeft")}
            value={String(factors.recoveryCodesRemaining)}
          />
        </dl>
        {factors.totp || factors.passkeys.length || factors.recoveryCodesRemaining ? (
          <ReasonDialog
            intent="account.resetMfa"
            name={name}
            decision={decisions["account.resetMfa"]}
            {...dialogState("account.resetMfa")}
          />
        ) : null}
      </section>

      <section aria-labelledby="apps-heading" className="card">
        <h2 id="apps-heading">{t("consoleAccount.apps.heading")}</h2>
        {appsRefused !== null || account.installations === null || account.devices === null ? (
          <p className="notice">{appsRefused}</p>
        ) : (
          <AccountApps
            csvPath={`/t/${tenant.slug}/accounts/${profile.id}/apps.csv`}
            name={name}
            installations={account.installations}
            devices={account.devices}
            when={when}
          />
        )}
      </section>

      <section aria-labelledby="holds-heading" className="card">
        <h2 id="holds-heading">{t("consoleAccount.holds.heading")}</h2>
        {account.holds.length === 0 ? (
          <p className="empty">{t("consoleAccount.holds.none")}</p>
        ) : (
          <ul>
            {account.holds.map((hold) => (
              <li key={hold.id}>
                {t("consoleAccount.holds.legalHold")} <strong>{hold.name}</strong>
                {hold.reference ? ` (${hold.reference})` : ""}
                {t(
                  hold.organisationWide ? "consoleAccount.holds.placedOrganisationWide" : "consoleAccount.holds.placed",
                  {
                    name: hold.placedByName ?? t("consoleAccount.holds.anAdministrator"),
                    date: when(hold.placedAt),
                  },
                )}
              </li>
            ))}
          </ul>
        )}
        {account.locks.length === 0 ? (
          <p className="empty">{t("consoleAccount.holds.noLocks")}</p>
        ) : (
          <ul>
            {account.locks.map((lock) => (
              <li key={lock.id}>
                <strong>{lock.setting}</strong>
                {t(
                  lock.organisationWide ? "consoleAccount.holds.lockedOrganisationWide" : "consoleAccount.holds.locked",
                  {
                    name: lock.lockedByName ?? t("consoleAccount.holds.anAdministrator"),
                    date: when(lock.lockedAt),
                    reason: lock.reason,
                  },
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="activity-heading" className="card">
        <h2 id="activity-heading">{t("consoleAccount.activity.heading")}</h2>
        {account.audit.length === 0 ? (
          <p className="empty">{t("consoleAccount.activity.none")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("consoleAccount.activity.caption", { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consoleAccount.activity.when")}</th>
                <th scope="col">{t("consoleAccount.activity.action")}</th>
                <th scope="col">{t("consoleAccount.activity.outcome")}</th>
                <th scope="col">{t("consoleAccount.activity.by")}</th>
                <th scope="col">{t("consoleAccount.activity.why")}</th>
              </tr>
            </thead>
            <tbody>
              {account.audit.map((entry) => (
                <tr key={entry.seq}>
                  <td>{when(entry.occurredAt)}</td>
                  <td>{actionLabel(entry.action, locale)}</td>
                  <td>
                    <span className={`outcome outcome-${entry.outcome}`}>{t(`outcomes.${entry.outcome}`)}</span>
                  </td>
                  <td>{entry.actorName ?? <span className="muted">{t("consoleAccount.activity.system")}</span>}</td>
                  <td>{entry.reason ?? entry.sentence ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link to={`/t/${tenant.slug}/audit?${new URLSearchParams({ subject: profile.email ?? name })}`}>
            {t("consoleAccount.activity.all", { name })}
          </Link>
        </p>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.profile.displayName} · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
