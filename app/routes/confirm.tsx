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
  const checked = await checkSubmittedCode(await readForm(request), principal, meta, "step-up");
  if (!checked.ok) return checked.answer;
  const stepped = await confirmStepUp(principal, principal.displayName, principal.sessionToken, checked.factor, meta);
  if (!stepped.ok) throw redirect("/login");
  throw redirect(redirectTo, { headers: { "Set-Cookie": sessionCookieHeader(stepped.token, request) } });
}

export default function ConfirmPage() {
  const { factors, hasFactor, redirectTo, notice } = useLoaderData<typeof loader>();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Confirm it is you</h1>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {hasFactor ? (
          <>
            <p className="lede">
              This action needs a second factor from the last 10 minutes. Afterwards you go back to where you were, with
              what you typed.
            </p>
            <SecondFactorForms factors={factors} passkeyPurpose="step-up" redirectTo={redirectTo} />
          </>
        ) : (
          <p className="lede">
            This action needs a second factor, and your account has none yet.{" "}
            <Link to="/me/security">Set up an authenticator app or a passkey</Link>, then try again.
          </p>
        )}
        <p className="auth-alternatives">
          <Link to={redirectTo}>Cancel</Link>
        </p>
      </div>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "Confirm it is you · Glasshouse" }];
