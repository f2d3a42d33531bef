// The audit trail, proved at the database: appends as the app role build one gap-free chain per tenant,
// the database refuses to change history, and verifyChain names the first entry of any tampering done
// behind its back (as the owner, with the triggers switched off).
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~db/client";
import { auditChainHeads, auditCheckpoints, auditEntries } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { createTestDatabase, type TestDatabase } from "~db/testing";
import { GENESIS_HASH, computeEntryHash, encodeCheckpoint, type AuditEntryFields, type JsonValue } from "./chain";
import {
  AuditKeyError,
  SIGNING_KEY_FILE,
  auditKeyId,
  generateSigningKey,
  getSigningKey,
  getVerificationKeys,
} from "./signing-key.server";
import {
  AuditChainError,
  appendAuditEntries,
  appendAuditEntry,
  createCheckpoint,
  verifyChain,
  type ChainVerification,
} from "./trail.server";
import type { AuditEntryInput } from "./types";

let database: TestDatabase;
let tenantCount = 0;
const signingKey = generateSigningKey("test");
const verificationKeys = new Map([[signingKey.keyId, signingKey.publicKey]]);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

/** A fresh organisation with an admin and a member: every test gets a chain of its own. */
async function newTenant() {
  const tenant = await createOrganisation(database.db, { slug: `org-${++tenantCount}` });
  const admin = await createAccount(database.db, { tenantId: tenant.id, email: `dana@${tenant.slug}.example` });
  const member = await createAccount(database.db, { tenantId: tenant.id, email: `sam@${tenant.slug}.example` });
  return { ...tenant, admin, member };
}

function entry(
  tenant: Awaited<ReturnType<typeof newTenant>>,
  overrides: Partial<AuditEntryInput> = {},
): AuditEntryInput {
  return {
    tenantId: tenant.id,
    actor: { accountId: tenant.admin.id, tenantId: tenant.id, name: "Dana Admin", role: "domain_admin" },
    action: "account.suspend",
    outcome: "allowed",
    subjectAccountId: tenant.member.id,
    target: { type: "account", id: tenant.member.id, name: "Sam" },
    reason: "left the company",
    policyIds: ["builtin.admin-acts-in-own-tenant"],
    sentence: "Allowed: Dana Admin is a domain admin.",
    changes: { before: { status: "active" }, after: { status: "suspended" } },
    requestId: "req-1",
    ipAddress: "203.0.113.9",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
    visibility: "subject",
    ...overrides,
  };
}

const CONTROLS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("") + "\u007f\u2028\u2029";

/** An entry with every awkward value the encoding must hand to the database and back unchanged. */
function awkwardEntry(tenant: Awaited<ReturnType<typeof newTenant>>): AuditEntryInput {
  return entry(tenant, {
    actor: {
      accountId: tenant.admin.id.toUpperCase(),
      tenantId: tenant.id,
      name: "Zoë \u0000O'Brien 😀 \uD800",
      role: "helpdesk_admin via delegation",
      delegationId: "6F2D7C1A-9C1B-4B8E-8F0E-1D2C3B4A5F60",
    },
    target: {
      z: 1,
      a: { y: [3, 1, 2], x: 'é\n\t"' },
      n: 0.1,
      big: 1e21,
      tiny: 5e-324,
      neg: -0,
      none: null,
      bb: 2,
      [CONTROLS]: CONTROLS,
      "10": "ten",
      "9": "nine",
    },
    changes: {
      before: { when: new Date("2026-01-02T03:04:05.006Z"), dropped: undefined, profile: { b: 1, a: 2 } },
      after: { passwordHash: "$argon2id$…", mustChangePassword: true, "weird\u0000name": "v" },
    },
    policyIds: ["a,b", 'quote"d', "back\\slash", "{brace}", CONTROLS],
    reason: `  spaces  \r\n kept ${CONTROLS}`,
    sentence: `"Quoted" \\ ${CONTROLS}`,
    ipAddress: "2001:db8::1",
    userAgent: null,
    requestId: undefined,
  });
}

