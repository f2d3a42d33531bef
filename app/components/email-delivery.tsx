// How far an outbox email got, as both outbox pages (the admins' and the development one) show it: a badge
// in the summary line, and in the details when it was delivered, or why it was not and what happens next.
import { formatDateTime } from "~/format";
import type { OutboxEmail, OutboxStatus } from "~/mail/outbox-read.server";

const STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: "Queued",
  retrying: "Retrying",
  failed: "Failed",
  sent: "Sent",
  stored: "Stored only",
};

const STATUS_CLASSES: Partial<Record<OutboxStatus, string>> = {
  queued: "outcome-needs_step_up",
  retrying: "outcome-needs_step_up",
  failed: "outcome-failed",
};

export function EmailStatusBadge({ status }: { status: OutboxStatus }) {
  const tone = STATUS_CLASSES[status];
  return <span className={`outcome${tone ? ` ${tone}` : ""}`}>{STATUS_LABELS[status]}</span>;
}

type Delivery = Pick<OutboxEmail, "status" | "sentAt" | "attempts" | "lastError" | "nextAttemptAt" | "failedAt">;

export function EmailDeliveryNote({ email, timeZone }: { email: Delivery; timeZone: string }) {
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
  const tries = `${email.attempts} ${email.attempts === 1 ? "try" : "tries"}`;
  switch (email.status) {
    case "sent":
    case "stored":
      return email.sentAt ? (
        <p className="muted">
          {email.status === "sent" ? "Sent" : "Stored"} {at(email.sentAt)}
          {email.attempts > 1 ? ` after ${tries}` : ""}
        </p>
      ) : null;
    case "retrying":
      return (
        <p className="muted" role="status">
          Not delivered yet: the mail server refused it ({tries}) with “{email.lastError}”.
          {email.nextAttemptAt ? <> Next try {at(email.nextAttemptAt)}.</> : null}
        </p>
      );
    case "failed":
      return (
        <p className="form-error" role="status">
          Not delivered: given up {email.failedAt ? at(email.failedAt) : null} after {tries}. The mail server answered “
          {email.lastError}”. Check the address; the person was not told by email.
        </p>
      );
    default:
      return null;
  }
}
