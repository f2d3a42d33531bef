// What a purge leaves of an audit entry. The entry stays where it is in the chain, with every id, the
// action, outcome, policies, time and request id (what happened, and that it happened); what identifies the
// erased person goes: their name where they acted, their IP address and browser where it was their own
// sign-in, their profile values in an entry about them, and every name, address or phone number they went
// by wherever it appears in a sentence, a reason, a target or a change. They appear as their pseudonym
// ("Erased account 3f2a9c1d"), which only the account's id (kept) ties to anything.
import { PROFILE_FIELDS } from "~/accounts/profile-fields";
import type { AuditEntryFields, JsonValue } from "./chain";

/** A profile value of the erased person, replaced in an entry about them. */
export const ERASED_VALUE = "[erased]";

/**
 * The shortest name or address replaced in free text: shorter ones would match too much. A name in a
 * script written without spaces between words (Chinese, Japanese, Korean, Thai) may be two characters.
 */
export const MIN_IDENTIFIER_LENGTH = 3;
const MIN_UNSPACED_LENGTH = 2;

export interface PersonToErase {
  accountId: string;
  /** What they are called from now on, in text where their name was. */
  pseudonym: string;
  /** Names, email addresses and phone numbers they went by: replaced wherever they appear in text. */
  identifiers: readonly string[];
  /**
   * Other values of theirs (their passkeys' names): replaced by "[erased]" in entries about them or by
   * them, where they appear in sentences and details.
   */
  erasedValues?: readonly string[];
}

/**
 * Keys whose values, in an entry about the person (they are its subject, or the account a refused attempt
 * named), are the person's own data: profile fields, where they signed in from, their passkeys' names.
 */
const PERSONAL_KEYS = new Set<string>([...PROFILE_FIELDS, "ipAddress", "userAgent", "passkey"]);

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

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}_@]/u;

/** A character after which (or before which) a name could go on: a letter of a script written with spaces. */
const continuesWord = (character: string) => WORD.test(character) && !UNSPACED_SCRIPT.test(character);

/** Single-word names are matched in their own letter case: "Admin" or "Support" must not eat "domain admin". */
export const matchesAnyCase = (identifier: string) => /[\s@\d]/u.test(identifier) || UNSPACED_SCRIPT.test(identifier);

/** Whether an identifier (NFC, trimmed) is long enough to replace in free text. */
export function isReplaceable(identifier: string): boolean {
  return identifier.length >= (UNSPACED_SCRIPT.test(identifier) ? MIN_UNSPACED_LENGTH : MIN_IDENTIFIER_LENGTH);
}

function identifierPattern(identifier: string): string {
  const body = identifier
    .split(/\s+/u)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("\\s+");
  // Whole words where the script has words: "Dan" is not replaced in "Dana", nor "bob@x.example" in
  // "jimbob@x.example"; "王小明" is replaced in "王小明的账户".
  const before = continuesWord(identifier[0]!) ? "(?<![\\p{L}\\p{N}_@.])" : "";
  const after = continuesWord(identifier[identifier.length - 1]!) ? "(?![\\p{L}\\p{N}_@])" : "";
  return `${before}${body}${after}`;
}

/**
 * Replaces each of `identifiers` (whole words where the script has them, longest first; names of more than
 * one word, addresses and phone numbers in any letter case, single-word names in theirs) with
 * `replacement`, in text and identifiers both in Unicode NFC. Identifiers too short to be safe, and those
 * equal to one of `keep`, are left alone.
 */
