// Email is written to the outbox in the same transaction as the action that sends it, so a rolled-back
// action sends nothing. A delivery worker (and the admin outbox page) read from there.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, emailOutbox } from "~db/schema";
import { publicOrigin } from "~/config.server";
import { formatDateTime } from "~/format";

export interface OutgoingEmail {
  tenantId: string;
  toAddress: string;
  toAccountId?: string | null;
  template: string;
  subject: string;
  bodyText: string;
  /** When what the email tells of happened (default: now). */
  happenedAt?: Date;
  /** The recipient's time zone, when the caller has it (else it is looked up for an account's email). */
  timeZone?: string;
}

/** Where a person reads everything done to their account, with who did it and why. */
export const ACTIVITY_PATH = "/me/security";

/**
 * The end of every email to an account's person: when it happened, in their own time zone, and where
 * they see the details (who, why, what else happened) after signing in.
 */
export function activityFooter(happenedAt: Date, timeZone: string): string {
  return (
    `\n\nWhen: ${formatDateTime(happenedAt.toISOString(), timeZone)} (${timeZone})` +
    `\nDetails: sign in and open My account → Security → Recent activity: ${publicOrigin()}${ACTIVITY_PATH}`
  );
}

export async function queueEmail(tx: Tx, email: OutgoingEmail): Promise<void> {
  await queueEmails(tx, [email]);
}

/** Queues many emails in one statement (a bulk run tells each of its chunk's people). */
export async function queueEmails(tx: Tx, emails: readonly OutgoingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  if (emails.some((email) => email.tenantId !== emails[0]!.tenantId)) {
    throw new TypeError("queueEmails: every email must belong to the same tenant");
  }
  // The time zones the callers did not have, in one read.
  const unknown = emails.filter((email) => email.toAccountId && !email.timeZone);
  const zones = new Map<string, string>();
  if (unknown.length) {
    const people = await tx
      .select({ id: accounts.id, timeZone: accounts.timeZone })
      .from(accounts)
      .where(
        and(
          eq(accounts.tenantId, unknown[0]!.tenantId),
          inArray(
            accounts.id,
            unknown.map((email) => email.toAccountId!.toLowerCase()),
          ),
        ),
      );
    for (const person of people) zones.set(person.id, person.timeZone);
  }
  await tx.insert(emailOutbox).values(
    emails.map((email) => {
      let bodyText = email.bodyText;
      if (email.toAccountId) {
        const timeZone = email.timeZone ?? zones.get(email.toAccountId.toLowerCase()) ?? "UTC";
        bodyText += activityFooter(email.happenedAt ?? new Date(), timeZone);
      }
      return {
        tenantId: email.tenantId,
        toAddress: email.toAddress,
        toAccountId: email.toAccountId ?? null,
        template: email.template,
        subject: email.subject,
        bodyText,
      };
    }),
  );
}
