// A purge pseudonymises the audit trail, proved at the database: no entry of the organisation names the
// person any more (by any name or address they went by), every entry keeps its place and what happened,
// the chain and a checkpoint signed before the purge still verify, and any change to a pseudonymised entry
// or to a seal afterwards is caught.
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Tx } from "~db/client";
import { accounts, auditEntries, emailOutbox } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { erasedName } from "~/actions/account-purge.server";
import { performAction } from "~/actions/perform.server";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import { computeEntryHash, sealOf } from "./chain";
import { ERASED_VALUE } from "./pseudonymise";
import { generateSigningKey } from "./signing-key.server";
import { appendAuditEntry, createCheckpoint, verifyChain, type ChainVerification } from "./trail.server";

const database = setupTestDatabase();
const signingKey = generateSigningKey("test");
const verificationKeys = new Map([[signingKey.keyId, signingKey.publicKey]]);

/** Every way Alice was known: none of these may be left anywhere in the trail after her purge. */
const ALICE_IDENTIFIERS = ["Alice Ng", "alice@acme.example", "alice.ng@old.example", "+44 20 7946 0001"];

interface Organisation {
  id: string;
  dana: string;
  alice: string;
  bob: string;
}

async function organisationWithHistory(slug: string): Promise<Organisation> {
  const db = database.current.db;
  const { id } = await createOrganisation(db, { slug, name: `${slug} Ltd` });
  const dana = (
    await createAccount(db, {
      tenantId: id,
      email: `dana@${slug}.example`,
      displayName: "Dana Okafor",
      roles: ["domain_admin"],
    })
  ).id;
  const alice = (
    await createAccount(db, { tenantId: id, email: `alice@initial-${slug}.example`, displayName: "Alice Ng" })
  ).id;
  const bob = (await createAccount(db, { tenantId: id, email: `bob@${slug}.example`, displayName: "Bob Reyes" })).id;
  return { id, dana, alice, bob };
}

function danaIn(org: Organisation) {
  return testActor({ id: org.dana, tenantId: org.id, name: "Dana Okafor", roles: ["domain_admin"] });
}

/** Alice's history: her address changed, she acted herself, someone tried her password, she manages Bob. */
async function giveAliceAHistory(org: Organisation, addresses: { old: string; current: string }) {
  const dana = danaIn(org);
  // Her earlier address is only in the trail: the profile change that replaced it, and its emails.
  await database.current.db.update(accounts).set({ email: addresses.old }).where(eq(accounts.id, org.alice));
  expect(
    await performAction(dana, "account.updateProfile", {
      accountId: org.alice,
      email: addresses.current,
      phone: "+44 20 7946 0001",
      reason: `Alice Ng asked to use ${addresses.current}`,
    }),
  ).toMatchObject({ ok: true });
  expect(await performAction(dana, "account.setManager", { accountId: org.bob, managerId: org.alice })).toMatchObject({
    ok: true,
  });
  await withTenant(database.current.db, org.id, async (tx) => {
    await appendAuditEntry(tx, {
      tenantId: org.id,
      actor: null,
      action: "auth.signInFailed",
      outcome: "failed",
      subjectAccountId: org.alice,
      target: { method: "password", failures: 1 },
      sentence: "Someone entered a wrong password.",
      ipAddress: "198.51.100.23",
      userAgent: "Alice's laptop browser",
    });
    await appendAuditEntry(tx, {
      tenantId: org.id,
      actor: { accountId: org.alice, tenantId: org.id, name: "Alice Ng", role: "self" },
      action: "self.renamePasskey",
      outcome: "allowed",
      subjectAccountId: org.alice,
      target: { type: "passkey", id: "pk-1", name: "Alice Ng's YubiKey" },
      sentence: "Allowed: this is Alice Ng's own account.",
      changes: { after: { name: "Alice Ng's YubiKey" } },
      ipAddress: "198.51.100.23",
      userAgent: "Alice's laptop browser",
    });
  });
}

async function terminateAndPurge(org: Organisation) {
  const dana = danaIn(org);
  expect(
    await performAction(dana, "account.terminate", { accountId: org.alice, reason: "Alice Ng left; ticket 88" }),
  ).toMatchObject({ ok: true });
  return performAction(dana, "account.purge", { accountId: org.alice, reason: "Purge Alice Ng now, ticket 88" });
}

