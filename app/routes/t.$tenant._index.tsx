import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { decodeCursor, listAccounts } from "~/accounts/directory.server";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ActionButton, ReasonDialog, type ReasonIntent } from "~/components/account-actions";
import { publicOrigin } from "~/config.server";
import { loadAccountResources } from "~/actions/resources.server";
import { tenantScope } from "~/db.server";
import { roleLabel, statusLabel } from "~/format";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
import { readForm } from "~/security/form.server";

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

const accountsQuerySchema = z.object({
  // Control characters (PostgreSQL refuses NUL in text) are dropped; an over-long search is cut, not refused.
  q: z
    .string()
    .transform((text) => text.replace(CONTROL_CHARACTERS, "").trim().slice(0, 200))
    .optional(),
  after: z.string().optional(),
  before: z.string().optional(),
});

const rowActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("account.suspend"), accountId: z.string(), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.resetMfa"), accountId: z.string(), reason: z.string().default("") }),
  z.object({
    intent: z.literal("account.resetPassword"),
    accountId: z.string(),
    reason: z.string().default(""),
    method: z.string().default(""),
  }),
  z.object({ intent: z.literal("account.unsuspend"), accountId: z.string() }),
  z.object({ intent: z.literal("account.terminate"), accountId: z.string(), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.restore"), accountId: z.string() }),
  z.object({ intent: z.literal("account.revokeSessions"), accountId: z.string() }),
]);

const ROW_ACTIONS = [
  "suspend",
  "unsuspend",
  "revokeSessions",
  "resetMfa",
  "resetPassword",
  "terminate",
  "restore",
] as const;
type RowDecisions = Record<(typeof ROW_ACTIONS)[number], Pick<Decision, "outcome" | "sentence">>;

