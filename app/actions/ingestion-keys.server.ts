// Ingestion keys (app keys in the console): a domain admin creates one, rotates it, revokes it. The whole
// key is in the action's output only, for the page to show once; the row keeps its SHA-256 and prefix, and
// the audit entry its name and prefix. Rotation makes a replacement with the same name and lets the old key
// work for ROTATION_OVERLAP_MS more, so deployed apps can switch; revoking ends a key at once.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { ingestionKeys } from "~db/schema";
import {
  displayPrefix,
  generateIngestionKey,
  hasIngestionKey,
  ingestionKeyStatus,
  lockIngestionKey,
} from "~/telemetry/ingestion-keys.server";
import { ActionFailure, defineAction, isUniqueViolation } from "./action";
import { optionalReasonField } from "./fields";
import { loadOrganisationResource } from "./resources.server";

export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** What create and rotate answer: the whole key, to be shown once and then forgotten. */
export interface NewIngestionKey {
  keyId: string;
  name: string;
  prefix: string;
  key: string;
}

const keyIdField = z.uuid({ error: "Choose an app key." });

export const createIngestionKeyInputSchema = z.object({
  name: z
    .string({ error: "Give the app key a name." })
    .trim()
    .min(1, "Give the app key a name.")
    .max(100, "Keep the name to 100 characters or fewer."),
});

export const rotateIngestionKeyInputSchema = z.object({ keyId: keyIdField });

export const revokeIngestionKeyInputSchema = z.object({ keyId: keyIdField, reason: optionalReasonField });

/** The organisation, when the key named is one of its own; null (not found) for any other id. */
async function loadKeyOrganisation(tx: Tx, tenantId: string, keyId: string) {
  return (await hasIngestionKey(tx, tenantId, keyId)) ? loadOrganisationResource(tx, tenantId) : null;
}

/**
 * Stores a new key of `name` and answers it whole. The prefix is unique within the organisation; a clash
 * (one in 4 billion per key) is tried again with a new key, in a savepoint so the transaction goes on.
 */
async function insertKey(tx: Tx, tenantId: string, name: string, createdBy: string, now: Date) {
  for (let attempt = 0; ; attempt++) {
    const { key, prefix, hash } = generateIngestionKey();
    try {
      const [row] = await tx.transaction((savepoint) =>
        savepoint
          .insert(ingestionKeys)
          .values({ tenantId, name, prefix, keyHash: hash, createdBy, createdAt: now })
          .returning({ id: ingestionKeys.id }),
      );
      return { keyId: row!.id, name, prefix, key };
    } catch (error) {
      if (attempt >= 4 || !isUniqueViolation(error, "ingestion_keys_prefix_key")) throw error;
    }
  }
}

function target(key: { id: string; name: string; prefix: string }) {
  return { type: "ingestionKey", id: key.id, name: key.name, prefix: displayPrefix(key.prefix) };
}

export const createIngestionKey = defineAction({
  id: "ingestionKey.create",
  input: createIngestionKeyInputSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const created: NewIngestionKey = await insertKey(tx, tenantId, input.name, principal.accountId, now);
    return {
      output: created,
      target: target({ id: created.keyId, name: created.name, prefix: created.prefix }),
      changes: { before: null, after: { name: created.name, prefix: displayPrefix(created.prefix) } },
    };
  },
});

export const rotateIngestionKey = defineAction({
  id: "ingestionKey.rotate",
  input: rotateIngestionKeyInputSchema,
  loadResource: (tx, tenantId, input) => loadKeyOrganisation(tx, tenantId, input.keyId),
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const old = await lockIngestionKey(tx, tenantId, input.keyId);
    if (!old) throw new ActionFailure("That app key is not there any more.");
    const shown = `App key '${old.name}' (${displayPrefix(old.prefix)})`;
    const status = ingestionKeyStatus(old, now);
    if (status === "revoked") {
      throw new ActionFailure(`${shown} has been revoked; a revoked key cannot be rotated. Create a new one instead.`);
    }
    if (status !== "active") {
      throw new ActionFailure(`${shown} has already been rotated; rotate its replacement instead.`);
    }
    const created: NewIngestionKey = await insertKey(tx, tenantId, old.name, principal.accountId, now);
    const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await tx
      .update(ingestionKeys)
      .set({ expiresAt, replacedBy: created.keyId })
      .where(and(eq(ingestionKeys.tenantId, tenantId), eq(ingestionKeys.id, old.id)));
    return {
      output: { ...created, replacedKeyId: old.id, oldExpiresAt: expiresAt },
      target: target(old),
      changes: {
        before: { prefix: displayPrefix(old.prefix), expiresAt: null },
        after: {
          prefix: displayPrefix(old.prefix),
          expiresAt: expiresAt.toISOString(),
          replacedBy: displayPrefix(created.prefix),
        },
      },
    };
  },
});

export const revokeIngestionKey = defineAction({
  id: "ingestionKey.revoke",
  input: revokeIngestionKeyInputSchema,
  loadResource: (tx, tenantId, input) => loadKeyOrganisation(tx, tenantId, input.keyId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const key = await lockIngestionKey(tx, tenantId, input.keyId);
    if (!key) throw new ActionFailure("That app key is not there any more.");
    const shown = `App key '${key.name}' (${displayPrefix(key.prefix)})`;
    const status = ingestionKeyStatus(key, now);
    if (status === "revoked") throw new ActionFailure(`${shown} has already been revoked.`);
    if (status === "ended") throw new ActionFailure(`${shown} has already ended after its rotation.`);
    await tx
      .update(ingestionKeys)
      .set({ revokedAt: now, revokedBy: principal.accountId })
      .where(and(eq(ingestionKeys.tenantId, tenantId), eq(ingestionKeys.id, key.id)));
    return {
      output: { keyId: key.id, name: key.name, prefix: key.prefix },
      target: target(key),
      changes: {
        before: { prefix: displayPrefix(key.prefix), status },
        after: { prefix: displayPrefix(key.prefix), status: "revoked" },
      },
    };
  },
});

export const ingestionKeyDefinitions = [createIngestionKey, rotateIngestionKey, revokeIngestionKey];
