// The hash chain's canonical encoding. An entry's hash is the lowercase hex SHA-256 of the UTF-8 bytes of
// the JSON text (as JSON.stringify writes it: no whitespace) of this 24-element array, in this order:
//
//   0 "glasshouse.audit.v1"      6 actorTenantId      12 outcome            18 changes
//   1 tenantId                   7 actorName          13 subjectAccountId   19 requestId
//   2 seq (a JSON number)        8 actorRole          14 target             20 ipAddress
//   3 id                         9 delegationId       15 reason             21 userAgent
//   4 occurredAt                10 operatorAccessId   16 policyIds          22 visibility
//   5 actorAccountId            11 action             17 sentence           23 prevHash
//
// - An absent or SQL NULL field is JSON null; policyIds, when absent, is [] (the column's default).
// - UUIDs in lowercase, as PostgreSQL prints them. occurredAt is ISO 8601 in UTC with exactly three
//   fractional digits (2026-11-03T09:41:07.120Z); entries are stored with millisecond precision.
// - target and changes are embedded as JSON values, not strings: objects with their keys sorted
//   recursively (by UTF-16 code units, JavaScript's default sort), arrays in order, numbers as
//   JSON.stringify writes them. jsonb reorders keys, so the sort is what makes both sides agree.
// - Text reaches PostgreSQL as UTF-8 and comes back unchanged, except what it cannot hold: NUL and lone
//   surrogates are replaced with U+FFFD before storing and hashing (`storedText`, `storedJson`).
// A checkpoint signs (Ed25519) the UTF-8 JSON text of ["glasshouse.audit.checkpoint.v1", tenantId, seq,
// hash, signedAt], signedAt in the same timestamp form (`encodeCheckpoint`).
// Any change to these lists or rules breaks every existing chain: give it a new version tag instead.
import * as crypto from "node:crypto";

export const ENCODING_VERSION = "glasshouse.audit.v1";

/** The prev_hash of entry 1. */
export const GENESIS_HASH = "0".repeat(64);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An entry's hashed fields, as they read back from the database (prev_hash and hash aside). */
export interface AuditEntryFields {
  tenantId: string;
  seq: number;
  id: string;
  /** A Date, or a string already in the canonical form (see `canonicalTimestamp`). */
  occurredAt: Date | string;
  actorAccountId: string | null;
  actorTenantId: string | null;
  actorName: string | null;
  actorRole: string | null;
  delegationId: string | null;
  operatorAccessId: string | null;
  action: string;
  outcome: string;
  subjectAccountId: string | null;
  target: JsonValue | undefined;
  reason: string | null;
  policyIds: readonly string[] | null;
  sentence: string | null;
  changes: JsonValue | undefined;
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  visibility: string;
}

const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function canonicalTimestamp(value: Date | string): string {
  if (typeof value === "string" && CANONICAL_TIMESTAMP.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${String(value)}`);
  return date.toISOString();
}

/** JSON text of a JSON value with every object's keys sorted, recursively. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "null";
  // Most values read back from jsonb are already in order; JSON.stringify then writes the same text, faster.
  if (isSortedDeep(value)) return JSON.stringify(value);
  return sortedJson(value);
}

function sortedJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  let text = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0) text += ",";
    text += `${JSON.stringify(key)}:${sortedJson(value[key]!)}`;
  }
  return `${text}}`;
}

/** Whether every object's keys, in the order JSON.stringify writes them, are strictly ascending. */
function isSortedDeep(value: JsonValue): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isSortedDeep(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!isSortedDeep(value[key]!)) return false;
    previous = key;
  }
  return true;
}

function text(value: string | null | undefined): string {
  return value === null || value === undefined ? "null" : JSON.stringify(value);
}

/** The canonical encoding (see the top of this file) of an entry's fields and the previous entry's hash. */
export function encodeEntry(fields: AuditEntryFields, prevHash: string): string {
  return (
    `[${JSON.stringify(ENCODING_VERSION)},${text(fields.tenantId)},${JSON.stringify(fields.seq)},` +
    `${text(fields.id)},${text(canonicalTimestamp(fields.occurredAt))},` +
    `${text(fields.actorAccountId)},${text(fields.actorTenantId)},${text(fields.actorName)},` +
    `${text(fields.actorRole)},${text(fields.delegationId)},${text(fields.operatorAccessId)},` +
    `${text(fields.action)},${text(fields.outcome)},${text(fields.subjectAccountId)},` +
    `${canonicalJson(fields.target)},${text(fields.reason)},${JSON.stringify(fields.policyIds ?? [])},` +
    `${text(fields.sentence)},${canonicalJson(fields.changes)},${text(fields.requestId)},` +
    `${text(fields.ipAddress)},${text(fields.userAgent)},${text(fields.visibility)},${text(prevHash)}]`
  );
}

/**
 * The encoding of an entry whose chain position is not known yet: the text around seq, occurredAt and
 * prevHash, which the database fills in under the chain-head lock. For any seq (an integer), occurredAt
 * (canonical) and prevHash (hex), `before + seq + afterSeq + occurredAt + afterTime + prevHash + end` is
 * exactly `encodeEntry`.
 */
export function encodeEntryAround(fields: Omit<AuditEntryFields, "seq" | "occurredAt">): {
  before: string;
  afterSeq: string;
  afterTime: string;
  end: string;
} {
  return {
    before: `[${JSON.stringify(ENCODING_VERSION)},${text(fields.tenantId)},`,
    afterSeq: `,${text(fields.id)},"`,
    afterTime:
      `",${text(fields.actorAccountId)},${text(fields.actorTenantId)},${text(fields.actorName)},` +
      `${text(fields.actorRole)},${text(fields.delegationId)},${text(fields.operatorAccessId)},` +
      `${text(fields.action)},${text(fields.outcome)},${text(fields.subjectAccountId)},` +
      `${canonicalJson(fields.target)},${text(fields.reason)},${JSON.stringify(fields.policyIds ?? [])},` +
      `${text(fields.sentence)},${canonicalJson(fields.changes)},${text(fields.requestId)},` +
      `${text(fields.ipAddress)},${text(fields.userAgent)},${text(fields.visibility)},"`,
    end: `"]`,
  };
}

