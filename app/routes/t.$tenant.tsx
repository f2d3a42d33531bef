import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { requireTenantAccess } from "~/tenancy/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal, tenant } = await requireTenantAccess(request, params.tenant);
  return { displayName: principal.displayName, tenant };
}

export default function TenantConsoleLayout() {
  const { displayName, tenant } = useLoaderData<typeof loader>();
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={tenant.name}
        nav={[
          { to: `/t/${tenant.slug}/`, label: "Accounts", end: true },
          { to: `/t/${tenant.slug}/holds`, label: "Legal holds" },
          { to: `/t/${tenant.slug}/locks`, label: "Privacy locks" },
          { to: `/t/${tenant.slug}/requests`, label: "Data requests" },
          { to: `/t/${tenant.slug}/bulk`, label: "Bulk actions" },
          { to: `/t/${tenant.slug}/audit`, label: "Audit log" },
          { to: `/t/${tenant.slug}/outbox`, label: "Outbox" },
          { to: `/t/${tenant.slug}/policies`, label: "Policies" },
          { to: `/t/${tenant.slug}/settings`, label: "Settings" },
        ]}
      />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
