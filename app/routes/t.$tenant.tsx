import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { useT } from "~/i18n/use-t";
import { requireTenantAccess } from "~/tenancy/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal, tenant } = await requireTenantAccess(request, params.tenant);
  return { displayName: principal.displayName, tenant };
}

export default function TenantConsoleLayout() {
  const { displayName, tenant } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={tenant.name}
        nav={[
          { to: `/t/${tenant.slug}/`, label: t("consoleBulk.nav.accounts"), end: true },
          { to: `/t/${tenant.slug}/holds`, label: t("consoleBulk.nav.holds") },
          { to: `/t/${tenant.slug}/locks`, label: t("consoleBulk.nav.locks") },
          { to: `/t/${tenant.slug}/requests`, label: t("consoleBulk.nav.requests") },
          { to: `/t/${tenant.slug}/bulk`, label: t("consoleBulk.nav.bulk") },
          { to: `/t/${tenant.slug}/audit`, label: t("consoleBulk.nav.audit") },
          { to: `/t/${tenant.slug}/outbox`, label: t("consoleBulk.nav.outbox") },
          { to: `/t/${tenant.slug}/policies`, label: t("consoleBulk.nav.policies") },
          { to: `/t/${tenant.slug}/settings`, label: t("consoleBulk.nav.settings") },
        ]}
      />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
