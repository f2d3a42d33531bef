// The language of the page being rendered, from the root loader (the signed-in account's, else the
// browser's), and its translate function: the same catalogues on the server and in the browser.
import { useRouteLoaderData } from "@remix-run/react";
import { formatLocale, toLocale, translator, type Locale } from "./i18n";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return toLocale(data?.locale);
}

export function useT() {
  const locale = useLocale();
  return { t: translator(locale), locale, intlLocale: formatLocale(locale) };
}
