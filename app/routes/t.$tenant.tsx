import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { formatDateTime } from "~/format";
import { useT } from "~/i18n/use-t";
import { requireTenantAccess } from "~/tenancy/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal, tenant, access, roles } = await requireTenantAccess(request, params.tenant);
  // Acting in another organisation is said on every page, with what it allows and until when.
  const acting =
    access.kind === "delegation"
      ? { kind: "delegation" as const, number: access.number, roles, until: access.expiresAt?.toISOString() ?? null }
      : access.kind === "operator"
        ? {
            kind: "operator" as const,
            ticket: access.ticketReference,
            oneAccount: access.subjectAccountId !== null,
            readOnly: access.actions.every((action) => action.endsWith("view") || action.endsWith("viewApps")),
            until: access.endsAt?.toISOString() ?? null,
          }
        : null;
  return {
    displayName: principal.displayName,
    tenant,
    acting,
    home: principal.tenantKind === "reseller" ? "/partner" : principal.tenantKind === "operator" ? "/operator" : null,
    timeZone: principal.timeZone,
    member: access.kind === "member",
    customer: tenant.kind === "customer",
    // A line manager without an admin role opens only their reports' statistics and account pages.
    lineManagerOnly: access.kind === "member" && roles.length === 0,
  };
}

export default function TenantConsoleLayout() {
  const { displayName, tenant, acting, home, timeZone, member, customer, lineManagerOnly } =
    useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const base = `/t/${tenant.slug}`;
  const until = (iso: string | null) => (iso ? formatDateTime(iso, timeZone, intlLocale) : "—");
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={tenant.name}
        nav={
          lineManagerOnly
            ? [{ to: `${base}/apps`, label: t("telemetry.stats.nav"), end: true }]
            : [
                { to: `${base}/`, label: t("consoleBulk.nav.accounts"), end: true },
                { to: `${base}/holds`, label: t("consoleBulk.nav.holds") },
                { to: `${base}/locks`, label: t("consoleBulk.nav.locks") },
                { to: `${base}/requests`, label: t("consoleBulk.nav.requests") },
                { to: `${base}/bulk`, label: t("consoleBulk.nav.bulk") },
                { to: `${base}/audit`, label: t("consoleBulk.nav.audit") },
                ...(member ? [{ to: `${base}/outbox`, label: t("consoleBulk.nav.outbox") }] : []),
                { to: `${base}/policies`, label: t("consoleBulk.nav.policies") },
                ...(member && customer ? [{ to: `${base}/partners`, label: t("partners.nav") }] : []),
                ...(member && customer ? [{ to: `${base}/operator-access`, label: t("operator.nav") }] : []),
                // App statistics are decided on the page (apps.viewStats); operator access never includes them.
                ...(acting?.kind === "operator"
                  ? []
                  : [{ to: `${base}/apps`, label: t("telemetry.stats.nav"), end: true }]),
                ...(member && customer ? [{ to: `${base}/apps/keys`, label: t("telemetry.keys.nav") }] : []),
                ...(member ? [{ to: `${base}/settings`, label: t("consoleBulk.nav.settings") }] : []),
              ]
        }
      />
      {acting ? (
        <div className="acting-banner" role="status">
          <p>
            {acting.kind === "delegation"
              ? t("partners.banner.delegation", {
                  organisation: tenant.name,
                  number: acting.number,
                  roles: acting.roles.map((role) => t(`roles.${role}`)).join(", "),
                  until: until(acting.until),
                })
              : t("partners.banner.operator", {
                  organisation: tenant.name,
                  ticket: acting.ticket,
                  scope: [
                    acting.oneAccount
                      ? t("partners.banner.operatorOneAccount")
                      : t("partners.banner.operatorWholeOrganisation"),
                    ...(acting.readOnly ? [t("partners.banner.operatorReadOnly")] : []),
                  ].join(", "),
                  until: until(acting.until),
                })}{" "}
            {home ? <Link to={home}>{t("partners.banner.back")}</Link> : null}
          </p>
        </div>
      ) : null}
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
