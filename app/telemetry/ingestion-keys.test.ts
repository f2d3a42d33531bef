// Ingestion keys on a real database: created, rotated and revoked through the action layer (decided,
// changed and audited together), stored only as a hash, and found by the lookup the ingestion API will use.
// Each test makes its own organisations and people.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEntries, ingestionKeys } from "~db/schema";
import { requireTenantActor } from "~/actions/actor.server";
import type { NewIngestionKey } from "~/actions/ingestion-keys.server";
import { performAction } from "~/actions/perform.server";
import { localiseMessage } from "~/i18n/i18n";
import { actorOf, newWorld, WORLD_PASSWORD, type World } from "~/partners/test-world.server";
import { getRequest, setupTestDatabase, signInCookie, testContext } from "~/testing/harness";
import { findIngestionKey, hashIngestionKey, parseIngestionKey } from "./ingestion-keys.server";

const database = setupTestDatabase();
const db = () => database.current.db;
const DAY_MS = 24 * 60 * 60 * 1000;

type Created = NewIngestionKey & { replacedKeyId?: string; oldExpiresAt?: Date };

async function create(world: World, name = "Field app, production", by = world.dana): Promise<Created> {
  const result = await performAction<Created>(actorOf(by), "ingestionKey.create", { name });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.output;
}

async function rotate(world: World, keyId: string): Promise<Created> {
  const result = await performAction<Created>(actorOf(world.dana), "ingestionKey.rotate", { keyId });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.output;
}

async function keyRow(keyId: string) {
  const [row] = await db().select().from(ingestionKeys).where(eq(ingestionKeys.id, keyId));
  return row!;
}

async function entriesOf(tenantId: string, action: string) {
  return db()
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, action)))
    .orderBy(auditEntries.seq);
}

/** A reseller's staff member in Acme's console through a live delegation that grants domain admin. */
async function delegatedActor(world: World) {
  const asked = await performAction<{ delegationId: string }>(actorOf(world.rosa), "delegation.request", {
    clientId: world.acme.id,
    roles: ["domain_admin"],
    durationDays: 30,
    message: "",
  });
  if (!asked.ok) throw new Error(JSON.stringify(asked));
  const { delegationId } = asked.output;
  const approved = await performAction(actorOf(world.dana), "delegation.approve", {
    delegationId,
    roles: ["domain_admin"],
    durationDays: 30,
  });
  const staffed = await performAction(actorOf(world.rosa), "delegation.assignStaff", {
    clientId: world.acme.id,
    delegationId,
    staffAccountIds: [world.sam.id],
  });
  if (!approved.ok || !staffed.ok) throw new Error(JSON.stringify({ approved, staffed }));
  const cookie = await signInCookie(world.sam.email, WORLD_PASSWORD);
  const opened = await requireTenantActor(getRequest(`/t/${world.acme.slug}/`, cookie), world.acme.slug, testContext);
  expect(opened.access.kind).toBe("delegation");
  // A second factor confirmed just now: what refuses is the customer-only rule, not a missing step-up.
  return { ...opened.actor, facts: { ...opened.actor.facts, secondFactorAt: new Date() } };
}

