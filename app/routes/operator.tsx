// The platform operator's pages (/operator/…): the operator's own staff only; anyone else gets 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { useT } from "~/i18n/use-t";
import { requireOperator } from "~/operator/require-operator.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireOperator(request, context);
  return {
    displayName: principal.displayName,
    organisation: principal.tenantName,
    consolePath: `/t/${principal.tenantSlug}/`,
  };
}

export default function OperatorLayout() {
  const { displayName, organisation, consolePath } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={organisation}
        consolePath={consolePath}
        nav={[{ to: "/operator", label: t("operator.home.title"), end: true }]}
      />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
