// Change my password: the current one, then the new one twice. Also where a person lands, before anything
// else, when an admin has reset their password ("must change at next sign-in").
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { homePath, requirePrincipal } from "~/auth/principal.server";
import { sessionCookieHeader } from "~/auth/session.server";
import { Field, FormError } from "~/components/forms";
import { NewPasswordFields } from "~/components/password-fields";
import { readForm } from "~/security/form.server";
import { localiseFieldErrors, localiseMessage, toLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request, { allowPendingPasswordChange: true });
  return { required: principal.mustChangePassword, email: principal.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request, { allowPendingPasswordChange: true });
  const form = await readForm(request);
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  const result = await performAction<{ otherSessionsEnded: number; sessionToken: string | null }>(
    memberActor(principal, request, context),
    "self.changePassword",
    {
      accountId: principal.accountId,
      currentPassword: text("currentPassword"),
      newPassword: text("newPassword"),
      confirmPassword: text("confirmPassword"),
      currentSessionId: principal.sessionHash,
    },
  );
  if (result.ok) {
    const ended = result.output.otherSessionsEnded;
    const target = principal.mustChangePassword ? homePath(principal) : `/me/security?password=changed&ended=${ended}`;
    const token = result.output.sessionToken;
    throw redirect(target, token ? { headers: { "Set-Cookie": sessionCookieHeader(token, request) } } : undefined);
  }
  const locale = toLocale(principal.locale);
  if (result.kind === "invalid") {
    return data({ fieldErrors: localiseFieldErrors(result.fieldErrors, locale), formError: null }, { status: 400 });
  }
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    const fieldErrors: Record<string, string[]> = result.field ? { [result.field]: [message] } : {};
    return data({ fieldErrors, formError: result.field ? null : message }, { status: 409 });
  }
  return data(
    { fieldErrors: {} as Record<string, string[]>, formError: decisionSentence(result.decision, locale) },
    { status: 403 },
  );
}

export default function ChangePasswordPage() {
  const { required, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  return (
    <>
      <h1>{required ? t("auth.chooseNewPassword") : t("auth.changePassword")}</h1>
      {required ? (
        <p className="notice" role="status">
          {t("auth.adminReset")}
        </p>
      ) : null}
      <section className="card">
        <Form method="post" noValidate className="stacked-form">
          <FormError message={result?.formError} />
          <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
          <Field
            label={t("auth.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            errors={result?.fieldErrors.currentPassword}
            required
          />
          <NewPasswordFields name="newPassword" hint={t("auth.strongHint")} errors={result?.fieldErrors} />
          <p className="muted">{t("auth.otherSessionsEnd")}</p>
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            {t("auth.changePasswordButton")}
          </button>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.changePassword") }];