describe("creating an ingestion key", () => {
  it("answers the whole key once, and stores only its hash and prefix", async () => {
    const world = await newWorld(db);
    const created = await create(world);
    expect(created.key).toMatch(/^ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(parseIngestionKey(created.key)).toEqual({ prefix: created.prefix });
    expect(created.key.startsWith(`ghk_${created.prefix}_`)).toBe(true);

    const row = await keyRow(created.keyId);
    expect(row).toMatchObject({
      tenantId: world.acme.id,
      name: "Field app, production",
      prefix: created.prefix,
      keyHash: hashIngestionKey(created.key),
      createdBy: world.dana.id,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: null,
    });

    const [entry] = await entriesOf(world.acme.id, "ingestionKey.create");
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: world.dana.id,
      target: { type: "ingestionKey", id: created.keyId, name: "Field app, production" },
      changes: { before: null, after: { name: "Field app, production", prefix: `ghk_${created.prefix}_…` } },
    });

    // Neither the key nor its secret is anywhere in the database: not in the keys, not in the trail.
    const secret = created.key.slice(`ghk_${created.prefix}_`.length);
    const stored = JSON.stringify([
      await db().select().from(ingestionKeys),
      await db().select().from(auditEntries).where(eq(auditEntries.tenantId, world.acme.id)),
    ]);
    expect(stored).not.toContain(created.key);
    expect(stored).not.toContain(secret);
  });

  it("gives each key a prefix of its own", async () => {
    const world = await newWorld(db);
    const keys = await Promise.all(Array.from({ length: 5 }, () => create(world)));
    expect(new Set(keys.map((key) => key.prefix)).size).toBe(5);
    expect(new Set(keys.map((key) => key.key)).size).toBe(5);
  });

  it("answers bad input with field errors, and records nothing", async () => {
    const world = await newWorld(db);
    const attempt = (input: unknown) => performAction(actorOf(world.dana), "ingestionKey.create", input);
    expect(await attempt({ name: "   " })).toEqual({
      ok: false,
      kind: "invalid",
      fieldErrors: { name: ["Give the app key a name."] },
    });
    expect(await attempt({ name: "x".repeat(101) })).toEqual({
      ok: false,
      kind: "invalid",
      fieldErrors: { name: ["Keep the name to 100 characters or fewer."] },
    });
    expect(await attempt({})).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { name: expect.any(Array) } });
    expect((await attempt({ name: "x".repeat(100) })).ok).toBe(true);
    expect(await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id))).toHaveLength(1);
  });

  it("asks for a fresh second factor first", async () => {
    const world = await newWorld(db);
    const result = await performAction(actorOf(world.dana, { fresh: false }), "ingestionKey.create", { name: "CI" });
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id))).toEqual([]);
  });

  it("refuses a helpdesk admin, and records the refusal", async () => {
    const world = await newWorld(db);
    const result = await performAction(actorOf(world.hank), "ingestionKey.create", { name: "Mine" });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["default-deny"] } });
    expect(await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id))).toEqual([]);
    const [entry] = await entriesOf(world.acme.id, "ingestionKey.create");
    expect(entry).toMatchObject({ outcome: "denied", actorAccountId: world.hank.id, policyIds: ["default-deny"] });
  });

  it("never lets a reseller acting through a delegation mint, rotate or revoke the customer's keys", async () => {
    const world = await newWorld(db);
    const existing = await create(world);
    const actor = await delegatedActor(world);
    const attempts = [
      await performAction(actor, "ingestionKey.create", { name: "Reseller's own" }),
      await performAction(actor, "ingestionKey.rotate", { keyId: existing.keyId }),
      await performAction(actor, "ingestionKey.revoke", { keyId: existing.keyId }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ ok: false, kind: "denied" });
      if (attempt.ok || attempt.kind !== "denied") throw new Error("expected a refusal");
      expect(attempt.decision.policyIds).toContain("delegation.customer-only");
    }
    expect(await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id))).toHaveLength(1);
    expect(await keyRow(existing.keyId)).toMatchObject({ revokedAt: null, expiresAt: null });
    const [, refused] = await entriesOf(world.acme.id, "ingestionKey.create");
    expect(refused).toMatchObject({ outcome: "denied", actorAccountId: world.sam.id });
  });
});

describe("finding a presented key", () => {
  it("finds an active key: its organisation, its id, and that it may be used", async () => {
    const world = await newWorld(db);
    const created = await create(world);
    expect(await findIngestionKey(db(), created.key)).toEqual({
      tenantId: world.acme.id,
      keyId: created.keyId,
      usable: true,
    });
    expect(await findIngestionKey(db(), `  ${created.key}\n`)).toMatchObject({ keyId: created.keyId });
  });

  it("finds nothing for a wrong or malformed key", async () => {
    const world = await newWorld(db);
    const created = await create(world);
    const last = created.key.at(-1) === "A" ? "B" : "A";
    for (const presented of [
      `${created.key.slice(0, -1)}${last}`,
      `ghk_${created.prefix}_${"A".repeat(43)}`,
      created.key.toUpperCase(),
      `${created.key}x`,
      created.key.slice(0, -1),
      `Bearer ${created.key}`,
      "ghk_",
      "",
      "' or 1=1 --",
      hashIngestionKey(created.key),
    ]) {
      expect(await findIngestionKey(db(), presented), presented).toBeNull();
    }
  });

  it("answers another organisation's key as that organisation's, never this one's", async () => {
    const world = await newWorld(db);
    await create(world);
    const theirs = await create(world, "Fabrikam app", world.lena);
    const found = await findIngestionKey(db(), theirs.key);
    expect(found).toEqual({ tenantId: world.fabrikam.id, keyId: theirs.keyId, usable: true });
    const ours = await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id));
    expect(ours.map((row) => row.keyHash)).not.toContain(hashIngestionKey(theirs.key));
  });
});

