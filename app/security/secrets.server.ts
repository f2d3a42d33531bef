// Secrets at rest. TOTP shared secrets, and the short-lived sign-in state kept in cookies, are sealed with
// AES-256-GCM under one key: SECRETS_KEY (32 bytes, base64) from configuration, or for the embedded default
// a key generated once into DATA_DIR/secrets.key. With PostgreSQL the key must come from configuration: a
// key kept next to the database would protect nothing. Tokens a person types or clicks (recovery codes,
// reset links, session tokens) are not sealed but hashed: they are high-entropy, so SHA-256 suffices.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "~/config.server";

export const SECRETS_KEY_FILE = "secrets.key";
const VERSION = "v1";

export class SecretsKeyError extends Error {
  override name = "SecretsKeyError";
}

let cachedKey: Buffer | undefined;

function decodeKey(value: string, source: string): Buffer {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) {
    throw new SecretsKeyError(`${source} must be 32 random bytes in base64 (make one with: openssl rand -base64 32).`);
  }
  return key;
}

/** The key from SECRETS_KEY, or the embedded default's generated file. */
export function secretsKey(): Buffer {
  if (cachedKey) return cachedKey;
  const config = getConfig();
  if (config.SECRETS_KEY) {
    cachedKey = decodeKey(config.SECRETS_KEY, "SECRETS_KEY");
    return cachedKey;
  }
  if (config.DATABASE_URL && config.NODE_ENV === "production") {
    throw new SecretsKeyError("SECRETS_KEY is required when DATABASE_URL is set in production.");
  }
  const file = path.resolve(config.DATA_DIR, SECRETS_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // "wx": never overwrite a key another process wrote first; read theirs instead.
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  cachedKey = decodeKey(readFileSync(file, "utf8"), file);
  return cachedKey;
}

/** For tests: use this key (or forget the cached one). */
export function setSecretsKeyForTesting(key: Buffer | undefined): void {
  cachedKey = key;
}

/**
 * Seals `plaintext` for storage. `context` (e.g. "totp:<tenant>/<account>") is bound as associated data, so
 * a sealed value copied onto another row or into another purpose does not open.
 */
export function seal(plaintext: string | Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

/** Opens a value `seal` made with the same context; null when it was tampered with, or is not one. */
export function unseal(sealed: string, context: string): string | null {
  return unsealBytes(sealed, context)?.toString("utf8") ?? null;
}

/** `unseal` for a value sealed from bytes. */
export function unsealBytes(sealed: string, context: string): Buffer | null {
  const [version, iv, tag, body, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretsKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
  } catch {
    return null;
  }
}

/** SHA-256 (hex) of a high-entropy token: what is stored instead of the token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests of the same length. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
