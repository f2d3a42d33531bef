// What a bulk run can do to each account it covers: the action each account goes through, and its English
// name (`label`, kept for the server's records). Shared by the accounts list (its bulk bar), the confirm
// page and the job that runs it. Pages name an operation in the reader's language from the catalogues:
// consoleBulk.operations.<operation>.label (and .skipNote, .done).
import type { ActionId } from "~/policy/types";

export const BULK_OPERATIONS = {
  suspend: { action: "account.suspend", label: "Suspend" },
  unsuspend: { action: "account.unsuspend", label: "Unsuspend" },
  resetPassword: { action: "account.resetPassword", label: "Reset password" },
  revokeSessions: { action: "account.revokeSessions", label: "Sign out everywhere" },
  hold: { action: "hold.update", label: "Add to legal hold" },
  lock: { action: "lock.set", label: "Lock a setting" },
} as const satisfies Record<string, { action: ActionId; label: string }>;

export type BulkOperation = keyof typeof BULK_OPERATIONS;
export const BULK_OPERATION_IDS = Object.keys(BULK_OPERATIONS) as [BulkOperation, ...BulkOperation[]];

export function isBulkOperation(value: unknown): value is BulkOperation {
  return typeof value === "string" && Object.hasOwn(BULK_OPERATIONS, value);
}

/** Most accounts one run may cover: a filter that matches more must be narrowed first. */
export const MAX_BULK_ACCOUNTS = 100_000;
/** Most accounts chosen one by one (ticked rows travel in the URL and the form). */
export const MAX_CHOSEN_ACCOUNTS = 500;
