// How the two delegation pages (/partner and /t/:tenant/partners) answer a form sent to the action layer:
// the form as it was understood (to show again), what to fix next to each field, why it was refused or
// could not be done, or what was done — each in the reader's language, with the HTTP status that says which.
import { data } from "@remix-run/node";
import type { ActionResult } from "~/actions/perform.server";
import { localiseFieldErrors, localiseMessage, type Locale } from "~/i18n/i18n";
import { decisionSentence } from "~/policy/sentences";

interface Answer<Form> {
  form: Form | null;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
  done: string | null;
}

const answer = <Form>(body: Answer<Form>, status?: number) => data(body, status ? { status } : undefined);

/** A post that is not one of the page's forms at all. */
export function notUnderstood<Form>(locale: Locale) {
  return answer<Form>(
    { form: null, fieldErrors: {}, formError: localiseMessage("That request was not understood.", locale), done: null },
    400,
  );
}

/** The action's result for `form`; `done` says what was done, from the action's output. */
export function answerDelegationForm<Form, Output>(
  form: Form,
  result: ActionResult<Output>,
  locale: Locale,
  done: (output: Output) => string,
) {
  if (result.ok) return answer<Form>({ form, fieldErrors: {}, formError: null, done: done(result.output) });
  const refused = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    answer<Form>({ form, fieldErrors: localiseFieldErrors(fieldErrors, locale), formError, done: null }, status);
  switch (result.kind) {
    case "invalid":
      return refused(400, result.fieldErrors);
    case "failed":
      return result.field
        ? refused(400, { [result.field]: [result.message] })
        : refused(409, {}, localiseMessage(result.message, locale));
    default:
      return refused(403, {}, decisionSentence(result.decision, locale));
  }
}