/**
 * The same encoding from parts already written as JSON text: `head` holds fields 1–13 (tenantId to
 * subjectAccountId), `middle` 15–17 (reason, policyIds, sentence), `tail` 19–22 (requestId to visibility),
 * each comma-separated. The verifier has PostgreSQL write them, which is much faster than decoding
 * two dozen columns a row; its JSON string escaping is JSON.stringify's for any text it can store.
 */
export function encodeEntryParts(
  parts: { head: string; target: JsonValue | undefined; middle: string; changes: JsonValue | undefined; tail: string },
  prevHash: string,
): string {
  return (
    `["${ENCODING_VERSION}",${parts.head},${canonicalJson(parts.target)},${parts.middle},` +
    `${canonicalJson(parts.changes)},${parts.tail},${text(prevHash)}]`
  );
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `value`. */
export const sha256Hex: (value: string) => string =
  typeof crypto.hash === "function"
    ? (value) => crypto.hash("sha256", value, "hex")
    : (value) => crypto.createHash("sha256").update(value, "utf8").digest("hex");

export function computeEntryHash(fields: AuditEntryFields, prevHash: string): string {
  return sha256Hex(encodeEntry(fields, prevHash));
}

// ─── Seals ────────────────────────────────────────────────────────────────────────────────────────
//
// A purge pseudonymises entries in place (app/audit/pseudonymise.server.ts; docs/decisions/008): their
// personal fields are replaced, so `hash` (which still links the chain and matches any checkpoint) no
// longer matches their contents. Each replacement is a line of audit_seal_entries: the seal, the entry's
// seq, the hash its contents had (its `hash`, or an earlier seal's) and the hash they have now (the same
// encoding and prev_hash), which the entry also keeps as `sealed_hash`. The purge's own entry, appended
// after them, vouches for the seal in `changes.after.auditSeal`: its id, how many lines it has, their
// digest (`sealDigest`) and, where a signing key is configured, an Ed25519 signature of `encodeSeal`.

export const SEAL_VERSION = "glasshouse.audit.seal.v1";

export interface SealLine {
  seq: number;
  replacedHash: string;
  sealedHash: string;
}

/** What a purge's entry records about the entries it pseudonymised (`changes.after.auditSeal`). */
export interface AuditSeal {
  id: string;
  entries: number;
  digest: string;
  /** The signing key's id and the signature of `encodeSeal`; absent where no key was configured. */
  keyId?: string;
  signature?: string;
}

/** SHA-256 (hex) of the seal's header and its lines, "seq replacedHash sealedHash", in seq order. */
export function sealDigest(tenantId: string, sealId: string, lines: readonly SealLine[]): string {
  const hash = crypto.createHash("sha256").update(`${SEAL_VERSION}\n${tenantId}\n${sealId}\n`, "utf8");
  for (const line of lines) hash.update(`${line.seq} ${line.replacedHash} ${line.sealedHash}\n`, "utf8");
  return hash.digest("hex");
}

/** The bytes (as text) a seal's signature covers. */
export function encodeSeal(tenantId: string, seal: Pick<AuditSeal, "id" | "entries" | "digest">): string {
  return JSON.stringify([SEAL_VERSION, tenantId, seal.id, seal.entries, seal.digest]);
}

/** The seal a purge entry's changes record, if they record one. */
export function sealOf(changes: JsonValue | undefined): AuditSeal | null {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return null;
  const after = changes.after;
  if (!after || typeof after !== "object" || Array.isArray(after)) return null;
  const seal = after.auditSeal;
  if (!seal || typeof seal !== "object" || Array.isArray(seal)) return null;
  const { id, entries, digest, keyId, signature } = seal;
  if (typeof id !== "string" || typeof entries !== "number" || typeof digest !== "string") return null;
  return {
    id,
    entries,
    digest,
    ...(typeof keyId === "string" ? { keyId } : {}),
    ...(typeof signature === "string" ? { signature } : {}),
  };
}

export const CHECKPOINT_VERSION = "glasshouse.audit.checkpoint.v1";

/** The bytes (as text) a checkpoint's signature covers. */
export function encodeCheckpoint(checkpoint: {
  tenantId: string;
  seq: number;
  hash: string;
  signedAt: string;
}): string {
  return JSON.stringify([
    CHECKPOINT_VERSION,
    checkpoint.tenantId,
    checkpoint.seq,
    checkpoint.hash,
    canonicalTimestamp(checkpoint.signedAt),
  ]);
}

// ─── What the database can hold ───────────────────────────────────────────────────────────────────

// eslint-disable-next-line no-control-regex -- NUL is precisely what PostgreSQL cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` as a text column will hand it back: PostgreSQL holds neither NUL nor lone surrogates. */
export function storedText(value: string): string;
export function storedText(value: string | null | undefined): string | null;
export function storedText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(UNSTORABLE, "\uFFFD");
}

