// The copy of my data as a page a person can read (and print): the same data as the JSON copy, in my
// language and time zone. Rendered to static HTML with React (which escapes every value) under a policy
// that allows no script at all.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { requirePrincipal } from "~/auth/principal.server";
import { CopySummary } from "~/components/copy-summary";
import { tenantScope } from "~/db.server";
import { toLocale } from "~/i18n/i18n";
import { availableCopy, personalCopy } from "~/me/privacy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const copy = await tenantScope(principal.tenantId, async (tx) =>
    (await availableCopy(tx, principal.tenantId, principal.accountId))
      ? personalCopy(tx, principal.tenantId, principal.accountId)
      : null,
  );
  if (!copy) throw new Response("No copy is ready.", { status: 404 });
  const locale = toLocale(principal.locale);
  const html = renderToStaticMarkup(
    <CopySummary copy={JSON.parse(JSON.stringify(copy))} locale={locale} timeZone={principal.timeZone} />,
  );
  return new Response(`<!doctype html>${html}`, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
