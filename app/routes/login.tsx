import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getPrincipal, homePath } from "~/auth/principal.server";
import { signInWithPassword } from "~/auth/sign-in.server";
import { sessionCookieHeader } from "~/auth/session.server";
import { Field, FormError, type FieldErrors } from "~/components/forms";
import { requestMetadata } from "~/context";
import { safeRedirectPath } from "~/security/redirect";

const signInSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter an email address like name@example.com.")),
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(1024, "That password is too long."),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  if (principal) {
    const target = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirectPath(target, homePath(principal)));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const submitted = Object.fromEntries(
    ["email", "password", "redirectTo"].flatMap((key) => {
      const value = form.get(key);
      return typeof value === "string" ? [[key, value]] : [];
    }),
  );
  const values = { email: typeof submitted.email === "string" ? submitted.email : "" };
  const parsed = signInSchema.safeParse(submitted);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = z.flattenError(parsed.error).fieldErrors;
    return data({ fieldErrors, formError: null, values }, { status: 400 });
  }
  const metadata = requestMetadata(request, context);
  const result = await signInWithPassword(
    { email: parsed.data.email, password: parsed.data.password, ...metadata },
    request,
  );
  if (!result.ok) {
    return data({ fieldErrors: {} as FieldErrors, formError: result.message, values }, { status: 400 });
  }
  throw redirect(safeRedirectPath(parsed.data.redirectTo, result.home), {
    headers: { "Set-Cookie": sessionCookieHeader(result.token, request) },
  });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>
          <span aria-hidden="true" className="brand-mark">
            ◇
          </span>{" "}
          Sign in to Glasshouse
        </h1>
        <Form method="post" noValidate>
          <FormError message={actionData?.formError} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={actionData?.values.email ?? ""}
            errors={actionData?.fieldErrors.email}
            autoFocus
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            errors={actionData?.fieldErrors.password}
            required
          />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
      </div>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Glasshouse" }];
