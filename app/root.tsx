import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useFetcher,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getPrincipal } from "~/auth/principal.server";
import { useNonce } from "~/components/nonce";
import { and, eq } from "drizzle-orm";
import { accounts } from "~db/schema";
import { tenantScope } from "~/db.server";
import { formatDay } from "~/format";
import { negotiateLocale, toLocale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { policyNotice } from "~/me/privacy.server";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Glasshouse" }];

/** The page's language: the signed-in account's, else what the browser asks for (app/i18n/use-t.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  // A significant new privacy policy the signed-in person has not acknowledged: a banner on every page.
  const notice =
    principal && !principal.mustChangePassword
      ? await tenantScope(principal.tenantId, async (tx) => {
          const [person] = await tx
            .select({ createdAt: accounts.createdAt, privacyPolicySeen: accounts.privacyPolicySeen })
            .from(accounts)
            .where(and(eq(accounts.tenantId, principal.tenantId), eq(accounts.id, principal.accountId)));
          return person ? policyNotice(tx, person) : null;
        })
      : null;
  return {
    locale: principal ? toLocale(principal.locale) : negotiateLocale(request.headers.get("Accept-Language")),
    timeZone: principal?.timeZone ?? "UTC",
    policyNotice: notice ? { ...notice, publishedAt: notice.publishedAt.toISOString() } : null,
  };
}

function PolicyBanner() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, intlLocale } = useT();
  const fetcher = useFetcher();
  const notice = data?.policyNotice;
  if (!notice) return null;
  return (
    <aside className="policy-banner" aria-label={t("policy.bannerLabel")}>
      <p>
        <strong>
          {t("policy.bannerTitle", {
            version: notice.version,
            day: formatDay(new Date(notice.publishedAt), data.timeZone, intlLocale),
          })}
        </strong>{" "}
        {notice.summary} <Link to={`/privacy/${notice.version}`}>{t("privacy.readPolicy")}</Link>
      </p>
      <fetcher.Form method="post" action="/me/privacy">
        <input type="hidden" name="intent" value="acknowledge" />
        <input type="hidden" name="version" value={notice.version} />
        <button type="submit" className="button-secondary">
          {t("policy.bannerDismiss")}
        </button>
      </fetcher.Form>
    </aside>
  );
}

// Layout wraps the error boundary too, so an error page hydrates under the same policy as any other.
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang={data?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <PolicyBanner />
      <Outlet />
    </>
  );
}

const MESSAGES: Record<number, { title: string; detail: string }> = {
  400: { title: "That request could not be understood", detail: "Check the address or the form and try again." },
  403: { title: "Not allowed", detail: "You do not have access to this page." },
  404: { title: "Page not found", detail: "There is nothing here, or it is not yours to see." },
  405: { title: "Not allowed", detail: "That kind of request is not accepted here." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 403 carries the policy engine's sentence, written for the person reading it.
  const explanation =
    status === 403 && isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  const message = MESSAGES[status] ?? {
    title: "Something went wrong",
    detail: "The error has been logged. Try again in a moment.",
  };
  return (
    <main className="error-page">
      <p className="error-status">{status}</p>
      <h1>{message.title}</h1>
      <p>{explanation ?? message.detail}</p>
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </main>
  );
}
