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
import { formatDateTime, roleLabel, statusLabel } from "~/format";
import { actionLabel, OUTCOME_LABELS } from "~/policy/labels";
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
function refusedRead(result: Exclude<ActionResult, { ok: true }>): Response {
  if (result.kind === "invalid") return notFound();
  if (result.kind === "failed") return forbidden(result.message);
  if (result.decision.policyIds.includes("resource-not-found")) return notFound();
  return forbidden(result.decision.sentence);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const accountId = params.accountId ?? "";
  const viewed = await performAction(actor, "account.view", { accountId });
  if (!viewed.ok) throw refusedRead(viewed);
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
  const decided = decideForUi(actor, requests, tenantPolicies).map(({ outcome, sentence }) => ({ outcome, sentence }));
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
      appsRefused: apps.ok ? null : "decision" in apps ? apps.decision.sentence : "Not allowed.",
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
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
  const accountId = params.accountId ?? "";
  const formData = await readForm(request);
  const { intent: _intent, ...values } = formFields(formData);
  const answer = (intent: Intent | null, status: number, message: string | null, fieldErrors: FieldErrors = {}) =>
    data({ ok: false, intent, message, fieldErrors, values, temporaryPassword: null as string | null }, { status });

  const parsed = accountFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return answer(null, 400, "That request was not understood.");
  const { intent, ...fields } = parsed.data;

  let input: Record<string, unknown> = { ...fields, accountId };
  if (parsed.data.intent === "account.setManager") {
    const email = parsed.data.managerEmail.trim();
    const managerId = email ? await tenantScope(tenant.id, (tx) => findAccountIdByEmail(tx, tenant.id, email)) : null;
    if (email && !managerId) {
      return answer(intent, 400, null, {
        managerEmail: ["No account of this organisation signs in with that email address."],
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
    const done: Record<Intent, string> = {
      "account.updateProfile": "Profile saved.",
      "account.setManager": "Manager saved.",
      "account.assignRole": "Role assigned. Their sessions have ended; they sign in again with the new role.",
      "account.removeRole": "Role removed. Their sessions have ended; they sign in again without it.",
      "account.suspend": `Suspended. ${ended} session(s) ended; the person has been emailed.`,
      "account.unsuspend": "Unsuspended. The person can sign in again and has been emailed.",
      "account.revokeSessions": `Signed out everywhere: ${ended} session(s) ended.`,
      "account.resetPassword": result.output?.temporaryPassword
        ? `Password reset. Temporary password, shown only now: ${result.output.temporaryPassword} — they must change it when they sign in. ${ended} session(s) ended.`
        : `Password reset. A single-use link valid for 30 minutes has been emailed. ${ended} session(s) ended.`,
      "account.terminate": `Terminated. ${ended} session(s) ended; the account will be erased after the grace period unless restored. The person has been emailed.`,
      "account.restore": "Restored. The person can sign in again and has been emailed.",
      "account.export": "Exported.",
      "account.resetMfa":
        "Two-step verification reset. The person signs in with their password and sets it up again; they have been emailed.",
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
    return answer(intent, 400, null, pageFieldErrors(intent, result.fieldErrors));
  }
  if (result.kind === "failed") {
    const fieldErrors = result.field ? pageFieldErrors(intent, { [result.field]: [result.message] }) : {};
    return answer(intent, 409, result.field ? null : result.message, fieldErrors);
  }
  if (result.decision.policyIds.includes("resource-not-found")) throw notFound();
  return answer(intent, 403, result.decision.sentence);
}

// ─── Pieces ───────────────────────────────────────────────────────────────────────────────────────

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function when(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return formatDateTime(typeof value === "string" ? value : value.toISOString(), timeZone);
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

// ─── The page ─────────────────────────────────────────────────────────────────────────────────────

const PROFILE_FORM = [
  { name: "displayName", label: "Display name", autoComplete: "off", required: true, maxLength: 200 },
  { name: "givenName", label: "Given name", autoComplete: "off", maxLength: 200 },
  { name: "familyName", label: "Family name", autoComplete: "off", maxLength: 200 },
  { name: "email", label: "Email (also the sign-in name)", type: "email", autoComplete: "off", required: true },
  { name: "phone", label: "Phone", type: "tel", autoComplete: "off", maxLength: 40 },
  { name: "jobTitle", label: "Job title", autoComplete: "off", maxLength: 200 },
  { name: "department", label: "Department", autoComplete: "off", maxLength: 200 },
] as const;

export default function AccountPage() {
  const { tenant, timeZone, isSelf, account, appsRefused, decisions, roleDecisions, allRoles, resume } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
        <Link to={`/t/${tenant.slug}/`}>← Accounts</Link>
      </p>
      <h1>
        {name} <span className={`status status-${status.status}`}>{statusLabel(status.status)}</span>
      </h1>
      <p className="lede">{profile.email ?? <span className="muted">No email address (erased)</span>}</p>

      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">Profile and contact details</h2>
        <Result result={result} intents={["account.updateProfile"]} />
        {decisions["account.updateProfile"].outcome === "deny" ? (
          <>
            <dl className="details">
              <Detail label="Display name" value={profile.displayName} />
              <Detail label="Given name" value={profile.givenName} />
              <Detail label="Family name" value={profile.familyName} />
              <Detail label="Email" value={profile.email} />
              <Detail label="Phone" value={profile.phone} />
              <Detail label="Job title" value={profile.jobTitle} />
              <Detail label="Department" value={profile.department} />
            </dl>
            <DisabledAction label="Edit profile" sentence={decisions["account.updateProfile"].sentence} />
          </>
        ) : (
          // Keyed on the saved version, so a save shows what is stored now; a refused one keeps what was typed.
          <Form method="post" noValidate className="stacked-form" key={String(status.updatedAt)}>
            {PROFILE_FORM.map(({ name: field, ...input }) => (
              <Field
                key={field}
                name={field}
                {...input}
                defaultValue={profileTyped?.[field] ?? profile[field] ?? ""}
                errors={errorsFor(result, "account.updateProfile", field)}
              />
            ))}
            <FormError message={result?.intent === "account.updateProfile" ? result.fieldErrors._form?.[0] : null} />
            <button type="submit" name="intent" value="account.updateProfile" className="button-primary">
              Save profile
            </button>
          </Form>
        )}
        <dl className="details">
          <Detail label="Language" value={profile.locale} />
          <Detail label="Time zone" value={profile.timeZone} />
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="card">
        <h2 id="status-heading">Status</h2>
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
          <Detail label="Status" value={statusLabel(status.status)} />
          <Detail label="Created" value={when(status.createdAt, timeZone)} />
          <Detail label="Last signed in" value={status.lastSignInAt ? when(status.lastSignInAt, timeZone) : "Never"} />
          {status.mustChangePassword ? <Detail label="Password" value="Must be changed at the next sign-in" /> : null}
          {status.suspendedAt ? <Detail label="Suspended" value={when(status.suspendedAt, timeZone)} /> : null}
          {status.terminatedAt ? <Detail label="Terminated" value={when(status.terminatedAt, timeZone)} /> : null}
          {status.purgeAfter ? <Detail label="Purged after" value={when(status.purgeAfter, timeZone)} /> : null}
        </dl>
        <div className="row-actions">
          {status.status === "suspended" ? (
            <ActionButton intent="account.unsuspend" label="Unsuspend" decision={decisions["account.unsuspend"]} />
          ) : status.status === "active" ? (
            <ReasonDialog
              intent="account.suspend"
              name={name}
              decision={decisions["account.suspend"]}
              {...dialogState("account.suspend")}
            />
          ) : null}
          {status.status === "terminated" ? (
            <ActionButton intent="account.restore" label="Restore" decision={decisions["account.restore"]} />
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
        <h2 id="roles-heading">Roles and manager</h2>
        <Result result={result} intents={["account.assignRole", "account.removeRole", "account.setManager"]} />
        {result?.intent === "account.assignRole" || result?.intent === "account.removeRole" ? (
          <FormError message={result.fieldErrors.role?.[0]} />
        ) : null}
        <p className="field-hint">Changing a role ends their sessions: they sign in again under the new roles.</p>
        {account.roles.length === 0 ? (
          <p className="empty">{isSelf ? "You have" : `${name} has`} no admin role: a member of the organisation.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Admin roles of {name}</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Granted</th>
                <th scope="col">By</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {account.roles.map((held) => (
                <tr key={held.role}>
                  <td>{roleLabel(held.role)}</td>
                  <td>{when(held.grantedAt, timeZone)}</td>
                  <td>{held.grantedByName ?? <span className="muted">—</span>}</td>
                  <td>
                    <ActionButton
                      intent="account.removeRole"
                      label={`Remove ${roleLabel(held.role).toLowerCase()}`}
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
            <label htmlFor="role-to-assign">Assign a role</label>{" "}
            <select
              id="role-to-assign"
              value={chosenRole}
              onChange={(event) => setRoleToAssign(event.target.value as AdminRole)}
            >
              {assignable.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </select>{" "}
            <ActionButton
              intent="account.assignRole"
              label="Assign"
              decision={roleDecisions[chosenRole].assign}
              fields={{ role: chosenRole }}
            />
          </div>
        ) : null}

        <h3>Line manager</h3>
        <p>
          {profile.managerId ? (
            <>
              {profile.managerName ?? "An account"}
              {profile.managerEmail ? ` (${profile.managerEmail})` : ""}
            </>
          ) : (
            <span className="muted">No manager</span>
          )}
        </p>
        {decisions["account.setManager"].outcome === "deny" ? (
          <DisabledAction label="Change manager" sentence={decisions["account.setManager"].sentence} />
        ) : (
          <Form method="post" noValidate className="stacked-form" key={profile.managerId ?? "none"}>
            <Field
              label="Manager's email"
              name="managerEmail"
              type="email"
              autoComplete="off"
              hint="Leave empty for no manager."
              defaultValue={
                result?.intent === "account.setManager" && !result.ok
                  ? result.values.managerEmail
                  : (profile.managerEmail ?? "")
              }
              errors={errorsFor(result, "account.setManager", "managerEmail")}
            />
            <button type="submit" name="intent" value="account.setManager" className="button-small">
              Save manager
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="card">
        <div className="section-head">
          <h2 id="sessions-heading">Sessions</h2>
          <ActionButton
            intent="account.revokeSessions"
            label="Sign out everywhere"
            decision={decisions["account.revokeSessions"]}
          />
        </div>
        <Result result={result} intents={["account.revokeSessions"]} />
        {account.sessions.length === 0 ? (
          <p className="empty">Not signed in anywhere.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Where {name} is signed in</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
              </tr>
            </thead>
            <tbody>
              {account.sessions.map((session) => (
                <tr key={session.id}>
                  <td>{session.device}</td>
                  <td>{session.ipAddress ?? <span className="muted">unknown</span>}</td>
                  <td>{when(session.createdAt, timeZone)}</td>
                  <td>{when(session.lastActiveAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="factors-heading" className="card">
        <h2 id="factors-heading">Two-step verification</h2>
        <dl className="details">
          <Detail
            label="Authenticator app"
            value={factors.totp ? `On since ${when(factors.totpConfirmedAt, timeZone)}` : "Off"}
          />
          <Detail
            label="Passkeys"
            value={
              factors.passkeys.length
                ? `${factors.passkeys.length}: ${factors.passkeys.map((passkey) => passkey.name).join(", ")}`
                : "None"
            }
          />
          <Detail label="Recovery codes left" value={String(factors.recoveryCodesRemaining)} />
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
        <h2 id="apps-heading">Apps and devices</h2>
        {appsRefused !== null || account.installations === null ? (
          <p className="notice">{appsRefused}</p>
        ) : account.installations.length === 0 ? (
          <p className="empty">No app has reported an installation for this account.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">App installations of {name}</caption>
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Version</th>
                <th scope="col">OS</th>
                <th scope="col">Device</th>
                <th scope="col">Installed</th>
                <th scope="col">Last seen</th>
                <th scope="col">Uninstalled</th>
              </tr>
            </thead>
            <tbody>
              {account.installations.map((installation) => (
                <tr key={installation.id}>
                  <td>{installation.app}</td>
                  <td>{installation.appVersion}</td>
                  <td>{[installation.os, installation.osVersion].filter(Boolean).join(" ")}</td>
                  <td>{installation.deviceModel ?? <span className="muted">unknown</span>}</td>
                  <td>{when(installation.installedAt, timeZone)}</td>
                  <td>{when(installation.lastSeenAt, timeZone)}</td>
                  <td>{installation.uninstalledAt ? when(installation.uninstalledAt, timeZone) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="holds-heading" className="card">
        <h2 id="holds-heading">Legal holds and privacy locks</h2>
        {account.holds.length === 0 ? (
          <p className="empty">No legal hold covers this account.</p>
        ) : (
          <ul>
            {account.holds.map((hold) => (
              <li key={hold.id}>
                Legal hold <strong>{hold.name}</strong>
                {hold.reference ? ` (${hold.reference})` : ""}
                {hold.organisationWide ? ", on the whole organisation" : ""}, placed by{" "}
                {hold.placedByName ?? "an administrator"} on {when(hold.placedAt, timeZone)}
              </li>
            ))}
          </ul>
        )}
        {account.locks.length === 0 ? (
          <p className="empty">No setting of this account is locked.</p>
        ) : (
          <ul>
            {account.locks.map((lock) => (
              <li key={lock.id}>
                <strong>{lock.setting}</strong> locked
                {lock.organisationWide ? " for the whole organisation" : ""} by{" "}
                {lock.lockedByName ?? "an administrator"} on {when(lock.lockedAt, timeZone)}: “{lock.reason}”
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="activity-heading" className="card">
        <h2 id="activity-heading">Activity</h2>
        {account.audit.length === 0 ? (
          <p className="empty">Nothing has been recorded about this account yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">The latest audit entries about {name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">By</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {account.audit.map((entry) => (
                <tr key={entry.seq}>
                  <td>{when(entry.occurredAt, timeZone)}</td>
                  <td>{actionLabel(entry.action)}</td>
                  <td>
                    <span className={`outcome outcome-${entry.outcome}`}>{OUTCOME_LABELS[entry.outcome]}</span>
                  </td>
                  <td>{entry.actorName ?? <span className="muted">System</span>}</td>
                  <td>{entry.reason ?? entry.sentence ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link to={`/t/${tenant.slug}/audit?${new URLSearchParams({ subject: profile.email ?? name })}`}>
            Everything in the audit log about {name}
          </Link>
        </p>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.profile.displayName} · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
