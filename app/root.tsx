import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getPrincipal } from "~/auth/principal.server";
import { useNonce } from "~/components/nonce";
import { negotiateLocale, toLocale } from "~/i18n/i18n";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Glasshouse" }];

/** The page's language: the signed-in account's, else what the browser asks for (app/i18n/use-t.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  return {
    locale: principal ? toLocale(principal.locale) : negotiateLocale(request.headers.get("Accept-Language")),
  };
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
  return <Outlet />;
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
