// An admin resets someone's password, one of two ways: email them a single-use link (they choose the new
// password themselves; the old one stops working at once), or set a temporary password the admin passes
// on, which must be changed at the next sign-in. Either way every session of the account ends and the person is emailed — never the temporary
// password itself, which is shown once to the admin and stored only as an argon2id hash.
import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, organisations } from "~db/schema";
import { endSessions, revokePassword, storePassword } from "~/auth/credentials.server";
import { issueResetLink, resetLinkUrl } from "~/auth/reset-links.server";
import { queueEmail } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

// No look-alikes (0/O, 1/l/I), so it can be read out over the phone.
const TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** 20 characters in four groups (about 99 bits), e.g. "k7pqz-x9mfa-2bcde-hjkmn". */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

export const resetPassword = defineAction({
  id: "account.resetPassword",
  input: z.object({
    accountId: accountIdField,
    reason: reasonField,
    method: z.enum(["link", "temporary"], { error: "Choose how to reset the password." }),
    /** Where the link in the email points (the console's public origin), set by the route. */
    origin: z.url(),
  }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.status !== "active") {
      throw new ActionFailure(`${resource.name}'s account is ${resource.status}; restore it first.`);
    }
    const ref = { tenantId, accountId: input.accountId };
    const [contact] = await tx
      .select({ email: accounts.email, organisation: organisations.name })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (input.method === "link" && !contact?.email) {
      throw new ActionFailure(`${resource.name} has no email address; set a temporary password instead.`, "method");
    }
    const sessionsEnded = await endSessions(tx, ref);

    let shown: string | null = null;
    if (input.method === "temporary") {
      shown = temporaryPassword();
      await storePassword(tx, ref, shown, { mustChange: true, now });
    } else {
      await revokePassword(tx, ref);
    }
    if (contact?.email) {
      const link = input.method === "link" ? resetLinkUrl(input.origin, await issueResetLink(tx, ref, now)) : null;
      await queueEmail(tx, {
        tenantId,
        toAddress: contact.email,
        toAccountId: input.accountId,
        template: "account.passwordReset",
        happenedAt: now,
        variant: link ? "bodyLink" : "bodyTemporary",
        params: { actor: principal.name, organisation: contact.organisation, ...(link ? { link } : {}) },
        reason: input.reason,
      });
    }
    return {
      output: { method: input.method, temporaryPassword: shown, sessionsEnded },
      changes: {
        after: {
          resetBy: input.method === "link" ? "emailed link" : "temporary password",
          oldPasswordWorks: false,
          mustChangePassword: input.method === "temporary",
          sessionsEnded,
        },
      },
    };
  },
});
