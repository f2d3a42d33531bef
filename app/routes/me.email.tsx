// Confirming a new email address: the link sent to the new address opens this page, signed in as the
// account that asked. Opening the link changes nothing (mail scanners open links); pressing the button
// does, through the action layer (self.changeEmail, step "confirm"), which checks the sealed token.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { openEmailChange } from "~/actions/self-profile.server";
import { requirePrincipal } from "~/auth/principal.server";
import { FormError } from "~/components/forms";
import { toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { answerForm } from "~/me/answer.server";
import { readForm } from "~/security/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const change = openEmailChange(token);
  const usable =
    change &&
    change.accountId === principal.accountId &&
    change.tenantId === principal.tenantId &&
    change.expiresAt > Date.now() &&
    (change.from ?? "").toLowerCase() === principal.email.toLowerCase();
  return { token: usable ? token : null, to: usable ? change.to : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const form = await readForm(request);
  const token = form.get("token");
  const locale = toLocale(principal.locale);
  const result = await performAction<{ email?: string }>(memberActor(principal, request, context), "self.changeEmail", {
    accountId: principal.accountId,
    step: "confirm",
    token: typeof token === "string" ? token : "",
  });
  return answerForm("confirm", result, {
    locale,
    values: { token: "" },
    done: translator(locale)("profile.emailChanged", { email: result.ok ? (result.output.email ?? "") : "" }),
  });
}

export default function ConfirmEmailPage() {
  const { token, to } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  if (result?.message) {
    return (
      <section className="card">
        <h1>{t("profile.emailHeading")}</h1>
        <p className="form-success" role="status">
          {result.message}
        </p>
        <Link to="/me">{t("profile.backToProfile")}</Link>
      </section>
    );
  }
  return (
    <section className="card stacked-form">
      <h1>{t("profile.emailHeading")}</h1>
      <FormError message={result?.formError ?? result?.fieldErrors.token?.[0]} />
      {token && to ? (
        <Form method="post">
          <p>{t("profile.confirmEmail", { email: to })}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("profile.confirmEmailButton")}
          </button>
        </Form>
      ) : (
        <p>{t("messages.emailLinkInvalid")}</p>
      )}
      <Link to="/me">{t("profile.backToProfile")}</Link>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.confirmEmail") }];
