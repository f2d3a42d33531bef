// Terminate and restore, through the action path: who may, what changes, what the person is told.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEntries, emailOutbox, organisations, sessions, type AdminRole } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { withTenant } from "~db/tenant-scope";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import type { Actor } from "./actor.server";
import { suspendAccount } from "./account-status.server";
import { performAction, performEach } from "./perform.server";
import { loadAccountResources } from "./resources.server";

const database = setupTestDatabase();
const DAY_MS = 86_400_000;
let acme: { id: string };
const people: Record<string, { id: string; name: string; roles: AdminRole[] }> = {};

function actorFor(key: string, options: { freshFactor?: boolean } = {}): Actor {
  return testActor({ ...people[key]!, tenantId: acme.id }, options);
}

async function add(key: string, name: string, roles: AdminRole[] = []) {
  const { id } = await createAccount(database.current.db, {
    tenantId: acme.id,
    email: `${key}@acme.example`,
    displayName: name,
    roles,
  });
  people[key] = { id, name, roles };
}

async function accountRow(key: string) {
  const [row] = await database.current.db.select().from(accounts).where(eq(accounts.id, people[key]!.id));
  return row!;
}

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
  await add("dana", "Dana Okafor", ["domain_admin"]);
  await add("bob", "Bob Lindqvist", ["helpdesk_admin"]);
  await add("alice", "Alice Ng");
  await add("carl", "Carl Diaz");
});

describe("terminating an account", () => {
  it("ends access, schedules the purge after the organisation's grace period and tells the person", async () => {
    const db = database.current.db;
    await db.update(organisations).set({ purgeGraceDays: 7 }).where(eq(organisations.id, acme.id));
    await db.insert(sessions).values({
      tenantId: acme.id,
      id: "hash-alice-session",
      accountId: people.alice!.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const before = Date.now();
    const result = await performAction(actorFor("dana"), "account.terminate", {
      accountId: people.alice!.id,
      reason: "Left the company, ticket 9001",
    });
    expect(result).toMatchObject({ ok: true, output: { sessionsEnded: 1 } });
    const row = await accountRow("alice");
    expect(row.status).toBe("terminated");
    const graceMs = row.purgeAfter!.getTime() - before;
    expect(graceMs).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(graceMs).toBeLessThan(7 * DAY_MS + 60_000);
    expect(await db.select().from(sessions).where(eq(sessions.accountId, people.alice!.id))).toEqual([]);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "account.terminated"));
    expect(mail!.toAddress).toBe("alice@acme.example");
    expect(mail!.bodyText).toContain("Left the company, ticket 9001");
    // The purge day, written as the person reads dates (English, their time zone).
    const purgeDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });
    expect(mail!.bodyText).toContain(`kept until ${purgeDay.format(row.purgeAfter!)},`);
    const [entry] = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "account.terminate"), eq(auditEntries.outcome, "allowed")));
    expect(entry).toMatchObject({ subjectAccountId: people.alice!.id, visibility: "subject" });

    // Terminating it again is refused and changes nothing.
    const again = await performAction(actorFor("dana"), "account.terminate", {
      accountId: people.alice!.id,
      reason: "Twice",
    });
    expect(again).toMatchObject({ ok: false, kind: "failed", message: "Alice Ng's account is already terminated." });
  });

  it("can be undone by a restore before the purge, which clears the schedule", async () => {
    const restored = await performAction(actorFor("dana"), "account.restore", { accountId: people.alice!.id });
    expect(restored).toMatchObject({ ok: true });
    const row = await accountRow("alice");
    expect(row).toMatchObject({ status: "active", purgeAfter: null, terminatedAt: null });
    const notTerminated = await performAction(actorFor("dana"), "account.restore", { accountId: people.alice!.id });
    expect(notTerminated).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Alice Ng's account is not terminated.",
    });
  });

  it("needs a written reason and a fresh second factor, and is refused to a helpdesk admin and to oneself", async () => {
    const carl = people.carl!.id;
    expect(await performAction(actorFor("dana"), "account.terminate", { accountId: carl, reason: "" })).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { reason: [expect.stringMatching(/Say why/)] },
    });
    expect(
      await performAction(actorFor("dana", { freshFactor: false }), "account.terminate", {
        accountId: carl,
        reason: "Offboarding",
      }),
    ).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(
      await performAction(actorFor("bob"), "account.terminate", { accountId: carl, reason: "Offboarding" }),
    ).toMatchObject({ ok: false, kind: "denied" });
    expect(
      await performAction(actorFor("dana"), "account.terminate", { accountId: people.dana!.id, reason: "Leaving" }),
    ).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["self-protection.own-account"] } });
    expect((await accountRow("carl")).status).toBe("active");
  });
});

describe("an account that changed after it was decided", () => {
  it("is not overwritten: a suspension decided on an active account leaves one terminated since alone", async () => {
    await add("tess", "Tess Late");
    await add("uri", "Uri Fine");
    const db = database.current.db;
    // Both were loaded (and decided) as active; Tess is terminated before the batch writes.
    const [tess, uri] = await withTenant(db, acme.id, (tx) =>
      loadAccountResources(tx, acme.id, [people.tess!.id, people.uri!.id]),
    ).then((loaded) => [people.tess!.id, people.uri!.id].map((id) => loaded.find((one) => one.id === id)!));
    await db.update(accounts).set({ status: "terminated" }).where(eq(accounts.id, people.tess!.id));

    const actor = actorFor("dana");
    const batch = withTenant(db, acme.id, (tx) =>
      suspendAccount.mutateMany!({
        tx,
        tenantId: acme.id,
        items: [
          { input: { accountId: people.tess!.id, reason: "Left" }, resource: tess! },
          { input: { accountId: people.uri!.id, reason: "Left" }, resource: uri! },
        ],
        principal: actor.facts,
        request: actor.request,
        now: new Date(),
      }),
    );
    // The whole batch is refused (its transaction rolled back), to be done again one account at a time…
    await expect(batch).rejects.toThrow("Tess Late's account changed meanwhile; nothing was done to it.");
    expect((await accountRow("tess")).status).toBe("terminated");
    expect((await accountRow("uri")).status).toBe("active");
    // …where each account is decided on what it is now: Tess's fails on its own, Uri's goes ahead.
    const outcomes = await withTenant(db, acme.id, (tx) =>
      performEach(tx, actor, "account.suspend", [
        { accountId: people.tess!.id, reason: "Left" },
        { accountId: people.uri!.id, reason: "Left" },
      ]),
    );
    expect(outcomes).toEqual([
      { ok: false, kind: "failed", message: "Tess Late's account is already terminated." },
      { ok: true },
    ]);
    expect((await accountRow("tess")).status).toBe("terminated");
    expect((await accountRow("uri")).status).toBe("suspended");
  });
});
