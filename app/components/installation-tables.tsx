// The two tables that show what apps reported about one person: their app installations and their devices.
// The admin's account page and the person's own My account → Devices show the same columns, each with its own
// words (the `labels` namespace: "consoleAccount.apps" or "myDevices", which hold the same keys) and times
// formatted in the viewer's zone by `when`.
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

type Labels = "consoleAccount.apps" | "myDevices";
type Moment = string | Date;

export interface InstallationRow {
  id: string;
  installationNumber: string;
  app: string;
  appVersion: string;
  os: string;
  osVersion: string | null;
  deviceModel: string | null;
  firstSeenAt: Moment;
  lastSeenAt: Moment;
  uninstalledAt: Moment | null;
}

export interface DeviceRow {
  id: string;
  deviceIdentifier: string;
  model: string | null;
  os: string | null;
  osVersion: string | null;
  firstSeenAt: Moment;
  lastSeenAt: Moment;
}

interface TableProps<Row> {
  rows: Row[];
  caption: string;
  labels: Labels;
  when: (value: Moment | null) => string;
}

function useCells(labels: Labels) {
  const { t } = useT();
  const unknown = <span className="muted">{t(`${labels}.unknown`)}</span>;
  const osOf = (os: string | null, version: string | null): ReactNode =>
    [os, version].filter(Boolean).join(" ") || unknown;
  return { t, unknown, osOf };
}

export function InstallationsTable({ rows, caption, labels, when }: TableProps<InstallationRow>) {
  const { t, unknown, osOf } = useCells(labels);
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`${labels}.app`)}</th>
          <th scope="col">{t(`${labels}.version`)}</th>
          <th scope="col">{t(`${labels}.os`)}</th>
          <th scope="col">{t(`${labels}.device`)}</th>
          <th scope="col">{t(`${labels}.installationNumber`)}</th>
          <th scope="col">{t(`${labels}.firstSeen`)}</th>
          <th scope="col">{t(`${labels}.lastSeen`)}</th>
          <th scope="col">{t(`${labels}.uninstalled`)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((installation) => (
          <tr key={installation.id}>
            <td>{installation.app}</td>
            <td>{installation.appVersion}</td>
            <td>{osOf(installation.os, installation.osVersion)}</td>
            <td>{installation.deviceModel ?? unknown}</td>
            <td>
              <code>{installation.installationNumber}</code>
            </td>
            <td>{when(installation.firstSeenAt)}</td>
            <td>{when(installation.lastSeenAt)}</td>
            <td>{when(installation.uninstalledAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DevicesTable({ rows, caption, labels, when }: TableProps<DeviceRow>) {
  const { t, unknown, osOf } = useCells(labels);
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`${labels}.model`)}</th>
          <th scope="col">{t(`${labels}.os`)}</th>
          <th scope="col">{t(`${labels}.identifier`)}</th>
          <th scope="col">{t(`${labels}.firstSeen`)}</th>
          <th scope="col">{t(`${labels}.lastSeen`)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((device) => (
          <tr key={device.id}>
            <td>{device.model ?? unknown}</td>
            <td>{osOf(device.os, device.osVersion)}</td>
            <td>
              <code>{device.deviceIdentifier}</code>
            </td>
            <td>{when(device.firstSeenAt)}</td>
            <td>{when(device.lastSeenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
