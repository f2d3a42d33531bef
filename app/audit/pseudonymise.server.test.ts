// A purge pseudonymises the audit trail, proved at the database: no entry of the organisation names the
// person any more (by any name or address they went by), every entry keeps its place and what happened,
// the chain and a checkpoint signed before the purge still verify, and any change to a pseudonymised entry
// or to a seal afterwards is caught.
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Tx } from "~db/client";
import { accounts, auditEntries, bulkRunItems, bulkRuns, dataSubjectRequests, emailOutbox } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { erasedName } from "~/actions/account-purge.server";
import { performAction } from "~/actions/perform.server";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import { computeEntryHash, sealDigest, sealOf, type JsonValue } from "./chain";
import { ERASED_VALUE } from "./pseudonymise";
import { generateSigningKey } from "./signing-key.server";
import {
  AuditChainError,
  appendAuditEntry,
  createCheckpoint,
  verifyChain,
  type ChainVerification,
} from "./trail.server";

const database = setupTestDatabase();
const signingKey = generateSigningKey("test");
const verificationKeys = new Map([[signingKey.keyId, signingKey.publicKey]]);
// Purges sign their seals with the configured key, as checkpoints are signed.
vi.stubEnv("AUDIT_SIGNING_KEY", signingKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString());

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

/** The hash an entry (as read back) would have with another reason: what a forger writes as its sealed hash. */
function hashWithReason(entry: typeof auditEntries.$inferSelect, reason: string): string {
  return computeEntryHash(
    {
      ...entry,
      reason,
      occurredAt: entry.occurredAt.toISOString(),
      target: entry.target as JsonValue,
      changes: entry.changes as JsonValue,
    },
    entry.prevHash,
  );
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
      await tx.execute(sql`alter table audit_seal_entries disable trigger user`);
      for (const statement of statements) await tx.execute(statement);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
      await tx.execute(sql`alter table audit_seal_entries enable trigger user`);
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
    // What she wrote in a request, and a bulk run's outcome that names her.
    const db = database.current.db;
    await db.insert(dataSubjectRequests).values({
      tenantId: org.id,
      accountId: org.alice,
      kind: "rectification",
      details: "My name is spelt wrong, I am Alice Ng",
      resolution: "Corrected for Alice Ng",
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const [run] = await db
      .insert(bulkRuns)
      .values({
        tenantId: org.id,
        operation: "suspend",
        action: "account.suspend",
        reason: "Audit",
        selection: { kind: "ids" },
        requestedBy: org.dana,
        total: 1,
      })
      .returning({ id: bulkRuns.id });
    await db.insert(bulkRunItems).values({
      tenantId: org.id,
      runId: run!.id,
      position: 0,
      accountId: org.alice,
      outcome: "failed",
      message: "Alice Ng's account is already suspended.",
    });
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

  it("keeps her requests and bulk outcomes as records, without what she wrote or her name", async () => {
    const db = database.current.db;
    const pseudonym = erasedName(org.alice);
    expect(
      await db
        .select({
          kind: dataSubjectRequests.kind,
          details: dataSubjectRequests.details,
          resolution: dataSubjectRequests.resolution,
        })
        .from(dataSubjectRequests)
        .where(eq(dataSubjectRequests.accountId, org.alice)),
    ).toEqual([{ kind: "rectification", details: ERASED_VALUE, resolution: `Corrected for ${pseudonym}` }]);
    expect(
      await db
        .select({ outcome: bulkRunItems.outcome, message: bulkRunItems.message })
        .from(bulkRunItems)
        .where(eq(bulkRunItems.accountId, org.alice)),
    ).toEqual([{ outcome: "failed", message: `${pseudonym}'s account is already suspended.` }]);
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
    // An unrelated entry rewritten and sealed, with a seal line and a hash of its new contents.
    const row = (await entriesOf(org.id)).find((entry) => entry.pseudonymisedBy === null)!;
    const sealedHash = hashWithReason(row, "rewritten");
    const sealUnder = (sealId: string) => [
      sql`update audit_entries set reason = 'rewritten', pseudonymised_by = ${sealId}, pseudonymised_at = now(),
          sealed_hash = ${sealedHash} where tenant_id = ${org.id} and seq = ${row.seq}`,
      sql`insert into audit_seal_entries (tenant_id, seal_id, seq, replaced_hash, sealed_hash)
          values (${org.id}, ${sealId}, ${row.seq}, ${row.hash}, ${sealedHash})`,
    ];
    expect(await verifyAfterTampering(org.id, ...sealUnder(seal.id))).toMatchObject({
      ok: false,
      problem: { seq: purgeEntry.seq, kind: "seal-mismatch" },
    });
    const forgedId = crypto.randomUUID();
    expect(await verifyAfterTampering(org.id, ...sealUnder(forgedId))).toMatchObject({
      ok: false,
      problem: { seq: row.seq, kind: "seal-mismatch" },
    });

    // A pseudonymised entry that no longer says so, or whose seal line is gone.
    const sealed = before.find((entry) => entry.action === "self.renamePasskey")!;
    expect(
      await verifyAfterTampering(
        org.id,
        sql`update audit_entries set pseudonymised_by = null, sealed_hash = null, pseudonymised_at = null
            where tenant_id = ${org.id} and seq = ${sealed.seq}`,
      ),
    ).toMatchObject({ ok: false, problem: { seq: sealed.seq, kind: "seal-mismatch" } });
    expect(
      await verifyAfterTampering(
        org.id,
        sql`delete from audit_seal_entries where tenant_id = ${org.id} and seq = ${sealed.seq}`,
      ),
    ).toMatchObject({ ok: false, problem: { seq: sealed.seq, kind: "seal-mismatch" } });
  });

  it("will not sign a checkpoint over an entry rewritten under a seal no purge vouches for", async () => {
    await createCheckpoint(database.current.db, org.id, { signingKey, verificationKeys });
    const row = (await entriesOf(org.id)).find((entry) => entry.pseudonymisedBy === null)!;
    const sealedHash = hashWithReason(row, "rewritten");
    const sealId = crypto.randomUUID();
    let refusal: unknown;
    await database.current.db
      .transaction(async (tx: Tx) => {
        await tx.execute(sql`alter table audit_entries disable trigger user`);
        await tx.execute(
          sql`update audit_entries set reason = 'rewritten', pseudonymised_by = ${sealId}, pseudonymised_at = now(),
              sealed_hash = ${sealedHash} where tenant_id = ${org.id} and seq = ${row.seq}`,
        );
        await tx.execute(
          sql`insert into audit_seal_entries (tenant_id, seal_id, seq, replaced_hash, sealed_hash)
              values (${org.id}, ${sealId}, ${row.seq}, ${row.hash}, ${sealedHash})`,
        );
        await tx.execute(sql`alter table audit_entries enable trigger user`);
        // A new entry, so that there is a head to sign.
        await tx.execute(sql`select set_config('app.tenant_id', ${org.id}, true)`);
        await appendAuditEntry(tx, { tenantId: org.id, actor: null, action: "account.view", outcome: "allowed" });
        refusal = await createCheckpoint(tx, org.id, { signingKey, verificationKeys }).catch((error: unknown) => error);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!refusal) throw error;
      });
    expect(refusal).toBeInstanceOf(AuditChainError);
    expect(refusal).toMatchObject({ problem: { seq: row.seq, kind: "seal-mismatch" } });
  });

  it("catches a purge entry forged to vouch for a rewrite: seals are signed with the checkpoint key", async () => {
    // Someone with the database but not the key rewrites an entry a checkpoint covers, seals it, and
    // appends a purge entry whose seal matches: only the signature is missing.
    const row = before.find((entry) => entry.action === "account.setManager")!;
    const sealId = crypto.randomUUID();
    const line = { seq: row.seq, replacedHash: row.sealedHash!, sealedHash: hashWithReason(row, "never happened") };
    const forgedSeal = { id: sealId, entries: 1, digest: sealDigest(org.id, sealId, [line]) };
    let result: ChainVerification | undefined;
    await database.current.db
      .transaction(async (tx: Tx) => {
        await tx.execute(sql`alter table audit_entries disable trigger user`);
        await tx.execute(sql`alter table audit_seal_entries disable trigger user`);
        await tx.execute(
          sql`update audit_entries set reason = 'never happened', pseudonymised_by = ${sealId},
              sealed_hash = ${line.sealedHash} where tenant_id = ${org.id} and seq = ${row.seq}`,
        );
        await tx.execute(
          sql`insert into audit_seal_entries (tenant_id, seal_id, seq, replaced_hash, sealed_hash)
              values (${org.id}, ${sealId}, ${row.seq}, ${line.replacedHash}, ${line.sealedHash})`,
        );
        await tx.execute(sql`alter table audit_entries enable trigger user`);
        await tx.execute(sql`alter table audit_seal_entries enable trigger user`);
        await tx.execute(sql`select set_config('app.tenant_id', ${org.id}, true)`);
        await appendAuditEntry(tx, {
          tenantId: org.id,
          actor: null,
          action: "account.purge",
          outcome: "allowed",
          subjectAccountId: org.bob,
          changes: { after: { purged: true, auditSeal: forgedSeal } },
        });
        await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
        result = await verify(org.id, tx);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!result) throw error;
      });
    expect(result).toMatchObject({ ok: false, problem: { kind: "bad-signature" } });
    expect(!result!.ok && result!.problem.message).toContain("without a signature");
  });

  it("pseudonymises an entry again when a second person it names is purged, and the chain still verifies", async () => {
    const db = database.current.db;
    const erin = (
      await createAccount(db, {
        tenantId: org.id,
        email: "erin@acme.example",
        displayName: "Erin Vale",
        roles: ["domain_admin"],
      })
    ).id;
    const asErin = testActor({ id: erin, tenantId: org.id, name: "Erin Vale", roles: ["domain_admin"] });
    expect(
      await performAction(asErin, "account.terminate", { accountId: org.dana, reason: "Dana Okafor left" }),
    ).toMatchObject({ ok: true });
    expect(
      await performAction(asErin, "account.purge", { accountId: org.dana, reason: "Contract ended" }),
    ).toMatchObject({ ok: true });

    const all = await entriesOf(org.id);
    for (const entry of all) {
      expect(personalText(entry), `entry ${entry.seq} (${entry.action})`).not.toContain("dana okafor");
      expect(personalText(entry), `entry ${entry.seq} (${entry.action})`).not.toContain("alice ng");
    }
    // Alice's termination, by Dana, was sealed by Alice's purge and again by Dana's.
    const terminate = all.find(
      (entry) => entry.action === "account.terminate" && entry.subjectAccountId === org.alice,
    )!;
    expect(terminate).toMatchObject({
      actorName: erasedName(org.dana),
      reason: `${erasedName(org.alice)} left; ticket 88`,
    });
    const lines = await queryRows<{ seal_id: string }>(
      db,
      sql`select seal_id from audit_seal_entries where tenant_id = ${org.id} and seq = ${terminate.seq}`,
    );
    expect(lines).toHaveLength(2);
    expect(terminate.pseudonymisedBy).not.toBe(sealOf(purgeEntry.changes as never)!.id);
    expect(await verify(org.id)).toMatchObject({ ok: true, checkpoints: { signaturesChecked: 2 } });
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

    // The function works only in the transaction's own tenant, while a terminated account is purged, and
    // only on an entry whose contents are still those it was told of.
    const call = (tenant: string, account: string, entry = first!) =>
      sql`select glasshouse_pseudonymise_audit(${tenant}::uuid, ${account}::uuid, ${crypto.randomUUID()}::uuid,
            ${JSON.stringify([{ seq: entry.seq, replacedHash: entry.hash, reason: "x", sealedHash: "0".repeat(64) }])}::jsonb) as count`;
    const other = await createOrganisation(database.current.db, { slug: "initech" });
    expect(
      await refusal(withTenant(database.current.db, other.id, (tx) => tx.execute(call(org.id, org.alice)))),
    ).toContain("not this transaction's tenant");
    expect(
      await refusal(withTenant(database.current.db, org.id, (tx) => tx.execute(call(org.id, org.alice)))),
    ).toContain("not a terminated account being purged");
    await database.current.db.update(accounts).set({ status: "terminated" }).where(eq(accounts.id, org.alice));
    const count = async (statement: SQL) =>
      withTenant(database.current.db, org.id, async (tx) =>
        Number((await queryRows<{ count: number }>(tx, statement))[0]!.count),
      );
    expect([await count(call(org.id, org.alice)), await count(call(org.id, org.alice))]).toEqual([1, 0]);
    // An entry that does not concern her is not hers to rewrite.
    const unrelated = await withTenant(database.current.db, org.id, (tx) =>
      appendAuditEntry(tx, {
        tenantId: org.id,
        actor: { accountId: org.dana, tenantId: org.id, name: "Dana Okafor", role: "domain_admin" },
        action: "account.suspend",
        outcome: "allowed",
        subjectAccountId: org.bob,
        sentence: "Allowed: Dana Okafor is a domain admin of this organisation.",
        reason: "Bob asked for a break",
      }),
    );
    const [unrelatedRow] = (await entriesOf(org.id)).filter((entry) => entry.seq === unrelated.seq);
    expect(await count(call(org.id, org.alice, unrelatedRow))).toBe(0);
    // The app role cannot write seal lines of its own.
    expect(
      await refusal(
        withTenant(database.current.db, org.id, (tx) =>
          tx.execute(sql`insert into audit_seal_entries (tenant_id, seal_id, seq, replaced_hash, sealed_hash)
                         values (${org.id}, ${crypto.randomUUID()}, 1, 'a', 'b')`),
        ),
      ),
    ).toContain("permission denied");
  });

  it("refuses to purge when an entry claims a sealed hash that no seal leads to", async () => {
    const org = await organisationWithHistory("hooli");
    await giveAliceAHistory(org, { old: "alice.ng@old-hooli.example", current: "alice@hooli.example" });
    const victim = (await entriesOf(org.id)).find((entry) => entry.action === "account.updateProfile")!;
    const forged = hashWithReason(victim, "asked for a break");
    await database.current.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(
        sql`update audit_entries set reason = 'asked for a break', sealed_hash = ${forged}
            where tenant_id = ${org.id} and seq = ${victim.seq}`,
      );
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
    const result = await terminateAndPurge(org);
    expect(result).toMatchObject({ ok: false, kind: "failed" });
    expect(!result.ok && "message" in result && result.message).toContain(`entry ${victim.seq}`);
    const [alice] = await database.current.db.select().from(accounts).where(eq(accounts.id, org.alice));
    expect(alice).toMatchObject({ displayName: "Alice Ng", purgedAt: null });
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
