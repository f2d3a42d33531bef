// How actions read to a person: the i18n catalogues' `actions`, keyed by action id (every action and
// sign-in event has one in every language: app/i18n/i18n.test.ts).
import { CATALOGUES, DEFAULT_LOCALE, translator, type Locale } from "~/i18n/i18n";

/** How an action or sign-in event reads to a person in their language (the catalogues' `actions`). */
export function actionLabel(id: string, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale)(`actions.${id}`, { defaultValue: id });
}

export const OUTCOME_LABELS = CATALOGUES.en.outcomes;
