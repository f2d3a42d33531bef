// The page a reset link opens: choose a new password. The link works once, for 30 minutes; using it ends
// every session of the account.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { checkResetToken, resetPasswordWithToken } from "~/actions/authentication.server";
import { newPasswordField } from "~/auth/password-policy.server";
import { FormError } from "~/components/forms";
import { NewPasswordFields } from "~/components/password-fields";
import { requestMetadata } from "~/context";
import { readForm } from "~/security/form.server";
import { localiseFieldErrors, negotiateLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";

const resetSchema = z
  .object({ password: newPasswordField, confirmPassword: z.string({ error: "Type the new password again." }) })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await checkResetToken(params.token ?? "");
  return state.ok
    ? { valid: true as const, email: state.email, problem: null }
    : { valid: false as const, email: null, problem: state.message };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const parsed = resetSchema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        fieldErrors: localiseFieldErrors(
          z.flattenError(parsed.error).fieldErrors,
          negotiateLocale(request.headers.get("Accept-Language")),
        ),
        formError: null,
      },
      { status: 400 },
    );
  }
  const result = await resetPasswordWithToken(
    params.token ?? "",
    parsed.data.password,
    requestMetadata(request, context),
  );
  if (result.ok) throw redirect("/login?reset=done");
  if (result.field) {
    const fieldErrors: Record<string, string[]> = { [result.field]: [result.message] };
    return data({ fieldErrors, formError: null }, { status: 400 });
  }
  return data({ fieldErrors: {} as Record<string, string[]>, formError: result.message }, { status: 410 });
}

export default function ResetPasswordPage() {
  const { valid, email, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.chooseNewPassword")}</h1>
        {!valid ? (
          <>
            <p className="form-error" role="alert">
              {problem}
            </p>
            <p>
              <Link to="/forgot-password">{t("auth.askNewLink")}</Link>
            </p>
          </>
        ) : (
          <Form method="post" noValidate>
            <FormError message={result?.formError} />
            <input type="hidden" name="username" autoComplete="username" value={email ?? ""} readOnly />
            <NewPasswordFields name="password" hint={t("auth.resetHint")} errors={result?.fieldErrors} autoFocus />
            <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
              {t("auth.setNewPassword")}
            </button>
          </Form>
        )}
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.newPassword") }];
