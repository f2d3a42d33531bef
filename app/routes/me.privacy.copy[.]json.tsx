// The copy of my data an access request gave me, as JSON: available for COPY_AVAILABLE_DAYS after an admin
// completed the request; built when downloaded, so it is what is held now (app/me/privacy.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { availableCopy, personalCopy } from "~/me/privacy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const copy = await tenantScope(principal.tenantId, async (tx) =>
    (await availableCopy(tx, principal.tenantId, principal.accountId))
      ? personalCopy(tx, principal.tenantId, principal.accountId)
      : null,
  );
  if (!copy) {
    return Response.json(
      { error: "No copy is ready: ask for one under My account → Privacy, and download it once it is ready." },
      { status: 404 },
    );
  }
  return new Response(JSON.stringify(copy, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