/**
 * `value` as a jsonb column will hand it back: what JSON.stringify keeps (no undefined, functions or
 * NaN; Dates as ISO strings), with every string and key made storable. Null for nothing at all.
 */
export function storedJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(value);
  if (json === undefined) return null;
  return JSON.parse(json, (_key, item: unknown) => {
    if (typeof item === "string") return storedText(item);
    if (item && typeof item === "object" && !Array.isArray(item)) {
      let clean: Record<string, unknown> | undefined;
      for (const key of Object.keys(item)) {
        if (storedText(key) !== key) clean ??= {};
      }
      if (!clean) return item;
      for (const [key, inner] of Object.entries(item)) {
        Object.defineProperty(clean, storedText(key), {
          value: inner,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return clean;
    }
    return item;
  }) as JsonValue;
}

// ─── Redaction ────────────────────────────────────────────────────────────────────────────────────

export const REDACTED = "[redacted]";

const SECRET_WORD = /^(?:password|passwd|passphrase|secret|token|hash|code|key)(?:s|es)?$/;
/** "…Code" that classifies rather than authenticates: a country code is not a recovery code. */
const CLASSIFYING_CODE = new Set(["country", "postal", "post", "zip", "language", "locale", "currency", "area"]);
/** Keys that say when or which, not what: passwordChangedAt, keyId. */
const METADATA_WORD = new Set(["at", "id", "ids"]);

/** Splits a key into lowercase words: camelCase, PascalCase, ACRONYMKey, snake_case, kebab-case, dots. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a key names a secret: one of its words is password, secret, token, hash, code or key (or a
 * plural), or contains "password". Whole words only, so "keyboard", "monkey", "hashtag" and "secretary"
 * are not secrets; nor are "countryCode" and its like, nor "passwordChangedAt" or "keyId".
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  if (words.length > 1 && METADATA_WORD.has(words[words.length - 1]!)) return false;
  return words.some((word, index) => {
    if (word.includes("password") || word.includes("passwd")) return true;
    if (!SECRET_WORD.test(word)) return false;
    return !(word.startsWith("code") && index > 0 && CLASSIFYING_CODE.has(words[index - 1]!));
  });
}

/**
 * A copy of `value` in which the value of every secret-named key (`isSecretKey`), at any depth, is
 * "[redacted]". Null and booleans are kept: "no password was set" and mustChangePassword reveal nothing.
 */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const keep = inner === null || inner === undefined || typeof inner === "boolean" || !isSecretKey(key);
    // defineProperty, not assignment: a key named "__proto__" stays a key.
    Object.defineProperty(copy, key, {
      value: keep ? redactSecrets(inner) : REDACTED,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
