import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getProfile } from "~/accounts/profile.server";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { formatDateTime, roleLabel } from "~/format";
import { toLocale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const profile = await tenantScope(principal.tenantId, (tx) =>
    getProfile(tx, principal.tenantId, principal.accountId),
  );
  if (!profile) throw new Response("Not found", { status: 404 });
  return {
    profile: {
      ...profile,
      lastSignInAt: profile.lastSignInAt?.toISOString() ?? null,
      createdAt: profile.createdAt.toISOString(),
    },
    organisation: principal.tenantName,
    roles: principal.roles,
  };
}

export default function MyAccountPage() {
  const { profile, organisation, roles } = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const manager = profile.managerName
    ? profile.managerEmail
      ? t("profile.managerWithEmail", { name: profile.managerName, email: profile.managerEmail })
      : t("profile.managerNoEmail", { name: profile.managerName })
    : null;
  const rows: [string, string | null][] = [
    [t("profile.name"), profile.displayName],
    [t("profile.email"), profile.email],
    [t("profile.phone"), profile.phone],
    [t("profile.jobTitle"), profile.jobTitle],
    [t("profile.department"), profile.department],
    [t("profile.manager"), manager],
    [t("profile.organisation"), organisation],
    [
      t("profile.roles"),
      roles.length
        ? roles.map((role) => t(`roles.${role}`, { defaultValue: roleLabel(role) })).join(", ")
        : t("profile.noRoles"),
    ],
    [t("profile.language"), t(`profile.languages.${toLocale(profile.locale)}`)],
    [t("profile.timeZone"), profile.timeZone],
    [t("profile.marketing"), profile.marketingConsent ? t("profile.subscribed") : t("profile.notSubscribed")],
    [
      t("profile.lastSignIn"),
      profile.lastSignInAt ? formatDateTime(profile.lastSignInAt, profile.timeZone, intlLocale) : null,
    ],
    [t("profile.created"), formatDateTime(profile.createdAt, profile.timeZone, intlLocale)],
  ];
  return (
    <>
      <h1>{t("profile.title")}</h1>
      <p className="lede">{t("profile.lede", { organisation })}</p>
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ?? <span className="muted">{t("profile.notSet")}</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "My account · Glasshouse" }];
