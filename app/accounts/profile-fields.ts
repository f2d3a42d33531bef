// The profile fields an admin edits on an account (`account.updateProfile`): what a change to them records
// in the audit trail, and what a purge erases from it (app/audit/pseudonymise.ts).
export const PROFILE_FIELDS = [
  "displayName",
  "givenName",
  "familyName",
  "phone",
  "jobTitle",
  "department",
  "email",
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The profile fields a person edits themself on My account; each is also a lockable setting ("profile.<field>"). */
export const SELF_PROFILE_FIELDS = ["displayName", "givenName", "familyName", "phone"] as const;
export type SelfProfileField = (typeof SELF_PROFILE_FIELDS)[number];
