// The one path every action takes, end to end on a real database: decision, mutation and audit entry
// commit together or not at all; refusals and failures are recorded on their own.
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Tx } from "~db/client";
import {
  accounts,
  auditEntries,
  emailOutbox,
  privacyLocks,
  roleAssignments,
  sessions,
  tenantPolicies,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { withTenant } from "~db/tenant-scope";
import { verifyChain } from "~/audit/trail.server";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import type { AdminRole } from "~db/schema";
import { defineAction, type AnyActionDefinition } from "./action";
import type { Actor } from "./actor.server";
import { performAction, performEach, runAction } from "./perform.server";
import { loadAccountResource } from "./resources.server";

const database = setupTestDatabase();
let acme: { id: string; name: string };
let globex: { id: string };
const people: Record<string, { id: string; roles: AdminRole[]; name: string; tenantId: string }> = {};

function actorFor(key: string, options: { stepUp?: boolean } = {}): Actor {
  return testActor(people[key]!, { freshFactor: options.stepUp, requestId: "req-1" });
}

async function add(key: string, tenantId: string, name: string, roles: AdminRole[] = []) {
  const created = await createAccount(database.current.db, {
    tenantId,
    email: `${key}@${tenantId === acme.id ? "acme" : "globex"}.example`,
    displayName: name,
    roles,
  });
  people[key] = { id: created.id, roles, name, tenantId };
}

async function auditCount(tenantId = acme.id): Promise<number> {
  const [row] = await database.current.db
    .select({ n: count() })
    .from(auditEntries)
    .where(eq(auditEntries.tenantId, tenantId));
  return Number(row!.n);
}

async function lastEntry(tenantId = acme.id) {
  const [row] = await database.current.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.tenantId, tenantId))
    .orderBy(sql`${auditEntries.seq} desc`)
    .limit(1);
  return row!;
}

async function statusOf(key: string) {
  const [row] = await database.current.db
    .select({ status: accounts.status })
    .from(accounts)
    .where(eq(accounts.id, people[key]!.id));
  return row!.status;
}

async function giveSession(key: string) {
  const person = people[key]!;
  await database.current.db.insert(sessions).values({
    tenantId: person.tenantId,
    id: `hash-${key}-${Math.random()}`,
    accountId: person.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
}

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(database.current.db, { slug: "globex", name: "Globex" });
  await add("dana", acme.id, "Dana Okafor", ["domain_admin"]);
  await add("bob", acme.id, "Bob Lindqvist", ["helpdesk_admin"]);
  await add("tom", acme.id, "Tom Ashby", ["auditor"]);
  await add("alice", acme.id, "Alice Ng");
  await add("carl", acme.id, "Carl Diaz");
  await add("gus", globex.id, "Gus Grey", ["domain_admin"]);
});

beforeEach(async () => {
  await database.current.db.update(accounts).set({ status: "active" });
});

describe("an allowed action", () => {
  it("changes the account, ends its sessions, emails the person and records one entry, all together", async () => {
    await giveSession("alice");
    const before = await auditCount();
    const result = await performAction(actorFor("dana"), "account.suspend", {
      accountId: people.alice!.id,
      reason: "Left the company, ticket 4711",
    });
    expect(result).toMatchObject({ ok: true, output: { sessionsEnded: 1 } });
    expect(await statusOf("alice")).toBe("suspended");
    const left = await database.current.db.select().from(sessions).where(eq(sessions.accountId, people.alice!.id));
    expect(left).toEqual([]);
    const mail = await database.current.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAccountId, people.alice!.id));
    expect(mail.map((email) => email.template)).toContain("account.suspended");
    expect(await auditCount()).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      action: "account.suspend",
      outcome: "allowed",
      actorAccountId: people.dana!.id,
      actorName: "Dana Okafor",
      subjectAccountId: people.alice!.id,
      reason: "Left the company, ticket 4711",
      requestId: "req-1",
      ipAddress: "203.0.113.9",
      userAgent: "vitest",
      changes: { before: { status: "active" }, after: { status: "suspended", sessionsEnded: 1 } },
    });
    expect(entry.policyIds.length).toBeGreaterThan(0);
    expect(entry.sentence).toBeTruthy();
  });

  it("undoes a suspension without asking for a second factor", async () => {
    await performAction(actorFor("dana"), "account.suspend", { accountId: people.carl!.id, reason: "Investigating" });
    const result = await performAction(actorFor("dana", { stepUp: false }), "account.unsuspend", {
      accountId: people.carl!.id,
    });
    expect(result.ok).toBe(true);
    expect(await statusOf("carl")).toBe("active");
  });
});

