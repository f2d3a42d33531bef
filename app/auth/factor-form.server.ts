// The code forms of the sign-in verify page and the step-up confirm page (app/components/second-factor.tsx):
// read the submitted code, check it, and answer a refusal the same way on both pages.
import { data } from "@remix-run/node";
import { z } from "zod";
import { checkCodeFactor } from "~/actions/authentication.server";
import { retryAfterHeader } from "./throttle.server";
import type { RequestMetadata } from "~/actions/actor.server";
import { factorCodeField } from "./fields";
import { localiseFieldErrors, localiseMessage, lockedIn, type Locale } from "~/i18n/i18n";
import type { AccountRef } from "./session-adapter.server";

const codeFormSchema = z.object({ intent: z.enum(["totp", "recovery"]), code: factorCodeField });

export type CodeFactor = "totp" | "recovery";

/**
 * The factor the person proved with the form they submitted, or the page's answer to a refusal: 400 with
 * the error next to the code field of the form they used, 429 with Retry-After once the account is paused.
 */
export async function checkSubmittedCode(
  form: FormData,
  account: AccountRef & { email: string },
  meta: RequestMetadata,
  purpose: "sign-in" | "step-up",
  /** The reader's language, for the error next to the field. */
  locale: Locale = "en",
) {
  const fields = Object.fromEntries(form);
  const intent: CodeFactor = fields.intent === "recovery" ? "recovery" : "totp";
  const parsed = codeFormSchema.safeParse(fields);
  if (!parsed.success) {
    const fieldErrors = localiseFieldErrors(z.flattenError(parsed.error).fieldErrors, locale);
    return { ok: false as const, answer: data({ intent, fieldErrors }, { status: 400 }) };
  }
  const check = await checkCodeFactor(account, account.email, { kind: intent, code: parsed.data.code }, meta, purpose);
  if (!check.ok) {
    const init = check.retryAt ? { status: 429, headers: retryAfterHeader(check.retryAt) } : { status: 400 };
    const message =
      check.retryAt && locale !== "en" ? lockedIn(check.retryAt, locale) : localiseMessage(check.message, locale);
    return { ok: false as const, answer: data({ intent, fieldErrors: { code: [message] } }, init) };
  }
  return { ok: true as const, factor: intent };
}
