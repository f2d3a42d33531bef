// How actions read to a person. Keys are action ids; i18n will take these over.
import type { ActionId, AuthEventId } from "./types";

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
  "self.changePassword": "Change own password",
  "self.enrolTotp": "Turn on authenticator app",
  "self.disableTotp": "Turn off authenticator app",
  "self.regenerateRecoveryCodes": "Make new recovery codes",
  "self.addPasskey": "Add a passkey",
  "self.renamePasskey": "Rename a passkey",
  "self.removePasskey": "Remove a passkey",
  "self.endSession": "End a session",
  "self.endOtherSessions": "End all other sessions",
  "audit.view": "View audit log",
  "audit.export": "Export audit log",
  "policy.view": "View policies",
  "policy.update": "Change a policy",
  "organisation.updateSettings": "Change organisation settings",
  "hold.place": "Place legal hold",
  "hold.update": "Change legal hold",
  "hold.release": "Release legal hold",
  "lock.setOrganisation": "Lock setting for everyone",
  "lock.clearOrganisation": "Clear lock for everyone",
  "bulk.start": "Start a bulk action",
  "delegation.request": "Request delegation",
  "delegation.approve": "Approve delegation",
  "delegation.decline": "Decline delegation",
  "delegation.revoke": "Revoke delegation",
};

const AUTH_EVENT_LABELS: Record<AuthEventId, string> = {
  "auth.signIn": "Signed in",
  "auth.signInFailed": "Failed sign-in",
  "auth.secondFactorFailed": "Wrong second factor",
  "auth.stepUp": "Confirmed with a second factor",
  "auth.signOut": "Signed out",
  "auth.passwordResetRequested": "Asked for a password reset link",
  "auth.passwordReset": "Reset password with a link",
};

export function actionLabel(id: string): string {
  return (LABELS as Record<string, string>)[id] ?? (AUTH_EVENT_LABELS as Record<string, string>)[id] ?? id;
}

export const OUTCOME_LABELS = {
  allowed: "Allowed",
  denied: "Denied",
  needs_step_up: "Needs step-up",
  failed: "Failed",
} as const;
