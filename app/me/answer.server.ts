// How a My account page answers a form it sent to the action layer: done (with what to tell the person),
// or what to fix next to each field, or why it was refused — each in the reader's language, with the HTTP
// status that says which (400 bad input, 403 refused, 409 could not be done as asked).
import { data } from "@remix-run/node";
import type { ActionResult } from "~/actions/perform.server";
import { localiseFieldErrors, localiseMessage, type Locale } from "~/i18n/i18n";
import { decisionSentence } from "~/policy/sentences";

export interface FormAnswer<Intent extends string> {
  intent: Intent;
  /** What now holds, for the person (on success). */
  message: string | null;
  /** Why it was not done, for the whole form. */
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  /** What was typed, to show again after an error (never a password). */
  values: Record<string, string>;
}

export function answerForm<Intent extends string>(
  intent: Intent,
  result: ActionResult<unknown>,
  { locale, done, values }: { locale: Locale; done: string; values: Record<string, string> },
) {
  const answer = (status: number, fields: Partial<FormAnswer<Intent>>) =>
    data<FormAnswer<Intent>>(
      { intent, message: null, formError: null, fieldErrors: {}, values, ...fields },
      status === 200 ? undefined : { status },
    );
  if (result.ok) return answer(200, { message: done });
  switch (result.kind) {
    case "invalid":
      return answer(400, { fieldErrors: localiseFieldErrors(result.fieldErrors, locale) });
    case "failed": {
      const message = localiseMessage(result.message, locale);
      return result.field && result.field in values
        ? answer(409, { fieldErrors: { [result.field]: [message] } })
        : answer(409, { formError: message });
    }
    default:
      return answer(403, { formError: decisionSentence(result.decision, locale) });
  }
}
