// The second step of signing in: the password was right, now a second factor (an authenticator code, a
// passkey, or a recovery code). The pending sign-in lives in a sealed cookie for five minutes.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { completeSignIn } from "~/actions/authentication.server";
import { checkSubmittedCode } from "~/auth/factor-form.server";
import { loadFactorSummary } from "~/auth/factors.server";
import { pendingSignIn } from "~/auth/sealed-cookie.server";
import { readSessionToken, sessionCookieHeader } from "~/auth/session.server";
import { SecondFactorForms } from "~/components/second-factor";
import { requestMetadata } from "~/context";
import { tenantScope } from "~/db.server";
import { safeRedirectPath } from "~/security/redirect";
import { readForm } from "~/security/form.server";
import { negotiateLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = pendingSignIn.read(request);
  if (!pending) throw redirect("/login");
  const factors = await tenantScope(pending.tenantId, (tx) => loadFactorSummary(tx, pending));
  return { email: pending.email, factors };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = pendingSignIn.read(request);
  if (!pending) throw redirect("/login");
  const meta = requestMetadata(request, context);
  // Not signed in yet: the browser's language.
  const locale = negotiateLocale(request.headers.get("Accept-Language"));
  const checked = await checkSubmittedCode(await readForm(request), pending, meta, "sign-in", locale);
  if (!checked.ok) return checked.answer;
  const method = checked.factor === "totp" ? "password+totp" : "password+recovery";
  const result = await completeSignIn(pending, method, meta, readSessionToken(request));
  if (result.kind === "refused") {
    return data({ intent: checked.factor, fieldErrors: { code: [result.message] } }, { status: 403 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookieHeader(result.token, request));
  headers.append("Set-Cookie", pendingSignIn.clear(request));
  const target = result.mustChangePassword ? "/me/password" : safeRedirectPath(pending.redirectTo, result.home);
  throw redirect(target, { headers });
}

export default function VerifyPage() {
  const { email, factors } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.confirmTitle")}</h1>
        <p className="lede">
          {t("auth.signingInAs")} <strong>{email}</strong>. {t("auth.twoStepOn")}
        </p>
        <SecondFactorForms factors={factors} passkeyPurpose="second-factor" />
        <p className="auth-alternatives">
          <Link to="/login">{t("auth.startAgain")}</Link>
        </p>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.twoStep") }];
