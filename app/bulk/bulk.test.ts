// Bulk runs through the action layer: bulk.start fixes the accounts and records the run; processing decides
// and audits each account on its own, as the admin who started it, and records what became of each.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  auditEntries,
  bulkRunItems,
  bulkRuns,
  emailOutbox,
  legalHoldAccounts,
  privacyLocks,
  roleAssignments,
  sessions,
} from "~db/schema";
import type { Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { tenantScope } from "~/db.server";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import { testPeople, type TestOrganisation, type TestPersonRef } from "~/testing/people";
import { processBulkRun } from "./process.server";
import { getBulkRun } from "./runs.server";
import { startJobRunner, stopJobRunner } from "~/jobs/runner.server";

const database = setupTestDatabase();
const make = testPeople(() => database.current.db, "correct horse battery staple");
const ORIGIN = "https://console.example";

type Person = TestPersonRef & { roles: ("domain_admin" | "helpdesk_admin" | "auditor" | "compliance_officer")[] };

function actorOf(person: Person, options: { freshFactor?: boolean } = {}): Actor {
  return testActor(
    { id: person.accountId, tenantId: person.tenantId, name: person.displayName, roles: person.roles },
    options,
  );
}

async function person(org: TestOrganisation, name: string, roles: Person["roles"] = []): Promise<Person> {
  return { ...(await make.newPerson(org, name, { roles })), roles };
}

async function start(actor: Actor, input: Record<string, unknown>) {
  const result = await performAction<{ runId: string; total: number }>(actor, "bulk.start", input);
  if (!result.ok) throw new Error(`bulk.start refused: ${JSON.stringify(result)}`);
  return result.output;
}

async function items(runId: string) {
  return database.current.db
    .select()
    .from(bulkRunItems)
    .where(eq(bulkRunItems.runId, runId))
    .orderBy(bulkRunItems.position);
}

async function statusOf(ids: string[]) {
  const rows = await database.current.db
    .select({ id: accounts.id, status: accounts.status })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

describe("a bulk suspend of chosen accounts", () => {
  let org: TestOrganisation;
  let dana: Person;
  let staff: Person[];
  let held: Person;

  beforeAll(async () => {
    org = await make.newOrganisation("Bulk Ltd");
    dana = await person(org, "Dana Admin", ["domain_admin"]);
    staff = [];
    for (const name of ["Ann Archer", "Ben Baker", "Cat Cooper", "Dev Dyer"]) staff.push(await person(org, name));
    held = { ...(await make.newPerson(org, "Hal Away", { status: "suspended" })), roles: [] };
    await database.current.db.insert(sessions).values({
      tenantId: org.id,
      id: "bulk-session-ann",
      accountId: staff[0]!.accountId,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
  });

  it("suspends each account allowed, refuses the admin's own, fails the one already suspended, and says why", async () => {
    const chosen = [...staff.map((one) => one.accountId), held.accountId, dana.accountId];
    const { runId, total } = await start(actorOf(dana), {
      operation: "suspend",
      reason: "Contractors' engagement ended, ticket 4411",
      selection: { kind: "ids", accountIds: chosen },
    });
    expect(total).toBe(6);
    const before = await items(runId);
    expect(before.map((item) => item.outcome)).toEqual(Array(6).fill("pending"));

    const counts = await processBulkRun(org.id, runId, { chunkSize: 4 });
    expect(counts).toEqual({ succeeded: 4, refused: 1, failed: 1 });

    const statuses = await statusOf(chosen);
    for (const one of staff) expect(statuses[one.accountId]).toBe("suspended");
    expect(statuses[held.accountId]).toBe("suspended");
    expect(statuses[dana.accountId]).toBe("active");
    // Sessions end and the person is told, as for one suspension.
    const left = await database.current.db.select().from(sessions).where(eq(sessions.id, "bulk-session-ann"));
    expect(left).toEqual([]);
    const mails = await database.current.db
      .select({ to: emailOutbox.toAccountId, body: emailOutbox.bodyText })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, org.id), eq(emailOutbox.template, "account.suspended")));
    expect(mails.map((mail) => mail.to).sort()).toEqual(staff.map((one) => one.accountId).sort());
    expect(mails[0]!.body).toContain("ticket 4411");

    const after = await items(runId);
    const byAccount = Object.fromEntries(after.map((item) => [item.accountId, item]));
    expect(byAccount[held.accountId]).toMatchObject({ outcome: "failed", code: "failed" });
    expect(byAccount[held.accountId]!.message).toMatch(/already suspended/i);
    expect(byAccount[dana.accountId]).toMatchObject({ outcome: "refused" });
    expect(byAccount[dana.accountId]!.message).toMatch(/own account|yourself/i);
    expect(after.every((item) => item.decidedAt)).toBe(true);

    // One audit entry per account, as Dana, with the reason; refusals recorded as denied.
    const entries = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "account.suspend")));
    expect(entries.filter((entry) => entry.outcome === "allowed")).toHaveLength(4);
    expect(entries.filter((entry) => entry.outcome === "denied")).toHaveLength(1);
    expect(entries.filter((entry) => entry.outcome === "failed")).toHaveLength(1);
    for (const entry of entries) {
      expect(entry.actorAccountId).toBe(dana.accountId);
      expect(entry.reason).toBe("Contractors' engagement ended, ticket 4411");
    }
    const [run0] = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.id, runId));
    for (const entry of entries) expect(entry.requestId).toBe(run0!.requestId);
    expect(run0!.requestId).toBe("req-test");
    const [started] = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "bulk.start")));
    expect(started).toMatchObject({ outcome: "allowed", actorAccountId: dana.accountId });

    const run = await tenantScope(org.id, (tx) => getBulkRun(tx, org.id, runId));
    expect(run).toMatchObject({ status: "done", total: 6, succeeded: 4, refused: 1, failed: 1 });
    expect(run!.finishedAt).toBeInstanceOf(Date);
    expect(run!.groups.map((group) => group.count).sort()).toEqual([1, 1]);
    expect(run!.groups.flatMap((group) => group.accounts.map((one) => one.name)).sort()).toEqual([
      "Dana Admin",
      "Hal Away",
    ]);
  });

  it("does nothing twice: processing a finished run again changes nothing", async () => {
    const { runId } = await start(actorOf(dana), {
      operation: "unsuspend",
      reason: "Back on the project",
      selection: { kind: "ids", accountIds: [staff[0]!.accountId] },
    });
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 1, refused: 0, failed: 0 });
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 1, refused: 0, failed: 0 });
    const unsuspends = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "account.unsuspend")));
    expect(unsuspends).toHaveLength(1);
  });

  it("lets two workers share a run without doing any account twice", async () => {
    const { runId } = await start(actorOf(dana), {
      operation: "revokeSessions",
      reason: "Rotating after the phishing report",
      selection: { kind: "ids", accountIds: staff.map((one) => one.accountId) },
    });
    await Promise.all([
      processBulkRun(org.id, runId, { chunkSize: 1 }),
      processBulkRun(org.id, runId, { chunkSize: 1 }),
    ]);
    const revoked = await database.current.db
      .select({ subject: auditEntries.subjectAccountId })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "account.revokeSessions")));
    expect(revoked.map((entry) => entry.subject).sort()).toEqual(staff.map((one) => one.accountId).sort());
    const [run] = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.id, runId));
    expect(run).toMatchObject({ status: "done", succeeded: 4, refused: 0, failed: 0 });
  });

  it("when one account of a chunk fails, does the others alone and leaves nothing of the failed attempt", async () => {
    const away = [
      { ...(await make.newPerson(org, "Una Away", { status: "suspended" })), roles: [] },
      { ...(await make.newPerson(org, "Vic Away", { status: "suspended" })), roles: [] },
    ] as Person[];
    const here = await person(org, "Wes Here");
    const chosen = [away[0]!.accountId, here.accountId, away[1]!.accountId];
    const { runId } = await start(actorOf(dana), {
      operation: "unsuspend",
      reason: "Back from leave",
      selection: { kind: "ids", accountIds: chosen },
    });
    // One chunk: the three are changed together (one statement); Wes's fails ("not suspended") before
    // anything is written for him, and the other two go ahead.
    expect(await processBulkRun(org.id, runId, { chunkSize: 10 })).toEqual({ succeeded: 2, refused: 0, failed: 1 });
    const statuses = await statusOf(chosen);
    expect([statuses[away[0]!.accountId], statuses[here.accountId], statuses[away[1]!.accountId]]).toEqual([
      "active",
      "active",
      "active",
    ]);
    const entries = await database.current.db
      .select({ subject: auditEntries.subjectAccountId, outcome: auditEntries.outcome })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "account.unsuspend")));
    const mine = entries.filter((entry) => chosen.includes(entry.subject ?? ""));
    expect(
      mine
        .filter((entry) => entry.outcome === "allowed")
        .map((entry) => entry.subject)
        .sort(),
    ).toEqual([away[0]!.accountId, away[1]!.accountId].sort());
    const mails = await database.current.db
      .select({ to: emailOutbox.toAccountId })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, org.id), eq(emailOutbox.template, "account.unsuspended")));
    expect(mails.filter((mail) => chosen.includes(mail.to ?? "")).length).toBe(2);
    const [wes] = (await items(runId)).filter((item) => item.accountId === here.accountId);
    expect(wes).toMatchObject({ outcome: "failed" });
    expect(wes!.message).toMatch(/not suspended/);
  });

  it("records a stale or forged choice as not found and touches no other organisation", async () => {
    const elsewhere = await make.newOrganisation("Elsewhere Inc");
    const outsider = await person(elsewhere, "Olga Outsider");
    const gone = "7d0c4d7e-0000-4000-8000-000000000001";
    const { runId, total } = await start(actorOf(dana), {
      operation: "suspend",
      reason: "Clean-up, ticket 77",
      selection: { kind: "ids", accountIds: [outsider.accountId, gone] },
    });
    expect(total).toBe(2);
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 0, refused: 2, failed: 0 });
    expect((await statusOf([outsider.accountId]))[outsider.accountId]).toBe("active");
    for (const item of await items(runId)) {
      expect(item.outcome).toBe("refused");
      expect(item.message).toMatch(/no such item/i);
    }
  });

  it("refuses the rest when the admin loses their role mid-run", async () => {
    const admin = await person(org, "Ivy Interim", ["domain_admin"]);
    const { runId } = await start(actorOf(admin), {
      operation: "suspend",
      reason: "Contract ended, ticket 12",
      selection: { kind: "ids", accountIds: [staff[1]!.accountId] },
    });
    await database.current.db.delete(roleAssignments).where(eq(roleAssignments.accountId, admin.accountId));
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 0, refused: 1, failed: 0 });
  });

  it("reports an account already in the asked state as not done, with the reason", async () => {
    const target = staff[2]!;
    const { runId } = await start(actorOf(dana), {
      operation: "unsuspend",
      reason: "Mistake, ticket 5",
      selection: { kind: "ids", accountIds: [target.accountId] },
    });
    // Cat was suspended by the first run above; unsuspended here…
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 1, refused: 0, failed: 0 });
    const again = await start(actorOf(dana), {
      operation: "unsuspend",
      reason: "Mistake, ticket 5",
      selection: { kind: "ids", accountIds: [target.accountId] },
    });
    // …so a second unsuspend fails for that account alone, and writes nothing for it.
    expect(await processBulkRun(org.id, again.runId)).toEqual({ succeeded: 0, refused: 0, failed: 1 });
    const [item] = await items(again.runId);
    expect(item).toMatchObject({ outcome: "failed", code: "failed" });
    expect(item!.message).toMatch(/not suspended/);
  });
});

