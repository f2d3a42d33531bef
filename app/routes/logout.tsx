import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordSignOut } from "~/actions/authentication.server";
import { getPrincipal } from "~/auth/principal.server";
import { pendingSignIn, stepUpResume } from "~/auth/sealed-cookie.server";
import { blankSessionCookieHeader } from "~/auth/session.server";
import { requestMetadata } from "~/context";

export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await getPrincipal(request);
  if (principal) {
    await recordSignOut(principal, principal.displayName, principal.sessionToken, requestMetadata(request, context));
  }
  // Whatever this browser held for the person ends with the session: a pending sign-in, a kept form.
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookieHeader(request));
  headers.append("Set-Cookie", pendingSignIn.clear(request));
  headers.append("Set-Cookie", stepUpResume.clear(request));
  throw redirect("/login", { headers });
}