async function appendMany(tenant: Awaited<ReturnType<typeof newTenant>>, count: number) {
  const appended = [];
  for (let i = 1; i <= count; i++) {
    appended.push(
      await withTenant(database.db, tenant.id, (tx) => appendAuditEntry(tx, entry(tenant, { reason: `reason ${i}` }))),
    );
  }
  return appended;
}

function verify(tenantId: string, options: { batchSize?: number } = {}) {
  return verifyChain(database.db, tenantId, { verificationKeys, ...options });
}

function checkpoint(tenantId: string) {
  return createCheckpoint(database.db, tenantId, { signingKey, verificationKeys });
}

/** Runs statements as the owner with every audit trigger off, the way someone rewriting history would. */
async function tamper(...statements: SQL[]) {
  const tables = ["audit_entries", "audit_chain_heads", "audit_checkpoints"];
  await database.db.transaction(async (tx) => {
    for (const table of tables) await tx.execute(sql.raw(`alter table ${table} disable trigger user`));
    for (const statement of statements) await tx.execute(statement);
    for (const table of tables) await tx.execute(sql.raw(`alter table ${table} enable trigger user`));
  });
}

/** The database error behind drizzle's wrapper: its SQLSTATE and message. */
async function databaseError(promise: Promise<unknown>): Promise<{ code?: string; message: string } | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message: string } }).cause;
    return cause ?? { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return undefined;
}

function expectProblem(result: ChainVerification, seq: number, kind: string) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.problem).toMatchObject({ seq, kind });
  expect(result.problem.message).toMatch(new RegExp(`\\b${seq}\\b`));
}

async function readEntries(tenantId: string) {
  return database.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.tenantId, tenantId))
    .orderBy(asc(auditEntries.seq));
}

