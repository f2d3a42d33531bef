import { beforeAll, describe, expect, it } from "vitest";
import { legalHoldAccounts, legalHolds, privacyLocks } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import { loadAccountResource, loadAccountResources } from "./resources.server";

const database = setupTestDatabase();
let acme: { id: string };
let globex: { id: string };
let dana: { id: string };
let alice: { id: string };
let carl: { id: string };
let gus: { id: string };

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme" });
  globex = await createOrganisation(db, { slug: "globex" });
  dana = await createAccount(db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    displayName: "Dana Okafor",
    roles: ["domain_admin", "auditor"],
  });
  alice = await createAccount(db, {
    tenantId: acme.id,
    email: "alice@acme.example",
    displayName: "Alice Ng",
    managerId: dana.id,
  });
  carl = await createAccount(db, { tenantId: acme.id, email: "carl@acme.example", displayName: "Carl Diaz" });
  gus = await createAccount(db, { tenantId: globex.id, email: "gus@globex.example", displayName: "Gus Grey" });
  const [hold] = await db
    .insert(legalHolds)
    .values({
      tenantId: acme.id,
      name: "Matter 2026-14",
      scope: "accounts",
      createdBy: dana.id,
      createdAt: new Date("2026-11-03T09:00:00Z"),
    })
    .returning({ id: legalHolds.id });
  await db
    .insert(legalHoldAccounts)
    .values({ tenantId: acme.id, holdId: hold!.id, accountId: alice.id, addedBy: dana.id });
  await db.insert(legalHolds).values({
    tenantId: acme.id,
    name: "Old matter",
    scope: "organisation",
    createdBy: dana.id,
    releasedAt: new Date(),
  });
  await db.insert(privacyLocks).values([
    {
      tenantId: acme.id,
      accountId: alice.id,
      setting: "marketing_consent",
      reason: "Regulator asked",
      lockedBy: dana.id,
    },
    { tenantId: acme.id, accountId: null, setting: "profile.phone", reason: "Switchboard numbers", lockedBy: dana.id },
    {
      tenantId: acme.id,
      accountId: carl.id,
      setting: "data_deletion",
      reason: "Cleared",
      lockedBy: dana.id,
      clearedAt: new Date(),
    },
  ]);
});

describe("loading the facts of accounts", () => {
  it("gathers roles, the active holds covering the account and its locks, with who placed them", async () => {
    const resource = await tenantScope(acme.id, (tx) => loadAccountResource(tx, acme.id, alice.id));
    expect(resource).toMatchObject({
      type: "Account",
      id: alice.id,
      name: "Alice Ng",
      status: "active",
      managerId: dana.id,
      roles: [],
      holds: [{ name: "Matter 2026-14", placedByName: "Dana Okafor", placedAt: new Date("2026-11-03T09:00:00Z") }],
    });
    expect(resource!.locks.map((lock) => lock.setting).sort()).toEqual(["marketing_consent", "profile.phone"]);
    expect(resource!.locks[0]!.lockedByName).toBe("Dana Okafor");
  });

  it("leaves out released holds and cleared locks, but applies organisation-wide locks to everyone", async () => {
    const resource = await tenantScope(acme.id, (tx) => loadAccountResource(tx, acme.id, carl.id));
    expect(resource!.holds).toEqual([]);
    expect(resource!.locks.map((lock) => lock.setting)).toEqual(["profile.phone"]);
  });

  it("returns roles in order and keeps the order of the ids asked for", async () => {
    const resources = await tenantScope(acme.id, (tx) => loadAccountResources(tx, acme.id, [carl.id, dana.id, "nope"]));
    expect(resources.map((resource) => resource.id)).toEqual([carl.id, dana.id]);
    expect(resources[1]!.roles).toEqual(["domain_admin", "auditor"]);
  });

  it("does not find another organisation's account, even by its id", async () => {
    expect(await tenantScope(acme.id, (tx) => loadAccountResource(tx, acme.id, gus.id))).toBeNull();
    expect(await tenantScope(acme.id, (tx) => loadAccountResource(tx, globex.id, gus.id))).toBeNull();
  });
});
