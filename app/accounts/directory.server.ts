// The accounts list: search by name or email, keyset-paged on (display_name, id) so every page costs the
// same however deep it is (no OFFSET). Cursors are opaque to the browser and validated on the way back in.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, roleAssignments, type AccountStatus, type AdminRole } from "~db/schema";
import { confirmedTotpOfAccount, passkeyCountOfAccount } from "~/auth/factors.server";

export const PAGE_SIZE = 50;

const cursorSchema = z.object({ n: z.string().max(500), i: z.uuid() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** The cursor, or null when it is not one we could have issued. */
export function decodeCursor(raw: string): Cursor | null {
  if (raw.length > 1000) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface AccountListRow {
  id: string;
  displayName: string;
  email: string | null;
  status: AccountStatus;
  roles: AdminRole[];
  /** The second factors the account has: what an admin needs to know before resetting them. */
  factors: { totp: boolean; passkeys: number };
}

export interface AccountPage {
  rows: AccountListRow[];
  /** Cursor of the page after this one, if there is one. */
  next: string | null;
  /** Cursor of the page before this one, if there is one. */
  previous: string | null;
}

export interface AccountQuery {
  search?: string;
  after?: Cursor;
  before?: Cursor;
  pageSize?: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function listAccounts(tx: Tx, tenantId: string, query: AccountQuery): Promise<AccountPage> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const conditions: SQL[] = [eq(accounts.tenantId, tenantId)];
  const search = query.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    conditions.push(or(ilike(accounts.displayName, pattern), ilike(accounts.email, pattern))!);
  }
  const backwards = Boolean(query.before);
  const anchor = query.before ?? query.after;
  if (anchor) {
    const comparison = backwards ? sql.raw("<") : sql.raw(">");
    conditions.push(sql`(${accounts.displayName}, ${accounts.id}) ${comparison} (${anchor.n}, ${anchor.i}::uuid)`);
  }
  const order = backwards
    ? [desc(accounts.displayName), desc(accounts.id)]
    : [asc(accounts.displayName), asc(accounts.id)];
  const fetched = await tx
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      status: accounts.status,
      totp: confirmedTotpOfAccount,
      passkeys: passkeyCountOfAccount,
    })
    .from(accounts)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(pageSize + 1);

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) page.reverse();

  const roles = page.length
    ? await tx
        .select({ accountId: roleAssignments.accountId, role: roleAssignments.role })
        .from(roleAssignments)
        .where(
          and(
            eq(roleAssignments.tenantId, tenantId),
            inArray(
              roleAssignments.accountId,
              page.map((row) => row.id),
            ),
          ),
        )
        .orderBy(roleAssignments.role)
    : [];
  const rolesByAccount = new Map<string, AdminRole[]>();
  for (const { accountId, role } of roles) {
    rolesByAccount.set(accountId, [...(rolesByAccount.get(accountId) ?? []), role]);
  }

  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : Boolean(query.after);
  return {
    rows: page.map(({ totp, passkeys: passkeyCount, ...row }) => ({
      ...row,
      roles: rolesByAccount.get(row.id) ?? [],
      factors: { totp: Boolean(totp), passkeys: Number(passkeyCount) },
    })),
    next: hasNext && last ? encodeCursor({ n: last.displayName, i: last.id }) : null,
    previous: hasPrevious && first ? encodeCursor({ n: first.displayName, i: first.id }) : null,
  };
}