describe("starting a bulk run", () => {
  let org: TestOrganisation;
  let dana: Person;
  let helpdesk: Person;
  let auditor: Person;
  let staff: Person[];

  beforeAll(async () => {
    org = await make.newOrganisation("Start Ltd");
    dana = await person(org, "Dana Start", ["domain_admin"]);
    helpdesk = await person(org, "Hugo Helpdesk", ["helpdesk_admin"]);
    auditor = await person(org, "Audrey Auditor", ["auditor"]);
    staff = [];
    for (const name of ["Pat One", "Pat Two", "Pat Three"]) staff.push(await person(org, name));
  });

  const ids = () => staff.map((one) => one.accountId);

  it("needs a written reason and a fresh second factor, and writes nothing without them", async () => {
    const empty = await performAction(actorOf(dana), "bulk.start", {
      operation: "suspend",
      reason: "  ",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(empty).toMatchObject({ ok: false, kind: "invalid" });
    expect(Object.keys((empty as { fieldErrors: object }).fieldErrors)).toContain("reason");

    const stale = await performAction(actorOf(dana, { freshFactor: false }), "bulk.start", {
      operation: "suspend",
      reason: "Offboarding",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(stale).toMatchObject({ ok: false, kind: "needs_step_up" });
    const runs = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.tenantId, org.id));
    expect(runs).toEqual([]);
  });

  it("is refused to an auditor; a helpdesk admin may start one but each suspend is refused", async () => {
    const byAuditor = await performAction(actorOf(auditor), "bulk.start", {
      operation: "revokeSessions",
      reason: "Looks odd",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(byAuditor).toMatchObject({ ok: false, kind: "denied" });

    const { runId } = await start(actorOf(helpdesk), {
      operation: "suspend",
      reason: "Trying",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 0, refused: 3, failed: 0 });
    const run = await tenantScope(org.id, (tx) => getBulkRun(tx, org.id, runId));
    expect(run!.groups).toHaveLength(1);
    expect(run!.groups[0]).toMatchObject({ outcome: "refused", count: 3 });
  });

  it("covers exactly what a filter matches, and refuses when the match has changed since the admin looked", async () => {
    const filter = { q: "Pat" };
    const changed = await performAction(actorOf(dana), "bulk.start", {
      operation: "revokeSessions",
      reason: "Sign everyone named Pat out",
      selection: { kind: "filter", filter, expected: 2 },
    });
    expect(changed).toMatchObject({ ok: false, kind: "failed", field: "selection" });
    expect((changed as { message: string }).message).toMatch(/now matches 3 accounts, not the 2/);
    const runs = await database.current.db
      .select()
      .from(bulkRuns)
      .where(and(eq(bulkRuns.tenantId, org.id), eq(bulkRuns.operation, "revokeSessions")));
    expect(runs).toEqual([]);

    const { runId, total } = await start(actorOf(dana), {
      operation: "revokeSessions",
      reason: "Sign everyone named Pat out",
      selection: { kind: "filter", filter, expected: 3 },
    });
    expect(total).toBe(3);
    const chosen = await items(runId);
    // In the list's order: by name.
    expect(chosen.map((item) => item.accountId)).toEqual([staff[0]!, staff[2]!, staff[1]!].map((one) => one.accountId));
  });

  it("checks the options each operation needs", async () => {
    const noHold = await performAction(actorOf(dana), "bulk.start", {
      operation: "hold",
      reason: "Matter 9",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(noHold).toMatchObject({ ok: false, kind: "invalid" });
    expect(Object.keys((noHold as { fieldErrors: object }).fieldErrors)).toContain("holdId");
    const unknownHold = await performAction(actorOf(dana), "bulk.start", {
      operation: "hold",
      holdId: "7d0c4d7e-0000-4000-8000-000000000009",
      reason: "Matter 9",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(unknownHold).toMatchObject({ ok: false, kind: "failed", field: "holdId" });
    const badSetting = await performAction(actorOf(dana), "bulk.start", {
      operation: "lock",
      setting: "shoe_size",
      reason: "Matter 9",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(badSetting).toMatchObject({ ok: false, kind: "invalid" });
    expect(Object.keys((badSetting as { fieldErrors: object }).fieldErrors)).toContain("setting");
  });

  it("adds each account to a legal hold and locks a setting for each, one audit entry per account", async () => {
    const placed = await performAction<{ holdId: string }>(actorOf(dana), "hold.place", {
      name: "Matter 12",
      scope: "accounts",
      accountIds: [staff[0]!.accountId],
      reason: "Preserve for matter 12",
    });
    if (!placed.ok) throw new Error("hold.place failed");
    const holdRun = await start(actorOf(dana), {
      operation: "hold",
      holdId: placed.output.holdId,
      reason: "Preserve the team's accounts for matter 12",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(await processBulkRun(org.id, holdRun.runId)).toEqual({ succeeded: 3, refused: 0, failed: 0 });
    const heldRows = await database.current.db
      .select()
      .from(legalHoldAccounts)
      .where(eq(legalHoldAccounts.holdId, placed.output.holdId));
    expect(heldRows.map((row) => row.accountId).sort()).toEqual(ids().sort());

    const lockRun = await start(actorOf(dana), {
      operation: "lock",
      setting: "marketing_consent",
      reason: "Regulator's instruction, case 31",
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(await processBulkRun(org.id, lockRun.runId)).toEqual({ succeeded: 3, refused: 0, failed: 0 });
    const locks = await database.current.db
      .select()
      .from(privacyLocks)
      .where(and(eq(privacyLocks.tenantId, org.id), eq(privacyLocks.setting, "marketing_consent")));
    expect(locks.map((lock) => lock.accountId).sort()).toEqual(ids().sort());
    const lockEntries = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "lock.set")));
    expect(lockEntries.map((entry) => entry.subjectAccountId).sort()).toEqual(ids().sort());
  });

  it("sends each person a reset link that points at the console", async () => {
    const { runId } = await start(actorOf(dana), {
      operation: "resetPassword",
      reason: "Credential stuffing alert",
      origin: ORIGIN,
      selection: { kind: "ids", accountIds: ids() },
    });
    expect(await processBulkRun(org.id, runId)).toEqual({ succeeded: 3, refused: 0, failed: 0 });
    const mails = await database.current.db
      .select({ to: emailOutbox.toAccountId, body: emailOutbox.bodyText })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, org.id), inArray(emailOutbox.toAccountId, ids())));
    const resets = mails.filter((mail) => mail.body.includes(`${ORIGIN}/reset-password/`));
    expect(resets.map((mail) => mail.to).sort()).toEqual(ids().sort());
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)(
  "the pg-boss job runner (PostgreSQL only: pg-boss needs a server)",
  () => {
    it("carries a queued run to its end in a worker", async () => {
      const org = await make.newOrganisation("Queue Ltd");
      const dana = await person(org, "Dana Queue", ["domain_admin"]);
      const staff = [await person(org, "Quinn One"), await person(org, "Quinn Two")];
      const runner = await startJobRunner({
        connectionString: database.current.url!,
        purgeSweepMinutes: 0,
        log: () => {},
      });
      try {
        expect(runner.kind).toBe("pg-boss");
        const { runId } = await start(actorOf(dana), {
          operation: "suspend",
          reason: "Queue test, ticket 1",
          selection: { kind: "ids", accountIds: staff.map((one) => one.accountId) },
        });
        await runner.enqueueBulkRun(org.id, runId);
        const deadline = Date.now() + 20_000;
        let status = "queued";
        while (status !== "done" && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const [run] = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.id, runId));
          status = run!.status;
        }
        expect(status).toBe("done");
        const statuses = await statusOf(staff.map((one) => one.accountId));
        expect(Object.values(statuses)).toEqual(["suspended", "suspended"]);
      } finally {
        await stopJobRunner();
      }
    });
  },
);