describe("rotating a key", () => {
  it("makes a new key at once and keeps the old one working until its overlap ends", async () => {
    const world = await newWorld(db);
    const old = await create(world, "Kiosk app");
    const before = Date.now();
    const rotated = await rotate(world, old.keyId);
    expect(rotated.name).toBe("Kiosk app");
    expect(rotated.prefix).not.toBe(old.prefix);
    expect(rotated.key).not.toBe(old.key);

    expect(await findIngestionKey(db(), rotated.key)).toEqual({
      tenantId: world.acme.id,
      keyId: rotated.keyId,
      usable: true,
    });
    expect(await findIngestionKey(db(), old.key)).toMatchObject({ keyId: old.keyId, usable: true });
    const oldRow = await keyRow(old.keyId);
    expect(oldRow.replacedBy).toBe(rotated.keyId);
    expect(oldRow.revokedAt).toBeNull();
    const overlap = oldRow.expiresAt!.getTime() - before;
    expect(overlap).toBeGreaterThan(DAY_MS - 60_000);
    expect(overlap).toBeLessThanOrEqual(DAY_MS + 60_000);

    const [entry] = await entriesOf(world.acme.id, "ingestionKey.rotate");
    expect(entry).toMatchObject({
      outcome: "allowed",
      target: { type: "ingestionKey", id: old.keyId, name: "Kiosk app" },
      changes: { after: { replacedBy: `ghk_${rotated.prefix}_…` } },
    });
    expect(JSON.stringify(await db().select().from(auditEntries))).not.toContain(rotated.key);

    // The overlap is over: the old key is refused, the new one still works.
    await db()
      .update(ingestionKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ingestionKeys.id, old.keyId));
    expect(await findIngestionKey(db(), old.key)).toMatchObject({ keyId: old.keyId, usable: false });
    expect(await findIngestionKey(db(), rotated.key)).toMatchObject({ keyId: rotated.keyId, usable: true });
  });

  it("refuses to rotate a key twice, or a revoked one, saying why", async () => {
    const world = await newWorld(db);
    const old = await create(world, "Kiosk app");
    await rotate(world, old.keyId);
    const again = await performAction(actorOf(world.dana), "ingestionKey.rotate", { keyId: old.keyId });
    expect(again).toEqual({
      ok: false,
      kind: "failed",
      message: `App key 'Kiosk app' (ghk_${old.prefix}_…) has already been rotated; rotate its replacement instead.`,
      field: undefined,
    });

    const other = await create(world, "Test app");
    expect((await performAction(actorOf(world.dana), "ingestionKey.revoke", { keyId: other.keyId })).ok).toBe(true);
    const revoked = await performAction(actorOf(world.dana), "ingestionKey.rotate", { keyId: other.keyId });
    expect(revoked).toMatchObject({
      ok: false,
      kind: "failed",
      message: `App key 'Test app' (ghk_${other.prefix}_…) has been revoked; a revoked key cannot be rotated. Create a new one instead.`,
    });
    const failed = await entriesOf(world.acme.id, "ingestionKey.rotate");
    expect(failed.map((entry) => entry.outcome)).toEqual(["allowed", "failed", "failed"]);
    expect(await db().select().from(ingestionKeys).where(eq(ingestionKeys.tenantId, world.acme.id))).toHaveLength(3);
  });

  it("asks for a fresh second factor first", async () => {
    const world = await newWorld(db);
    const old = await create(world);
    const result = await performAction(actorOf(world.dana, { fresh: false }), "ingestionKey.rotate", {
      keyId: old.keyId,
    });
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await keyRow(old.keyId)).toMatchObject({ expiresAt: null, replacedBy: null });
  });
});