describe("appending", () => {
  it("builds a gap-free chain from entry 1 as the app role, each entry linked to the one before", async () => {
    const tenant = await newTenant();
    const appended = await appendMany(tenant, 5);
    expect(appended.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);

    const rows = await readEntries(tenant.id);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
      expect(rows[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.occurredAt.getTime());
    }
    expect(rows.map((row) => row.hash)).toEqual(appended.map((a) => a.hash));
    expect(rows.map((row) => row.id)).toEqual(appended.map((a) => a.id));
    expect(rows[4]).toMatchObject({
      actorAccountId: tenant.admin.id,
      actorName: "Dana Admin",
      action: "account.suspend",
      outcome: "allowed",
      subjectAccountId: tenant.member.id,
      reason: "reason 5",
      policyIds: ["builtin.admin-acts-in-own-tenant"],
      visibility: "subject",
      occurredAt: appended[4]!.occurredAt,
    });

    const [head] = await database.db.select().from(auditChainHeads).where(eq(auditChainHeads.tenantId, tenant.id));
    expect(head).toEqual({ tenantId: tenant.id, seq: 5, hash: appended[4]!.hash });
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 5, head: { seq: 5, hash: appended[4]!.hash } });
  });

  it.each([
    ["one at a time", "appendAuditEntry"],
    ["in one call", "appendAuditEntries"],
  ])("hashes exactly what the database hands back, awkward values included (%s)", async (_label, how) => {
    const tenant = await newTenant();
    const inputs: AuditEntryInput[] = [
      awkwardEntry(tenant),
      { tenantId: tenant.id, actor: null, action: "retention.deleteEvents", outcome: "failed" },
    ];
    await withTenant(database.db, tenant.id, async (tx) => {
      if (how === "appendAuditEntries") await appendAuditEntries(tx, inputs);
      else for (const input of inputs) await appendAuditEntry(tx, input);
    });
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 2 });

    const [first, second] = await readEntries(tenant.id);
    expect(first!.actorName).toBe("Zoë \uFFFDO'Brien 😀 \uFFFD");
    expect(first!.changes).toMatchObject({
      before: { when: "2026-01-02T03:04:05.006Z", profile: { a: 2, b: 1 } },
      after: { passwordHash: "[redacted]", mustChangePassword: true, "weird\uFFFDname": "v" },
    });
    expect(second).toMatchObject({
      actorAccountId: null,
      target: null,
      changes: null,
      policyIds: [],
      visibility: "admins",
    });
  });

  it("takes the entry back with the action when the transaction rolls back", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    await expect(
      withTenant(database.db, tenant.id, async (tx) => {
        await appendAuditEntry(tx, entry(tenant));
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow("the mutation failed");
    const next = await withTenant(database.db, tenant.id, (tx) => appendAuditEntry(tx, entry(tenant)));
    expect(next.seq).toBe(3);
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 3 });
  });

  it("keeps one independent chain per tenant", async () => {
    const acme = await newTenant();
    const globex = await newTenant();
    await appendMany(acme, 3);
    await appendMany(globex, 2);
    await appendMany(acme, 1);
    expect(await verify(acme.id)).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
    expect(await verify(globex.id)).toMatchObject({ ok: true, entries: 2, head: { seq: 2 } });
    const [firstOfGlobex] = await readEntries(globex.id);
    expect(firstOfGlobex!.prevHash).toBe(GENESIS_HASH);
  });

  it("appends a batch in one call in the order given, continuing the chain, and takes it back on rollback", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    const batch = [1, 2, 3].map((i) =>
      entry(tenant, { reason: `batch ${i}`, outcome: i === 2 ? "denied" : "allowed" }),
    );
    const appended = await withTenant(database.db, tenant.id, (tx) => appendAuditEntries(tx, batch));
    expect(appended.map((one) => one.seq)).toEqual([3, 4, 5]);
    const rows = await readEntries(tenant.id);
    expect(rows.map((row) => row.reason)).toEqual(["reason 1", "reason 2", "batch 1", "batch 2", "batch 3"]);
    expect(rows.map((row) => row.outcome)).toEqual(["allowed", "allowed", "allowed", "denied", "allowed"]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows.slice(2).map((row) => row.id)).toEqual(appended.map((one) => one.id));
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 5, head: { seq: 5, hash: appended[2]!.hash } });

    await expect(
      withTenant(database.db, tenant.id, async (tx) => {
        await appendAuditEntries(tx, batch);
        throw new Error("the chunk failed");
      }),
    ).rejects.toThrow("the chunk failed");
    expect(await withTenant(database.db, tenant.id, (tx) => appendAuditEntries(tx, []))).toEqual([]);
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 5 });
  });

  it("refuses a batch that mixes tenants, and one for another tenant's chain", async () => {
    const acme = await newTenant();
    const globex = await newTenant();
    await expect(
      withTenant(database.db, acme.id, (tx) => appendAuditEntries(tx, [entry(acme), entry(globex)])),
    ).rejects.toThrow(/same tenant/);
    const error = await databaseError(
      withTenant(database.db, acme.id, (tx) => appendAuditEntries(tx, [entry(globex)])),
    );
    expect(error?.code).toBe("42501");
    expect(await readEntries(acme.id)).toEqual([]);
    expect(await readEntries(globex.id)).toEqual([]);
  });

  it("refuses to append to another tenant's chain", async () => {
    const acme = await newTenant();
    const globex = await newTenant();
    const error = await databaseError(
      withTenant(database.db, acme.id, (tx) => appendAuditEntry(tx, entry(globex, { tenantId: globex.id }))),
    );
    expect(error?.code).toBe("42501");
    expect(await readEntries(globex.id)).toEqual([]);
  });

  // PGlite is one connection, so there the transactions simply queue; on PostgreSQL they really race for
  // the chain head over a pool of 10 connections.
  it("gives 200 concurrent actions on one tenant one gap-free, valid chain", async () => {
    const tenant = await newTenant();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        withTenant(database.db, tenant.id, async (tx) => {
          await tx.execute(sql`select pg_sleep(0.001)`);
          return appendAuditEntry(tx, entry(tenant, { reason: `parallel ${i}` }));
        }),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await verify(tenant.id, { batchSize: 64 })).toMatchObject({ ok: true, entries: 200, head: { seq: 200 } });
  });
});

