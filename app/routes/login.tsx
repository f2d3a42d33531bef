import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { signInWithPassword } from "~/actions/authentication.server";
import { retryAfterHeader } from "~/auth/throttle.server";
import { emailField } from "~/auth/fields";
import { getPrincipal, homePath } from "~/auth/principal.server";
import { PENDING_SIGN_IN_TTL_MS, pendingSignIn } from "~/auth/sealed-cookie.server";
import { readSessionToken, sessionCookieHeader } from "~/auth/session.server";
import { Field, FormError, type FieldErrors } from "~/components/forms";
import { PasskeyButton } from "~/components/passkeys";
import { requestMetadata } from "~/context";
import { redirectProblem, safeRedirectPath } from "~/security/redirect";
import { readForm } from "~/security/form.server";
import { localiseFieldErrors, localiseMessage, lockedIn, negotiateLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";

const signInSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(1024, "That password is too long."),
  redirectTo: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const target = url.searchParams.get("redirectTo");
  const principal = await getPrincipal(request);
  if (principal) throw redirect(safeRedirectPath(target, homePath(principal)));
  // A link that would send the person to another site after signing in is not followed; they are told.
  const refused = redirectProblem(target, requestMetadata(request, context));
  return {
    redirectTo: refused ? null : target,
    notice: refused,
    reset: url.searchParams.get("reset") === "done",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const submitted = Object.fromEntries(
    ["email", "password", "redirectTo"].flatMap((key) => {
      const value = form.get(key);
      return typeof value === "string" ? [[key, value]] : [];
    }),
  );
  const values = { email: typeof submitted.email === "string" ? submitted.email : "" };
  // Before sign-in, the browser's language.
  const locale = negotiateLocale(request.headers.get("Accept-Language"));
  const parsed = signInSchema.safeParse(submitted);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = localiseFieldErrors(z.flattenError(parsed.error).fieldErrors, locale);
    return data({ fieldErrors, formError: null, values }, { status: 400 });
  }
  const redirectTo = parsed.data.redirectTo ? safeRedirectPath(parsed.data.redirectTo, "") || null : null;
  const result = await signInWithPassword(
    { email: parsed.data.email, password: parsed.data.password, redirectTo },
    requestMetadata(request, context),
    readSessionToken(request),
  );
  if (result.kind === "refused") {
    const init = result.retryAt ? { status: 429, headers: retryAfterHeader(result.retryAt) } : { status: 400 };
    const message =
      result.retryAt && locale !== "en" ? lockedIn(result.retryAt, locale) : localiseMessage(result.message, locale);
    return data({ fieldErrors: {} as FieldErrors, formError: message, values }, init);
  }
  if (result.kind === "second_factor") {
    throw redirect("/login/verify", {
      headers: { "Set-Cookie": pendingSignIn.set(request, result.pending, PENDING_SIGN_IN_TTL_MS) },
    });
  }
  const target = result.mustChangePassword ? "/me/password" : safeRedirectPath(redirectTo, result.home);
  throw redirect(target, { headers: { "Set-Cookie": sessionCookieHeader(result.token, request) } });
}

export default function LoginPage() {
  const { redirectTo, notice, reset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  const { t } = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>
          <span aria-hidden="true" className="brand-mark">
            ◇
          </span>{" "}
          {t("auth.signInTitle")}
        </h1>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {reset ? (
          <p className="notice" role="status">
            {t("auth.resetDone")}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <FormError message={actionData?.formError} />
          <Field
            label={t("auth.email")}
            name="email"
            type="email"
            autoComplete="username webauthn"
            defaultValue={actionData?.values.email ?? ""}
            errors={actionData?.fieldErrors.email}
            autoFocus
            required
          />
          <Field
            label={t("auth.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            errors={actionData?.fieldErrors.password}
            required
          />
          <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t("auth.signingIn") : t("auth.signIn")}
          </button>
        </Form>
        <div className="auth-alternatives">
          <PasskeyButton purpose="sign-in" label={t("auth.passkeySignIn")} redirectTo={redirectTo} />
          <p>
            <Link to="/forgot-password">{t("auth.forgot")}</Link>
          </p>
        </div>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.signIn") }];
