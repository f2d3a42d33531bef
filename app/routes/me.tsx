import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { homePath, requirePrincipal } from "~/auth/principal.server";
import { AppHeader } from "~/components/app-header";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  return {
    displayName: principal.displayName,
    organisation: principal.tenantName,
    consolePath: principal.roles.length > 0 ? homePath(principal) : null,
  };
}

export default function MyAccountLayout() {
  const { displayName, organisation, consolePath } = useLoaderData<typeof loader>();
  return (
    <>
      <AppHeader displayName={displayName} organisation={organisation} consolePath={consolePath} />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
