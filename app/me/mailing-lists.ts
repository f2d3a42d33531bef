// The mailing lists a person may join from My account → Privacy. Each id is the `purpose` of the consent
// records that say when, how and under which privacy policy version the person joined or left it; the
// catalogues name and describe each (privacy.lists.<id>).
export const MAILING_LISTS = ["product-news", "events", "research"] as const;
export type MailingList = (typeof MAILING_LISTS)[number];

export function isMailingList(value: unknown): value is MailingList {
  return typeof value === "string" && (MAILING_LISTS as readonly string[]).includes(value);
}
