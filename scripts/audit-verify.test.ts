// The audit:verify and audit:checkpoint commands, run on a real database without exiting the process.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "../app/audit/signing-key.server";
import { appendAuditEntry } from "../app/audit/trail.server";
import { withTenant } from "../db/tenant-scope";
import { createOrganisation } from "../db/test-fixtures";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { runAuditCheckpoint } from "./audit-checkpoint";
import { parseCliArgs, runAuditVerify } from "./audit-verify";

let database: TestDatabase;
let acme: { id: string };
let globex: { id: string };
const signingKey = generateSigningKey("test");
const verificationKeys = new Map([[signingKey.keyId, signingKey.publicKey]]);

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    output: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) },
  };
}

async function append(tenantId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await withTenant(database.db, tenantId, (tx) =>
      appendAuditEntry(tx, {
        tenantId,
        actor: null,
        action: "retention.deleteEvents",
        outcome: "allowed",
        reason: `${i}`,
      }),
    );
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createOrganisation(database.db, { slug: "acme" });
  globex = await createOrganisation(database.db, { slug: "globex" });
  await createOrganisation(database.db, { slug: "initech" });
  await append(acme.id, 4);
  await append(globex.id, 5);
});

afterAll(async () => {
  await database?.close();
});

describe("audit:checkpoint and audit:verify", () => {
  it("signs every chain with entries, then verifies every chain, one line each", async () => {
    const signed = capture();
    expect(await runAuditCheckpoint(database.db, { signingKey }, signed.output)).toBe(0);
    expect(signed.lines.out).toEqual([
      expect.stringMatching(/^acme +signed entry 4 with key [0-9a-f]{16}$/),
      expect.stringMatching(/^globex +signed entry 5 /),
      expect.stringMatching(/^initech +no entries$/),
    ]);
    const again = capture();
    await runAuditCheckpoint(database.db, { signingKey, tenant: "acme" }, again.output);
    expect(again.lines.out).toEqual([expect.stringMatching(/^acme +unchanged: entry 4 was signed 20/)]);

    const { lines, output } = capture();
    expect(await runAuditVerify(database.db, { verificationKeys }, output)).toBe(0);
    expect(lines.out).toEqual([
      expect.stringMatching(/^acme +OK +4 entries, head 4, 1 checkpoint \(latest at entry 4, 20.*Z\)$/),
      expect.stringMatching(/^globex +OK +5 entries, head 5, 1 checkpoint/),
      expect.stringMatching(/^initech +OK +0 entries, head 0, no checkpoints$/),
      expect.stringMatching(/^3 chains verified/),
    ]);
    expect(lines.err).toEqual([]);
  });

  it("verifies one tenant by slug, and refuses a slug it does not know with status 2", async () => {
    const one = capture();
    expect(await runAuditVerify(database.db, { tenant: "acme", verificationKeys }, one.output)).toBe(0);
    expect(one.lines.out).toHaveLength(2);
    const unknown = capture();
    expect(await runAuditVerify(database.db, { tenant: "umbrella", verificationKeys }, unknown.output)).toBe(2);
    expect(unknown.lines.err).toEqual(['audit:verify: there is no organisation with the slug "umbrella".']);
  });

  it("says when it cannot check signatures for want of a key", async () => {
    const { lines, output } = capture();
    expect(await runAuditVerify(database.db, { tenant: "globex", verificationKeys: new Map() }, output)).toBe(0);
    expect(lines.out).toContainEqual(expect.stringMatching(/^Note: 1 checkpoint signature was not checked/));
  });

  it("prints the first bad entry and exits 1 when a chain was tampered with", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(sql`update audit_entries set reason = 'forged' where tenant_id = ${globex.id} and seq = 3`);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
    const { lines, output } = capture();
    expect(await runAuditVerify(database.db, { verificationKeys, batchSize: 2 }, output)).toBe(1);
    expect(lines.out).toEqual([
      expect.stringMatching(/^acme +OK/),
      expect.stringMatching(/^globex +FAIL +2 entries good before entry 3/),
      expect.stringMatching(/^ +first bad entry: 3 \(hash-mismatch\): entry 3 was altered/),
      expect.stringMatching(/^initech +OK/),
      expect.stringMatching(/^1 of 3 chains FAILED verification/),
    ]);
  });

  it("refuses to sign a chain broken since its last checkpoint, and says where", async () => {
    await append(acme.id, 2);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(sql`update audit_entries set outcome = 'denied' where tenant_id = ${acme.id} and seq = 6`);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
    const { lines, output } = capture();
    expect(await runAuditCheckpoint(database.db, { signingKey, tenant: "acme" }, output)).toBe(1);
    expect(lines.out).toEqual([expect.stringMatching(/^acme +NOT SIGNED: first bad entry 6 \(hash-mismatch\)/)]);
  });

  it("takes --tenant <slug> and nothing else", () => {
    expect(parseCliArgs([], "audit:verify")).toEqual({ tenant: undefined });
    expect(parseCliArgs(["--tenant", "acme"], "audit:verify")).toEqual({ tenant: "acme" });
    expect(parseCliArgs(["--tenant=acme"], "audit:verify")).toEqual({ tenant: "acme" });
    expect(parseCliArgs(["--", "--tenant", "acme"], "audit:verify")).toEqual({ tenant: "acme" });
    expect(parseCliArgs(["--tenant"], "audit:verify")).toHaveProperty("usage");
    expect(parseCliArgs(["--bogus"], "audit:verify")).toHaveProperty("usage");
  });
});
