// Privacy locks: an admin locks a named setting of one account (its person cannot change it until the lock
// is cleared: app/policy/policies/locks.cedar) and clears it again, each with a written reason the person
// reads in their activity. lock.set and lock.clear are decided on the Account, so these act on one account
// at a time; locking many accounts is one action per account. Organisation-wide locks (privacy_locks rows
// with no account) are read and enforced, but placing or clearing one needs an action decided on the
// Organisation, which the catalogue does not have yet.
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { privacyLocks } from "~db/schema";
import { activeLockOf, findLock, holdLockSlot, type PrivacyLock } from "~/locks/locks.server";
import { settingField, settingLabel } from "~/locks/settings";
import { formatDate } from "~/policy/sentences";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

function lockedBy(lock: PrivacyLock): string {
  return `by ${lock.lockedByName} on ${formatDate(lock.lockedAt)}`;
}

export const setLock = defineAction({
  id: "lock.set",
  input: z.object({ accountId: accountIdField, setting: settingField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
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
      if (lock.clearedAt) {
        const who = lock.clearedByName ?? "an administrator";
        throw new ActionFailure(`That lock was already cleared by ${who} on ${formatDate(lock.clearedAt)}.`);
      }
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
