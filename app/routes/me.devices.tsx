// My account → Devices: each device and each app installation reported for my account, with what was
// collected about each, the list of what the apps report, and how long the raw events are kept
// (app/me/devices.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
import { DevicesTable, InstallationsTable } from "~/components/installation-tables";
import { loadMyDevices } from "~/me/devices.server";

/** The fields the apps report, in the order the page lists them; each is its `myDevices.collected.<field>`. */
const COLLECTED = ["installationNumber", "app", "os", "device", "account", "times"] as const;

const iso = (value: Date | null) => value?.toISOString() ?? null;

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const mine = await tenantScope(principal.tenantId, (tx) => loadMyDevices(tx, principal));
  if (!mine) throw new Response("Not found", { status: 404 });
  return {
    organisation: principal.tenantName,
    timeZone: principal.timeZone,
    retentionMonths: mine.retentionMonths,
    devices: mine.devices.map((device) => ({
      ...device,
      firstSeenAt: device.firstSeenAt.toISOString(),
      lastSeenAt: device.lastSeenAt.toISOString(),
    })),
    installations: mine.installations.map((installation) => ({
      ...installation,
      firstSeenAt: installation.firstSeenAt.toISOString(),
      lastSeenAt: installation.lastSeenAt.toISOString(),
      uninstalledAt: iso(installation.uninstalledAt),
    })),
  };
}

export default function MyDevicesPage() {
  const { organisation, timeZone, retentionMonths, devices, installations } = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const moment = (value: string | Date | null) =>
    value ? formatDateTime(typeof value === "string" ? value : value.toISOString(), timeZone, intlLocale) : "—";
  return (
    <>
      <h1>{t("myDevices.title")}</h1>
      <p className="lede">{t("myDevices.lede", { organisation, timeZone })}</p>

      <section className="card" aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t("myDevices.devicesHeading")}</h2>
        {devices.length === 0 ? (
          <p className="empty">{t("myDevices.noDevices")}</p>
        ) : (
          <DevicesTable rows={devices} caption={t("myDevices.devicesHeading")} labels="myDevices" when={moment} />
        )}
      </section>

      <section className="card" aria-labelledby="installations-heading">
        <h2 id="installations-heading">{t("myDevices.installationsHeading")}</h2>
        {installations.length === 0 ? (
          <p className="empty">{t("myDevices.noInstallations")}</p>
        ) : (
          <InstallationsTable
            rows={installations}
            caption={t("myDevices.installationsHeading")}
            labels="myDevices"
            when={moment}
          />
        )}
      </section>

      <section className="card" aria-labelledby="collected-heading">
        <h2 id="collected-heading">{t("myDevices.collectedHeading")}</h2>
        <p>{t("myDevices.collectedLede", { organisation })}</p>
        <ul>
          {COLLECTED.map((field) => (
            <li key={field}>{t(`myDevices.collected.${field}`)}</li>
          ))}
        </ul>
        <p>{t("myDevices.retention", { count: retentionMonths, organisation })}</p>
        <p>{t("myDevices.rollups")}</p>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.devices") }];