describe("the database keeps the trail append-only", () => {
  it("denies the app role UPDATE and DELETE on entries and checkpoints", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    await checkpoint(tenant.id);
    for (const statement of [
      sql`update audit_entries set reason = 'nothing happened' where seq = 1`,
      sql`delete from audit_entries where seq = 2`,
      sql`update audit_checkpoints set hash = ${GENESIS_HASH}`,
      sql`delete from audit_checkpoints`,
      sql`delete from audit_chain_heads`,
      sql`truncate audit_entries`,
    ]) {
      const error = await databaseError(withTenant(database.db, tenant.id, (tx) => tx.execute(statement)));
      expect(error, statement.queryChunks.join("")).toMatchObject({ code: "42501" });
    }
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 2 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE even to the owner", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    await checkpoint(tenant.id);
    for (const [statement, message] of [
      [sql`update audit_entries set reason = 'x' where tenant_id = ${tenant.id}`, "audit entries are append-only"],
      [sql`delete from audit_entries where tenant_id = ${tenant.id}`, "audit entries are append-only"],
      [sql`truncate audit_entries`, "audit entries are append-only"],
      [sql`delete from audit_checkpoints where tenant_id = ${tenant.id}`, "audit checkpoints are append-only"],
      [sql`truncate audit_checkpoints`, "audit checkpoints are append-only"],
      [sql`update audit_chain_heads set seq = 1 where tenant_id = ${tenant.id}`, "only moves forward"],
      [sql`delete from audit_chain_heads where tenant_id = ${tenant.id}`, "never removed"],
    ] as const) {
      const error = await databaseError(database.db.execute(statement));
      expect(error?.message, statement.queryChunks.join("")).toContain(message);
    }
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 2 });
  });
});

