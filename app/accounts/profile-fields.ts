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
