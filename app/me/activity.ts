// The kinds the Activity page filters by, and the actions each covers (by id prefix): shared by the
// page's form and its loader (./activity.server.ts).
/** What the kind filter offers, and the actions each covers (by id prefix). */
export const ACTIVITY_KINDS = ["signIn", "admin", "self", "privacy", "other"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const KIND_PREFIXES: Record<Exclude<ActivityKind, "other">, string[]> = {
  signIn: ["auth."],
  admin: ["account."],
  self: ["self."],
  privacy: ["hold.", "lock.", "dataRequest.", "retention."],
};
