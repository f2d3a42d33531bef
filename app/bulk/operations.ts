// What a bulk run can do to each account it covers: the action each account goes through and how the
// console names it. Shared by the accounts list (its bulk bar), the confirm page and the job that runs it.
import type { ActionId } from "~/policy/types";

export const BULK_OPERATIONS = {
  suspend: { action: "account.suspend", label: "Suspend", verb: "suspend", done: "suspended" },
  unsuspend: { action: "account.unsuspend", label: "Unsuspend", verb: "unsuspend", done: "unsuspended" },
  resetPassword: {
    action: "account.resetPassword",
    label: "Reset password",
    verb: "send a password reset link to",
    done: "sent a reset link",
  },
  revokeSessions: {
    action: "account.revokeSessions",
    label: "Sign out everywhere",
    verb: "sign out everywhere",
    done: "signed out",
  },
  hold: { action: "hold.update", label: "Add to legal hold", verb: "add to a legal hold", done: "held" },
  lock: { action: "lock.set", label: "Lock a setting", verb: "lock a setting for", done: "locked" },
} as const satisfies Record<string, { action: ActionId; label: string; verb: string; done: string }>;

export type BulkOperation = keyof typeof BULK_OPERATIONS;
export const BULK_OPERATION_IDS = Object.keys(BULK_OPERATIONS) as [BulkOperation, ...BulkOperation[]];

export function isBulkOperation(value: unknown): value is BulkOperation {
  return typeof value === "string" && Object.hasOwn(BULK_OPERATIONS, value);
}

/** Most accounts one run may cover: a filter that matches more must be narrowed first. */
export const MAX_BULK_ACCOUNTS = 100_000;
/** Most accounts chosen one by one (ticked rows travel in the URL and the form). */
export const MAX_CHOSEN_ACCOUNTS = 500;
