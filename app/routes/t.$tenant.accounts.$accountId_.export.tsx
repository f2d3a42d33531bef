// The JSON download of an account export. The export itself was decided and audited by `account.export`
// on the account's page, which sent the admin here with a two-minute grant (app/accounts/export-grant).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildAccountExport } from "~/accounts/export.server";
import { redeemExportGrant } from "~/accounts/export-grant.server";
import { requireTenantActor } from "~/actions/actor.server";
import { tenantScope } from "~/db.server";
import { toLocale, translator } from "~/i18n/i18n";
import { notFound } from "~/tenancy/access.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const accountId = params.accountId ?? "";
  const grant = new URL(request.url).searchParams.get("grant");
  if (!redeemExportGrant(grant, { tenantId: tenant.id, accountId, actorId: actor.facts.accountId })) {
    // Plain text in the admin's language: the browser shows it where the file would have downloaded.
    return new Response(translator(toLocale(principal.locale))("consoleAccount.exportExpired"), {
      status: 410,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const document = await tenantScope(tenant.id, (tx) => buildAccountExport(tx, tenant.id, accountId));
  if (!document) throw notFound();
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="account-${accountId}-${stamp}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
