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
import { localiseFieldErrors, localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
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

/** What the person is told once it is done: `security.done.<intent>` ("totp.begin" → done.totp.begin). */
const DONE: Record<Intent, string> = {
  "totp.begin": "security.done.totp.begin",
  "totp.confirm": "security.done.totp.confirm",
  "totp.disable": "security.done.totp.disable",
  "recovery.regenerate": "security.done.recovery.regenerate",
  "passkey.add": "security.done.passkey.add",
  "passkey.rename": "security.done.passkey.rename",
  "passkey.remove": "security.done.passkey.remove",
  "session.end": "security.done.session.end",
  "session.endOthers": "security.done.session.endOthers",
};

type Output = { recoveryCodes?: string[] | null; sessionsEnded?: number } | null;

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const form = await readForm(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const intent = field("intent");
  if (!intent || !Object.hasOwn(INTENTS, intent)) {
    return data(
      {
        intent: null,
        message: localiseMessage("That request was not understood.", locale),
        fieldErrors: {},
        target: null,
        codes: null,
      },
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
    return { intent: key, message: t(DONE[key]), fieldErrors: {} as Record<string, string[]>, target, codes };
  }
  if (result.kind === "invalid") {
    return data(
      { intent: key, message: null, fieldErrors: localiseFieldErrors(result.fieldErrors, locale), target, codes: null },
      { status: 400 },
    );
  }
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    const fieldErrors: Record<string, string[]> = result.field ? { [result.field]: [message] } : {};
    return data(
      { intent: key, message: result.field ? null : message, fieldErrors, target, codes: null },
      { status: 409 },
    );
  }
  return data(
    {
      intent: key,
      message: decisionSentence(result.decision, locale),
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
  const { t } = useT();
  return (
    <div className="recovery-codes" role="region" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading">{t("security.recoveryCodesHeading")}</h3>
      <p>
        {t("security.recoveryCodesSave")} <strong>{t("security.recoveryCodesOnce")}</strong>
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
  const { t } = useT();
  return (
    <Field
      label={t("security.currentPassword")}
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
  const { t } = useT();
  if (on) {
    return (
      <>
        <p>
          <span className="status status-active">{t("security.totpOn")}</span> {t("security.totpOnHint")}
        </p>
        <details open={result?.intent === "totp.disable"}>
          <summary>{t("security.totpDisableSummary")}</summary>
          <Form method="post" noValidate className="stacked-form">
            <Field
              label={t("security.totpCurrentCode")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              errors={errorsOf(result, ["totp.disable"], "code")}
              required
            />
            <button type="submit" name="intent" value="totp.disable" className="button-danger">
              {t("security.totpTurnOff")}
            </button>
          </Form>
        </details>
      </>
    );
  }
  if (enrolment) {
    return (
      <div className="enrolment">
        <img src={enrolment.qr} alt={t("security.totpQrAlt")} width={200} height={200} />
        <div>
          <p>{t("security.totpScan")}</p>
          <p>
            {t("security.totpCantScan")} <code className="secret">{enrolment.secret}</code>
          </p>
          <Form method="post" noValidate className="stacked-form">
            <Field
              label={t("security.totpCodeShown")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              errors={errorsOf(result, ["totp.confirm"], "code")}
              autoFocus
              required
            />
            <button type="submit" name="intent" value="totp.confirm" className="button-primary">
              {t("security.totpTurnOn")}
            </button>
          </Form>
        </div>
      </div>
    );
  }
  return (
    <Form method="post" noValidate className="stacked-form">
      <p>{t("security.totpOff")}</p>
      <CurrentPasswordField errors={errorsOf(result, ["totp.begin"], "currentPassword")} />
      <button type="submit" name="intent" value="totp.begin" className="button-primary">
        {t("security.totpSetUp")}
      </button>
    </Form>
  );
}

function AddPasskey({ result }: { result: ActionData }) {
  const { t } = useT();
  const supported = usePasskeySupport();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const serverErrors = errorsOf(result, ["passkey.add"], "name") ?? errorsOf(result, ["passkey.add"], "response");
  if (!supported) return <p className="muted">{t("security.noPasskeySupport")}</p>;
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
          setError(failure instanceof Error ? failure.message : t("security.tryAgain"));
        } finally {
          setBusy(false);
        }
      }}
    >
      <CurrentPasswordField errors={errorsOf(result, ["passkey.add"], "currentPassword")} />
      <Field
        label={t("security.newPasskeyName")}
        name="name"
        placeholder={t("security.newPasskeyPlaceholder")}
        maxLength={60}
        errors={error ? [error] : serverErrors}
        hint={t("security.newPasskeyHint")}
        required
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t("security.followPrompt") : t("security.addPasskey")}
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
  const { t, intlLocale } = useT();
  const busy = navigation.state === "submitting";
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const others = sessions.filter((session) => !session.current).length;
  return (
    <>
      <h1>{t("security.title")}</h1>
      {required ? (
        <p className="notice" role="alert">
          {t("security.adminRequired", { organisation })}
        </p>
      ) : null}
      <FormError message={result?.intent === null ? result.message : null} />
      {steppedUp && !result ? (
        <p className="notice" role="status">
          {t("security.steppedUp")}
        </p>
      ) : null}

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("security.passwordHeading")}</h2>
        <p>
          <Link to="/me/password">{t("security.changePassword")}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">{t("security.twoStepHeading")}</h2>
        <p className="lede">{t("security.twoStepLede")}</p>
        {result?.codes ? <RecoveryCodes codes={result.codes} /> : null}

        <h3>{t("security.totpHeading")}</h3>
        <Result result={result} intents={["totp.begin", "totp.confirm", "totp.disable"]} />
        <AuthenticatorApp on={factors.totp} enrolment={enrolment} result={result} />

        <h3>{t("security.passkeysHeading")}</h3>
        <p>{t("security.passkeysLede")}</p>
        <Result result={result} intents={["passkey.add", "passkey.remove"]} />
        {passkeys.length ? (
          <table className="data-table">
            <caption className="visually-hidden">{t("security.passkeysCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("security.passkeyName")}</th>
                <th scope="col">{t("security.passkeyAdded")}</th>
                <th scope="col">{t("security.passkeyLastUsed")}</th>
                <th scope="col">{t("security.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {passkeys.map((passkey) => (
                <tr key={passkey.id}>
                  <td>
                    {passkey.name}
                    {passkey.backedUp ? <span className="muted"> · {t("security.synced")}</span> : null}
                  </td>
                  <td>{when(passkey.createdAt)}</td>
                  <td>
                    {passkey.lastUsedAt ? (
                      when(passkey.lastUsedAt)
                    ) : (
                      <span className="muted">{t("security.never")}</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <details open={Boolean(errorsOf(result, ["passkey.rename"], "name", passkey.id))}>
                      <summary>{t("security.rename")}</summary>
                      <Form method="post" noValidate className="inline-form">
                        <input type="hidden" name="passkeyId" value={passkey.id} />
                        <Field
                          label={t("security.newName", { name: passkey.name })}
                          name="name"
                          defaultValue={passkey.name}
                          maxLength={60}
                          errors={errorsOf(result, ["passkey.rename"], "name", passkey.id)}
                        />
                        <button type="submit" name="intent" value="passkey.rename" className="button-small">
                          {t("security.save")}
                        </button>
                      </Form>
                    </details>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="passkeyId" value={passkey.id} />
                      <button type="submit" name="intent" value="passkey.remove" className="button-small">
                        {t("security.remove", { name: passkey.name })}
                      </button>
                    </Form>
                    <Result result={result} intents={["passkey.rename"]} target={passkey.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t("security.noPasskeys")}</p>
        )}
        <AddPasskey result={result} />

        <h3>{t("security.recoveryHeading")}</h3>
        <Result result={result} intents={["recovery.regenerate"]} />
        {factors.totp || factors.passkeys > 0 ? (
          <Form method="post">
            <p>{t("security.recoveryLeft", { remaining: factors.recoveryCodesRemaining })}</p>
            <button
              type="submit"
              name="intent"
              value="recovery.regenerate"
              className="button-secondary"
              disabled={busy}
            >
              {t("security.recoveryRegenerate")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("security.recoveryNone")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("security.sessionsHeading")}</h2>
        {/* Above the table: the row of an ended session is gone once the page reloads its data. */}
        <Result result={result} intents={["session.end", "session.endOthers"]} />
        <table className="data-table">
          <caption className="visually-hidden">{t("security.sessionsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("security.device")}</th>
              <th scope="col">{t("security.ipAddress")}</th>
              <th scope="col">{t("security.signedIn")}</th>
              <th scope="col">{t("security.lastActive")}</th>
              <th scope="col">{t("security.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-current={session.current || undefined}>
                <td>
                  {session.device}
                  {session.current ? <span className="badge">{t("security.thisDevice")}</span> : null}
                </td>
                <td>{session.ipAddress ?? <span className="muted">{t("security.unknown")}</span>}</td>
                <td>{when(session.createdAt)}</td>
                <td>{when(session.lastActiveAt)}</td>
                <td className="row-actions">
                  {session.current ? (
                    <Form method="post" action="/logout" className="inline-form">
                      <button type="submit" className="button-small">
                        {t("security.signOut")}
                      </button>
                    </Form>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" name="intent" value="session.end" className="button-small">
                        {t("security.endSession")}
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
              {t("security.endOthers", { others })}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("security.activityHeading")}</h2>
        {activity.length === 0 ? (
          <p className="muted">{t("security.activityEmpty")}</p>
        ) : (
          <ActivityTable entries={activity} timeZone={timeZone} checkpointAt={checkpointAt} />
        )}
        <p>
          <Link to="/me/activity">{t("security.allActivity")}</Link>
        </p>
      </section>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction = ({ matches }) => {
  return [{ title: metaTranslator(matches)("security.pageTitle") }];
};
