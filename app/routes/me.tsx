import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { homePath, requirePrincipal } from "~/auth/principal.server";
import { AppHeader } from "~/components/app-header";
import { useT } from "~/i18n/use-t";
import { managesAnyone } from "~/tenancy/access.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // The layout also wraps /me/password, which a person whose password was reset must reach first.
  const principal = await requirePrincipal(request, { allowPendingPasswordChange: true });
  return {
    displayName: principal.displayName,
    organisation: principal.tenantName,
    consolePath: principal.roles.length > 0 ? homePath(principal) : null,
    mustChangePassword: principal.mustChangePassword,
    // A line manager without an admin role reaches their reports' app statistics from here.
    teamAppsPath:
      principal.roles.length === 0 && (await managesAnyone(principal)) ? `/t/${principal.tenantSlug}/apps` : null,
  };
}

export default function MyAccountLayout() {
  const { displayName, organisation, consolePath, mustChangePassword, teamAppsPath } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={organisation}
        consolePath={mustChangePassword ? null : consolePath}
        nav={
          mustChangePassword
            ? []
            : [
                { to: "/me", label: t("nav.profile"), end: true },
                { to: "/me/security", label: t("nav.security") },
                { to: "/me/activity", label: t("nav.activity") },
                { to: "/me/access", label: t("nav.access") },
                { to: "/me/devices", label: t("nav.devices") },
                { to: "/me/privacy", label: t("nav.privacy") },
                ...(teamAppsPath ? [{ to: teamAppsPath, label: t("nav.teamApps") }] : []),
              ]
        }
      />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
