import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordSignOut } from "~/actions/authentication.server";
import { getPrincipal } from "~/auth/principal.server";
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
  throw redirect("/login", { headers: { "Set-Cookie": blankSessionCookieHeader(request) } });
}
