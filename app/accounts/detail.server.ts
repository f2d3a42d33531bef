// Everything the account page shows about one account, read in one tenant transaction with a fixed number
// of queries however many sessions, installations, devices or entries the account has (no query per row). The
// caller decides first (account.view, account.viewApps); this module only reads.
import { and, asc, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import {
  accounts,
  appInstallations,
  auditEntries,
  devices,
  legalHoldAccounts,
  legalHolds,
  passkeys,
  privacyLocks,
  recoveryCodes,
  roleAssignments,
  sessions,
  totpCredentials,
  type AdminRole,
} from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import { describeUserAgent } from "~/auth/user-agent";
import { getConfig } from "~/config.server";

const AUDIT_ENTRIES_SHOWN = 50;

const manager = alias(accounts, "manager");
const granter = alias(accounts, "granter");
const placer = alias(accounts, "placer");
const locker = alias(accounts, "locker");

/** One installation of an app, as its latest event left it (app_installations). */
export interface AccountInstallation {
  id: string;
  installationNumber: string;
  app: string;
  appVersion: string;
  os: string;
  osVersion: string | null;
  deviceModel: string | null;
  deviceIdentifier: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  uninstalledAt: Date | null;
}

/** One device, by the identifier its apps report, as its latest event left it (devices). */
export interface AccountDevice {
  id: string;
  deviceIdentifier: string;
  model: string | null;
  os: string | null;
  osVersion: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface AccountApps {
  installations: AccountInstallation[];
  devices: AccountDevice[];
}

export interface AccountDetail {
  profile: {
    id: string;
    displayName: string;
    givenName: string | null;
    familyName: string | null;
    email: string | null;
    phone: string | null;
    jobTitle: string | null;
    department: string | null;
    locale: string;
    timeZone: string;
    managerId: string | null;
    managerName: string | null;
    managerEmail: string | null;
  };
  status: {
    status: "active" | "suspended" | "terminated";
    mustChangePassword: boolean;
    createdAt: Date;
    updatedAt: Date;
    lastSignInAt: Date | null;
    suspendedAt: Date | null;
    terminatedAt: Date | null;
    purgeAfter: Date | null;
    purgedAt: Date | null;
  };
  roles: { role: AdminRole; grantedAt: Date; grantedByName: string | null }[];
  sessions: {
    /** The stored SHA-256 of the token: names the session without being a credential. */
    id: string;
    device: string;
    ipAddress: string | null;
    createdAt: Date;
    lastActiveAt: Date;
    secondFactorAt: Date | null;
  }[];
  factors: {
    totp: boolean;
    totpConfirmedAt: Date | null;
    passkeys: { name: string; createdAt: Date; lastUsedAt: Date | null }[];
    recoveryCodesRemaining: number;
  };
  /** Null when the caller did not ask for them (account.viewApps refused); so are devices. */
  installations: AccountInstallation[] | null;
  devices: AccountDevice[] | null;
  holds: {
    id: string;
    name: string;
    reference: string | null;
    organisationWide: boolean;
    placedAt: Date;
    placedByName: string | null;
  }[];
  locks: {
    id: string;
    setting: string;
    reason: string;
    organisationWide: boolean;
    lockedAt: Date;
    lockedByName: string | null;
  }[];
  audit: {
    seq: number;
    occurredAt: Date;
    action: string;
    outcome: "allowed" | "denied" | "needs_step_up" | "failed";
    actorName: string | null;
    actorRole: string | null;
    reason: string | null;
    sentence: string | null;
    changes: unknown;
  }[];
}

/** One account of the tenant, everything its page shows; null when the tenant has no such account. */
export async function loadAccountDetail(
  tx: Tx,
  tenantId: string,
  accountId: string,
  options: { includeInstallations: boolean; now?: Date },
): Promise<AccountDetail | null> {
  if (!isUuid(accountId)) return null;
  const now = options.now ?? new Date();
  const oldestLiveSession = new Date(now.getTime() - getConfig().SESSION_ABSOLUTE_HOURS * 3_600_000);
  const ofAccount = (table: { tenantId: AnyPgColumn; accountId: AnyPgColumn }) =>
    and(eq(table.tenantId, tenantId), eq(table.accountId, accountId));

  // All in flight at once: postgres.js pipelines them on the transaction's connection.
  const [[account], roles, sessionRows, [totp], passkeyRows, [recovery], apps, holds, locks, audit] = await Promise.all(
    [
      tx
        .select({
          id: accounts.id,
          displayName: accounts.displayName,
          givenName: accounts.givenName,
          familyName: accounts.familyName,
          email: accounts.email,
          phone: accounts.phone,
          jobTitle: accounts.jobTitle,
          department: accounts.department,
          locale: accounts.locale,
          timeZone: accounts.timeZone,
          managerId: accounts.managerId,
          managerName: manager.displayName,
          managerEmail: manager.email,
          status: accounts.status,
          mustChangePassword: accounts.mustChangePassword,
          createdAt: accounts.createdAt,
          updatedAt: accounts.updatedAt,
          lastSignInAt: accounts.lastSignInAt,
          suspendedAt: accounts.suspendedAt,
          terminatedAt: accounts.terminatedAt,
          purgeAfter: accounts.purgeAfter,
          purgedAt: accounts.purgedAt,
        })
        .from(accounts)
        .leftJoin(manager, and(eq(manager.tenantId, accounts.tenantId), eq(manager.id, accounts.managerId)))
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId))),
      tx
        .select({
          role: roleAssignments.role,
          grantedAt: roleAssignments.grantedAt,
          grantedByName: granter.displayName,
        })
        .from(roleAssignments)
        .leftJoin(
          granter,
          and(eq(granter.tenantId, roleAssignments.tenantId), eq(granter.id, roleAssignments.grantedBy)),
        )
        .where(ofAccount(roleAssignments))
        .orderBy(asc(roleAssignments.role)),
      tx
        .select({
          id: sessions.id,
          userAgent: sessions.userAgent,
          ipAddress: sessions.ipAddress,
          createdAt: sessions.createdAt,
          lastActiveAt: sessions.lastActiveAt,
          secondFactorAt: sessions.secondFactorAt,
        })
        .from(sessions)
        .where(and(ofAccount(sessions), gt(sessions.expiresAt, now), gt(sessions.createdAt, oldestLiveSession)))
        .orderBy(desc(sessions.lastActiveAt)),
      tx.select({ confirmedAt: totpCredentials.confirmedAt }).from(totpCredentials).where(ofAccount(totpCredentials)),
      tx
        .select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
        .from(passkeys)
        .where(ofAccount(passkeys))
        .orderBy(asc(passkeys.createdAt), asc(passkeys.id)),
      tx
        .select({ remaining: sql<number>`count(*) filter (where ${recoveryCodes.usedAt} is null)`.mapWith(Number) })
        .from(recoveryCodes)
        .where(ofAccount(recoveryCodes)),
      options.includeInstallations ? loadAccountApps(tx, tenantId, accountId) : Promise.resolve(null),
      tx
        .select({
          id: legalHolds.id,
          name: legalHolds.name,
          reference: legalHolds.reference,
          organisationWide: sql<boolean>`${legalHolds.scope} = 'organisation'`,
          placedAt: legalHolds.createdAt,
          placedByName: placer.displayName,
        })
        .from(legalHolds)
        .leftJoin(placer, and(eq(placer.tenantId, legalHolds.tenantId), eq(placer.id, legalHolds.createdBy)))
        .where(
          and(
            eq(legalHolds.tenantId, tenantId),
            isNull(legalHolds.releasedAt),
            or(
              eq(legalHolds.scope, "organisation"),
              sql`exists (select 1 from ${legalHoldAccounts} ha where ha.tenant_id = ${legalHolds.tenantId}
                  and ha.hold_id = ${legalHolds.id} and ha.account_id = ${accountId})`,
            ),
          ),
        )
        .orderBy(asc(legalHolds.createdAt), asc(legalHolds.name)),
      tx
        .select({
          id: privacyLocks.id,
          setting: privacyLocks.setting,
          reason: privacyLocks.reason,
          organisationWide: sql<boolean>`${privacyLocks.accountId} is null`,
          lockedAt: privacyLocks.lockedAt,
          lockedByName: locker.displayName,
        })
        .from(privacyLocks)
        .leftJoin(locker, and(eq(locker.tenantId, privacyLocks.tenantId), eq(locker.id, privacyLocks.lockedBy)))
        .where(
          and(
            eq(privacyLocks.tenantId, tenantId),
            isNull(privacyLocks.clearedAt),
            or(isNull(privacyLocks.accountId), eq(privacyLocks.accountId, accountId)),
          ),
        )
        .orderBy(asc(privacyLocks.lockedAt), asc(privacyLocks.setting)),
      tx
        .select({
          seq: auditEntries.seq,
          occurredAt: auditEntries.occurredAt,
          action: auditEntries.action,
          outcome: auditEntries.outcome,
          actorName: auditEntries.actorName,
          actorRole: auditEntries.actorRole,
          reason: auditEntries.reason,
          sentence: auditEntries.sentence,
          changes: auditEntries.changes,
        })
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.subjectAccountId, accountId)))
        .orderBy(desc(auditEntries.seq))
        .limit(AUDIT_ENTRIES_SHOWN),
    ],
  );
  if (!account) return null;

  const {
    status,
    mustChangePassword,
    createdAt,
    updatedAt,
    lastSignInAt,
    suspendedAt,
    terminatedAt,
    purgeAfter,
    purgedAt,
    ...profile
  } = account;
  return {
    profile,
    status: {
      status,
      mustChangePassword,
      createdAt,
      updatedAt,
      lastSignInAt,
      suspendedAt,
      terminatedAt,
      purgeAfter,
      purgedAt,
    },
    roles,
    sessions: sessionRows.map(({ userAgent, ...session }) => ({
      ...session,
      device: describeUserAgent(userAgent).label,
    })),
    factors: {
      totp: Boolean(totp?.confirmedAt),
      totpConfirmedAt: totp?.confirmedAt ?? null,
      passkeys: passkeyRows,
      recoveryCodesRemaining: recovery?.remaining ?? 0,
    },
    installations: apps?.installations ?? null,
    devices: apps?.devices ?? null,
    holds: holds.map((hold) => ({ ...hold, organisationWide: Boolean(hold.organisationWide) })),
    locks: locks.map((lock) => ({ ...lock, organisationWide: Boolean(lock.organisationWide) })),
    audit: audit.map((entry) => ({ ...entry, seq: Number(entry.seq) })),
  };
}

