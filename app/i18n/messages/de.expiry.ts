// Die E-Mails vor dem Ablauf einer Delegation auf Deutsch (Abschnitt email.expiry, siehe en.expiry.ts).
import type { enExpiryEmails } from "./en.expiry";

export const deExpiryEmails: typeof enExpiryEmails = {};