export function identifierScrubber(
  identifiers: readonly string[],
  replacement: string,
  keep: readonly string[] = [],
): (text: string) => string {
  const kept = new Set(keep.map((name) => name.normalize("NFC").trim().toLowerCase()));
  const wanted = [...new Set(identifiers.map((identifier) => identifier.normalize("NFC").trim()))]
    .filter((identifier) => isReplaceable(identifier) && !kept.has(identifier.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  const pattern = (list: string[], flags: string) =>
    list.length ? new RegExp(list.map(identifierPattern).join("|"), flags) : null;
  const anyCase = pattern(wanted.filter(matchesAnyCase), "giu");
  const ownCase = pattern(
    wanted.filter((identifier) => !matchesAnyCase(identifier)),
    "gu",
  );
  if (!anyCase && !ownCase) return (text) => text;
  return (text) => {
    const normal = text.normalize("NFC");
    let result = normal;
    if (anyCase) result = result.replace(anyCase, () => replacement);
    if (ownCase) result = result.replace(ownCase, () => replacement);
    return result === normal ? text : result;
  };
}

interface ScrubContext {
  person: PersonToErase;
  /** Whether the entry is about the person (their profile values are erased) or by or about them. */
  about: boolean;
  scrub: (text: string) => string;
}

/** The account a value names, where the structure says: `manager` beside `managerId`, an account's `name`. */
function ownerOf(object: { [key: string]: JsonValue }, key: string): string | undefined {
  const id = object[`${key}Id`];
  if (typeof id === "string") return id;
  if (key === "name" && object.type === "account" && typeof object.id === "string") return object.id;
  return undefined;
}

function scrubJson(value: JsonValue, context: ScrubContext): JsonValue {
  if (typeof value === "string") return context.scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, context));
  const copy: { [key: string]: JsonValue } = {};
  const isPasskey = value.type === "passkey";
  for (const [key, inner] of Object.entries(value)) {
    let next: JsonValue;
    const owner = typeof inner === "string" ? ownerOf(value, key) : undefined;
    if (
      typeof inner === "string" &&
      inner !== "" &&
      context.about &&
      (PERSONAL_KEYS.has(key) || (isPasskey && key === "name"))
    ) {
      next = ERASED_VALUE;
    } else if (owner !== undefined) {
      // Decided by the id beside it: the person's name goes, a namesake's stays.
      next = owner === context.person.accountId ? context.person.pseudonym : inner;
    } else {
      next = scrubJson(inner, context);
    }
    // defineProperty, not assignment: a key named "__proto__" stays a key.
    Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const scrubText = (text: string | null, scrub: (text: string) => string) => (text === null ? null : scrub(text));

/**
 * The entry as a purge leaves it, or null when nothing in it identifies the person. `keep` names
 * identifiers not to replace in this entry's text: the names of other people it is about who share the
 * person's name.
 */
export function pseudonymiseEntry<Entry extends AuditEntryFields>(
  entry: Entry,
  person: PersonToErase,
  keep: readonly string[] = [],
): Entry | null {
  const theirs = entry.actorAccountId === person.accountId;
  const about = isAbout(entry, person.accountId);
  const names = identifierScrubber(person.identifiers, person.pseudonym, keep);
  const values = theirs || about ? identifierScrubber(person.erasedValues ?? [], ERASED_VALUE) : undefined;
  const scrub = values ? (text: string) => values(names(text)) : names;
  const context: ScrubContext = { person, about, scrub };
  // Where a sign-in or an action came from: the person's own, or (no actor) an attempt on their account.
  const theirConnection = theirs || (about && entry.actorAccountId === null);
  const next: Entry = {
    ...entry,
    actorName: theirs ? person.pseudonym : entry.actorName,
    target: entry.target === undefined ? null : scrubJson(entry.target, context),
    reason: scrubText(entry.reason, scrub),
    sentence: scrubText(entry.sentence, scrub),
    changes: entry.changes === undefined ? null : scrubJson(entry.changes, context),
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
 * Names, addresses and phone numbers the person went by according to an entry about them or by them
 * (earlier values in profile changes, the names they acted under), and their passkeys' names in it.
 */
export function identifiersIn(entry: AuditEntryFields, accountId: string): { names: string[]; passkeys: string[] } {
  const names: string[] = [];
  const passkeys: string[] = [];
  if (entry.actorAccountId === accountId && entry.actorName) names.push(entry.actorName);
  if (entry.subjectAccountId !== accountId) return { names, passkeys };
  const target = entry.target;
  if (target && typeof target === "object" && !Array.isArray(target)) {
    if (typeof target.passkey === "string") passkeys.push(target.passkey);
    if (target.type === "passkey" && typeof target.name === "string") passkeys.push(target.name);
  }
  const changes = entry.changes;
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return { names, passkeys };
  const isPasskeyAction = /passkey/i.test(entry.action);
  for (const side of [changes.before, changes.after]) {
    if (!side || typeof side !== "object" || Array.isArray(side)) continue;
    for (const key of ["displayName", "email", "phone"]) {
      const value = side[key];
      if (typeof value === "string" && value.trim()) names.push(value);
    }
    const given = side.givenName;
    const family = side.familyName;
    if (typeof given === "string" && typeof family === "string" && given && family) names.push(`${given} ${family}`);
    if (typeof side.passkey === "string") passkeys.push(side.passkey);
    if (isPasskeyAction && typeof side.name === "string") passkeys.push(side.name);
  }
  return { names, passkeys: passkeys.filter((name) => name.trim()) };
}
