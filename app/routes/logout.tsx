import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { blankSessionCookieHeader } from "~/auth/session.server";
import { signOut } from "~/auth/sign-in.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await signOut(request);
  throw redirect("/login", { headers: { "Set-Cookie": blankSessionCookieHeader(request) } });
}
