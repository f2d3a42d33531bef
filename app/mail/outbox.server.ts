// Email is written to the outbox in the same transaction as the action that sends it, so a rolled-back
// action sends nothing. A delivery worker (and the admin outbox page) read from there.
import type { Tx } from "~db/client";
import { emailOutbox } from "~db/schema";

export interface OutgoingEmail {
  tenantId: string;
  toAddress: string;
  toAccountId?: string | null;
  template: string;
  subject: string;
  bodyText: string;
}

export async function queueEmail(tx: Tx, email: OutgoingEmail): Promise<void> {
  await tx.insert(emailOutbox).values({
    tenantId: email.tenantId,
    toAddress: email.toAddress,
    toAccountId: email.toAccountId ?? null,
    template: email.template,
    subject: email.subject,
    bodyText: email.bodyText,
  });
}
