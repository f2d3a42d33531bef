import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getPrincipal, homePath } from "~/auth/principal.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  throw redirect(principal ? homePath(principal) : "/login");
}
