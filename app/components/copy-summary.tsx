// The readable summary of a person's copy of their data (app/routes/me.privacy.copy[.]html.tsx): a
// standalone page with its own small stylesheet, in the reader's language and time zone.
import { formatDateTime } from "~/format";
import { formatLocale, translator, type Locale } from "~/i18n/i18n";
import { actionLabel } from "~/policy/labels";

type Row = Record<string, unknown>;

export interface CopyJson {
  exportedAt: string;
  account: Row;
  roles: Row[];
  signIn: { authenticatorApp: boolean; passkeys: Row[]; sessions: Row[] };
  consents: Row[];
  devices: Row[];
  installations: Row[];
  dataRequests: Row[];
  legalHolds: { retainedForLegalObligation: boolean; matters: string[] };
  privacyLocks: Row[];
  auditEntries: Row[];
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
dt { font-weight: 600; } dd { margin: 0 0 .5rem; } .muted { color: #57606a; }
`;

export function CopySummary({ copy, locale, timeZone }: { copy: CopyJson; locale: Locale; timeZone: string }) {
  const t = translator(locale);
  const intl = formatLocale(locale);
  const when = (value: unknown) => (typeof value === "string" && value ? formatDateTime(value, timeZone, intl) : "—");
  const text = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));
  const account = copy.account;
  const profile: [string, unknown][] = [
    [t("profile.name"), account.displayName],
    [t("profile.givenName"), account.givenName],
    [t("profile.familyName"), account.familyName],
    [t("profile.email"), account.email],
    [t("profile.phone"), account.phone],
    [t("profile.jobTitle"), account.jobTitle],
    [t("profile.department"), account.department],
    [t("profile.language"), account.locale],
    [t("profile.timeZone"), account.timeZone],
    [t("profile.created"), when(account.createdAt)],
    [t("profile.lastSignIn"), when(account.lastSignInAt)],
  ];
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <title>{t("copy.title")}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{t("copy.title")}</h1>
        <p className="muted">{t("copy.made", { when: when(copy.exportedAt), timeZone })}</p>

        <h2>{t("profile.heading")}</h2>
        <dl>
          {profile.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text(value)}</dd>
            </div>
          ))}
        </dl>

        <h2>{t("profile.roles")}</h2>
        <p>
          {copy.roles.length
            ? copy.roles.map((role) => t(`roles.${String(role.role)}`)).join(", ")
            : t("profile.noRoles")}
        </p>

        <h2>{t("copy.signIn")}</h2>
        <p>{copy.signIn.authenticatorApp ? t("copy.totpOn") : t("copy.totpOff")}</p>
        <p>{t("copy.passkeys", { count: copy.signIn.passkeys.length })}</p>
        <p>{t("copy.sessions", { count: copy.signIn.sessions.length })}</p>

        <h2>{t("privacy.consentHeading")}</h2>
        {copy.consents.length ? (
          <table>
            <tbody>
              {copy.consents.map((record, index) => (
                <tr key={index}>
                  <td>{when(record.recordedAt)}</td>
                  <td>{t(`privacy.lists.${String(record.purpose)}.name`, { defaultValue: String(record.purpose) })}</td>
                  <td>{record.granted ? t("privacy.optedIn") : t("privacy.optedOut")}</td>
                  <td>{text(record.policyVersion)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("privacy.noConsents")}</p>
        )}

        <h2>{t("privacy.myRequests")}</h2>
        {copy.dataRequests.length ? (
          <table>
            <tbody>
              {copy.dataRequests.map((row, index) => (
                <tr key={index}>
                  <td>{t(`privacy.kinds.${String(row.kind)}.title`)}</td>
                  <td>{when(row.receivedAt)}</td>
                  <td>{t(`privacy.statuses.${String(row.status)}`)}</td>
                  <td>{text(row.resolution ?? row.response)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("privacy.noRequests")}</p>
        )}

        <h2>{t("copy.holds")}</h2>
        <p>
          {copy.legalHolds.retainedForLegalObligation
            ? copy.legalHolds.matters.length
              ? t("copy.heldNamed", { matters: copy.legalHolds.matters.join(", ") })
              : t("copy.held")
            : t("copy.notHeld")}
        </p>

        <h2>{t("copy.apps")}</h2>
        {copy.installations.length ? (
          <table>
            <tbody>
              {copy.installations.map((row, index) => (
                <tr key={index}>
                  <td>{text(row.app)}</td>
                  <td>{text(row.appVersion)}</td>
                  <td>
                    {text(row.os)} {text(row.osVersion)}
                  </td>
                  <td>{when(row.firstSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("copy.noApps")}</p>
        )}

        <h2>{t("nav.activity")}</h2>
        <table>
          <thead>
            <tr>
              <th>{t("activity.when")}</th>
              <th>{t("activity.what")}</th>
              <th>{t("activity.who")}</th>
              <th>{t("copy.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {copy.auditEntries
              .slice()
              .reverse()
              .map((entry) => (
                <tr key={String(entry.seq)}>
                  <td>{when(entry.occurredAt)}</td>
                  <td>{actionLabel(String(entry.action), locale)}</td>
                  <td>{text(entry.actorName ?? t("activity.system"))}</td>
                  <td>{text(entry.reason)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}
