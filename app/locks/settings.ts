// The settings an admin may lock, by the names Cedar sees in `context.setting` and `resource.lockedSettings`
// (app/policy/policies/locks.cedar). The same strings are stored in privacy_locks.setting and recorded in
// the audit trail, so renaming one orphans the locks already placed under the old name.
import { z } from "zod";

export const LOCKABLE_SETTINGS = [
  "marketing_consent",
  "data_deletion",
  "account_closure",
  "profile.displayName",
  "profile.givenName",
  "profile.familyName",
  "profile.phone",
  "profile.jobTitle",
  "profile.department",
] as const;

export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

const SETTING_LABELS: Record<LockableSetting, string> = {
  marketing_consent: "Marketing consent",
  data_deletion: "Deleting their data",
  account_closure: "Closing their account",
  "profile.displayName": "Display name",
  "profile.givenName": "Given name",
  "profile.familyName": "Family name",
  "profile.phone": "Phone number",
  "profile.jobTitle": "Job title",
  "profile.department": "Department",
};

export function isLockableSetting(value: unknown): value is LockableSetting {
  return typeof value === "string" && (LOCKABLE_SETTINGS as readonly string[]).includes(value);
}

/** The setting as a person reads it; an unknown name (a lock placed under an older vocabulary) as stored. */
export function settingLabel(setting: string): string {
  return isLockableSetting(setting) ? SETTING_LABELS[setting] : setting;
}

/** The settings with their labels, in the order a form offers them. */
export const SETTING_OPTIONS = LOCKABLE_SETTINGS.map((value) => ({ value, label: SETTING_LABELS[value] }));

export const settingField = z.enum(LOCKABLE_SETTINGS, { error: "Choose a setting to lock." });
