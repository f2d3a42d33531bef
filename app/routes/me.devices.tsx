// My account → Devices: each device and each app installation reported for my account, with what was
// collected about each, the list of what the apps report, and how long the raw events are kept
// (app/me/devices.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
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
  const moment = (value: string | null) => (value ? formatDateTime(value, timeZone, intlLocale) : "—");
  const unknown = <span className="muted">{t("myDevices.unknown")}</span>;
  const osOf = (os: string | null, version: string | null) => [os, version].filter(Boolean).join(" ") || unknown;
  return (
    <>
      <h1>{t("myDevices.title")}</h1>
      <p className="lede">{t("myDevices.lede", { organisation, timeZone })}</p>

      <section className="card" aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t("myDevices.devicesHeading")}</h2>
        {devices.length === 0 ? (
          <p className="empty">{t("myDevices.noDevices")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("myDevices.devicesHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("myDevices.model")}</th>
                <th scope="col">{t("myDevices.os")}</th>
                <th scope="col">{t("myDevices.identifier")}</th>
                <th scope="col">{t("myDevices.firstSeen")}</th>
                <th scope="col">{t("myDevices.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr key={device.id}>
                  <td>{device.model ?? unknown}</td>
                  <td>{osOf(device.os, device.osVersion)}</td>
                  <td>
                    <code>{device.deviceIdentifier}</code>
                  </td>
                  <td>{moment(device.firstSeenAt)}</td>
                  <td>{moment(device.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="installations-heading">
        <h2 id="installations-heading">{t("myDevices.installationsHeading")}</h2>
        {installations.length === 0 ? (
          <p className="empty">{t("myDevices.noInstallations")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("myDevices.installationsHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("myDevices.app")}</th>
                <th scope="col">{t("myDevices.version")}</th>
                <th scope="col">{t("myDevices.os")}</th>
                <th scope="col">{t("myDevices.device")}</th>
                <th scope="col">{t("myDevices.installationNumber")}</th>
                <th scope="col">{t("myDevices.firstSeen")}</th>
                <th scope="col">{t("myDevices.lastSeen")}</th>
                <th scope="col">{t("myDevices.uninstalled")}</th>
              </tr>
            </thead>
            <tbody>
              {installations.map((installation) => (
                <tr key={installation.id}>
                  <td>{installation.app}</td>
                  <td>{installation.appVersion}</td>
                  <td>{osOf(installation.os, installation.osVersion)}</td>
                  <td>{installation.deviceModel ?? unknown}</td>
                  <td>
                    <code>{installation.installationNumber}</code>
                  </td>
                  <td>{moment(installation.firstSeenAt)}</td>
                  <td>{moment(installation.lastSeenAt)}</td>
                  <td>{moment(installation.uninstalledAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
