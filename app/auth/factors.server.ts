// Which second factors an account has: what the verify and confirm pages offer, and what the security
// page and the admin's accounts list show.
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { accounts, passkeys, totpCredentials } from "~db/schema";
import { recoveryCodeStatus } from "./recovery-codes.server";
import type { AccountRef } from "./session-adapter.server";
import { getTotpState } from "./totp.server";
import { passkeyCount } from "./webauthn.server";

/** SQL, in a query over `accounts`: whether the row's account has a confirmed authenticator app. */
export const confirmedTotpOfAccount = sql<boolean>`exists (select 1 from ${totpCredentials} t
  where t.tenant_id = ${accounts.tenantId} and t.account_id = ${accounts.id} and t.confirmed_at is not null)`;

/** SQL, in a query over `accounts`: how many passkeys the row's account has. */
export const passkeyCountOfAccount = sql<number>`(select count(*)::int from ${passkeys} p
  where p.tenant_id = ${accounts.tenantId} and p.account_id = ${accounts.id})`;

export interface FactorSummary {
  totp: boolean;
  passkeys: number;
  recoveryCodesRemaining: number;
}

export async function loadFactorSummary(tx: Tx, ref: AccountRef): Promise<FactorSummary> {
  const [totp, passkeys, recovery] = await Promise.all([
    getTotpState(tx, ref),
    passkeyCount(tx, ref),
    recoveryCodeStatus(tx, ref),
  ]);
  return { totp: Boolean(totp?.confirmed), passkeys, recoveryCodesRemaining: recovery.remaining };
}

export function hasSecondFactor(summary: FactorSummary): boolean {
  return summary.totp || summary.passkeys > 0;
}

/** Active admins of the tenant with neither an authenticator app nor a passkey (the settings page lists them). */
export async function adminsWithoutSecondFactor(tx: Tx, tenantId: string, limit = 50): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`select a.display_name as name from accounts a
        where a.tenant_id = ${tenantId} and a.status = 'active'
          and exists (select 1 from role_assignments r where r.tenant_id = a.tenant_id and r.account_id = a.id)
          and not exists (select 1 from passkeys p where p.tenant_id = a.tenant_id and p.account_id = a.id)
          and not exists (select 1 from totp_credentials t where t.tenant_id = a.tenant_id and t.account_id = a.id
                          and t.confirmed_at is not null)
        order by a.display_name limit ${limit}`,
  );
  return rows.map((row) => row.name);
}
