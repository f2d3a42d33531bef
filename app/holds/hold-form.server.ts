// Accounts chosen by email in the legal-hold forms: one sign-in name a line (commas, semicolons and spaces
// separate them too), resolved on the server to this organisation's accounts. Names that match none are
// reported back on the field, as typed; nothing is performed until every one resolves.
import { z } from "zod";
import { tenantScope } from "~/db.server";
import { resolveAccountEmails } from "./holds.server";

export const MAX_EMAILS = 1000;
const MAX_LISTED = 5;

/** The names typed, without blanks; control characters (PostgreSQL refuses NUL) separate like spaces. */
export function splitEmails(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are separators here
  return text.split(/[\s,;\u0000-\u001f\u007f]+/).filter(Boolean);
}

function unknownEmailsMessage(unknown: string[]): string {
  const shown = unknown.slice(0, MAX_LISTED).join(", ");
  const more = unknown.length > MAX_LISTED ? ` and ${unknown.length - MAX_LISTED} more` : "";
  return unknown.length === 1
    ? `No account of this organisation has the email ${shown}.`
    : `No accounts of this organisation have these emails: ${shown}${more}.`;
}

/** A textarea of emails → the ids of this organisation's accounts, or an error on the field. */
export function accountsByEmailSchema(tenantId: string) {
  return z
    .string()
    .default("")
    .transform(async (text, ctx) => {
      const emails = splitEmails(text);
      if (emails.length > MAX_EMAILS) {
        ctx.addIssue({
          code: "custom",
          message: `Enter at most ${MAX_EMAILS.toLocaleString("en-GB")} emails at once.`,
        });
        return z.NEVER;
      }
      const tooLong = emails.filter((email) => email.length > 254);
      if (tooLong.length) {
        ctx.addIssue({ code: "custom", message: "An email is at most 254 characters long." });
        return z.NEVER;
      }
      if (emails.length === 0) return [];
      const { ids, unknown } = await tenantScope(tenantId, (tx) => resolveAccountEmails(tx, tenantId, emails));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: unknownEmailsMessage(unknown) });
        return z.NEVER;
      }
      return ids;
    });
}

/** Field errors of a zod error, by the first segment of each path ("_form" for the whole form). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const flattened = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(flattened.fieldErrors)) {
    if (Array.isArray(messages) && messages.length) fieldErrors[field] = messages as string[];
  }
  if (flattened.formErrors.length) fieldErrors._form = flattened.formErrors;
  return fieldErrors;
}
