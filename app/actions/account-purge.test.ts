// The purge: what it erases, what it keeps, and that a legal hold stops it until the hold is released.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  appInstallations,
  auditEntries,
  legalHoldAccounts,
  legalHolds,
  passwordCredentials,
  roleAssignments,
  sessions,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { purgeDueAccounts } from "~/jobs/purge-due.server";
import { testActor } from "~/testing/actors";
import { setupTestDatabase } from "~/testing/harness";
import type { Actor } from "./actor.server";
import { erasedName } from "./account-purge.server";
import { performAction } from "./perform.server";

const database = setupTestDatabase();
let acme: { id: string };
let dana: { id: string };

function danaActor(): Actor {
  return testActor({ id: dana.id, tenantId: acme.id, name: "Dana Okafor", roles: ["domain_admin"] });
}

let serial = 0;

/** A terminated account whose grace period ended yesterday, with a session, a role and an installation. */
async function terminatedAccount(): Promise<string> {
  serial += 1;
  const db = database.current.db;
  const { id } = await createAccount(db, {
    tenantId: acme.id,
    email: `gone${serial}@acme.example`,
    displayName: `Gone Person ${serial}`,
    roles: ["auditor"],
    password: "correct horse battery staple",
  });
  await db.insert(sessions).values({
    tenantId: acme.id,
    id: `hash-${serial}`,
    accountId: id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const now = new Date();
  await db.insert(appInstallations).values({
    tenantId: acme.id,
    installationNumber: `INST-${serial}`,
    accountId: id,
    app: "Helpdesk for Android",
    appVersion: "4.1.0",
    os: "Android",
    firstSeenAt: now,
    lastSeenAt: now,
  });
  const terminated = await performAction(danaActor(), "account.terminate", {
    accountId: id,
    reason: "Left, ticket 77",
  });
  expect(terminated).toMatchObject({ ok: true });
  await db
    .update(accounts)
    .set({ purgeAfter: new Date(Date.now() - 86_400_000) })
    .where(eq(accounts.id, id));
  return id;
}

async function accountRow(id: string) {
  const [row] = await database.current.db.select().from(accounts).where(eq(accounts.id, id));
  return row!;
}

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
  dana = await createAccount(database.current.db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    roles: ["domain_admin"],
  });
});

describe("the purge sweep", () => {
  it("erases the person, keeps the trail and the anonymous telemetry, and leaves accounts still in grace alone", async () => {
    const db = database.current.db;
    const gone = await terminatedAccount();
    const inGrace = await terminatedAccount();
    await db
      .update(accounts)
      .set({ purgeAfter: new Date(Date.now() + 86_400_000) })
      .where(eq(accounts.id, inGrace));

    const sweep = await purgeDueAccounts();
    expect(sweep).toEqual({ purged: 1, refused: [] });
    const row = await accountRow(gone);
    expect(row).toMatchObject({ email: null, displayName: erasedName(gone), phone: null, status: "terminated" });
    expect(row.purgedAt).not.toBeNull();
    for (const table of [sessions, passwordCredentials, roleAssignments] as const) {
      expect(await db.select().from(table).where(eq(table.accountId, gone))).toEqual([]);
    }
    const [install] = await db.select().from(appInstallations).where(eq(appInstallations.installationNumber, "INST-1"));
    expect(install).toMatchObject({ accountId: null, app: "Helpdesk for Android" });
    // The trail keeps every entry about the account, and records the purge as the system's.
    const entries = await db.select().from(auditEntries).where(eq(auditEntries.subjectAccountId, gone));
    expect(entries.map((entry) => entry.action)).toEqual(["account.terminate", "account.purge"]);
    expect(entries[1]).toMatchObject({ outcome: "allowed", actorAccountId: null, actorName: null });
    expect((await accountRow(inGrace)).purgedAt).toBeNull();

    // A second sweep finds nothing to do.
    expect(await purgeDueAccounts()).toEqual({ purged: 0, refused: [] });
  });

  it("is refused while a legal hold covers the account, and purges after the hold is released", async () => {
    const db = database.current.db;
    const held = await terminatedAccount();
    const [hold] = await db
      .insert(legalHolds)
      .values({ tenantId: acme.id, name: "Matter 2026-14", scope: "accounts", createdBy: dana.id })
      .returning({ id: legalHolds.id });
    await db
      .insert(legalHoldAccounts)
      .values({ tenantId: acme.id, holdId: hold!.id, accountId: held, addedBy: dana.id });

    const refused = await purgeDueAccounts();
    expect(refused.purged).toBe(0);
    expect(refused.refused).toEqual([
      { tenantId: acme.id, accountId: held, why: expect.stringContaining("Matter 2026-14") },
    ]);
    expect((await accountRow(held)).email).not.toBeNull();
    const [denied] = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.subjectAccountId, held), eq(auditEntries.action, "account.purge")));
    expect(denied).toMatchObject({ outcome: "denied", policyIds: ["legal-hold.nothing-deleted"] });

    await db.update(legalHolds).set({ releasedAt: new Date(), releasedBy: dana.id }).where(eq(legalHolds.id, hold!.id));
    expect((await purgeDueAccounts()).purged).toBe(1);
    expect((await accountRow(held)).email).toBeNull();
  });

  it("purges only terminated accounts, when an admin asks", async () => {
    const { id: active } = await createAccount(database.current.db, { tenantId: acme.id, email: "here@acme.example" });
    const result = await performAction(danaActor(), "account.purge", { accountId: active, reason: "Mistake" });
    expect(result).toMatchObject({ ok: false, kind: "failed" });
    expect((await accountRow(active)).email).toBe("here@acme.example");
  });
});
