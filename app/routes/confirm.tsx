// Step-up: confirm a second factor before a sensitive action. A fresh factor is good for ten minutes; the
// session is rotated when it is given (app/actions/authentication.server.ts, confirmStepUp).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { confirmStepUp } from "~/actions/authentication.server";
import { hasSecondFactor, loadFactorSummary } from "~/auth/factors.server";
import { checkSubmittedCode } from "~/auth/factor-form.server";
import { homePath, requirePrincipal } from "~/auth/principal.server";
import { sessionCookieHeader } from "~/auth/session.server";
import { SecondFactorForms } from "~/components/second-factor";
import { requestMetadata } from "~/context";
import { tenantScope } from "~/db.server";
import { redirectProblem, safeRedirectPath } from "~/security/redirect";
import { readForm } from "~/security/form.server";
import { toLocale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const target = new URL(request.url).searchParams.get("redirectTo");
  const notice = redirectProblem(target, requestMetadata(request, context));
  const factors = await tenantScope(principal.tenantId, (tx) => loadFactorSummary(tx, principal));
  return {
    factors,
    hasFactor: hasSecondFactor(factors),
    redirectTo: safeRedirectPath(target, homePath(principal)),
    notice,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), homePath(principal));
  const meta = requestMetadata(request, context);
  const checked = await checkSubmittedCode(
    await readForm(request),
    principal,
    meta,
    "step-up",
    toLocale(principal.locale),
  );
  if (!checked.ok) return checked.answer;
  const stepped = await confirmStepUp(principal, principal.displayName, principal.sessionToken, checked.factor, meta);
  if (!stepped.ok) throw redirect("/login");
  throw redirect(redirectTo, { headers: { "Set-Cookie": sessionCookieHeader(stepped.token, request) } });
}

export default function ConfirmPage() {
  const { factors, hasFactor, redirectTo, notice } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.confirmTitle")}</h1>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {hasFactor ? (
          <>
            <p className="lede">{t("auth.stepUpLede")}</p>
            <SecondFactorForms factors={factors} passkeyPurpose="step-up" redirectTo={redirectTo} />
          </>
        ) : (
          <p className="lede">
            {t("auth.stepUpNoFactor")} <Link to="/me/security">{t("auth.stepUpSetUp")}</Link>
            {t("auth.stepUpThen")}
          </p>
        )}
        <p className="auth-alternatives">
          <Link to={redirectTo}>{t("auth.cancel")}</Link>
        </p>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.confirm") }];