describe("a refused action", () => {
  it("asks for a fresh second factor before a destructive action, changes nothing, and records the attempt", async () => {
    const before = await auditCount();
    const result = await performAction(actorFor("dana", { stepUp: false }), "account.suspend", {
      accountId: people.alice!.id,
      reason: "Left the company",
    });
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await statusOf("alice")).toBe("active");
    expect(await auditCount()).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ action: "account.suspend", outcome: "needs_step_up" });
  });

  it("denies a helpdesk admin a suspension and says why", async () => {
    const result = await performAction(actorFor("bob"), "account.suspend", {
      accountId: people.alice!.id,
      reason: "Because",
    });
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    if (result.ok || result.kind !== "denied") throw new Error("unreachable");
    expect(result.decision.sentence).toMatch(/Bob Lindqvist/);
    expect(await statusOf("alice")).toBe("active");
    expect(await lastEntry()).toMatchObject({ outcome: "denied", actorName: "Bob Lindqvist" });
  });

  it("does not let an admin suspend themself", async () => {
    const result = await performAction(actorFor("dana"), "account.suspend", {
      accountId: people.dana!.id,
      reason: "Testing",
    });
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    expect(await statusOf("dana")).toBe("active");
  });

  it("denies and records a forged account id from another organisation, leaving that account alone", async () => {
    const result = await performAction(actorFor("dana"), "account.suspend", {
      accountId: people.gus!.id,
      reason: "Cross-tenant attempt",
    });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
    expect(await statusOf("gus")).toBe("active");
    expect(await lastEntry()).toMatchObject({
      outcome: "denied",
      target: { requested: { accountId: people.gus!.id } },
    });
    expect(await auditCount(globex.id)).toBe(0);
  });

  it("denies and records an action id that does not exist", async () => {
    const result = await performAction(actorFor("dana"), "account.obliterate", { accountId: people.alice!.id });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["unknown-action"] } });
    expect(await lastEntry()).toMatchObject({ action: "account.obliterate", outcome: "denied" });
  });
});

describe("bad input", () => {
  it("answers with the field errors and stores nothing", async () => {
    const before = await auditCount();
    const result = await performAction(actorFor("dana"), "account.suspend", { accountId: "not-a-uuid", reason: " " });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok || result.kind !== "invalid") throw new Error("unreachable");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["accountId", "reason"]);
    expect(await auditCount()).toBe(before);
  });

  it("refuses an invalid tenant policy with its line and column, keeping the old one", async () => {
    const result = await performAction(actorFor("dana"), "policy.update", {
      name: "Broken",
      source: 'permit(principal, action, resource)\nwhen { principal.nope == "x" ',
      reason: "Trying a policy",
    });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok || result.kind !== "invalid") throw new Error("unreachable");
    expect(result.fieldErrors.source?.[0]).toMatch(/^Line \d+, column \d+: /);
    const stored = await database.current.db.select().from(tenantPolicies);
    expect(stored).toEqual([]);
  });
});

