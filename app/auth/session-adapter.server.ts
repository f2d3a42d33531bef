// lucia's storage, kept tenant-scoped. A lucia user id is "<tenant id>/<account id>", so every call that
// names a user knows its tenant; a call that names only a session finds the tenant through
// glasshouse_find_session(), which returns nothing but the tenant of a session hash. Session tokens are
// stored as SHA-256 hashes: a copy of the table cannot be replayed as cookies.
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import {
  accounts,
  adminRole,
  organisations,
  passkeys,
  roleAssignments,
  sessions,
  totpCredentials,
  type AdminRole,
} from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import { directoryScope, sessionScope, tenantScope } from "~/db.server";

export interface AccountRef {
  tenantId: string;
  accountId: string;
}

export function toUserId({ tenantId, accountId }: AccountRef): string {
  return `${tenantId}/${accountId}`;
}

export function parseUserId(userId: string): AccountRef | null {
  const [tenantId, accountId, ...rest] = userId.split("/");
  if (rest.length > 0 || !isUuid(tenantId) || !isUuid(accountId)) return null;
  return { tenantId, accountId };
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const KNOWN_ROLES = new Set<string>(adminRole.enumValues);

/** The roles array as either driver hands back a text[] (an array, or its literal on an older PGlite). */
function parseRoles(value: AdminRole[] | string | null): AdminRole[] {
  const list = typeof value === "string" ? value.replace(/^\{|\}$/g, "").split(",") : (value ?? []);
  return list.filter((role): role is AdminRole => KNOWN_ROLES.has(role));
}

/** How stale a session's "last active" may get before a request refreshes it. */
export const LAST_ACTIVE_RESOLUTION_MS = 5 * 60 * 1000;

export interface SessionAdapterOptions {
  /** Sessions older than this end whatever their activity. */
  absoluteLifetimeMs: number;
}

type SessionRow = typeof sessions.$inferSelect;

function toDatabaseSession(row: SessionRow): DatabaseSession {
  return {
    id: row.id,
    userId: toUserId(row),
    expiresAt: row.expiresAt,
    attributes: {
      tenantId: row.tenantId,
      createdAt: row.createdAt,
      secondFactorAt: row.secondFactorAt,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
    },
  };
}

export class TenantSessionAdapter implements Adapter {
  constructor(private readonly options: SessionAdapterOptions) {}

  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const id = hashSessionToken(token);
    // One transaction: the session's tenant is found and set in its first statement, then the session, its
    // account, organisation, roles and second factors are read in one query.
    const found = await sessionScope(id, async (tx): Promise<[DatabaseSession | null, DatabaseUser | null]> => {
      const [row] = await tx
        .select({
          session: sessions,
          account: accounts,
          organisation: organisations,
          roles: sql<
            AdminRole[] | string | null
          >`(select array_agg(r.role::text order by r.role) from ${roleAssignments} r
            where r.tenant_id = ${sessions.tenantId} and r.account_id = ${sessions.accountId})`,
          hasSecondFactor: sql<boolean>`(exists (select 1 from ${passkeys} p
              where p.tenant_id = ${sessions.tenantId} and p.account_id = ${sessions.accountId})
            or exists (select 1 from ${totpCredentials} t where t.tenant_id = ${sessions.tenantId}
              and t.account_id = ${sessions.accountId} and t.confirmed_at is not null))`,
        })
        .from(sessions)
        .innerJoin(accounts, and(eq(accounts.tenantId, sessions.tenantId), eq(accounts.id, sessions.accountId)))
        .innerJoin(organisations, eq(organisations.id, sessions.tenantId))
        .where(eq(sessions.id, id));
      if (!row) return [null, null];
      const session = { ...toDatabaseSession(row.session), id: token };
      const now = Date.now();
      const tooOld = now - row.session.createdAt.getTime() > this.options.absoluteLifetimeMs;
      // A suspended or terminated account has no live session; lucia deletes it when the user is null.
      if (tooOld || row.account.status !== "active") return [session, null];
      // "Last active" on the sessions list, to within a few minutes: lucia itself writes the session only
      // when half the idle time has passed, which would leave it hours behind. Session bookkeeping, like
      // lucia's own extension of the expiry, not an action: nothing about the account changes.
      if (now - row.session.lastActiveAt.getTime() > LAST_ACTIVE_RESOLUTION_MS) {
        await tx
          .update(sessions)
          .set({ lastActiveAt: new Date(now) })
          .where(eq(sessions.id, id));
      }
      const user: DatabaseUser = {
        id: toUserId({ tenantId: row.account.tenantId, accountId: row.account.id }),
        attributes: {
          tenantId: row.account.tenantId,
          accountId: row.account.id,
          email: row.account.email ?? "",
          displayName: row.account.displayName,
          mustChangePassword: row.account.mustChangePassword,
          locale: row.account.locale,
          timeZone: row.account.timeZone,
          tenantSlug: row.organisation.slug,
          tenantName: row.organisation.name,
          tenantKind: row.organisation.kind,
          requireAdminMfa: row.organisation.requireAdminMfa,
          roles: parseRoles(row.roles),
          hasSecondFactor: Boolean(row.hasSecondFactor),
        },
      };
      return [session, user];
    });
    return found ?? [null, null];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const ref = parseUserId(userId);
    if (!ref) return [];
    const rows = await tenantScope(ref.tenantId, (tx) =>
      tx.select().from(sessions).where(eq(sessions.accountId, ref.accountId)),
    );
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const ref = parseUserId(session.userId);
    if (!ref) throw new TypeError(`Not a Glasshouse user id: ${session.userId}`);
    const attributes = session.attributes;
    await tenantScope(ref.tenantId, (tx) =>
      tx.insert(sessions).values({
        tenantId: ref.tenantId,
        id: hashSessionToken(session.id),
        accountId: ref.accountId,
        expiresAt: session.expiresAt,
        secondFactorAt: attributes.secondFactorAt ?? null,
        ipAddress: attributes.ipAddress ?? null,
        userAgent: attributes.userAgent ?? null,
      }),
    );
  }

  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    const id = hashSessionToken(token);
    await sessionScope(id, (tx) =>
      tx.update(sessions).set({ expiresAt, lastActiveAt: new Date() }).where(eq(sessions.id, id)),
    );
  }

  async deleteSession(token: string): Promise<void> {
    const id = hashSessionToken(token);
    await sessionScope(id, (tx) => tx.delete(sessions).where(eq(sessions.id, id)));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const ref = parseUserId(userId);
    if (!ref) return;
    await tenantScope(ref.tenantId, (tx) => tx.delete(sessions).where(eq(sessions.accountId, ref.accountId)));
  }

  async deleteExpiredSessions(): Promise<void> {
    // Per tenant, as the job runner sees them; a single tenant-less sweep would need the owner role.
    const tenants = await directoryScope((tx) => tx.select({ id: organisations.id }).from(organisations));
    for (const { id } of tenants) {
      await tenantScope(id, (tx) => tx.delete(sessions).where(lt(sessions.expiresAt, new Date())));
    }
  }
}
