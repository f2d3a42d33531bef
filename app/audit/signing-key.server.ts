// The Ed25519 key that signs audit checkpoints. A checkpoint is only as good as the key is secret: whoever
// holds it can re-sign a rewritten chain, so with PostgreSQL it comes from configuration and never from the
// database; the embedded default generates one into its data folder (which also holds the database, so
// there it proves less). Verifying needs only public keys.
//
// AUDIT_SIGNING_KEY   an Ed25519 private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----…"), or the base64
//                     of that PEM text on one line (for env files); a literal "\n" is read as a newline.
//                     Make one with: openssl genpkey -algorithm ed25519 | base64 -w0
// AUDIT_VERIFY_KEYS   optional: further keys that verify older checkpoints after a key change: public keys
//                     as SPKI PEM ("-----BEGIN PUBLIC KEY-----…") or base64 of the PEM, comma-separated.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "~/config.server";

export const SIGNING_KEY_FILE = "audit-signing-key.pem";

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** "AUDIT_SIGNING_KEY", or the file the embedded default keeps it in. */
  source: string;
}

/** The environment to read: process.env, or another one in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Public keys by key id. */
export type VerificationKeys = ReadonlyMap<string, KeyObject>;

export class AuditKeyError extends Error {
  override name = "AuditKeyError";
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI, DER). */
export function auditKeyId(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

export function generateSigningKey(source = "generated"): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { keyId: auditKeyId(publicKey), privateKey, publicKey, source };
}

/** PEM text from a PEM, or from the base64 of one. */
function pemFrom(value: string, variable: string): string {
  const text = value.trim().replace(/\\n/g, "\n");
  if (text.includes("-----BEGIN")) return text;
  const decoded = Buffer.from(text, "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  throw new AuditKeyError(`${variable} is neither a PEM key nor the base64 of one.`);
}

function signingKeyFromPem(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`${source} does not hold a readable private key (PKCS#8 PEM expected).`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new AuditKeyError(`${source} holds a ${privateKey.asymmetricKeyType} key; audit checkpoints need Ed25519.`);
  }
  const publicKey = createPublicKey(privateKey);
  return { keyId: auditKeyId(publicKey), privateKey, publicKey, source };
}

function embeddedKeyPath(env: Env): string | undefined {
  const config = getConfig(env as NodeJS.ProcessEnv);
  return config.DATABASE_URL ? undefined : path.resolve(config.DATA_DIR, SIGNING_KEY_FILE);
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

let cachedSigningKey: SigningKey | undefined;

/**
 * The key new checkpoints are signed with: AUDIT_SIGNING_KEY, else (embedded default, no DATABASE_URL)
 * the one in DATA_DIR/audit-signing-key.pem, generated on first use. With DATABASE_URL and no key
 * configured there is none: this throws, and checkpoints cannot be made.
 */
export function getSigningKey(env: Env = process.env): SigningKey {
  if (env === process.env && cachedSigningKey) return cachedSigningKey;
  let key: SigningKey;
  if (env.AUDIT_SIGNING_KEY?.trim()) {
    key = signingKeyFromPem(pemFrom(env.AUDIT_SIGNING_KEY, "AUDIT_SIGNING_KEY"), "AUDIT_SIGNING_KEY");
  } else {
    const file = embeddedKeyPath(env);
    if (!file) {
      throw new AuditKeyError(
        "No audit signing key: set AUDIT_SIGNING_KEY (an Ed25519 PKCS#8 PEM, or its base64) to sign checkpoints.",
      );
    }
    key = signingKeyFromPem(readKeyFile(file) ?? createKeyFile(file), file);
  }
  if (env === process.env) cachedSigningKey = key;
  return key;
}

function createKeyFile(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
    return pem;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8");
    throw error;
  }
}

/**
 * Every public key checkpoints may be verified with: the signing key's (configured, or the embedded
 * default's file if it exists; never generated here) and AUDIT_VERIFY_KEYS. Empty when none is known.
 */
export function getVerificationKeys(env: Env = process.env): VerificationKeys {
  const keys = new Map<string, KeyObject>();
  const add = (key: KeyObject) => keys.set(auditKeyId(key), key.type === "private" ? createPublicKey(key) : key);
  if (env.AUDIT_SIGNING_KEY?.trim()) {
    add(getSigningKey(env).publicKey);
  } else {
    const file = embeddedKeyPath(env);
    const pem = file ? readKeyFile(file) : undefined;
    if (file && pem) add(signingKeyFromPem(pem, file).publicKey);
  }
  for (const pem of splitKeys(env.AUDIT_VERIFY_KEYS ?? "")) {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new AuditKeyError("AUDIT_VERIFY_KEYS holds something that is not a public key (SPKI PEM expected).");
    }
    if (key.asymmetricKeyType !== "ed25519") throw new AuditKeyError("AUDIT_VERIFY_KEYS: only Ed25519 keys.");
    add(key);
  }
  return keys;
}

function splitKeys(value: string): string[] {
  const text = value.trim().replace(/\\n/g, "\n");
  if (!text) return [];
  if (text.includes("-----BEGIN")) {
    return text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  }
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => pemFrom(part, "AUDIT_VERIFY_KEYS"));
}