function entriesOf(tenantId: string) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.tenantId, tenantId))
    .orderBy(auditEntries.seq);
}

/** The personal fields of an entry as one text, for searching. */
function personalText(entry: typeof auditEntries.$inferSelect): string {
  return [
    entry.actorName,
    entry.sentence,
    entry.reason,
    JSON.stringify(entry.target),
    JSON.stringify(entry.changes),
    entry.ipAddress,
    entry.userAgent,
  ]
    .join("\n")
    .toLowerCase();
}

function verify(tenantId: string, q: Parameters<typeof verifyChain>[0] = database.current.db) {
  return verifyChain(q, tenantId, { verificationKeys });
}

/** Changes history as the owner with the triggers off, verifies, and rolls everything back. */
async function verifyAfterTampering(tenantId: string, ...statements: SQL[]): Promise<ChainVerification> {
  let result: ChainVerification | undefined;
  await database.current.db
    .transaction(async (tx: Tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      for (const statement of statements) await tx.execute(statement);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
      result = await verify(tenantId, tx);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!result) throw error;
    });
  return result!;
}

describe("purging an account pseudonymises the audit trail", () => {
  let org: Organisation;
  let before: (typeof auditEntries.$inferSelect)[];
  let purgeEntry: typeof auditEntries.$inferSelect;

  beforeAll(async () => {
    org = await organisationWithHistory("acme");
    await giveAliceAHistory(org, { old: "alice.ng@old.example", current: "alice@acme.example" });
    // A checkpoint signed before the purge must still vouch for the chain after it.
    await createCheckpoint(database.current.db, org.id, { signingKey, verificationKeys });
    const purged = await terminateAndPurge(org);
    expect(purged).toMatchObject({ ok: true });
    const all = await entriesOf(org.id);
    purgeEntry = all.find((entry) => entry.action === "account.purge")!;
    before = all.filter((entry) => entry.seq < purgeEntry.seq);
  });

  it("leaves no name, address or phone number she went by anywhere in the organisation's trail", async () => {
    const all = await entriesOf(org.id);
    for (const entry of all) {
      for (const identifier of ALICE_IDENTIFIERS) {
        expect(personalText(entry), `entry ${entry.seq} (${entry.action})`).not.toContain(identifier.toLowerCase());
      }
    }
    // The name appeared in entries she acted in, entries about her, and the entry about Bob's manager.
    const pseudonym = erasedName(org.alice);
    const manager = all.find((entry) => entry.action === "account.setManager")!;
    expect(manager).toMatchObject({ subjectAccountId: org.bob, actorName: "Dana Okafor", ipAddress: "203.0.113.9" });
    expect(manager.changes).toMatchObject({ after: { managerId: org.alice, manager: pseudonym } });
    const own = all.find((entry) => entry.action === "self.renamePasskey")!;
    expect(own).toMatchObject({
      actorAccountId: org.alice,
      actorName: pseudonym,
      ipAddress: null,
      userAgent: null,
      target: { type: "passkey", id: "pk-1", name: ERASED_VALUE },
    });
    const profile = all.find((entry) => entry.action === "account.updateProfile")!;
    expect(profile.changes).toEqual({
      before: { email: ERASED_VALUE, phone: null },
      after: { email: ERASED_VALUE, phone: ERASED_VALUE },
    });
    expect(profile.reason).toBe(`${pseudonym} asked to use ${pseudonym}`);
    expect(all.find((entry) => entry.action === "auth.signInFailed")).toMatchObject({
      ipAddress: null,
      userAgent: null,
    });
    // The purge's own entry: the reason written with her name is recorded with the pseudonym.
    expect(purgeEntry.reason).toBe(`Purge ${pseudonym} now, ticket 88`);
  });

  it("keeps every entry in its place with what happened, who did it and why", async () => {
    const after = await entriesOf(org.id);
    expect(after.length).toBe(before.length + 1);
    for (const [index, entry] of before.entries()) {
      const now = after[index]!;
      expect(now).toMatchObject({
        seq: entry.seq,
        id: entry.id,
        occurredAt: entry.occurredAt,
        actorAccountId: entry.actorAccountId,
        action: entry.action,
        outcome: entry.outcome,
        subjectAccountId: entry.subjectAccountId,
        policyIds: entry.policyIds,
        prevHash: entry.prevHash,
        hash: entry.hash,
      });
    }
    const terminate = after.find((entry) => entry.action === "account.terminate")!;
    expect(terminate.reason).toBe(`${erasedName(org.alice)} left; ticket 88`);
    expect(terminate.actorName).toBe("Dana Okafor");
  });

  it("seals what it changed: the purge entry vouches for exactly the pseudonymised entries", async () => {
    const seal = sealOf(purgeEntry.changes as never)!;
    const sealed = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), isNotNull(auditEntries.pseudonymisedBy)));
    expect(seal.entries).toBe(sealed.length);
    expect(sealed.map((entry) => entry.action).sort()).toEqual([
      "account.setManager",
      "account.terminate",
      "account.updateProfile",
      "auth.signInFailed",
      "self.renamePasskey",
    ]);
    expect(purgeEntry.changes).toMatchObject({ after: { purged: true, auditEntriesPseudonymised: seal.entries } });
    for (const entry of sealed) {
      expect(entry.pseudonymisedBy).toBe(seal.id);
      expect(entry.pseudonymisedAt).not.toBeNull();
      expect(entry.sealedHash).not.toBe(entry.hash);
    }
    // Entries that never named her are untouched.
    const untouched = (await entriesOf(org.id)).filter((entry) => entry.pseudonymisedBy === null);
    expect(untouched.map((entry) => entry.action)).toContain("account.purge");
  });

  it("still verifies, checkpoint signature and all", async () => {
    expect(await verify(org.id)).toMatchObject({ ok: true, checkpoints: { count: 1, signaturesChecked: 1 } });
    // And a checkpoint can be signed on top of it.
    await createCheckpoint(database.current.db, org.id, { signingKey, verificationKeys });
    expect(await verify(org.id)).toMatchObject({ ok: true, checkpoints: { count: 2, signaturesChecked: 2 } });
  });

  it("erases the emails sent to her, and fails those not sent yet", async () => {
    const emails = await database.current.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, org.id), eq(emailOutbox.toAccountId, org.alice)));
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const email of emails) {
      expect(email).toMatchObject({
        toAddress: ERASED_VALUE,
        subject: ERASED_VALUE,
        bodyText: ERASED_VALUE,
        bodyHtml: null,
      });
      if (!email.sentAt) expect(email.failedAt).not.toBeNull();
    }
  });

  it("catches a pseudonymised entry altered afterwards", async () => {
    const victim = before.find((entry) => entry.action === "account.terminate")!;
    const result = await verifyAfterTampering(
      org.id,
      sql`update audit_entries set reason = 'nothing to see' where tenant_id = ${org.id} and seq = ${victim.seq}`,
    );
    expect(result).toMatchObject({ ok: false, problem: { seq: victim.seq, kind: "hash-mismatch" } });
    expect(!result.ok && result.problem.message).toContain("after it was pseudonymised");
  });

  it("catches an entry slipped into a seal, dropped from one, or sealed without a purge", async () => {
    const seal = sealOf(purgeEntry.changes as never)!;
    // An unrelated entry rewritten and sealed under the purge's seal, with a hash of its new contents.
    const [bystander] = await queryRows<Record<string, unknown>>(
      database.current.db,
      sql`select seq from audit_entries where tenant_id = ${org.id} and pseudonymised_by is null order by seq limit 1`,
    );
    const seq = Number(bystander!.seq);
    const row = (await entriesOf(org.id)).find((entry) => entry.seq === seq)!;
    const rewritten = {
      ...row,
      reason: "rewritten",
      occurredAt: row.occurredAt.toISOString(),
      policyIds: row.policyIds,
      target: row.target as never,
      changes: row.changes as never,
    };
    const sealedHash = computeEntryHash(rewritten, row.prevHash);
    const slipped = await verifyAfterTampering(
      org.id,
      sql`update audit_entries set reason = 'rewritten', pseudonymised_by = ${seal.id}, pseudonymised_at = now(),
          sealed_hash = ${sealedHash} where tenant_id = ${org.id} and seq = ${seq}`,
    );
    expect(slipped).toMatchObject({ ok: false, problem: { seq: purgeEntry.seq, kind: "seal-mismatch" } });

    const sealed = before.find((entry) => entry.action === "self.renamePasskey")!;
    const dropped = await verifyAfterTampering(
      org.id,
      sql`update audit_entries set pseudonymised_by = null, sealed_hash = null, pseudonymised_at = null
          where tenant_id = ${org.id} and seq = ${sealed.seq}`,
    );
    // Its contents no longer match its original hash: unsealing it shows.
    expect(dropped).toMatchObject({ ok: false, problem: { seq: sealed.seq, kind: "hash-mismatch" } });

    const forged = await verifyAfterTampering(
      org.id,
      sql`update audit_entries set reason = 'rewritten', pseudonymised_by = gen_random_uuid(), pseudonymised_at = now(),
          sealed_hash = ${sealedHash} where tenant_id = ${org.id} and seq = ${seq}`,
    );
    expect(forged).toMatchObject({ ok: false, problem: { seq, kind: "seal-mismatch" } });
  });
});