describe("verifying a chain tampered with as the owner", () => {
  it("names an entry whose field was altered", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 6);
    await tamper(sql`update audit_entries set reason = 'nothing to see' where tenant_id = ${tenant.id} and seq = 4`);
    expectProblem(await verify(tenant.id), 4, "hash-mismatch");
  });

  it("names an entry whose time, JSON or previous hash was altered", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 6);
    await tamper(
      sql`update audit_entries set occurred_at = occurred_at + interval '1 ms' where tenant_id = ${tenant.id} and seq = 5`,
    );
    expectProblem(await verify(tenant.id), 5, "hash-mismatch");

    const other = await newTenant();
    await appendMany(other, 6);
    await tamper(
      sql`update audit_entries set changes = jsonb_set(changes, '{after,status}', '"active"') where tenant_id = ${other.id} and seq = 3`,
    );
    expectProblem(await verify(other.id), 3, "hash-mismatch");

    const fourth = await newTenant();
    await appendMany(fourth, 3);
    await tamper(sql`update audit_entries set hash = hash || E'\\x1f' where tenant_id = ${fourth.id} and seq = 2`);
    expectProblem(await verify(fourth.id), 2, "hash-mismatch");

    const third = await newTenant();
    await appendMany(third, 3);
    await tamper(sql`update audit_entries set prev_hash = ${GENESIS_HASH} where tenant_id = ${third.id} and seq = 2`);
    expectProblem(await verify(third.id), 2, "hash-mismatch");
  });

  it("names an entry deleted from the middle", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 6);
    await tamper(sql`delete from audit_entries where tenant_id = ${tenant.id} and seq = 3`);
    expectProblem(await verify(tenant.id), 3, "gap");
  });

  it("names the first entry when it is deleted", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 3);
    await tamper(sql`delete from audit_entries where tenant_id = ${tenant.id} and seq = 1`);
    expectProblem(await verify(tenant.id), 1, "gap");
  });

  it("names the first of two entries that swapped places", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 6);
    await tamper(
      sql`update audit_entries set seq = -seq where tenant_id = ${tenant.id} and seq in (2, 5)`,
      sql`update audit_entries set seq = case seq when -2 then 5 else 2 end where tenant_id = ${tenant.id} and seq < 0`,
    );
    expectProblem(await verify(tenant.id), 2, "hash-mismatch");
  });

  it("names an entry that was re-hashed after an edit by its successor's link", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 5);
    const [row] = (await readEntries(tenant.id)).filter((r) => r.seq === 3);
    const edited = { ...fieldsOf(row!), reason: "nothing to see" };
    const hash = computeEntryHash(edited, row!.prevHash);
    await tamper(
      sql`update audit_entries set reason = 'nothing to see', hash = ${hash} where tenant_id = ${tenant.id} and seq = 3`,
    );
    expectProblem(await verify(tenant.id), 4, "prev-hash-mismatch");
  });

  it("names the first missing entry when the tail is cut off", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 6);
    await tamper(sql`delete from audit_entries where tenant_id = ${tenant.id} and seq > 4`);
    expectProblem(await verify(tenant.id), 5, "truncated");
  });

  it("names a chain head that does not match the last entry", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 3);
    await tamper(sql`update audit_chain_heads set hash = ${GENESIS_HASH} where tenant_id = ${tenant.id}`);
    expectProblem(await verify(tenant.id), 3, "head-mismatch");
  });

  it("verifies inside a tenant transaction too, as the app role", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 3);
    const inside = await withTenant(database.db, tenant.id, (tx) =>
      verifyChain(tx, tenant.id, { verificationKeys, batchSize: 2 }),
    );
    expect(inside).toMatchObject({ ok: true, entries: 3 });
    await tamper(sql`update audit_entries set reason = 'x' where tenant_id = ${tenant.id} and seq = 3`);
    const tampered = await withTenant(database.db, tenant.id, (tx) => verifyChain(tx, tenant.id, { verificationKeys }));
    expectProblem(tampered, 3, "hash-mismatch");
    const other = await newTenant();
    await expect(
      withTenant(database.db, tenant.id, (tx) => verifyChain(tx, other.id, { verificationKeys })),
    ).rejects.toThrow(/scoped to tenant/);
  });

  it("finds tampering in a later batch as well", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 12);
    expect(await verify(tenant.id, { batchSize: 5 })).toMatchObject({ ok: true, entries: 12 });
    await tamper(sql`update audit_entries set action = 'account.view' where tenant_id = ${tenant.id} and seq = 11`);
    const result = await verify(tenant.id, { batchSize: 5 });
    expectProblem(result, 11, "hash-mismatch");
    expect(result.entries).toBe(10);
  });
});

