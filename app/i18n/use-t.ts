// The language of the page being rendered, from the root loader (the signed-in account's, else the
// browser's), and its translate function: the same catalogues on the server and in the browser.
import { useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { formatLocale, toLocale, translator, type Locale } from "./i18n";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return toLocale(data?.locale);
}

export function useT() {
  const locale = useLocale();
  return { t: translator(locale), locale, intlLocale: formatLocale(locale) };
}

/**
 * The translate function of the page's language for a route's `meta`, which gets the root loader's data
 * through `matches` rather than through hooks.
 */
export function metaTranslator(matches: readonly { id: string; data?: unknown }[]): TFunction {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  return translator(toLocale(root?.locale));
}
