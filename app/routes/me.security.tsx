// My account → Security: two-step verification (authenticator app, passkeys, recovery codes), where I am
// signed in, and what happened to my account lately. Every change is an action (app/actions/
// self-security.server.ts): decided, recorded in my activity, and emailed to me where an attacker would
// rather I did not notice.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useRef, useState } from "react";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { loadFactorSummary } from "~/auth/factors.server";
import { requirePrincipal } from "~/auth/principal.server";
import { resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { listSessions } from "~/auth/security-overview.server";
import { listMyActivity, shownEntries } from "~/me/activity.server";
import { pendingTotpSecret, totpQrSvg, totpUri } from "~/auth/totp.server";
import { listPasskeys, relyingParty } from "~/auth/webauthn.server";
import { ActivityTable } from "~/components/activity-table";
import { Field, FormError } from "~/components/forms";
import { createPasskey, usePasskeySupport } from "~/components/passkeys";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { readForm } from "~/security/form.server";

/** The latest entries the page shows; Activity has them all. */
const RECENT_ACTIVITY = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const ref = { tenantId: principal.tenantId, accountId: principal.accountId };
  const { factors, pendingSecret, passkeys, sessions, activity } = await tenantScope(
    principal.tenantId,
    async (tx) => ({
      factors: await loadFactorSummary(tx, ref),
      pendingSecret: await pendingTotpSecret(tx, ref),
      passkeys: await listPasskeys(tx, ref),
      sessions: await listSessions(tx, ref, principal.sessionHash),
      activity: await listMyActivity(tx, ref, {}, { limit: RECENT_ACTIVITY, timeZone: principal.timeZone }),
    }),
  );
  let enrolment: { secret: string; qr: string } | null = null;
  if (pendingSecret && !factors.totp) {
    const svg = await totpQrSvg(totpUri(pendingSecret, principal.email));
    enrolment = { secret: pendingSecret, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
  }
  const url = new URL(request.url);
  const required = url.searchParams.get("required") === "admin-mfa";
  const resumed = resumedInput(request, principal.accountId);
  return {
    accountId: principal.accountId,
    timeZone: principal.timeZone,
    organisation: principal.tenantName,
    required: required && !factors.totp && factors.passkeys === 0,
    factors,
    enrolment,
    passkeys: passkeys.map((passkey) => ({
      ...passkey,
      createdAt: passkey.createdAt.toISOString(),
      lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    })),
    sessions: sessions.map((session) => ({
      ...session,
      createdAt: session.createdAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
    })),
    activity: shownEntries(activity),
    checkpointAt: activity.checkpoint?.signedAt.toISOString() ?? null,
    /** Back from confirming a second factor for this intent: the person presses the button again. */
    steppedUp: resumed?.fields.intent ?? null,
  };
}

const INTENTS = {
  "totp.begin": "self.enrolTotp",
  "totp.confirm": "self.enrolTotp",
  "totp.disable": "self.disableTotp",
  "recovery.regenerate": "self.regenerateRecoveryCodes",
  "passkey.add": "self.addPasskey",
  "passkey.rename": "self.renamePasskey",
  "passkey.remove": "self.removePasskey",
  "session.end": "self.endSession",
  "session.endOthers": "self.endOtherSessions",
} as const;
type Intent = keyof typeof INTENTS;

const DONE: Record<Intent, string> = {
  "totp.begin": "Scan the code with your authenticator app, then enter the code it shows.",
  "totp.confirm": "Your authenticator app is set up. You will be asked for a code when you sign in.",
  "totp.disable": "Your authenticator app has been turned off.",
  "recovery.regenerate": "New recovery codes made. The old ones no longer work.",
  "passkey.add": "Passkey added. You can sign in with it from now on.",
  "passkey.rename": "Passkey renamed.",
  "passkey.remove": "Passkey removed.",
  "session.end": "That session has ended.",
  "session.endOthers": "Every other session has ended.",
};

type Output = { recoveryCodes?: string[] | null; sessionsEnded?: number } | null;

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const form = await readForm(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const intent = field("intent");
  if (!intent || !Object.hasOwn(INTENTS, intent)) {
    return data(
      { intent: null, message: "That request was not understood.", fieldErrors: {}, target: null, codes: null },
      { status: 400 },
    );
  }
  const key = intent as Intent;
  const accountId = principal.accountId;
  const inputs: Record<Intent, Record<string, unknown>> = {
    "totp.begin": { accountId, step: "begin", currentPassword: field("currentPassword") },
    "totp.confirm": { accountId, step: "confirm", code: field("code") },
    "totp.disable": { accountId, code: field("code") },
    "recovery.regenerate": { accountId },
    "passkey.add": {
      accountId,
      name: field("name"),
      response: field("response"),
      currentPassword: field("currentPassword"),
      relyingParty: relyingParty(request),
      email: principal.email,
      displayName: principal.displayName,
    },
    "passkey.rename": { accountId, passkeyId: field("passkeyId"), name: field("name") },
    "passkey.remove": { accountId, passkeyId: field("passkeyId") },
    "session.end": { accountId, sessionId: field("sessionId"), currentSessionId: principal.sessionHash },
    "session.endOthers": { accountId, currentSessionId: principal.sessionHash },
  };
  // Which row the answer belongs to, so the message and errors appear next to it.
  const target = field("passkeyId") ?? field("sessionId") ?? null;
  const result = await performAction<Output>(memberActor(principal, request, context), INTENTS[key], inputs[key]);
  // Removing a passkey or replacing recovery codes needs a fresh second factor: confirm one, come back.
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, principal.accountId, { intent: key });
  if (result.ok) {
    const codes = result.output?.recoveryCodes ?? null;
    return { intent: key, message: DONE[key], fieldErrors: {} as Record<string, string[]>, target, codes };
  }
  if (result.kind === "invalid") {
    return data({ intent: key, message: null, fieldErrors: result.fieldErrors, target, codes: null }, { status: 400 });
  }
  if (result.kind === "failed") {
    const fieldErrors: Record<string, string[]> = result.field ? { [result.field]: [result.message] } : {};
    return data(
      { intent: key, message: result.field ? null : result.message, fieldErrors, target, codes: null },
      { status: 409 },
    );
  }
  return data(
    {
      intent: key,
      message: result.decision.sentence,
      fieldErrors: {} as Record<string, string[]>,
      target,
      codes: null,
    },
    { status: 403 },
  );
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function Result({ result, intents, target }: { result: ActionData; intents: Intent[]; target?: string }) {
  if (!result?.message || !result.intent || !intents.includes(result.intent)) return null;
  if (target !== undefined && result.target !== target) return null;
  return (
    <p className="notice" role="status">
      {result.message}
    </p>
  );
}

function errorsOf(result: ActionData, intents: Intent[], name: string, target?: string): string[] | undefined {
  if (!result?.intent || !intents.includes(result.intent)) return undefined;
  if (target !== undefined && result.target !== target) return undefined;
  return result.fieldErrors[name];
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="recovery-codes" role="region" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading">Your recovery codes</h3>
      <p>
        Save these somewhere safe, such as a password manager. Each works once in place of your authenticator app or
        passkey. <strong>They will not be shown again.</strong>
      </p>
      <ol className="code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Adding a way to sign in asks for the password first: an open session alone must not be able to. */
function CurrentPasswordField({ errors }: { errors?: string[] }) {
  return (
    <Field
      label="Your current password"
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      errors={errors}
      required
    />
  );
}

function AuthenticatorApp({
  on,
  enrolment,
  result,
}: {
  on: boolean;
  enrolment: { secret: string; qr: string } | null;
  result: ActionData;
}) {
  if (on) {
    return (
      <>
        <p>
          <span className="status status-active">On</span> You are asked for a code from your app when you sign in.
        </p>
        <details open={result?.intent === "totp.disable"}>
          <summary>Turn off the authenticator app</summary>
          <Form method="post" noValidate className="stacked-form">
            <Field
              label="A current code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              errors={errorsOf(result, ["totp.disable"], "code")}
              required
            />
            <button type="submit" name="intent" value="totp.disable" className="button-danger">
              Turn off
            </button>
          </Form>
        </details>
      </>
    );
  }
  if (enrolment) {
    return (
      <div className="enrolment">
        <img src={enrolment.qr} alt="QR code to scan with your authenticator app" width={200} height={200} />
        <div>
          <p>
            Scan this with an authenticator app (such as 1Password, Google Authenticator or Microsoft Authenticator).
          </p>
          <p>
            Can’t scan? Enter this key instead: <code className="secret">{enrolment.secret}</code>
          </p>
          <Form method="post" noValidate className="stacked-form">
            <Field
              label="Code shown by the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              errors={errorsOf(result, ["totp.confirm"], "code")}
              autoFocus
              required
            />
            <button type="submit" name="intent" value="totp.confirm" className="button-primary">
              Turn on
            </button>
          </Form>
        </div>
      </div>
    );
  }
  return (
    <Form method="post" noValidate className="stacked-form">
      <p>Off. An app on your phone gives you a new 6-digit code every 30 seconds.</p>
      <CurrentPasswordField errors={errorsOf(result, ["totp.begin"], "currentPassword")} />
      <button type="submit" name="intent" value="totp.begin" className="button-primary">
        Set up an authenticator app
      </button>
    </Form>
  );
}

function AddPasskey({ result }: { result: ActionData }) {
  const supported = usePasskeySupport();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const serverErrors = errorsOf(result, ["passkey.add"], "name") ?? errorsOf(result, ["passkey.add"], "response");
  if (!supported) return <p className="muted">This browser cannot create passkeys.</p>;
  return (
    <Form
      method="post"
      ref={formRef}
      noValidate
      className="stacked-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = formRef.current!;
        setError(null);
        setBusy(true);
        try {
          const response = await createPasskey();
          const data = new FormData(form);
          data.set("intent", "passkey.add");
          data.set("response", response);
          submit(data, { method: "post" });
        } catch (failure) {
          setError(failure instanceof Error ? failure.message : "Try again.");
        } finally {
          setBusy(false);
        }
      }}
    >
      <CurrentPasswordField errors={errorsOf(result, ["passkey.add"], "currentPassword")} />
      <Field
        label="Name for the new passkey"
        name="name"
        placeholder="Work laptop"
        maxLength={60}
        errors={error ? [error] : serverErrors}
        hint="So you can tell your passkeys apart later."
        required
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? "Follow your browser’s prompt…" : "Add a passkey"}
      </button>
    </Form>
  );
}