describe("signed checkpoints", () => {
  it("signs (tenant, seq, hash, time) at the chain head with Ed25519, once per head", async () => {
    const tenant = await newTenant();
    expect(await checkpoint(tenant.id)).toBeNull();
    const appended = await appendMany(tenant, 3);
    const made = await checkpoint(tenant.id);
    expect(made).toMatchObject({ seq: 3, hash: appended[2]!.hash, keyId: signingKey.keyId, created: true });
    expect(await checkpoint(tenant.id)).toMatchObject({ seq: 3, created: false, signedAt: made!.signedAt });

    const [row] = await database.db.select().from(auditCheckpoints).where(eq(auditCheckpoints.tenantId, tenant.id));
    expect(row!.keyId).toBe(auditKeyId(signingKey.publicKey));
    expect(row!.signedAt.toISOString()).toBe(made!.signedAt);
    await appendMany(tenant, 2);
    await checkpoint(tenant.id);
    expect(await verify(tenant.id)).toMatchObject({
      ok: true,
      entries: 5,
      checkpoints: { count: 2, signaturesChecked: 2, latest: { seq: 5 } },
    });
  });

  it("can be made inside a tenant transaction as the app role", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    const made = await withTenant(database.db, tenant.id, (tx) =>
      createCheckpoint(tx, tenant.id, { signingKey, verificationKeys }),
    );
    expect(made).toMatchObject({ seq: 2, created: true });
  });

  it("detects a tail cut off below a checkpoint even when the chain head was fixed up", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 4);
    await checkpoint(tenant.id);
    await appendMany(tenant, 2);
    const entries = await readEntries(tenant.id);
    await tamper(
      sql`delete from audit_entries where tenant_id = ${tenant.id} and seq > 2`,
      sql`update audit_chain_heads set seq = 2, hash = ${entries[1]!.hash} where tenant_id = ${tenant.id}`,
    );
    expectProblem(await verify(tenant.id), 3, "truncated");
  });

  it("cannot see a tail cut off after the last checkpoint with the head fixed up: checkpoint often", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 2);
    await checkpoint(tenant.id);
    await appendMany(tenant, 2);
    const entries = await readEntries(tenant.id);
    await tamper(
      sql`delete from audit_entries where tenant_id = ${tenant.id} and seq > 3`,
      sql`update audit_chain_heads set seq = 3, hash = ${entries[2]!.hash} where tenant_id = ${tenant.id}`,
    );
    expect(await verify(tenant.id)).toMatchObject({ ok: true, entries: 3 });
  });

  it("detects a chain rewritten wholesale with every hash recomputed", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 5);
    await checkpoint(tenant.id);
    await rewriteFrom(tenant.id, 2, "nothing to see");
    const result = await verify(tenant.id);
    expectProblem(result, 5, "checkpoint-mismatch");
  });

  it("detects a checkpoint forged to match a rewritten chain", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 5);
    await checkpoint(tenant.id);
    const newHead = await rewriteFrom(tenant.id, 2, "nothing to see");
    await tamper(sql`update audit_checkpoints set hash = ${newHead} where tenant_id = ${tenant.id} and seq = 5`);
    expectProblem(await verify(tenant.id), 5, "bad-signature");
  });

  it("detects a checkpoint signed with a key it does not know", async () => {
    const tenant = await newTenant();
    const appended = await appendMany(tenant, 2);
    const intruder = generateKeyPairSync("ed25519");
    const signedAt = "2026-11-03T10:00:00.000Z";
    const message = encodeCheckpoint({ tenantId: tenant.id, seq: 2, hash: appended[1]!.hash, signedAt });
    await database.db.insert(auditCheckpoints).values({
      tenantId: tenant.id,
      seq: 2,
      hash: appended[1]!.hash,
      signedAt: new Date(signedAt),
      keyId: auditKeyId(intruder.publicKey),
      signature: sign(null, Buffer.from(message), intruder.privateKey).toString("base64"),
    });
    const result = await verify(tenant.id);
    expectProblem(result, 2, "bad-signature");
    // With no key configured at all, signatures cannot be checked; the chain itself still is.
    expect(await verifyChain(database.db, tenant.id, { verificationKeys: new Map() })).toMatchObject({
      ok: true,
      checkpoints: { count: 1, signaturesChecked: 0 },
    });
  });

  it("refuses to sign a chain that is already broken", async () => {
    const tenant = await newTenant();
    await appendMany(tenant, 3);
    await checkpoint(tenant.id);
    await appendMany(tenant, 3);
    await tamper(sql`update audit_entries set reason = 'x' where tenant_id = ${tenant.id} and seq = 5`);
    const error = await checkpoint(tenant.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditChainError);
    expect((error as AuditChainError).problem).toMatchObject({ seq: 5, kind: "hash-mismatch" });

    const other = await newTenant();
    await appendMany(other, 3);
    await checkpoint(other.id);
    await appendMany(other, 1);
    await tamper(sql`update audit_entries set reason = 'x' where tenant_id = ${other.id} and seq = 3`);
    const earlier = await checkpoint(other.id).catch((e: unknown) => e);
    expect((earlier as AuditChainError).problem).toMatchObject({ seq: 3, kind: "hash-mismatch" });
  });
});

