// "Forgot your password?": a reset link by email. The answer is the same whether or not the email has an
// account, so the page cannot be used to find out who has one.
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requestPasswordReset } from "~/actions/authentication.server";
import { emailField } from "~/auth/fields";
import { Field } from "~/components/forms";
import { requestMetadata } from "~/context";
import { publicOrigin } from "~/config.server";
import { readForm } from "~/security/form.server";
import { localiseFieldErrors, negotiateLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const email = typeof form.email === "string" ? form.email : "";
  const parsed = z.object({ email: emailField }).safeParse({ email });
  if (!parsed.success) {
    return data(
      {
        sent: false,
        email,
        fieldErrors: localiseFieldErrors(
          z.flattenError(parsed.error).fieldErrors,
          negotiateLocale(request.headers.get("Accept-Language")),
        ),
      },
      { status: 400 },
    );
  }
  await requestPasswordReset(parsed.data.email, publicOrigin(), requestMetadata(request, context));
  return { sent: true, email: parsed.data.email, fieldErrors: {} as Record<string, string[]> };
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.forgotTitle")}</h1>
        {result?.sent ? (
          <p className="notice" role="status">
            {t("auth.forgotSent", { email: result.email })}
          </p>
        ) : (
          <Form method="post" noValidate>
            <p className="lede">{t("auth.forgotLede")}</p>
            <Field
              label={t("auth.email")}
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={result?.email ?? ""}
              errors={result?.fieldErrors.email}
              autoFocus
              required
            />
            <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
              {t("auth.emailMeLink")}
            </button>
          </Form>
        )}
        <p className="auth-alternatives">
          <Link to="/login">{t("auth.backToSignIn")}</Link>
        </p>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.resetPassword") }];
