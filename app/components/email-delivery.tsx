// How far an outbox email got, as both outbox pages (the admins' and the development one) show it: a badge
// in the summary line, and in the details when it was delivered, or why it was not and what happens next.
import { formatDateTime } from "~/format";
import { useT } from "~/i18n/use-t";
import type { OutboxEmail, OutboxStatus } from "~/mail/outbox-read.server";

const STATUS_CLASSES: Partial<Record<OutboxStatus, string>> = {
  queued: "outcome-needs_step_up",
  retrying: "outcome-needs_step_up",
  failed: "outcome-failed",
};

export function EmailStatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useT();
  const tone = STATUS_CLASSES[status];
  return <span className={`outcome${tone ? ` ${tone}` : ""}`}>{t(`consoleAudit.outbox.status.${status}`)}</span>;
}

type Delivery = Pick<OutboxEmail, "status" | "sentAt" | "attempts" | "lastError" | "nextAttemptAt" | "failedAt">;

export function EmailDeliveryNote({ email, timeZone }: { email: Delivery; timeZone: string }) {
  const { t, intlLocale } = useT();
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, timeZone, intlLocale)}</time>;
  const count = email.attempts;
  switch (email.status) {
    case "sent":
    case "stored":
      return email.sentAt ? (
        <p className="muted">
          {email.status === "sent" ? t("consoleAudit.outbox.sentAt") : t("consoleAudit.outbox.storedAt")}{" "}
          {at(email.sentAt)}
          {email.attempts > 1 ? ` ${t("consoleAudit.outbox.afterTries", { count })}` : ""}
        </p>
      ) : null;
    case "retrying":
      return (
        <p className="muted" role="status">
          {t("consoleAudit.outbox.retryingNote", {
            tries: t("consoleAudit.outbox.tries", { count }),
            error: email.lastError ?? "",
          })}
          {email.nextAttemptAt ? (
            <>
              {" "}
              {t("consoleAudit.outbox.nextTry")} {at(email.nextAttemptAt)}.
            </>
          ) : null}
        </p>
      );
    case "failed":
      return (
        <p className="form-error" role="status">
          {t("consoleAudit.outbox.failedGivenUp")} {email.failedAt ? at(email.failedAt) : null}{" "}
          {t("consoleAudit.outbox.failedAfter", { count, error: email.lastError ?? "" })}
        </p>
      );
    default:
      return null;
  }
}
