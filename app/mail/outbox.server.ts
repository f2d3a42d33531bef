// Email is written to the outbox in the same transaction as the action that sends it, so a rolled-back
// action sends nothing. A delivery worker (and the admin outbox page) read from there.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, emailOutbox } from "~db/schema";
import { publicOrigin } from "~/config.server";
import { formatDateTime, formatDay } from "~/format";
import { formatLocale, toLocale, translator, type Locale } from "~/i18n/i18n";
import type { Catalogue } from "~/i18n/messages/en";

/** The emails the product sends: each an entry of the catalogues' `email` section (app/i18n/messages). */
export type EmailTemplate =
  | `account.${keyof Catalogue["email"]["account"] & string}`
  | `auth.${keyof Catalogue["email"]["auth"] & string}`
  | `self.${Exclude<keyof Catalogue["email"]["self"], "notYou"> & string}`
  | `request.${keyof Catalogue["email"]["request"] & string}`
  | `partner.${keyof Catalogue["email"]["partner"] & string}`
  | `operator.${keyof Catalogue["email"]["operator"] & string}`
  | `expiry.${keyof Catalogue["email"]["expiry"] & string}`;

export interface OutgoingEmail {
  tenantId: string;
  toAddress: string;
  toAccountId?: string | null;
  /** Which email: its subject and body come from the recipient's language's catalogue. */
  template: EmailTemplate;
  /** The body's key within the template's entry, when it has more than one (default "body"). */
  variant?: string;
  /** The values its text names ({{actor}}, {{organisation}}…); a Date is written as a day in the reader's language. */
  params: Record<string, string | number | Date>;
  /** The reason the admin wrote, shown as its own line ("Reason: …") in the recipient's language. */
  reason?: string | null;
  /** When what the email tells of happened (default: now). */
  happenedAt?: Date;
  /**
   * What ends the body of an email to an account: when it happened and where the person reads who did it
   * ("activity", the default), or only when ("when") for an email to an admin about their organisation
   * rather than about their own account (a delegation about to expire).
   */
  footer?: "activity" | "when";
  /** The recipient's language and time zone, when the caller has them (else read from their account). */
  locale?: string;
  timeZone?: string;
}

/** Where a person reads everything done to their account, with who did it and why. */
export const ACTIVITY_PATH = "/me/activity";

/** Subject and body of `email` in `locale`, ending with when it happened and where to see the details. */
export function renderEmail(
  email: Pick<OutgoingEmail, "template" | "variant" | "params" | "reason" | "happenedAt" | "toAccountId" | "footer">,
  locale: Locale,
  timeZone: string,
): { subject: string; bodyText: string } {
  const t = translator(locale);
  const key = `email.${email.template}`;
  const reasonLine = email.reason ? t("email.reason", { reason: email.reason }) : "";
  const params = Object.fromEntries(
    Object.entries(email.params).map(([name, value]) => [
      name,
      value instanceof Date ? formatDay(value, timeZone, formatLocale(locale)) : value,
    ]),
  );
  // Lines of the catalogue's own go in as values, never by i18next's $t() nesting: a value that contains
  // "$t(" (a passkey's name, say) turns nesting off, and the "if this was not you" warning would vanish.
  const notYou = t("email.self.notYou");
  let bodyText = t(`${key}.${email.variant ?? "body"}`, { ...params, reasonLine, notYou });
  if (email.toAccountId) {
    // Told to an account's person: when (in their own time zone) and where they see who did it and why.
    const when = formatDateTime((email.happenedAt ?? new Date()).toISOString(), timeZone, formatLocale(locale));
    bodyText += `\n\n${t("email.footer.when", { when, timeZone })}`;
    if (email.footer !== "when")
      bodyText += `\n${t("email.footer.details", { url: `${publicOrigin()}${ACTIVITY_PATH}` })}`;
  }
  return { subject: t(`${key}.subject`, params), bodyText };
}

export async function queueEmail(tx: Tx, email: OutgoingEmail): Promise<void> {
  await queueEmails(tx, [email]);
}

/** Queues many emails in one statement (a bulk run tells each of its chunk's people), each in its reader's language. */
export async function queueEmails(tx: Tx, emails: readonly OutgoingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  if (emails.some((email) => email.tenantId !== emails[0]!.tenantId)) {
    throw new TypeError("queueEmails: every email must belong to the same tenant");
  }
  // The languages and time zones the callers did not have, in one read.
  const unknown = emails.filter((email) => email.toAccountId && (!email.timeZone || !email.locale));
  const people = new Map<string, { timeZone: string; locale: string }>();
  if (unknown.length) {
    const rows = await tx
      .select({ id: accounts.id, timeZone: accounts.timeZone, locale: accounts.locale })
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
    for (const row of rows) people.set(row.id, row);
  }
  await tx.insert(emailOutbox).values(
    emails.map((email) => {
      const person = email.toAccountId ? people.get(email.toAccountId.toLowerCase()) : undefined;
      const locale = toLocale(email.locale ?? person?.locale);
      const timeZone = email.timeZone ?? person?.timeZone ?? "UTC";
      return {
        tenantId: email.tenantId,
        toAddress: email.toAddress,
        toAccountId: email.toAccountId ?? null,
        template: email.template,
        ...renderEmail(email, locale, timeZone),
      };
    }),
  );
}
