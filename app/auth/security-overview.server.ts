// What /me/security shows a person about where they are signed in (the recent events about their account
// come from app/me/activity.server.ts, as on the Activity page).
import { and, desc, eq, gt } from "drizzle-orm";
import type { Tx } from "~db/client";
import { sessions } from "~db/schema";
import { getConfig } from "~/config.server";
import type { AccountRef } from "./session-adapter.server";
import { describeUserAgent } from "./user-agent";

export interface SessionRow {
  /** The stored SHA-256 of the token: names the session without being a credential. */
  id: string;
  device: string;
  ipAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  current: boolean;
}

/** Live sessions, the current one first, then the most recently active. */
export async function listSessions(
  tx: Tx,
  ref: AccountRef,
  currentHash: string,
  now = new Date(),
): Promise<SessionRow[]> {
  const oldestLive = new Date(now.getTime() - getConfig().SESSION_ABSOLUTE_HOURS * 3_600_000);
  const rows = await tx
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
      lastActiveAt: sessions.lastActiveAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, ref.tenantId),
        eq(sessions.accountId, ref.accountId),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, oldestLive),
      ),
    )
    .orderBy(desc(sessions.lastActiveAt));
  return rows
    .map((row) => ({
      id: row.id,
      device: describeUserAgent(row.userAgent).label,
      ipAddress: row.ipAddress,
      createdAt: row.createdAt,
      lastActiveAt: row.lastActiveAt,
      current: row.id === currentHash,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
