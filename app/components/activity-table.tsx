// The entries about my account, as My account shows them (Activity, and the latest on Security): what
// happened, who did it and why, when in my time zone, and where from for my own sign-ins; each with
// whether a signed checkpoint covers it yet; for someone of another organisation, through which
// delegation or operator access, and the operator's justification. In the reader's language.
import { formatDateTime } from "~/format";
import { useT } from "~/i18n/use-t";
import type { ActivityEntry, ActivityVia } from "~/me/activity.server";
import { actionLabel } from "~/policy/labels";

/** An entry as a loader sends it: its time as ISO text, and whether the latest checkpoint covers it. */
export type ShownActivityEntry = Omit<ActivityEntry, "occurredAt"> & { occurredAt: string; sealed: boolean };

export function ActivityTable({
  entries,
  timeZone,
  checkpointAt,
}: {
  entries: ShownActivityEntry[];
  timeZone: string;
  /** When the latest signed checkpoint was made, if there is one. */
  checkpointAt: string | null;
}) {
  const { t, locale, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const role = (value: string | null) =>
    value
      ? value
          .split("+")
          .map((part) => t(`roles.${part}`, { defaultValue: part.replaceAll("_", " ") }))
          .join(", ")
      : null;
  const who = (entry: ShownActivityEntry) => {
    if (entry.actor === "me") return t("activity.you");
    if (entry.actor === "system") return t("activity.system");
    if (entry.actor === "nobody") return t("activity.nobody");
    // Operator staff hold no role here: their access request says what they may do.
    if (entry.via?.kind === "operator") return entry.actorName;
    const roles = role(entry.actorRole);
    return entry.actorName && roles
      ? t("activity.actorWithRole", { name: entry.actorName, role: roles })
      : entry.actorName;
  };
  const via = (route: ActivityVia) =>
    route.kind === "delegation"
      ? t("activity.viaDelegation", { reseller: route.reseller, number: route.number })
      : t("activity.viaOperator", { operator: route.operator, number: route.number });
  return (
    <table className="data-table" lang={locale}>
      <caption className="visually-hidden">{t("activity.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("activity.when")}</th>
          <th scope="col">{t("activity.what")}</th>
          <th scope="col">{t("activity.who")}</th>
          <th scope="col">{t("activity.where")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq}>
            <td>
              <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
              <div className="muted">
                {entry.sealed && checkpointAt
                  ? t("activity.sealed", { when: when(checkpointAt) })
                  : t("activity.unsealed")}
              </div>
            </td>
            <td>
              {actionLabel(entry.action, locale)}
              {entry.outcome !== "allowed" ? (
                <span className={`outcome outcome-${entry.outcome}`}>
                  {" "}
                  · {t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
                </span>
              ) : null}
              {entry.reason ? <div>{t("activity.reason", { reason: entry.reason })}</div> : null}
              {entry.via?.kind === "operator" ? (
                <div>
                  {t("activity.justification", { ticket: entry.via.ticket, justification: entry.via.justification })}
                </div>
              ) : null}
              {entry.sentence ? <div className="muted">{entry.sentence}</div> : null}
              {entry.pseudonymised ? <div className="muted">{t("activity.pseudonymised")}</div> : null}
            </td>
            <td>
              {who(entry)}
              {entry.via ? <div className="muted">{via(entry.via)}</div> : null}
            </td>
            <td>
              {entry.ipAddress ?? <span className="muted">—</span>}
              {entry.device ? <div className="muted">{entry.device}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
