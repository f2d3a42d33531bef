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
  if (result.kind === "invalid") return data({ fieldErrors: result.fieldErrors, formError: null }, { status: 400 });
  if (result.kind === "failed") {
    const fieldErrors: Record<string, string[]> = result.field ? { [result.field]: [result.message] } : {};
    return data({ fieldErrors, formError: result.field ? null : result.message }, { status: 409 });
  }
  return data({ fieldErrors: {} as Record<string, string[]>, formError: result.decision.sentence }, { status: 403 });
}

export default function ChangePasswordPage() {
  const { required, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>{required ? "Choose a new password" : "Change your password"}</h1>
      {required ? (
        <p className="notice" role="status">
          An administrator reset your password. Choose a new one to continue; use the temporary password as your current
          one.
        </p>
      ) : null}
      <section className="card">
        <Form method="post" noValidate className="stacked-form">
          <FormError message={result?.formError} />
          <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            errors={result?.fieldErrors.currentPassword}
            required
          />
          <NewPasswordFields
            name="newPassword"
            hint="A few unrelated words make a strong password that is easy to remember."
            errors={result?.fieldErrors}
          />
          <p className="muted">Your other sessions will end; this one stays signed in.</p>
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            Change password
          </button>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Change password · Glasshouse" }];
