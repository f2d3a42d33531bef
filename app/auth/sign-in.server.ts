// Email-and-password sign-in. Every failure the person could use to learn whether an email has an account
// answers with the same message and takes the same time (the decoy hash); only someone who knows the
// password learns that their account is suspended or closed.
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "~db/client";
import { accounts, organisations, passwordCredentials, roleAssignments } from "~db/schema";
import { directoryScope, tenantScope } from "~/db.server";
import { verifyPassword } from "./password.server";
import { homePath } from "./principal.server";
import { toUserId } from "./session-adapter.server";
import { getLucia, readSessionToken } from "./session.server";

export type SignInResult =
  { ok: true; token: string; tenantId: string; accountId: string; home: string } | { ok: false; message: string };

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

export interface SignInInput {
  email: string;
  password: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export async function signInWithPassword(input: SignInInput, request: Request): Promise<SignInResult> {
  const [match] = await directoryScope((tx) =>
    queryRows<{ tenant_id: string; account_id: string }>(
      tx,
      sql`select tenant_id, account_id from glasshouse_find_sign_in(${input.email})`,
    ),
  );
  const found = match
    ? await tenantScope(match.tenant_id, async (tx) => {
        const [row] = await tx
          .select({
            status: accounts.status,
            hash: passwordCredentials.hash,
            organisation: organisations.name,
            tenantSlug: organisations.slug,
          })
          .from(accounts)
          .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
          .leftJoin(
            passwordCredentials,
            and(eq(passwordCredentials.tenantId, accounts.tenantId), eq(passwordCredentials.accountId, accounts.id)),
          )
          .where(eq(accounts.id, match.account_id));
        return row;
      })
    : undefined;

  const passwordMatches = await verifyPassword(found?.hash ?? undefined, input.password);
  if (!match || !found || !passwordMatches) return { ok: false, message: WRONG_CREDENTIALS };
  if (found.status === "suspended") {
    return {
      ok: false,
      message: `Your account at ${found.organisation} is suspended. Ask your organisation's administrator to restore it.`,
    };
  }
  if (found.status === "terminated") {
    return { ok: false, message: `Your account at ${found.organisation} has been closed.` };
  }

  // A new session at every sign-in; whatever session the browser brought with it ends here.
  const lucia = getLucia();
  const previous = readSessionToken(request);
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(toUserId({ tenantId: match.tenant_id, accountId: match.account_id }), {
    tenantId: match.tenant_id,
    ipAddress: input.ipAddress ?? null,
    userAgent: input.userAgent ?? null,
  });
  const roles = await tenantScope(match.tenant_id, async (tx) => {
    await tx.update(accounts).set({ lastSignInAt: new Date() }).where(eq(accounts.id, match.account_id));
    return tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(eq(roleAssignments.accountId, match.account_id));
  });
  return {
    ok: true,
    token: session.id,
    tenantId: match.tenant_id,
    accountId: match.account_id,
    home: homePath({ tenantSlug: found.tenantSlug, roles: roles.map((row) => row.role) }),
  };
}

export async function signOut(request: Request): Promise<void> {
  const token = readSessionToken(request);
  if (token) await getLucia().invalidateSession(token);
}
