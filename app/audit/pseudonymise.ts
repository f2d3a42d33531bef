// What a purge leaves of an audit entry. The entry stays where it is in the chain, with every id, the
// action, outcome, policies, time and request id (what happened, and that it happened); what identifies the
// erased person goes: their name where they acted, their IP address and browser where it was their own
// sign-in, their profile values in an entry about them, and every name, address or phone number they went
// by wherever it appears in a sentence, a reason, a target or a change. They appear as their pseudonym
// ("Erased account 3f2a9c1d"), which only the account's id (kept) ties to anything.
import type { AuditEntryFields, JsonValue } from "./chain";

/** A profile value of the erased person, replaced in an entry about them. */
export const ERASED_VALUE = "[erased]";

/** The shortest name or address replaced in free text: shorter ones would match too much. */
export const MIN_IDENTIFIER_LENGTH = 3;

export interface PersonToErase {
  accountId: string;
  /** What they are called from now on, in text where their name was. */
  pseudonym: string;
  /** Names, email addresses and phone numbers they went by: replaced wherever they appear in text. */
  identifiers: readonly string[];
}

/**
 * Keys whose values, in an entry about the person (they are its subject, or the account a refused attempt
 * named), are the person's own data: profile fields, where they signed in from, their passkeys' names.
 */
const PERSONAL_KEYS = new Set([
  "email",
  "displayName",
  "givenName",
  "familyName",
  "phone",
  "jobTitle",
  "department",
  "ipAddress",
  "userAgent",
  "passkey",
]);

/** Whether an entry is about the person: its subject, or the account a refused or failed attempt named. */
export function isAbout(entry: Pick<AuditEntryFields, "subjectAccountId" | "target">, accountId: string): boolean {
  if (entry.subjectAccountId === accountId) return true;
  const target = entry.target;
  if (!target || typeof target !== "object" || Array.isArray(target)) return false;
  const requested = target.requested;
  return Boolean(
    requested && typeof requested === "object" && !Array.isArray(requested) && requested.accountId === accountId,
  );
}

const WORD_CHARACTER = "[\\p{L}\\p{N}_@]";

/**
 * Replaces each of `identifiers` (whole words, any letter case, longest first) with `replacement`.
 * Identifiers shorter than MIN_IDENTIFIER_LENGTH, and those equal to one of `keep`, are left alone.
 */
export function identifierScrubber(
  identifiers: readonly string[],
  replacement: string,
  keep: readonly string[] = [],
): (text: string) => string {
  const kept = new Set(keep.map((name) => name.trim().toLowerCase()));
  const wanted = [...new Set(identifiers.map((identifier) => identifier.trim()))]
    .filter((identifier) => identifier.length >= MIN_IDENTIFIER_LENGTH && !kept.has(identifier.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return (text) => text;
  const alternatives = wanted.map((identifier) => identifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
  const pattern = new RegExp(`(?<!${WORD_CHARACTER}|\\.)(?:${alternatives})(?!${WORD_CHARACTER})`, "giu");
  return (text) => text.replace(pattern, () => replacement);
}

function scrubJson(value: JsonValue, personal: boolean, scrub: (text: string) => string): JsonValue {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, personal, scrub));
  const copy: { [key: string]: JsonValue } = {};
  const isPasskey = value.type === "passkey";
  for (const [key, inner] of Object.entries(value)) {
    const erase =
      personal &&
      typeof inner === "string" &&
      inner !== "" &&
      (PERSONAL_KEYS.has(key) || (isPasskey && key === "name"));
    // defineProperty, not assignment: a key named "__proto__" stays a key.
    Object.defineProperty(copy, key, {
      value: erase ? ERASED_VALUE : scrubJson(inner, personal, scrub),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const scrubText = (text: string | null, scrub: (text: string) => string) => (text === null ? null : scrub(text));

/**
 * The entry as a purge leaves it, or null when nothing in it identifies the person. `keep` names
 * identifiers not to replace in this entry: the names of other people it is about who share the
 * person's name.
 */
export function pseudonymiseEntry<Entry extends AuditEntryFields>(
  entry: Entry,
  person: PersonToErase,
  keep: readonly string[] = [],
): Entry | null {
  const scrub = identifierScrubber(person.identifiers, person.pseudonym, keep);
  const theirs = entry.actorAccountId === person.accountId;
  const about = isAbout(entry, person.accountId);
  // Where a sign-in or an action came from: the person's own, or (no actor) an attempt on their account.
  const theirConnection = theirs || (about && entry.actorAccountId === null);
  const next: Entry = {
    ...entry,
    actorName: theirs ? person.pseudonym : entry.actorName,
    target: entry.target === undefined ? null : scrubJson(entry.target, about, scrub),
    reason: scrubText(entry.reason, scrub),
    sentence: scrubText(entry.sentence, scrub),
    changes: entry.changes === undefined ? null : scrubJson(entry.changes, about, scrub),
    ipAddress: theirConnection ? null : entry.ipAddress,
    userAgent: theirConnection ? null : entry.userAgent,
  };
  const changed =
    next.actorName !== entry.actorName ||
    next.reason !== entry.reason ||
    next.sentence !== entry.sentence ||
    next.ipAddress !== entry.ipAddress ||
    next.userAgent !== entry.userAgent ||
    JSON.stringify(next.target) !== JSON.stringify(entry.target ?? null) ||
    JSON.stringify(next.changes) !== JSON.stringify(entry.changes ?? null);
  return changed ? next : null;
}

/**
 * Names, addresses and phone numbers the person went by according to entries about them: earlier values
 * in profile changes, and the names they acted under.
 */
export function identifiersIn(entry: AuditEntryFields, accountId: string): string[] {
  const found: string[] = [];
  if (entry.actorAccountId === accountId && entry.actorName) found.push(entry.actorName);
  if (entry.subjectAccountId !== accountId) return found;
  const changes = entry.changes;
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return found;
  for (const side of [changes.before, changes.after]) {
    if (!side || typeof side !== "object" || Array.isArray(side)) continue;
    for (const key of ["displayName", "email", "phone"]) {
      const value = side[key];
      if (typeof value === "string" && value.trim()) found.push(value);
    }
    const given = side.givenName;
    const family = side.familyName;
    if (typeof given === "string" && typeof family === "string" && given && family) found.push(`${given} ${family}`);
  }
  return found;
}