/** The dialogs that ask for a reason, and what the admin typed in one before a step-up sent them away. */
const resumeSchema = z.object({
  intent: z.enum(["account.suspend", "account.resetMfa", "account.resetPassword", "account.terminate"]),
  accountId: z.string(),
  reason: z.string().max(1000).default(""),
  method: z.string().max(20).optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, actor } = await requireTenantActor(request, params.tenant, context);
  const url = new URL(request.url);
  const query = accountsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const after = query.after ? decodeCursor(query.after) : null;
  const before = query.before ? decodeCursor(query.before) : null;
  const badCursor = Boolean((query.after && !after) || (query.before && !before));
  const { page, resources, tenantPolicies } = await tenantScope(tenant.id, async (tx) => {
    const page = await listAccounts(tx, tenant.id, {
      search: query.q,
      after: badCursor ? undefined : (after ?? undefined),
      before: badCursor ? undefined : (before ?? undefined),
    });
    const ids = page.rows.map((row) => row.id);
    return {
      page,
      resources: await loadAccountResources(tx, tenant.id, ids),
      tenantPolicies: await loadTenantPolicies(tx, tenant.id),
    };
  });
  // One batch of decisions for everything the page offers; refused actions are shown disabled, with why.
  const kinds = ROW_ACTIONS;
  const decisions = decideForUi(
    actor,
    resources.flatMap((resource) => kinds.map((kind) => ({ action: `account.${kind}` as const, resource }))),
    tenantPolicies,
  );
  const byAccount: Record<string, RowDecisions> = {};
  resources.forEach((resource, index) => {
    const row = {} as RowDecisions;
    kinds.forEach((kind, offset) => {
      const { outcome, sentence } = decisions[index * kinds.length + offset]!;
      row[kind] = { outcome, sentence };
    });
    byAccount[resource.id] = row;
  });
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (resumeSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      decisions: byAccount,
      /** Matter names of the active legal holds covering each account on the page: flagged in the list. */
      holds: Object.fromEntries(resources.map((resource) => [resource.id, resource.holds.map((hold) => hold.name)])),
      search: query.q ?? "",
      page,
      notice: badCursor ? "That page link is not valid any more, so you are back on the first page." : null,
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireTenantActor(request, params.tenant, context);
  const formData = await readForm(request);
  const form = Object.fromEntries(formData);
  const parsed = rowActionSchema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        intent: null,
        accountId: null,
        message: "That request was not understood.",
        fieldErrors: {} as Record<string, string[]>,
        reason: undefined,
        method: undefined,
      },
      { status: 400 },
    );
  }
  const { intent, ...fields } = parsed.data;
  const reason = "reason" in fields ? fields.reason : undefined;
  const method = "method" in fields ? fields.method : undefined;
  // The reset link in the email points at the console's public origin.
  const input = intent === "account.resetPassword" ? { ...fields, origin: publicOrigin() } : fields;
  const result = await performAction<{
    sessionsEnded?: number;
    temporaryPassword?: string | null;
  } | null>(actor, intent, input);
  // Refused only for want of a fresh second factor: confirm one, then come back with the dialog as typed.
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  if (result.ok) {
    const ended = result.output?.sessionsEnded;
    const done: Record<typeof intent, string> = {
      "account.suspend": `Suspended. ${ended ?? 0} session(s) ended; the person has been emailed.`,
      "account.resetPassword": result.output?.temporaryPassword
        ? `Password reset. Temporary password, shown only now: ${result.output.temporaryPassword} — they must change it when they sign in. ${ended ?? 0} session(s) ended.`
        : `Password reset. A single-use link valid for 30 minutes has been emailed. ${ended ?? 0} session(s) ended.`,
      "account.resetMfa":
        "Two-step verification reset. The person signs in with their password and sets it up again; they have been emailed.",
      "account.unsuspend": "Unsuspended. The person can sign in again and has been emailed.",
      "account.terminate": `Terminated. ${ended ?? 0} session(s) ended; the account will be erased after the grace period unless restored. The person has been emailed.`,
      "account.restore": "Restored. The person can sign in again and has been emailed.",
      "account.revokeSessions": `Signed out everywhere: ${ended ?? 0} session(s) ended.`,
    };
    return {
      intent,
      accountId: input.accountId,
      message: done[intent],
      fieldErrors: {} as Record<string, string[]>,
      reason,
      method,
    };
  }
  if (result.kind === "invalid") {
    return data(
      { intent, accountId: input.accountId, message: null, fieldErrors: result.fieldErrors, reason, method },
      { status: 400 },
    );
  }
  // A failure about one field (a reset link for an account with no email) goes next to that field.
  const failure = result.kind === "failed" ? result : null;
  const fieldErrors: Record<string, string[]> = failure?.field ? { [failure.field]: [failure.message] } : {};
  const message = failure
    ? failure.field
      ? null
      : failure.message
    : "decision" in result
      ? result.decision.sentence
      : null;
  return data(
    { intent, accountId: input.accountId, message, fieldErrors, reason, method },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

function factorsLabel(factors: { totp: boolean; passkeys: number }): string | null {
  const parts = [
    factors.totp ? "Authenticator app" : null,
    factors.passkeys ? `${factors.passkeys} passkey${factors.passkeys === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

export default function AccountsPage() {
  const { tenant, search, page, notice, decisions, resume, holds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === `/t/${tenant.slug}/`;
  // Errors and typed text go back to the dialog they came from; so does input kept across a step-up.
  const dialogState = (intent: ReasonIntent, accountId: string) => {
    if (result?.accountId === accountId && result.intent === intent) {
      return {
        errors: result.fieldErrors.reason,
        methodErrors: result.fieldErrors.method,
        typedReason: result.reason,
        typedMethod: result.method,
      };
    }
    if (resume?.accountId === accountId && resume.intent === intent) {
      return { typedReason: resume.reason, typedMethod: resume.method, reopen: true };
    }
    return {};
  };
  const pageLink = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams();
    if (search) params.set("q", search);
    params.set(key, cursor);
    return `?${params}`;
  };
  return (
    <>
      <h1>{tenant.name}</h1>
      <section aria-labelledby="accounts-heading">
        <div className="section-head">
          <h2 id="accounts-heading">Accounts</h2>
          <Form method="get" role="search" className="search-form">
            <label htmlFor="account-search" className="visually-hidden">
              Search accounts by name or email
            </label>
            <input
              id="account-search"
              type="search"
              name="q"
              defaultValue={search}
              placeholder="Search by name or email"
              maxLength={200}
            />
            <button type="submit">{searching ? "Searching…" : "Search"}</button>
          </Form>
        </div>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {page.rows.length === 0 ? (
          <p className="empty">
            {search ? `No accounts match “${search}”.` : "This organisation has no accounts yet."}
          </p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">
              Accounts{search ? ` matching “${search}”` : ""}, sorted by name
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Roles</th>
                <th scope="col">Two-step</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((account) => (
                <tr key={account.id}>
                  <td>
                    <Link to={`/t/${tenant.slug}/accounts/${account.id}`}>{account.displayName}</Link>
                  </td>
                  <td>{account.email ?? <span className="muted">Erased</span>}</td>
                  <td>
                    <span className={`status status-${account.status}`}>{statusLabel(account.status)}</span>
                    {holds[account.id]?.length ? (
                      <span className="badge" title={`Under legal hold: ${holds[account.id]!.join(", ")}`}>
                        Legal hold
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {account.roles.length ? account.roles.map(roleLabel).join(", ") : <span className="muted">—</span>}
                  </td>
                  <td>{factorsLabel(account.factors) ?? <span className="muted">Off</span>}</td>
                  <td className="row-actions">
                    {decisions[account.id] ? (
                      <>
                        {account.status === "terminated" ? (
                          <ActionButton
                            fields={{ accountId: account.id }}
                            intent="account.restore"
                            label="Restore"
                            decision={decisions[account.id]!.restore}
                          />
                        ) : (
                          <>
                            {account.status === "suspended" ? (
                              <ActionButton
                                fields={{ accountId: account.id }}
                                intent="account.unsuspend"
                                label="Unsuspend"
                                decision={decisions[account.id]!.unsuspend}
                              />
                            ) : (
                              <ReasonDialog
                                intent="account.suspend"
                                fields={{ accountId: account.id }}
                                name={account.displayName}
                                decision={decisions[account.id]!.suspend}
                                {...dialogState("account.suspend", account.id)}
                              />
                            )}
                            <ReasonDialog
                              intent="account.resetPassword"
                              fields={{ accountId: account.id }}
                              name={account.displayName}
                              decision={decisions[account.id]!.resetPassword}
                              {...dialogState("account.resetPassword", account.id)}
                            />
                            {factorsLabel(account.factors) ? (
                              <ReasonDialog
                                intent="account.resetMfa"
                                fields={{ accountId: account.id }}
                                name={account.displayName}
                                decision={decisions[account.id]!.resetMfa}
                                {...dialogState("account.resetMfa", account.id)}
                              />
                            ) : null}
                            <ActionButton
                              fields={{ accountId: account.id }}
                              intent="account.revokeSessions"
                              label="Sign out everywhere"
                              decision={decisions[account.id]!.revokeSessions}
                            />
                            <ReasonDialog
                              intent="account.terminate"
                              fields={{ accountId: account.id }}
                              name={account.displayName}
                              decision={decisions[account.id]!.terminate}
                              {...dialogState("account.terminate", account.id)}
                            />
                          </>
                        )}
                      </>
                    ) : null}
                    {result?.accountId === account.id && result.message ? (
                      <p role="status" className="row-result">
                        {result.message}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label="Pages" className="pager">
          {page.previous ? (
            <Link to={pageLink("before", page.previous)} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link to={pageLink("after", page.next)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Accounts · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