describe("the signing key", () => {
  const pem = signingKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

  it("comes from AUDIT_SIGNING_KEY as PEM, or as the base64 of the PEM", () => {
    expect(getSigningKey({ AUDIT_SIGNING_KEY: pem }).keyId).toBe(signingKey.keyId);
    const base64 = Buffer.from(pem).toString("base64");
    expect(getSigningKey({ AUDIT_SIGNING_KEY: base64, DATABASE_URL: "postgres://x/y" }).keyId).toBe(signingKey.keyId);
    expect(getSigningKey({ AUDIT_SIGNING_KEY: pem.replace(/\n/g, "\\n") }).keyId).toBe(signingKey.keyId);
  });

  it("refuses a key that is not Ed25519, or not a key", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" });
    expect(() => getSigningKey({ AUDIT_SIGNING_KEY: rsa.toString() })).toThrow(/Ed25519/);
    expect(() => getSigningKey({ AUDIT_SIGNING_KEY: "hunter2" })).toThrow(AuditKeyError);
  });

  it("is generated once into the data folder for the embedded database, readable by its owner only", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "glasshouse-key-"));
    try {
      const env = { DATA_DIR: dataDir };
      expect(getVerificationKeys(env).size).toBe(0);
      const first = getSigningKey(env);
      const file = path.join(dataDir, SIGNING_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8")).toContain("BEGIN PRIVATE KEY");
      expect(getSigningKey(env).keyId).toBe(first.keyId);
      expect([...getVerificationKeys(env).keys()]).toEqual([first.keyId]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("is required to sign with DATABASE_URL, but not to verify", () => {
    const env = { DATABASE_URL: "postgres://glasshouse@db/glasshouse" };
    expect(() => getSigningKey(env)).toThrow(/AUDIT_SIGNING_KEY/);
    expect(getVerificationKeys(env).size).toBe(0);
  });

  it("verifies with the public keys in AUDIT_VERIFY_KEYS as well", () => {
    const old = generateSigningKey();
    const spki = old.publicKey.export({ type: "spki", format: "pem" }).toString();
    const keys = getVerificationKeys({
      DATABASE_URL: "postgres://x/y",
      AUDIT_SIGNING_KEY: pem,
      AUDIT_VERIFY_KEYS: Buffer.from(spki).toString("base64"),
    });
    expect([...keys.keys()].sort()).toEqual([signingKey.keyId, old.keyId].sort());
    expect([...getVerificationKeys({ DATABASE_URL: "postgres://x/y", AUDIT_VERIFY_KEYS: spki }).keys()]).toEqual([
      old.keyId,
    ]);
  });
});

// ─── Helpers for the forger ───────────────────────────────────────────────────────────────────────

function fieldsOf(row: typeof auditEntries.$inferSelect): AuditEntryFields {
  return {
    ...row,
    target: row.target as JsonValue,
    changes: row.changes as JsonValue,
  };
}

/** Edits entry `from`'s reason and recomputes every hash after it, the head too: a perfect forgery. */
async function rewriteFrom(tenantId: string, from: number, reason: string): Promise<string> {
  const rows = await readEntries(tenantId);
  let prevHash = rows[from - 2]?.hash ?? GENESIS_HASH;
  const statements: SQL[] = [];
  for (const row of rows.slice(from - 1)) {
    const fields = { ...fieldsOf(row), reason: row.seq === from ? reason : row.reason };
    const hash = computeEntryHash(fields, prevHash);
    statements.push(
      sql`update audit_entries set reason = ${fields.reason}, prev_hash = ${prevHash}, hash = ${hash}
          where tenant_id = ${tenantId} and seq = ${row.seq}`,
    );
    prevHash = hash;
  }
  statements.push(sql`update audit_chain_heads set hash = ${prevHash} where tenant_id = ${tenantId}`);
  await tamper(...statements);
  const [check] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from audit_entries where tenant_id = ${tenantId} and reason = ${reason}`,
  );
  expect(check!.n).toBe(1);
  return prevHash;
}
