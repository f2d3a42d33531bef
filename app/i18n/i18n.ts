// The product's languages, through i18next (maintained, the usual choice for React and servers alike; v26,
// the last line that runs on Node 20). English is the source; German is complete (app/i18n/i18n.test.ts
// fails on a missing key or placeholder). A person's language is their account's `locale` (before sign-in:
// the browser's); dates and numbers follow the same language.
import i18next, { type TFunction } from "i18next";
import { de } from "./messages/de";
import { en } from "./messages/en";

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The Intl locale that formats dates and numbers for each language. */
const FORMAT_LOCALES: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

export const CATALOGUES = { en, de } as const;

/** A stored or asked-for language ("de", "de-AT", "EN") as one we ship; anything else is English. */
export function toLocale(value: string | null | undefined): Locale {
  const language = value?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : DEFAULT_LOCALE;
}

export function formatLocale(locale: Locale): string {
  return FORMAT_LOCALES[locale];
}

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: CATALOGUES[locale] }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // The catalogues are in memory: ready at once, no loading.
  initAsync: false,
  // Nothing here is HTML: values go in as they are (React escapes what it renders).
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translators = new Map<Locale, TFunction>();

/** The translate function of one language (made once: a bulk run renders thousands of emails). */
export function translator(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    t = instance.getFixedT(locale);
    translators.set(locale, t);
  }
  return t;
}

/**
 * The language a browser asks for (its Accept-Language header, by weight, then order), as one we ship:
 * what a person sees before they sign in. English when it asks for nothing we have.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const weight = quality ? Number(quality.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const language = tag.split("-")[0]!;
    if ((LOCALES as readonly string[]).includes(language)) return language as Locale;
  }
  return DEFAULT_LOCALE;
}

let englishMessages: Map<string, string> | null = null;

/**
 * A message the server wrote in English (a form error from a zod schema, an action's refusal) in `locale`:
 * the catalogues' `messages` section holds each such text under a key, English being the text itself, so
 * the schemas and actions keep writing plain English and every reader still gets their own language. A
 * text the catalogue does not hold (one with a name or a time in it) stays as written.
 */
export function localiseMessage(text: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return text;
  englishMessages ??= new Map(Object.entries(CATALOGUES.en.messages).map(([key, english]) => [english, key]));
  const key = englishMessages.get(text);
  if (key) return translator(locale)(`messages.${key}`);
  // A message with values in it ("Alice Ng's account is already suspended."): matched against the English
  // pattern, and the same values put into the reader's.
  for (const pattern of messagePatterns()) {
    const match = pattern.regex.exec(text);
    if (match) return translator(locale)(`messagePatterns.${pattern.key}`, { ...match.groups });
  }
  return text;
}

let compiledPatterns: { key: string; regex: RegExp }[] | null = null;

function messagePatterns() {
  compiledPatterns ??= Object.entries(CATALOGUES.en.messagePatterns).map(([key, english]) => {
    const source = english
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        return name ? `(?<${name}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return { key, regex: new RegExp(`^${source}$`, "s") };
  });
  return compiledPatterns;
}

/** Each field's messages in `locale` (see localiseMessage). */
export function localiseFieldErrors(
  fieldErrors: Record<string, string[] | undefined>,
  locale: Locale,
): Record<string, string[]> {
  const localised: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages?.length) localised[field] = messages.map((message) => localiseMessage(message, locale));
  }
  return localised;
}

/** The sign-in throttle's "try again in …" in `locale` (seconds under a minute and a half, then minutes, as in English). */
export function lockedIn(retryAt: Date, locale: Locale, now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000));
  const t = translator(locale);
  return seconds < 90
    ? t("auth.lockedSeconds", { count: seconds })
    : t("auth.lockedMinutes", { count: Math.ceil(seconds / 60) });
}