/**
 * An account's app installations and devices: installed ones first, then the most recently seen. Shared by
 * the account page, its CSV download and My account → Devices; the caller decides who may read them.
 */
export async function loadAccountApps(tx: Tx, tenantId: string, accountId: string): Promise<AccountApps> {
  const [installations, deviceRows] = await Promise.all([
    tx
      .select({
        id: appInstallations.id,
        installationNumber: appInstallations.installationNumber,
        app: appInstallations.app,
        appVersion: appInstallations.appVersion,
        os: appInstallations.os,
        osVersion: appInstallations.osVersion,
        deviceModel: devices.model,
        deviceIdentifier: devices.deviceIdentifier,
        firstSeenAt: appInstallations.firstSeenAt,
        lastSeenAt: appInstallations.lastSeenAt,
        uninstalledAt: appInstallations.uninstalledAt,
      })
      .from(appInstallations)
      .leftJoin(
        devices,
        and(eq(devices.tenantId, appInstallations.tenantId), eq(devices.id, appInstallations.deviceId)),
      )
      .where(and(eq(appInstallations.tenantId, tenantId), eq(appInstallations.accountId, accountId)))
      .orderBy(
        sql`${appInstallations.uninstalledAt} is not null`,
        desc(appInstallations.lastSeenAt),
        asc(appInstallations.installationNumber),
      ),
    tx
      .select({
        id: devices.id,
        deviceIdentifier: devices.deviceIdentifier,
        model: devices.model,
        os: devices.os,
        osVersion: devices.osVersion,
        firstSeenAt: devices.firstSeenAt,
        lastSeenAt: devices.lastSeenAt,
      })
      .from(devices)
      .where(and(eq(devices.tenantId, tenantId), eq(devices.accountId, accountId)))
      .orderBy(desc(devices.lastSeenAt), asc(devices.deviceIdentifier)),
  ]);
  return { installations, devices: deviceRows };
}

/** The id of the tenant's account that signs in with `email` (any letter case), if there is one. */
export async function findAccountIdByEmail(tx: Tx, tenantId: string, email: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`lower(${accounts.email}) = lower(${email.trim()})`));
  return row?.id ?? null;
}
