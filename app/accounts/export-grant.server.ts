// The download of an account export is decided once, by the `account.export` action (with its reason,
// step-up and audit entry), on the page the admin filled in. The action hands back a grant: a sealed,
// two-minute ticket naming the admin and the account, which the download route redeems. A link copied
// elsewhere is worth nothing to anyone else, and nothing is exported without its audit entry.
import { z } from "zod";
import { seal, unseal } from "~/security/secrets.server";

const GRANT_TTL_MS = 2 * 60 * 1000;
const CONTEXT = "account-export-grant";

const grantSchema = z.object({
  tenantId: z.string(),
  accountId: z.string(),
  actorId: z.string(),
  expires: z.number(),
});

export function issueExportGrant(grant: { tenantId: string; accountId: string; actorId: string }): string {
  return seal(JSON.stringify({ ...grant, expires: Date.now() + GRANT_TTL_MS }), CONTEXT);
}

/** The grant, if `sealed` is one of ours, unexpired, and for this admin, tenant and account. */
export function redeemExportGrant(
  sealed: string | null,
  expected: { tenantId: string; accountId: string; actorId: string },
): boolean {
  if (!sealed || sealed.length > 2048) return false;
  const opened = unseal(sealed, CONTEXT);
  if (!opened) return false;
  let parsed: z.infer<typeof grantSchema>;
  try {
    parsed = grantSchema.parse(JSON.parse(opened));
  } catch {
    return false;
  }
  return (
    parsed.expires > Date.now() &&
    parsed.tenantId === expected.tenantId &&
    parsed.accountId === expected.accountId &&
    parsed.actorId === expected.actorId
  );
}