describe("atomicity", () => {
  function failingAction(stage: "mutation" | "audit"): AnyActionDefinition {
    return defineAction({
      id: "account.updateProfile",
      input: z.object({ accountId: z.uuid() }),
      loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
      subjectAccountId: (input) => input.accountId,
      async mutate({ tx, tenantId, input }) {
        await tx
          .update(accounts)
          .set({ displayName: "Changed Halfway" })
          .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
        await tx.insert(roleAssignments).values({ tenantId, accountId: input.accountId, role: "auditor" });
        if (stage === "mutation") throw new Error("disk on fire");
        // A change that cannot be encoded makes the audit append throw after the mutation wrote.
        return { output: null, changes: { after: { size: BigInt(1) as unknown as number } } };
      },
    });
  }

  it.each(["mutation", "audit"] as const)(
    "leaves nothing behind when the %s step throws, and records the failure",
    async (stage) => {
      const before = await auditCount();
      await expect(runAction(actorFor("dana"), failingAction(stage), { accountId: people.carl!.id })).rejects.toThrow();
      const [carl] = await database.current.db
        .select({ name: accounts.displayName })
        .from(accounts)
        .where(eq(accounts.id, people.carl!.id));
      expect(carl!.name).toBe("Carl Diaz");
      const roles = await database.current.db
        .select()
        .from(roleAssignments)
        .where(eq(roleAssignments.accountId, people.carl!.id));
      expect(roles).toEqual([]);
      expect(await auditCount()).toBe(before + 1);
      expect(await lastEntry()).toMatchObject({ action: "account.updateProfile", outcome: "failed" });
    },
  );

  it("rolls back and records an expected failure without throwing", async () => {
    await performAction(actorFor("dana"), "account.suspend", { accountId: people.carl!.id, reason: "First time" });
    const again = await performAction(actorFor("dana"), "account.suspend", {
      accountId: people.carl!.id,
      reason: "Twice",
    });
    expect(again).toMatchObject({ ok: false, kind: "failed", message: "Carl Diaz's account is already suspended." });
    expect(await lastEntry()).toMatchObject({
      outcome: "failed",
      sentence: "Carl Diaz's account is already suspended.",
    });
  });
});

describe("every implemented action", () => {
  const cases: { action: string; input: () => Record<string, unknown>; allowedAs: string; deniedAs: string }[] = [
    { action: "account.view", input: () => ({ accountId: people.alice!.id }), allowedAs: "bob", deniedAs: "carl" },
    { action: "account.viewApps", input: () => ({ accountId: people.alice!.id }), allowedAs: "bob", deniedAs: "tom" },
    {
      action: "account.export",
      input: () => ({ accountId: people.alice!.id, reason: "Legal request 12" }),
      allowedAs: "dana",
      deniedAs: "bob",
    },
    {
      action: "account.suspend",
      input: () => ({ accountId: people.alice!.id, reason: "Offboarding" }),
      allowedAs: "dana",
      deniedAs: "bob",
    },
    { action: "account.unsuspend", input: () => ({ accountId: people.alice!.id }), allowedAs: "dana", deniedAs: "tom" },
    {
      action: "account.revokeSessions",
      input: () => ({ accountId: people.alice!.id }),
      allowedAs: "bob",
      deniedAs: "tom",
    },
    {
      action: "account.assignRole",
      input: () => ({ accountId: people.carl!.id, role: "auditor" }),
      allowedAs: "dana",
      deniedAs: "bob",
    },
    {
      action: "account.removeRole",
      input: () => ({ accountId: people.carl!.id, role: "auditor" }),
      allowedAs: "dana",
      deniedAs: "bob",
    },
    { action: "audit.view", input: () => ({}), allowedAs: "tom", deniedAs: "bob" },
    { action: "audit.export", input: () => ({ format: "csv" }), allowedAs: "tom", deniedAs: "bob" },
    { action: "policy.view", input: () => ({}), allowedAs: "tom", deniedAs: "bob" },
    {
      action: "policy.update",
      input: () => ({
        name: "No exports on Fridays",
        source: "forbid(principal, action, resource) when { false };",
        reason: "New rule",
      }),
      allowedAs: "dana",
      deniedAs: "tom",
    },
  ];

  it.each(cases)(
    "$action is allowed for the right role and denied for another",
    async ({ action, input, allowedAs, deniedAs }) => {
      if (action === "account.unsuspend") {
        await database.current.db
          .update(accounts)
          .set({ status: "suspended" })
          .where(eq(accounts.id, people.alice!.id));
      }
      const denied = await performAction(actorFor(deniedAs), action, input());
      expect(denied, `${action} as ${deniedAs}`).toMatchObject({ ok: false, kind: "denied" });
      const allowed = await performAction(actorFor(allowedAs), action, input());
      expect(allowed, `${action} as ${allowedAs}`).toMatchObject({ ok: true });
    },
  );
});