export default function SecurityPage() {
  const {
    timeZone,
    organisation,
    required,
    factors,
    enrolment,
    passkeys,
    sessions,
    activity,
    checkpointAt,
    steppedUp,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const when = (iso: string) => formatDateTime(iso, timeZone);
  const others = sessions.filter((session) => !session.current).length;
  return (
    <>
      <h1>Security</h1>
      {required ? (
        <p className="notice" role="alert">
          {organisation} requires every admin to use two-step verification. Set up an authenticator app or a passkey to
          open the admin console.
        </p>
      ) : null}
      <FormError message={result?.intent === null ? result.message : null} />
      {steppedUp && !result ? (
        <p className="notice" role="status">
          Second factor confirmed. You can now remove a passkey or make new recovery codes.
        </p>
      ) : null}

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <p>
          <Link to="/me/password">Change your password</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">Two-step verification</h2>
        <p className="lede">
          After your password, Glasshouse asks for a second proof that it is you: a code from an authenticator app, or a
          passkey.
        </p>
        {result?.codes ? <RecoveryCodes codes={result.codes} /> : null}

        <h3>Authenticator app</h3>
        <Result result={result} intents={["totp.begin", "totp.confirm", "totp.disable"]} />
        <AuthenticatorApp on={factors.totp} enrolment={enrolment} result={result} />

        <h3>Passkeys</h3>
        <p>A passkey signs you in with your device’s fingerprint, face or screen lock, with no password to type.</p>
        <Result result={result} intents={["passkey.add", "passkey.remove"]} />
        {passkeys.length ? (
          <table className="data-table">
            <caption className="visually-hidden">Your passkeys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Added</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {passkeys.map((passkey) => (
                <tr key={passkey.id}>
                  <td>
                    {passkey.name}
                    {passkey.backedUp ? <span className="muted"> · synced</span> : null}
                  </td>
                  <td>{when(passkey.createdAt)}</td>
                  <td>{passkey.lastUsedAt ? when(passkey.lastUsedAt) : <span className="muted">Never</span>}</td>
                  <td className="row-actions">
                    <details open={Boolean(errorsOf(result, ["passkey.rename"], "name", passkey.id))}>
                      <summary>Rename</summary>
                      <Form method="post" noValidate className="inline-form">
                        <input type="hidden" name="passkeyId" value={passkey.id} />
                        <Field
                          label={`New name for ${passkey.name}`}
                          name="name"
                          defaultValue={passkey.name}
                          maxLength={60}
                          errors={errorsOf(result, ["passkey.rename"], "name", passkey.id)}
                        />
                        <button type="submit" name="intent" value="passkey.rename" className="button-small">
                          Save
                        </button>
                      </Form>
                    </details>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="passkeyId" value={passkey.id} />
                      <button type="submit" name="intent" value="passkey.remove" className="button-small">
                        Remove {passkey.name}
                      </button>
                    </Form>
                    <Result result={result} intents={["passkey.rename"]} target={passkey.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No passkeys yet.</p>
        )}
        <AddPasskey result={result} />

        <h3>Recovery codes</h3>
        <Result result={result} intents={["recovery.regenerate"]} />
        {factors.totp || factors.passkeys > 0 ? (
          <Form method="post">
            <p>{factors.recoveryCodesRemaining} of 10 left. Use one when you have neither your app nor your passkey.</p>
            <button
              type="submit"
              name="intent"
              value="recovery.regenerate"
              className="button-secondary"
              disabled={busy}
            >
              Make new recovery codes
            </button>
          </Form>
        ) : (
          <p className="muted">You get 10 recovery codes when you set up an authenticator app or a passkey.</p>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        {/* Above the table: the row of an ended session is gone once the page reloads its data. */}
        <Result result={result} intents={["session.end", "session.endOthers"]} />
        <table className="data-table">
          <caption className="visually-hidden">Your active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-current={session.current || undefined}>
                <td>
                  {session.device}
                  {session.current ? <span className="badge">This device</span> : null}
                </td>
                <td>{session.ipAddress ?? <span className="muted">Unknown</span>}</td>
                <td>{when(session.createdAt)}</td>
                <td>{when(session.lastActiveAt)}</td>
                <td className="row-actions">
                  {session.current ? (
                    <Form method="post" action="/logout" className="inline-form">
                      <button type="submit" className="button-small">
                        Sign out
                      </button>
                    </Form>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" name="intent" value="session.end" className="button-small">
                        End session
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {others > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="session.endOthers" className="button-secondary">
              End all other sessions ({others})
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity on your account</h2>
        {activity.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ActivityTable entries={activity} timeZone={timeZone} checkpointAt={checkpointAt} />
        )}
        <p>
          <Link to="/me/activity">All activity, with filters and a download →</Link>
        </p>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Security · My account · Glasshouse" }];
