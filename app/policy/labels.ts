// How actions read to a person. Keys are action ids; i18n will take these over.
import type { ActionId } from "./types";

const LABELS: Record<ActionId, string> = {
  "account.view": "View account",
  "account.viewApps": "View account's apps",
  "account.updateProfile": "Edit profile",
  "account.resetPassword": "Reset password",
  "account.revokeSessions": "Sign out everywhere",
  "account.resetMfa": "Reset two-factor",
  "account.suspend": "Suspend",
  "account.unsuspend": "Unsuspend",
  "account.terminate": "Terminate",
  "account.restore": "Restore",
  "account.purge": "Purge",
  "account.export": "Export data",
  "account.assignRole": "Assign role",
  "account.removeRole": "Remove role",
  "account.setManager": "Set manager",
  "lock.set": "Lock setting",
  "lock.clear": "Clear lock",
  "dataRequest.fulfilErasure": "Erase data on request",
  "retention.deleteEvents": "Delete old events",
  "self.updateProfile": "Update own profile",
  "self.setMarketing": "Change marketing choice",
  "self.requestErasure": "Request erasure",
  "self.requestExport": "Request a copy of data",
  "audit.view": "View audit log",
  "audit.export": "Export audit log",
  "policy.view": "View policies",
  "policy.update": "Change a policy",
  "organisation.updateSettings": "Change organisation settings",
  "hold.place": "Place legal hold",
  "hold.update": "Change legal hold",
  "hold.release": "Release legal hold",
  "delegation.request": "Request delegation",
  "delegation.approve": "Approve delegation",
  "delegation.decline": "Decline delegation",
  "delegation.revoke": "Revoke delegation",
};

export function actionLabel(id: string): string {
  return (LABELS as Record<string, string>)[id] ?? id;
}

export const OUTCOME_LABELS = {
  allowed: "Allowed",
  denied: "Denied",
  needs_step_up: "Needs step-up",
  failed: "Failed",
} as const;
