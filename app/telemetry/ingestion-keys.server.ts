// Ingestion keys: what an installed app presents (`Authorization: Bearer ghk_<prefix>_<secret>`) to report
// its events as one organisation. The whole key is shown once, when it is made, and never stored: only its
// SHA-256 and its prefix are. The secret is 32 random bytes, so a fast hash is right here — nobody can
// guess their way through 2^256 keys, and a slow password hash would only slow every ingestion request.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { queryRows, type Db, type Tx } from "~db/client";
import { accounts, ingestionKeys } from "~db/schema";
import { isUuid, withoutTenant } from "~db/tenant-scope";

const KEY_PATTERN = /^ghk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** A new key, its prefix (8 lowercase hex characters, shown in lists) and the hash that is stored. */
export function generateIngestionKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString("hex");
  const key = `ghk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashIngestionKey(key) };
}

export function hashIngestionKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The prefix of a well-formed key, or null for anything else (so nothing malformed reaches the database). */
export function parseIngestionKey(presented: string): { prefix: string } | null {
  const match = KEY_PATTERN.exec(presented.trim());
  return match ? { prefix: match[1]! } : null;
}

/** How a key is named on the page and in the audit trail: its prefix, never its secret. */
export function displayPrefix(prefix: string): string {
  return `ghk_${prefix}_…`;
}

export interface FoundIngestionKey {
  tenantId: string;
  keyId: string;
  /** Not revoked and not past the end a rotation set: the key may post events now. */
  usable: boolean;
}

/**
 * Whose key `presented` is, before any tenant is known: the future ingestion API's first step. The key is
 * hashed and the hash looked up by glasshouse_find_ingestion_key (db/migrations/0016), as the app role.
 * No constant-time comparison is needed: the secret is never compared, its hash is found by an index, and
 * timing reveals nothing about a key whose hash nobody can choose. A malformed key is not looked up.
 */
export async function findIngestionKey(db: Db, presented: string): Promise<FoundIngestionKey | null> {
  const trimmed = presented.trim();
  if (!parseIngestionKey(trimmed)) return null;
  const hash = hashIngestionKey(trimmed);
  const [found] = await withoutTenant(db, (tx) =>
    queryRows<{ tenant_id: string; key_id: string; usable: boolean }>(
      tx,
      sql`select tenant_id, key_id, usable from glasshouse_find_ingestion_key(${hash})`,
    ),
  );
  return found ? { tenantId: found.tenant_id, keyId: found.key_id, usable: found.usable } : null;
}

export type IngestionKeyStatus = "active" | "ending" | "ended" | "revoked";

/** A key's state at `now`: in use, ending after a rotation's overlap, ended, or revoked. */
export function ingestionKeyStatus(
  key: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): IngestionKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt) return key.expiresAt > now ? "ending" : "ended";
  return "active";
}

const createdBy = alias(accounts, "created_by");
const revokedBy = alias(accounts, "revoked_by");
const replacement = alias(ingestionKeys, "replacement");

/** Every key of the organisation for its console page: live ones first, newest first. */
export async function listIngestionKeys(tx: Tx, tenantId: string) {
  return tx
    .select({
      id: ingestionKeys.id,
      name: ingestionKeys.name,
      prefix: ingestionKeys.prefix,
      createdAt: ingestionKeys.createdAt,
      createdByName: createdBy.displayName,
      lastUsedAt: ingestionKeys.lastUsedAt,
      expiresAt: ingestionKeys.expiresAt,
      revokedAt: ingestionKeys.revokedAt,
      revokedByName: revokedBy.displayName,
      replacedByPrefix: replacement.prefix,
    })
    .from(ingestionKeys)
    .leftJoin(createdBy, and(eq(createdBy.tenantId, ingestionKeys.tenantId), eq(createdBy.id, ingestionKeys.createdBy)))
    .leftJoin(revokedBy, and(eq(revokedBy.tenantId, ingestionKeys.tenantId), eq(revokedBy.id, ingestionKeys.revokedBy)))
    .leftJoin(
      replacement,
      and(eq(replacement.tenantId, ingestionKeys.tenantId), eq(replacement.id, ingestionKeys.replacedBy)),
    )
    .where(eq(ingestionKeys.tenantId, tenantId))
    .orderBy(
      sql`(${ingestionKeys.revokedAt} is null and (${ingestionKeys.expiresAt} is null or ${ingestionKeys.expiresAt} > now())) desc`,
      desc(ingestionKeys.createdAt),
      asc(ingestionKeys.id),
    );
}

export type IngestionKeyRow = Awaited<ReturnType<typeof listIngestionKeys>>[number];

/** One key of the organisation, locked for the rest of the transaction; null when there is none by that id. */
export async function lockIngestionKey(tx: Tx, tenantId: string, keyId: string) {
  if (!isUuid(keyId)) return null;
  const [key] = await tx
    .select()
    .from(ingestionKeys)
    .where(and(eq(ingestionKeys.tenantId, tenantId), eq(ingestionKeys.id, keyId)))
    .for("update");
  return key ?? null;
}

/** Whether the organisation has a key by that id (a key of another organisation is not found). */
export async function hasIngestionKey(tx: Tx, tenantId: string, keyId: string): Promise<boolean> {
  if (!isUuid(keyId)) return false;
  const [key] = await tx
    .select({ id: ingestionKeys.id })
    .from(ingestionKeys)
    .where(and(eq(ingestionKeys.tenantId, tenantId), eq(ingestionKeys.id, keyId)));
  return Boolean(key);
}
