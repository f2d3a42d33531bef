import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getProfile } from "~/accounts/profile.server";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { formatDateTime, roleLabel } from "~/format";

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
  const rows: [string, string | null][] = [
    ["Name", profile.displayName],
    ["Email", profile.email],
    ["Phone", profile.phone],
    ["Job title", profile.jobTitle],
    ["Department", profile.department],
    ["Manager", profile.managerName ? `${profile.managerName} (${profile.managerEmail ?? "no email"})` : null],
    ["Organisation", organisation],
    ["Admin roles", roles.length ? roles.map(roleLabel).join(", ") : "None"],
    ["Language", profile.locale === "de" ? "Deutsch" : "English"],
    ["Time zone", profile.timeZone],
    ["Marketing emails", profile.marketingConsent ? "Subscribed" : "Not subscribed"],
    ["Last sign-in", profile.lastSignInAt ? formatDateTime(profile.lastSignInAt, profile.timeZone) : null],
    ["Account created", formatDateTime(profile.createdAt, profile.timeZone)],
  ];
  return (
    <>
      <h1>My account</h1>
      <p className="lede">This is what {organisation} holds about you.</p>
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">Profile</h2>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ?? <span className="muted">Not set</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "My account · Glasshouse" }];