describe("running as the app role", () => {
  it("cannot write an entry into another tenant's chain", async () => {
    await expect(
      withTenant(database.current.db, acme.id, (tx) =>
        tx.execute(sql`insert into audit_entries (tenant_id, seq, action, outcome, prev_hash, hash)
                       values (${globex.id}, 1, 'x', 'allowed', 'p', 'h')`),
      ),
    ).rejects.toThrow();
  });
});

describe("a batch (performEach, as a bulk run's chunk does it)", () => {
  const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.current.db, acme.id, work);

  async function entriesSince(seq: number) {
    return database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, acme.id), sql`${auditEntries.seq} > ${seq}`))
      .orderBy(auditEntries.seq);
  }

  it("decides, changes and audits each input on its own, its entries in the order of the inputs", async () => {
    await add("ed", acme.id, "Ed Batch");
    await add("fay", acme.id, "Fay Batch");
    await giveSession("ed");
    await giveSession("ed");
    const { seq: before } = await lastEntry();
    const gone = "7d0c4d7e-0000-4000-8000-00000000beef";
    const reason = "Project closed, ticket 9001";
    const outcomes = await inTenant((tx) =>
      performEach(tx, actorFor("dana"), "account.suspend", [
        { accountId: people.ed!.id, reason },
        { accountId: people.dana!.id, reason },
        { accountId: people.fay!.id, reason },
        { accountId: gone, reason },
        { accountId: "not-an-id", reason },
      ]),
    );
    expect(outcomes.map((one) => (one.ok ? "ok" : one.kind))).toEqual(["ok", "denied", "ok", "denied", "invalid"]);
    expect(outcomes[3]).toMatchObject({ message: expect.stringMatching(/no such item/i) });
    expect([await statusOf("ed"), await statusOf("dana"), await statusOf("fay")]).toEqual([
      "suspended",
      "active",
      "suspended",
    ]);
    expect(await database.current.db.select().from(sessions).where(eq(sessions.accountId, people.ed!.id))).toEqual([]);
    const mails = await database.current.db
      .select({ to: emailOutbox.toAccountId, body: emailOutbox.bodyText })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, acme.id), eq(emailOutbox.template, "account.suspended")));
    const told = mails.filter((mail) => mail.to === people.ed!.id || mail.to === people.fay!.id);
    expect(told).toHaveLength(2);
    for (const mail of told) expect(mail.body).toContain("Dana Okafor suspended your Acme Ltd account");

    // The invalid input never reached the action; every other input has its own entry, in input order.
    const entries = await entriesSince(before);
    expect(entries.map((entry) => [entry.subjectAccountId, entry.outcome])).toEqual([
      [people.ed!.id, "allowed"],
      [people.dana!.id, "denied"],
      [people.fay!.id, "allowed"],
      [null, "denied"],
    ]);
    expect(entries[0]!.changes).toEqual({
      before: { status: "active" },
      after: { status: "suspended", sessionsEnded: 2 },
    });
    expect(entries[2]!.changes).toMatchObject({ after: { sessionsEnded: 0 } });
    for (const entry of entries) expect(entry).toMatchObject({ reason, requestId: "req-1" });
    expect(await verifyChain(database.current.db, acme.id)).toMatchObject({ ok: true });
  });

  it("fails an input that cannot be done without touching the others", async () => {
    await add("gil", acme.id, "Gil Batch");
    await add("hua", acme.id, "Hua Batch");
    await database.current.db.update(accounts).set({ status: "suspended" }).where(eq(accounts.id, people.gil!.id));
    const { seq: before } = await lastEntry();
    const outcomes = await inTenant((tx) =>
      performEach(tx, actorFor("dana"), "account.unsuspend", [
        { accountId: people.hua!.id },
        { accountId: people.gil!.id },
      ]),
    );
    expect(outcomes).toEqual([
      { ok: false, kind: "failed", message: "Hua Batch's account is not suspended." },
      { ok: true },
    ]);
    expect(await statusOf("gil")).toBe("active");
    const entries = await entriesSince(before);
    expect(entries.map((entry) => [entry.outcome, entry.sentence])).toEqual([
      ["failed", "Hua Batch's account is not suspended."],
      ["allowed", expect.any(String)],
    ]);
  });

  it("does the inputs again one by one when changing them together fails, keeping only what succeeded", async () => {
    // lock.set has no set-based form: its inputs are sent together, one fails, and the savepoint is rolled
    // back and each input done again alone.
    await add("ida", acme.id, "Ida Batch");
    await add("jon", acme.id, "Jon Batch");
    const reason = "Litigation, matter 12";
    const first = await performAction(actorFor("dana"), "lock.set", {
      accountId: people.ida!.id,
      setting: "marketing_consent",
      reason,
    });
    expect(first).toMatchObject({ ok: true });
    const { seq: before } = await lastEntry();
    const outcomes = await inTenant((tx) =>
      performEach(tx, actorFor("dana"), "lock.set", [
        { accountId: people.jon!.id, setting: "marketing_consent", reason },
        { accountId: people.ida!.id, setting: "marketing_consent", reason },
      ]),
    );
    expect(outcomes[0]).toEqual({ ok: true });
    expect(outcomes[1]).toMatchObject({ ok: false, kind: "failed", message: expect.stringMatching(/already locked/) });
    const locks = await database.current.db
      .select({ accountId: privacyLocks.accountId })
      .from(privacyLocks)
      .where(and(eq(privacyLocks.tenantId, acme.id), eq(privacyLocks.setting, "marketing_consent")));
    expect(locks.filter((lock) => lock.accountId === people.ida!.id)).toHaveLength(1);
    expect(locks.filter((lock) => lock.accountId === people.jon!.id)).toHaveLength(1);
    expect((await entriesSince(before)).map((entry) => [entry.subjectAccountId, entry.outcome])).toEqual([
      [people.jon!.id, "allowed"],
      [null, "failed"],
    ]);
  });
});

describe("the person's email", () => {
  it("is written in their language and time zone, not the admin's", async () => {
    await add("greta", acme.id, "Greta Kühn");
    await database.current.db
      .update(accounts)
      .set({ locale: "de", timeZone: "Europe/Berlin" })
      .where(eq(accounts.id, people.greta!.id));
    const result = await performAction(actorFor("dana"), "account.suspend", {
      accountId: people.greta!.id,
      reason: "Vertrag beendet, Ticket 4712",
    });
    expect(result).toMatchObject({ ok: true });
    const [mail] = await database.current.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAccountId, people.greta!.id), eq(emailOutbox.template, "account.suspended")));
    expect(mail!.subject).toBe("Ihr Konto bei Acme Ltd wurde gesperrt");
    expect(mail!.bodyText).toContain("Dana Okafor hat Ihr Konto bei Acme Ltd gesperrt.");
    expect(mail!.bodyText).toContain("Begründung: Vertrag beendet, Ticket 4712");
    expect(mail!.bodyText).toMatch(/Wann: .* \(Europe\/Berlin\)/);
  });
});
