// An account's data as one JSON document, for a legal request ("receive your account information to
// satisfy applicable law"): everything Glasshouse holds about the person, and every audit entry about them.
// Secrets are not data about the person and are left out (password hash, TOTP secret, passkey keys,
// recovery codes, session tokens); that they exist is said.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "~db/client";
import {
  accounts,
  appInstallations,
  auditEntries,
  consentRecords,
  dataSubjectRequests,
  devices,
  installEvents,
  legalHoldAccounts,
  legalHolds,
  passkeys,
  privacyLocks,
  roleAssignments,
  sessions,
  totpCredentials,
} from "~db/schema";

export const EXPORT_FORMAT_VERSION = 1;

/** Null when the account is not this tenant's. */
export async function buildAccountExport(tx: Tx, tenantId: string, accountId: string, now = new Date()) {
  const [profile] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)));
  if (!profile) return null;
  const installations = await tx
    .select()
    .from(appInstallations)
    .where(and(eq(appInstallations.tenantId, tenantId), eq(appInstallations.accountId, accountId)))
    .orderBy(asc(appInstallations.firstSeenAt));
  const numbers = installations.map((row) => row.installationNumber);
  const [roles, consents, deviceRows, events, entries, holds, locks, requests, sessionRows, totp, keys] =
    await Promise.all([
      tx
        .select({ role: roleAssignments.role, grantedAt: roleAssignments.grantedAt })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.accountId, accountId))),
      tx
        .select()
        .from(consentRecords)
        .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.accountId, accountId)))
        .orderBy(asc(consentRecords.recordedAt)),
      tx
        .select()
        .from(devices)
        .where(and(eq(devices.tenantId, tenantId), eq(devices.accountId, accountId))),
      // Through the installations (indexed by installation number), not a scan of every event.
      numbers.length
        ? tx
            .select()
            .from(installEvents)
            .where(and(eq(installEvents.tenantId, tenantId), inArray(installEvents.installationNumber, numbers)))
            .orderBy(asc(installEvents.occurredAt))
        : Promise.resolve([]),
      tx
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.subjectAccountId, accountId)))
        .orderBy(asc(auditEntries.seq)),
      tx
        .select({ name: legalHolds.name, reference: legalHolds.reference, placedAt: legalHolds.createdAt })
        .from(legalHolds)
        .leftJoin(
          legalHoldAccounts,
          and(eq(legalHoldAccounts.tenantId, legalHolds.tenantId), eq(legalHoldAccounts.holdId, legalHolds.id)),
        )
        .where(
          and(
            eq(legalHolds.tenantId, tenantId),
            isNull(legalHolds.releasedAt),
            or(eq(legalHolds.scope, "organisation"), eq(legalHoldAccounts.accountId, accountId)),
          ),
        ),
      tx
        .select({ setting: privacyLocks.setting, reason: privacyLocks.reason, lockedAt: privacyLocks.lockedAt })
        .from(privacyLocks)
        .where(
          and(
            eq(privacyLocks.tenantId, tenantId),
            isNull(privacyLocks.clearedAt),
            or(isNull(privacyLocks.accountId), eq(privacyLocks.accountId, accountId)),
          ),
        ),
      tx
        .select()
        .from(dataSubjectRequests)
        .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.accountId, accountId))),
      tx
        .select({
          createdAt: sessions.createdAt,
          lastActiveAt: sessions.lastActiveAt,
          ipAddress: sessions.ipAddress,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, accountId))),
      tx
        .select({ confirmedAt: totpCredentials.confirmedAt })
        .from(totpCredentials)
        .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, accountId))),
      tx
        .select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
        .from(passkeys)
        .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.accountId, accountId))),
    ]);
  return {
    format: { name: "glasshouse-account-export", version: EXPORT_FORMAT_VERSION },
    exportedAt: now.toISOString(),
    account: {
      id: profile.id,
      email: profile.email,
      displayName: profile.displayName,
      givenName: profile.givenName,
      familyName: profile.familyName,
      phone: profile.phone,
      jobTitle: profile.jobTitle,
      department: profile.department,
      managerId: profile.managerId,
      status: profile.status,
      locale: profile.locale,
      timeZone: profile.timeZone,
      marketingConsent: profile.marketingConsent,
      createdAt: profile.createdAt,
      lastSignInAt: profile.lastSignInAt,
      suspendedAt: profile.suspendedAt,
      terminatedAt: profile.terminatedAt,
      purgeAfter: profile.purgeAfter,
    },
    roles,
    signIn: {
      authenticatorApp: totp.some((row) => row.confirmedAt !== null),
      passkeys: keys,
      sessions: sessionRows,
      note: "Passwords, authenticator secrets, passkey keys and recovery codes are stored only in forms that cannot be read back, and are not part of an export.",
    },
    consents,
    devices: deviceRows,
    installations,
    installEvents: events.map(({ tenantId: _tenant, ...event }) => event),
    legalHolds: holds,
    privacyLocks: locks,
    dataRequests: requests,
    auditEntries: entries.map(({ tenantId: _tenant, prevHash: _prev, ...entry }) => entry),
  };
}