describe("the database lets only the purge pseudonymise, once", () => {
  it("refuses the owner a change outside the purge function, and the function a change of anything else", async () => {
    const org = await organisationWithHistory("globex");
    await giveAliceAHistory(org, { old: "alice.ng@old-globex.example", current: "alice@globex.example" });
    const [first] = await entriesOf(org.id);
    const refusal = (work: Promise<unknown>) =>
      work.then(
        () => "done",
        (error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
      );
    // With the flag the function sets, but not through it: still only personal fields may change.
    const widened = database.current.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('glasshouse.pseudonymising', 'on', true)`);
      await tx.execute(
        sql`update audit_entries set action = 'account.view', pseudonymised_by = gen_random_uuid(),
            pseudonymised_at = now(), sealed_hash = hash where tenant_id = ${org.id} and seq = ${first!.seq}`,
      );
    });
    expect(await refusal(widened)).toContain("append-only");
    const plain = database.current.db.execute(sql`update audit_entries set reason = 'x' where tenant_id = ${org.id}`);
    expect(await refusal(plain)).toContain("append-only");

    // The function works only in the transaction's own tenant, and never twice on one entry.
    const call = (tenant: string, seal: string) =>
      sql`select glasshouse_pseudonymise_audit(${org.id}::uuid, ${seal}::uuid,
            ${JSON.stringify([{ seq: first!.seq, reason: "x", sealedHash: "0".repeat(64) }])}::jsonb) as count`;
    const other = await createOrganisation(database.current.db, { slug: "initech" });
    await expect(
      withTenant(database.current.db, other.id, (tx) => tx.execute(call(other.id, crypto.randomUUID()))),
    ).rejects.toThrow();
    const counts = await withTenant(database.current.db, org.id, async (tx) => [
      Number((await queryRows<{ count: number }>(tx, call(org.id, crypto.randomUUID())))[0]!.count),
      Number((await queryRows<{ count: number }>(tx, call(org.id, crypto.randomUUID())))[0]!.count),
    ]);
    expect(counts).toEqual([1, 0]);
  });

  it("refuses to purge, changing nothing, when an entry it would seal was altered before", async () => {
    const org = await organisationWithHistory("umbrella");
    await giveAliceAHistory(org, { old: "alice.ng@old-umbrella.example", current: "alice@umbrella.example" });
    const victim = (await entriesOf(org.id)).find((entry) => entry.action === "self.renamePasskey")!;
    await database.current.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(
        sql`update audit_entries set reason = 'slipped in' where tenant_id = ${org.id} and seq = ${victim.seq}`,
      );
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
    const result = await terminateAndPurge(org);
    expect(result).toMatchObject({ ok: false, kind: "failed" });
    const [alice] = await database.current.db.select().from(accounts).where(eq(accounts.id, org.alice));
    expect(alice).toMatchObject({ displayName: "Alice Ng", email: "alice@umbrella.example", purgedAt: null });
    const sealed = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), isNotNull(auditEntries.pseudonymisedBy)));
    expect(sealed).toEqual([]);
  });
});