describe("revoking a key", () => {
  it("stops it at once, without a fresh second factor, and records who and why", async () => {
    const world = await newWorld(db);
    const created = await create(world);
    const result = await performAction(actorOf(world.dana, { fresh: false }), "ingestionKey.revoke", {
      keyId: created.keyId,
      reason: "Leaked in a build log",
    });
    expect(result.ok).toBe(true);
    expect(await findIngestionKey(db(), created.key)).toEqual({
      tenantId: world.acme.id,
      keyId: created.keyId,
      usable: false,
    });
    expect(await keyRow(created.keyId)).toMatchObject({ revokedBy: world.dana.id, revokedAt: expect.any(Date) });
    const [entry] = await entriesOf(world.acme.id, "ingestionKey.revoke");
    expect(entry).toMatchObject({
      outcome: "allowed",
      reason: "Leaked in a build log",
      changes: { before: { status: "active" }, after: { status: "revoked" } },
    });
  });

  it("ends a rotated key before its overlap is over", async () => {
    const world = await newWorld(db);
    const old = await create(world);
    const rotated = await rotate(world, old.keyId);
    expect((await performAction(actorOf(world.dana), "ingestionKey.revoke", { keyId: old.keyId })).ok).toBe(true);
    expect(await findIngestionKey(db(), old.key)).toMatchObject({ usable: false });
    expect(await findIngestionKey(db(), rotated.key)).toMatchObject({ usable: true });
  });

  it("refuses to revoke a key twice, or one that already ended, saying why", async () => {
    const world = await newWorld(db);
    const created = await create(world, "Kiosk app");
    const revoke = (keyId: string) => performAction(actorOf(world.dana), "ingestionKey.revoke", { keyId });
    expect((await revoke(created.keyId)).ok).toBe(true);
    expect(await revoke(created.keyId)).toMatchObject({
      ok: false,
      kind: "failed",
      message: `App key 'Kiosk app' (ghk_${created.prefix}_…) has already been revoked.`,
    });

    const ended = await create(world, "Old app");
    await rotate(world, ended.keyId);
    await db()
      .update(ingestionKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ingestionKeys.id, ended.keyId));
    expect(await revoke(ended.keyId)).toMatchObject({
      ok: false,
      kind: "failed",
      message: `App key 'Old app' (ghk_${ended.prefix}_…) has already ended after its rotation.`,
    });
  });

  it("answers a key id that is not an id, not a key, or another organisation's key without a 500", async () => {
    const world = await newWorld(db);
    const theirs = await create(world, "Fabrikam app", world.lena);
    const revoke = (keyId: unknown) => performAction(actorOf(world.dana), "ingestionKey.revoke", { keyId });
    expect(await revoke("not-a-uuid")).toEqual({
      ok: false,
      kind: "invalid",
      fieldErrors: { keyId: ["Choose an app key."] },
    });
    expect(await revoke(undefined)).toMatchObject({ ok: false, kind: "invalid" });
    for (const keyId of [randomUUID(), theirs.keyId]) {
      const result = await revoke(keyId);
      expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
      const rotated = await performAction(actorOf(world.dana), "ingestionKey.rotate", { keyId });
      expect(rotated).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
    }
    expect(await findIngestionKey(db(), theirs.key)).toMatchObject({ usable: true });
    expect(await keyRow(theirs.keyId)).toMatchObject({ revokedAt: null, expiresAt: null });
    // Reason too long: the field says so.
    const created = await create(world);
    expect(
      await performAction(actorOf(world.dana), "ingestionKey.revoke", {
        keyId: created.keyId,
        reason: "x".repeat(1001),
      }),
    ).toEqual({
      ok: false,
      kind: "invalid",
      fieldErrors: { reason: ["Keep the reason under 1,000 characters."] },
    });
  });
});

describe("the messages, in German", () => {
  it("come back in the reader's language, with the key's name and prefix kept", () => {
    expect(localiseMessage("Give the app key a name.", "de")).toBe("Geben Sie dem App-Schlüssel einen Namen.");
    expect(localiseMessage("App key 'Kiosk (1)' (ghk_0123abcd_…) has already been revoked.", "de")).toBe(
      "Der App-Schlüssel 'Kiosk (1)' (ghk_0123abcd_…) wurde bereits widerrufen.",
    );
  });
});
