// Privacy locks: an admin locks a named setting (its person cannot change it until the lock is cleared:
// app/policy/policies/locks.cedar) and clears it again, each with a written reason. lock.set and lock.clear
// are decided on the Account and act on one account at a time (locking many accounts is one action per
// account). lock.setOrganisation and lock.clearOrganisation are decided on the Organisation and act on the
// organisation-wide lock (a privacy_locks row with no account), which covers every account, present and
// future; an account's own lock and the organisation-wide one are separate rows, each cleared on its own.
import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { privacyLocks } from "~db/schema";
import { activeLockOf, findLock, holdLockSlot, type PrivacyLock } from "~/locks/locks.server";
import { settingField, settingLabel } from "~/locks/settings";
import { formatDate } from "~/policy/sentences";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource, loadOrganisationResource } from "./resources.server";

function lockedBy(lock: PrivacyLock): string {
  return `by ${lock.lockedByName} on ${formatDate(lock.lockedAt)}`;
}

function alreadyCleared(clearedByName: string | null, clearedAt: Date): ActionFailure {
  const who = clearedByName ?? "an administrator";
  return new ActionFailure(`That lock was already cleared by ${who} on ${formatDate(clearedAt)}.`);
}

export const setLock = defineAction({
  id: "lock.set",
  input: z.object({ accountId: accountIdField, setting: settingField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  resourceAccountId: (input) => input.accountId,
  context: (input) => ({ setting: input.setting }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const label = settingLabel(input.setting);
    await holdLockSlot(tx, tenantId, input.accountId, input.setting);
    const own = await activeLockOf(tx, tenantId, input.accountId, input.setting);
    if (own) throw new ActionFailure(`${label} is already locked for ${resource.name} (${lockedBy(own)}).`, "setting");
    const everyone = await activeLockOf(tx, tenantId, null, input.setting);
    if (everyone) {
      throw new ActionFailure(
        `${label} is already locked for everyone in the organisation (${lockedBy(everyone)}), ${resource.name} included.`,
        "setting",
      );
    }
    const [lock] = await tx
      .insert(privacyLocks)
      .values({
        tenantId,
        accountId: input.accountId,
        setting: input.setting,
        reason: input.reason,
        lockedBy: principal.accountId,
        lockedAt: now,
      })
      .returning({ id: privacyLocks.id });
    return {
      output: { lockId: lock!.id },
      target: { type: "privacyLock", id: lock!.id, setting: input.setting },
      changes: { before: { setting: input.setting, locked: false }, after: { setting: input.setting, locked: true } },
    };
  },
});

/**
 * Clears the account's own lock of a setting. `lockId`, when the page sends it, pins the lock the admin
 * saw, so a second press (or a stale page) is told that lock was already cleared, and by whom.
 */
export const clearLock = defineAction({
  id: "lock.clear",
  input: z.object({
    accountId: accountIdField,
    setting: settingField,
    lockId: z.uuid({ error: "Choose a lock." }).optional(),
    reason: reasonField,
  }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  context: (input) => ({ setting: input.setting }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const label = settingLabel(input.setting);
    await holdLockSlot(tx, tenantId, input.accountId, input.setting);
    let lock: PrivacyLock | null;
    if (input.lockId) {
      lock = await findLock(tx, tenantId, input.lockId);
      if (!lock || lock.accountId !== input.accountId || lock.setting !== input.setting) {
        throw new ActionFailure(`${resource.name} has no such lock of ${label}.`);
      }
      if (lock.clearedAt) throw alreadyCleared(lock.clearedByName, lock.clearedAt);
    } else {
      lock = await activeLockOf(tx, tenantId, input.accountId, input.setting);
      if (!lock) {
        const everyone = await activeLockOf(tx, tenantId, null, input.setting);
        throw new ActionFailure(
          everyone
            ? `${label} is locked for everyone in the organisation (${lockedBy(everyone)}), not for ${resource.name} alone; that lock is cleared for the whole organisation.`
            : `${label} is not locked for ${resource.name}.`,
          "setting",
        );
      }
    }
    await tx
      .update(privacyLocks)
      .set({ clearedAt: now, clearedBy: principal.accountId })
      .where(and(eq(privacyLocks.tenantId, tenantId), eq(privacyLocks.id, lock.id), isNull(privacyLocks.clearedAt)));
    const stillLockedForEveryone = (await activeLockOf(tx, tenantId, null, input.setting)) !== null;
    return {
      output: { lockId: lock.id, stillLockedForEveryone },
      target: { type: "privacyLock", id: lock.id, setting: input.setting },
      changes: {
        before: {
          setting: input.setting,
          locked: true,
          lockedBy: lock.lockedByName,
          lockedAt: lock.lockedAt.toISOString(),
          lockReason: lock.reason,
        },
        after: { setting: input.setting, locked: false },
      },
    };
  },
});

/** How many accounts have their own active lock of `setting`, besides any organisation-wide one. */
async function countOwnLocks(tx: Tx, tenantId: string, setting: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(privacyLocks)
    .where(
      and(
        eq(privacyLocks.tenantId, tenantId),
        eq(privacyLocks.setting, setting),
        isNotNull(privacyLocks.accountId),
        isNull(privacyLocks.clearedAt),
      ),
    );
  return Number(row?.n ?? 0);
}

// An organisation-wide lock is about every person of the organisation, so its entry is not for the admins
// alone: it names no single subject account, and "subject" visibility says the people it is about (here,
// everyone in the organisation) may read it, as they read the entry about a lock of their own account.
// A person's activity (app/auth/security-overview.server.ts) lists entries by subject account, so it has
// to list these subject-less "subject" entries too before people see them there.

/** Locks a setting for every account of the organisation, those created later included. */
export const setOrganisationLock = defineAction({
  id: "lock.setOrganisation",
  input: z.object({ setting: settingField, reason: reasonField }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  context: (input) => ({ setting: input.setting }),
  reason: (input) => input.reason,
  visibility: "subject",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const label = settingLabel(input.setting);
    await holdLockSlot(tx, tenantId, null, input.setting);
    const everyone = await activeLockOf(tx, tenantId, null, input.setting);
    if (everyone) {
      throw new ActionFailure(
        `${label} is already locked for everyone in ${resource.name} (${lockedBy(everyone)}).`,
        "setting",
      );
    }
    const [lock] = await tx
      .insert(privacyLocks)
      .values({
        tenantId,
        accountId: null,
        setting: input.setting,
        reason: input.reason,
        lockedBy: principal.accountId,
        lockedAt: now,
      })
      .returning({ id: privacyLocks.id });
    // Accounts locked one by one keep their own lock: it outlives the organisation-wide one if that is cleared.
    const accountsWithOwnLock = await countOwnLocks(tx, tenantId, input.setting);
    return {
      output: { lockId: lock!.id, accountsWithOwnLock },
      target: { type: "organisation", id: tenantId, name: resource.name, setting: input.setting, lockId: lock!.id },
      changes: {
        before: { setting: input.setting, scope: "organisation", locked: false },
        after: { setting: input.setting, scope: "organisation", locked: true },
      },
    };
  },
});

/**
 * Clears the organisation-wide lock of a setting; accounts with a lock of their own stay locked. `lockId`,
 * when the page sends it, pins the lock the admin saw, as for lock.clear.
 */
export const clearOrganisationLock = defineAction({
  id: "lock.clearOrganisation",
  input: z.object({
    setting: settingField,
    lockId: z.uuid({ error: "Choose a lock." }).optional(),
    reason: reasonField,
  }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  context: (input) => ({ setting: input.setting }),
  reason: (input) => input.reason,
  visibility: "subject",
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const label = settingLabel(input.setting);
    await holdLockSlot(tx, tenantId, null, input.setting);
    let lock: PrivacyLock | null;
    if (input.lockId) {
      lock = await findLock(tx, tenantId, input.lockId);
      if (!lock || lock.accountId !== null || lock.setting !== input.setting) {
        throw new ActionFailure(`${resource.name} has no such organisation-wide lock of ${label}.`);
      }
      if (lock.clearedAt) throw alreadyCleared(lock.clearedByName, lock.clearedAt);
    } else {
      lock = await activeLockOf(tx, tenantId, null, input.setting);
      if (!lock) throw new ActionFailure(`${label} is not locked for everyone in ${resource.name}.`, "setting");
    }
    await tx
      .update(privacyLocks)
      .set({ clearedAt: now, clearedBy: principal.accountId })
      .where(and(eq(privacyLocks.tenantId, tenantId), eq(privacyLocks.id, lock.id), isNull(privacyLocks.clearedAt)));
    const accountsStillLocked = await countOwnLocks(tx, tenantId, input.setting);
    return {
      output: { lockId: lock.id, accountsStillLocked },
      target: { type: "organisation", id: tenantId, name: resource.name, setting: input.setting, lockId: lock.id },
      changes: {
        before: {
          setting: input.setting,
          scope: "organisation",
          locked: true,
          lockedBy: lock.lockedByName,
          lockedAt: lock.lockedAt.toISOString(),
          lockReason: lock.reason,
        },
        after: { setting: input.setting, scope: "organisation", locked: false, accountsStillLocked },
      },
    };
  },
});
