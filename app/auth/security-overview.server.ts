// What /me/security shows a person about their own account: where they are signed in, and the recent
// events about their account (sign-ins, failed attempts, changes to how they sign in, admin actions).
import { and, desc, eq, gt } from "drizzle-orm";
import type { Tx } from "~db/client";
import { auditEntries, sessions } from "~db/schema";
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

export interface ActivityRow {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorAccountId: string | null;
  actorName: string | null;
  actorRole: string | null;
  sentence: string | null;
  reason: string | null;
  ipAddress: string | null;
  device: string | null;
}

/** The newest entries about this account that its owner may see. */
export async function listRecentActivity(tx: Tx, ref: AccountRef, limit = 20): Promise<ActivityRow[]> {
  const rows = await tx
    .select({
      seq: auditEntries.seq,
      occurredAt: auditEntries.occurredAt,
      action: auditEntries.action,
      outcome: auditEntries.outcome,
      actorAccountId: auditEntries.actorAccountId,
      actorName: auditEntries.actorName,
      actorRole: auditEntries.actorRole,
      sentence: auditEntries.sentence,
      reason: auditEntries.reason,
      ipAddress: auditEntries.ipAddress,
      userAgent: auditEntries.userAgent,
    })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.tenantId, ref.tenantId),
        eq(auditEntries.subjectAccountId, ref.accountId),
        eq(auditEntries.visibility, "subject"),
      ),
    )
    .orderBy(desc(auditEntries.seq))
    .limit(limit);
  return rows.map(({ userAgent, ...row }) => ({
    ...row,
    device: userAgent ? describeUserAgent(userAgent).label : null,
  }));
}
