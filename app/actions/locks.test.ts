// Privacy locks end to end on a real database: a domain admin locks a setting of an account, or of the
// whole organisation (with a written reason and a fresh second factor), the person's own change of it is
// then refused, and the lock is cleared; through the action layer and through the locks page as the
// console posts it. Each test makes its own organisations and people.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntries, privacyLocks, type AdminRole } from "~db/schema";
import { tenantScope } from "~/db.server";
import { listLocks, locksForAccount } from "~/locks/locks.server";
import { action as locksAction, loader as locksLoader } from "~/routes/t.$tenant.locks";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { confirmFactorNow as confirmSessionFactor, testActor } from "~/testing/actors";
import { testPeople, type TestOrganisation } from "~/testing/people";
import type { ActionId } from "~/policy/types";
import type { Actor } from "./actor.server";
import { decideForUi, performAction } from "./perform.server";
import { loadAccountResource } from "./resources.server";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const people = testPeople(() => database.current.db, PASSWORD);

type Organisation = TestOrganisation;

interface Person {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: AdminRole[];
}

let acme: Organisation;
let globex: Organisation;

beforeAll(async () => {
  acme = await people.newOrganisation("Acme Ltd");
  globex = await people.newOrganisation("Globex");
});

async function newPerson(org: Organisation, name: string, roles: AdminRole[] = []): Promise<Person> {
  const ref = await people.newPerson(org, name, { roles });
  return { id: ref.accountId, tenantId: ref.tenantId, email: ref.email, name: ref.displayName, roles };
}

const newOrganisation = (name: string) => people.newOrganisation(name);

function actorOf(person: Person, options: { freshFactor?: boolean } = {}): Actor {
  return testActor(person, { ...options, requestId: "req-locks" });
}

async function locksOf(person: Person) {
  return database.current.db.select().from(privacyLocks).where(eq(privacyLocks.accountId, person.id));
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
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  return row!;
}

function lock(actor: Actor, accountId: string, setting: string, reason = "Works council agreement, ticket 88") {
  return performAction<{ lockId: string }>(actor, "lock.set", { accountId, setting, reason });
}

// ─── Locking ──────────────────────────────────────────────────────────────────────────────────────

describe("locking a setting", () => {
  it("locks it with a fresh second factor, and records an entry the person sees", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const result = await lock(actorOf(dana), alice.id, "marketing_consent");
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) throw new Error("unreachable");

    const [row] = await locksOf(alice);
    expect(row).toMatchObject({
      id: result.output.lockId,
      setting: "marketing_consent",
      reason: "Works council agreement, ticket 88",
      lockedBy: dana.id,
      clearedAt: null,
    });
    expect(await lastEntry()).toMatchObject({
      action: "lock.set",
      outcome: "allowed",
      actorAccountId: dana.id,
      subjectAccountId: alice.id,
      visibility: "subject",
      reason: "Works council agreement, ticket 88",
      target: { type: "privacyLock", id: result.output.lockId, setting: "marketing_consent" },
      changes: {
        before: { setting: "marketing_consent", locked: false },
        after: { setting: "marketing_consent", locked: true },
      },
    });
    const covering = await tenantScope(acme.id, (tx) => locksForAccount(tx, acme.id, alice.id));
    expect(covering).toMatchObject([
      { setting: "marketing_consent", lockedByName: "Dana Okafor", reason: "Works council agreement, ticket 88" },
    ]);
  });

  it("asks for a fresh second factor first, and writes nothing but the attempt", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const before = await auditCount();
    const result = await lock(actorOf(dana, { freshFactor: false }), alice.id, "data_deletion");
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await locksOf(alice)).toEqual([]);
    expect(await auditCount()).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ action: "lock.set", outcome: "needs_step_up" });
  });

  it("refuses a helpdesk admin, who may not lock settings", async () => {
    const bob = await newPerson(acme, "Bob Lindqvist", ["helpdesk_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const result = await lock(actorOf(bob), alice.id, "marketing_consent");
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    expect(await locksOf(alice)).toEqual([]);
    expect(await lastEntry()).toMatchObject({ action: "lock.set", outcome: "denied", actorName: "Bob Lindqvist" });
  });

  it("asks for a written reason", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const result = await lock(actorOf(dana), alice.id, "marketing_consent", "  ");
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { reason: [expect.any(String)] } });
    expect(await locksOf(alice)).toEqual([]);
  });

  it("refuses a setting that is not one Glasshouse locks", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const result = await lock(actorOf(dana), alice.id, "profile.shoeSize");
    expect(result).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { setting: ["Choose a setting to lock."] },
    });
    expect(await locksOf(alice)).toEqual([]);
  });

  it("does not find a forged account id, nor one of another organisation, and writes no lock", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const gus = await newPerson(globex, "Gus Grey");
    for (const accountId of [gus.id, "00000000-0000-4000-8000-000000000000"]) {
      const result = await lock(actorOf(dana), accountId, "marketing_consent");
      expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
      expect(await lastEntry()).toMatchObject({ outcome: "denied", subjectAccountId: null });
    }
    expect(await locksOf(gus)).toEqual([]);
    expect(await database.current.db.select().from(privacyLocks).where(eq(privacyLocks.tenantId, globex.id))).toEqual(
      [],
    );
  });

  it("says so, harmlessly, when the setting is already locked for the account or for everyone", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    expect((await lock(actorOf(dana), alice.id, "profile.jobTitle")).ok).toBe(true);
    const again = await lock(actorOf(dana), alice.id, "profile.jobTitle");
    expect(again).toMatchObject({ ok: false, kind: "failed", field: "setting" });
    if (again.ok || again.kind !== "failed") throw new Error("unreachable");
    expect(again.message).toMatch(/^Job title is already locked for Alice Ng \(by Dana Okafor on /);
    expect(await locksOf(alice)).toHaveLength(1);

    const other = await newOrganisation("Initech");
    const owner = await newPerson(other, "Olga Park", ["domain_admin"]);
    const ivan = await newPerson(other, "Ivan Petrov");
    await database.current.db.insert(privacyLocks).values({
      tenantId: other.id,
      accountId: null,
      setting: "profile.department",
      reason: "Departments come from HR",
      lockedBy: owner.id,
    });
    const covered = await lock(actorOf(owner), ivan.id, "profile.department");
    expect(covered).toMatchObject({ ok: false, kind: "failed" });
    if (covered.ok || covered.kind !== "failed") throw new Error("unreachable");
    expect(covered.message).toMatch(/locked for everyone in the organisation .*Ivan Petrov included/);
    expect(await locksOf(ivan)).toEqual([]);
  });
});

// ─── Clearing ─────────────────────────────────────────────────────────────────────────────────────

describe("clearing a lock", () => {
  it("clears it, keeping the row as a record, and records an entry the person sees", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const priya = await newPerson(acme, "Priya Shah", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const placed = await lock(actorOf(dana), alice.id, "profile.phone");
    if (!placed.ok) throw new Error("lock failed");
    const cleared = await performAction(actorOf(priya), "lock.clear", {
      accountId: alice.id,
      setting: "profile.phone",
      lockId: placed.output.lockId,
      reason: "Case closed",
    });
    expect(cleared).toMatchObject({ ok: true, output: { lockId: placed.output.lockId } });
    const [row] = await locksOf(alice);
    expect(row!.clearedBy).toBe(priya.id);
    expect(row!.clearedAt).toBeInstanceOf(Date);
    expect(await lastEntry()).toMatchObject({
      action: "lock.clear",
      outcome: "allowed",
      subjectAccountId: alice.id,
      visibility: "subject",
      reason: "Case closed",
      target: { type: "privacyLock", setting: "profile.phone" },
      changes: {
        before: { setting: "profile.phone", locked: true, lockedBy: "Dana Okafor" },
        after: { setting: "profile.phone", locked: false },
      },
    });
    expect(await tenantScope(acme.id, (tx) => locksForAccount(tx, acme.id, alice.id))).toEqual([]);
    const all = await tenantScope(acme.id, (tx) => listLocks(tx, acme.id, { activeOnly: false }));
    expect(all.find((one) => one.id === placed.output.lockId)).toMatchObject({ clearedByName: "Priya Shah" });
  });

  it("refuses to clear a lock twice, saying who cleared it", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(acme, "Alice Ng");
    const placed = await lock(actorOf(dana), alice.id, "account_closure");
    if (!placed.ok) throw new Error("lock failed");
    const input = { accountId: alice.id, setting: "account_closure", lockId: placed.output.lockId, reason: "Done" };
    expect((await performAction(actorOf(dana), "lock.clear", input)).ok).toBe(true);
    const twice = await performAction(actorOf(dana), "lock.clear", input);
    expect(twice).toMatchObject({ ok: false, kind: "failed" });
    if (twice.ok || twice.kind !== "failed") throw new Error("unreachable");
    expect(twice.message).toMatch(/^That lock was already cleared by Dana Okafor on /);
    const unpinned = { accountId: alice.id, setting: "account_closure", reason: "Done" };
    expect(await performAction(actorOf(dana), "lock.clear", unpinned)).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Closing their account is not locked for Alice Ng.",
    });
    expect(await lastEntry()).toMatchObject({ action: "lock.clear", outcome: "failed" });
  });

  it("needs a fresh second factor, and refuses a compliance officer", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const carla = await newPerson(acme, "Carla Mendes", ["compliance_officer"]);
    const alice = await newPerson(acme, "Alice Ng");
    expect((await lock(actorOf(dana), alice.id, "data_deletion")).ok).toBe(true);
    const input = { accountId: alice.id, setting: "data_deletion", reason: "Done" };
    expect(await performAction(actorOf(dana, { freshFactor: false }), "lock.clear", input)).toMatchObject({
      ok: false,
      kind: "needs_step_up",
    });
    expect(await performAction(actorOf(carla), "lock.clear", input)).toMatchObject({ ok: false, kind: "denied" });
    expect((await locksOf(alice))[0]!.clearedAt).toBeNull();
  });
});

// ─── What a lock stops ────────────────────────────────────────────────────────────────────────────

describe("what a lock stops", () => {
  it("refuses the person a change of a locked profile field, saying who locked it and why, until it is cleared", async () => {
    const dana = await newPerson(acme, "Dana Okafor", ["domain_admin"]);
    const lena = await newPerson(acme, "Lena Fischer");
    const selfUpdate = async (setting: string) => {
      const resource = await tenantScope(acme.id, (tx) => loadAccountResource(tx, acme.id, lena.id));
      const [decision] = decideForUi(actorOf(lena), [
        { action: "self.updateProfile", resource: resource!, context: { settings: [setting] } },
      ]);
      return decision!;
    };
    expect((await selfUpdate("profile.phone")).outcome).toBe("allow");
    expect((await lock(actorOf(dana), lena.id, "profile.phone", "Company phones are managed by IT")).ok).toBe(true);

    const refused = await selfUpdate("profile.phone");
    expect(refused).toMatchObject({ outcome: "deny", policyIds: ["locks.profile-setting"] });
    expect(refused.sentence).toMatch(/locked by Dana Okafor since .*Company phones are managed by IT/);
    expect((await selfUpdate("profile.displayName")).outcome).toBe("allow");

    const cleared = await performAction(actorOf(dana), "lock.clear", {
      accountId: lena.id,
      setting: "profile.phone",
      reason: "IT no longer manages phones",
    });
    expect(cleared.ok).toBe(true);
    expect((await selfUpdate("profile.phone")).outcome).toBe("allow");
  });
});

// ─── Organisation-wide locks ──────────────────────────────────────────────────────────────────────

function lockForEveryone(actor: Actor, setting: string, reason = "Works council agreement, ticket 90") {
  return performAction<{ lockId: string; accountsWithOwnLock: number }>(actor, "lock.setOrganisation", {
    setting,
    reason,
  });
}

function clearForEveryone(actor: Actor, input: { setting: string; lockId?: string; reason?: string }) {
  return performAction<{ lockId: string; accountsStillLocked: number }>(actor, "lock.clearOrganisation", {
    reason: "Agreement ended",
    ...input,
  });
}

async function organisationLocksOf(org: Organisation) {
  return database.current.db
    .select()
    .from(privacyLocks)
    .where(and(eq(privacyLocks.tenantId, org.id), isNull(privacyLocks.accountId)));
}

/** What the engine answers a person changing `setting` of their own account (as the /me pages ask it). */
async function selfChange(person: Person, action: ActionId, setting?: string) {
  const resource = await tenantScope(person.tenantId, (tx) => loadAccountResource(tx, person.tenantId, person.id));
  const [decision] = decideForUi(actorOf(person), [
    { action, resource: resource!, context: setting ? { settings: [setting] } : {} },
  ]);
  return decision!;
}

describe("locking a setting for the whole organisation", () => {
  it("locks it for every account with one lock, and records one entry about the organisation that everyone may read", async () => {
    const org = await newOrganisation("Initrode");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const before = await auditCount(org.id);
    const result = await lockForEveryone(actorOf(dana), "marketing_consent");
    expect(result).toMatchObject({ ok: true, output: { accountsWithOwnLock: 0 } });
    if (!result.ok) throw new Error("unreachable");

    expect(await organisationLocksOf(org)).toMatchObject([
      {
        id: result.output.lockId,
        accountId: null,
        setting: "marketing_consent",
        reason: "Works council agreement, ticket 90",
        lockedBy: dana.id,
        clearedAt: null,
      },
    ]);
    expect(await auditCount(org.id)).toBe(before + 1);
    expect(await lastEntry(org.id)).toMatchObject({
      action: "lock.setOrganisation",
      outcome: "allowed",
      actorAccountId: dana.id,
      subjectAccountId: null,
      visibility: "subject",
      reason: "Works council agreement, ticket 90",
      policyIds: ["role.domain-admin"],
      target: {
        type: "organisation",
        id: org.id,
        name: "Initrode",
        setting: "marketing_consent",
        lockId: result.output.lockId,
      },
      changes: {
        before: { setting: "marketing_consent", scope: "organisation", locked: false },
        after: { setting: "marketing_consent", scope: "organisation", locked: true },
      },
    });
    for (const person of [dana, alice]) {
      const covering = await tenantScope(org.id, (tx) => locksForAccount(tx, org.id, person.id));
      expect(covering).toMatchObject([{ id: result.output.lockId, accountId: null, lockedByName: "Dana Okafor" }]);
    }
  });

  it.each([
    { roles: ["domain_admin"] as AdminRole[], kind: "allowed" },
    { roles: ["helpdesk_admin"] as AdminRole[], kind: "denied" },
    { roles: ["compliance_officer"] as AdminRole[], kind: "denied" },
    { roles: ["auditor"] as AdminRole[], kind: "denied" },
    { roles: [] as AdminRole[], kind: "denied" },
  ])("is $kind to someone with the roles [$roles], to lock and to clear", async ({ roles, kind }) => {
    const org = await newOrganisation("Roles Inc");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const someone = await newPerson(org, "Sam Lee", roles);

    const locked = await lockForEveryone(actorOf(someone), "profile.jobTitle");
    if (kind === "allowed") expect(locked).toMatchObject({ ok: true });
    else {
      expect(locked).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["default-deny"] } });
      expect(await organisationLocksOf(org)).toEqual([]);
      expect(await lastEntry(org.id)).toMatchObject({
        action: "lock.setOrganisation",
        outcome: "denied",
        subjectAccountId: null,
        visibility: "admins",
      });
      expect((await lockForEveryone(actorOf(dana), "profile.jobTitle")).ok).toBe(true);
    }

    const cleared = await clearForEveryone(actorOf(someone), { setting: "profile.jobTitle" });
    if (kind === "allowed") expect(cleared).toMatchObject({ ok: true });
    else {
      expect(cleared).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["default-deny"] } });
      expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();
    }
  });

  it("asks for a fresh second factor first, to lock and to clear, and writes nothing but the attempt", async () => {
    const org = await newOrganisation("Massive Dynamic");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const stale = actorOf(dana, { freshFactor: false });
    expect(await lockForEveryone(stale, "data_deletion")).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await organisationLocksOf(org)).toEqual([]);
    expect(await lastEntry(org.id)).toMatchObject({ action: "lock.setOrganisation", outcome: "needs_step_up" });

    expect((await lockForEveryone(actorOf(dana), "data_deletion")).ok).toBe(true);
    expect(await clearForEveryone(stale, { setting: "data_deletion" })).toMatchObject({
      ok: false,
      kind: "needs_step_up",
    });
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();
    expect(await lastEntry(org.id)).toMatchObject({ action: "lock.clearOrganisation", outcome: "needs_step_up" });
  });

  it("asks for a written reason, to lock and to clear", async () => {
    const org = await newOrganisation("Oscorp");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    for (const reason of ["", "  "]) {
      expect(await lockForEveryone(actorOf(dana), "marketing_consent", reason)).toMatchObject({
        ok: false,
        kind: "invalid",
        fieldErrors: { reason: [expect.any(String)] },
      });
    }
    expect(await organisationLocksOf(org)).toEqual([]);
    expect((await lockForEveryone(actorOf(dana), "marketing_consent")).ok).toBe(true);
    expect(await clearForEveryone(actorOf(dana), { setting: "marketing_consent", reason: " " })).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { reason: [expect.any(String)] },
    });
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();
  });

  it("refuses a setting that is not one Glasshouse locks", async () => {
    const org = await newOrganisation("Tyrell");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    expect(await lockForEveryone(actorOf(dana), "profile.shoeSize")).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { setting: ["Choose a setting to lock."] },
    });
    expect(await organisationLocksOf(org)).toEqual([]);
  });

  it("does not cross organisations: another organisation's admin is refused, and a lock reaches only its own people", async () => {
    const org = await newOrganisation("Aperture");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const gina = await newPerson(globex, "Gina Rossi", ["domain_admin"]);
    const gus = await newPerson(globex, "Gus Grey");
    const intruder = actorOf(gina);
    const inAperture: Actor = { ...intruder, facts: { ...intruder.facts, actingTenantId: org.id } };
    expect(await lockForEveryone(inAperture, "marketing_consent")).toMatchObject({
      ok: false,
      kind: "denied",
      decision: { policyIds: ["tenancy.not-a-member"] },
    });
    expect(await organisationLocksOf(org)).toEqual([]);

    expect((await lockForEveryone(actorOf(dana), "marketing_consent")).ok).toBe(true);
    expect(await clearForEveryone(inAperture, { setting: "marketing_consent" })).toMatchObject({
      ok: false,
      kind: "denied",
    });
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();
    expect(await organisationLocksOf(globex)).toEqual([]);
    expect((await selfChange(gus, "self.setMarketing")).outcome).toBe("allow");
    // Gina's own organisation has no such lock to clear.
    expect(await clearForEveryone(actorOf(gina), { setting: "marketing_consent" })).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Marketing consent is not locked for everyone in Globex.",
    });
  });

  it("says so, harmlessly, when the setting is already locked for everyone", async () => {
    const org = await newOrganisation("Cyberdyne Systems");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const priya = await newPerson(org, "Priya Shah", ["domain_admin"]);
    expect((await lockForEveryone(actorOf(dana), "profile.department")).ok).toBe(true);
    const again = await lockForEveryone(actorOf(priya), "profile.department", "HR owns departments");
    expect(again).toMatchObject({ ok: false, kind: "failed", field: "setting" });
    if (again.ok || again.kind !== "failed") throw new Error("unreachable");
    expect(again.message).toMatch(
      /^Department is already locked for everyone in Cyberdyne Systems \(by Dana Okafor on /,
    );
    expect(await organisationLocksOf(org)).toHaveLength(1);
    expect(await lastEntry(org.id)).toMatchObject({ action: "lock.setOrganisation", outcome: "failed" });
  });

  it("stops every person changing the locked setting, those who join later included, until it is cleared", async () => {
    const org = await newOrganisation("Soylent Corp");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    for (const setting of ["marketing_consent", "data_deletion", "profile.phone"]) {
      expect((await lockForEveryone(actorOf(dana), setting, `Policy ${setting}`)).ok).toBe(true);
    }
    const later = await newPerson(org, "Lena Fischer");
    for (const person of [alice, later, dana]) {
      const marketing = await selfChange(person, "self.setMarketing");
      expect(marketing).toMatchObject({ outcome: "deny", policyIds: ["locks.marketing-consent"] });
      expect(marketing.sentence).toMatch(/locked by Dana Okafor since .*Policy marketing_consent/);
      expect(await selfChange(person, "self.requestErasure")).toMatchObject({
        outcome: "deny",
        policyIds: ["locks.data-deletion"],
      });
      expect(await selfChange(person, "self.updateProfile", "profile.phone")).toMatchObject({
        outcome: "deny",
        policyIds: ["locks.profile-setting"],
      });
      expect((await selfChange(person, "self.updateProfile", "profile.displayName")).outcome).toBe("allow");
    }

    expect((await clearForEveryone(actorOf(dana), { setting: "marketing_consent" })).ok).toBe(true);
    expect((await selfChange(later, "self.setMarketing")).outcome).toBe("allow");
    expect((await selfChange(later, "self.requestErasure")).outcome).toBe("deny");
  });
});

describe("clearing an organisation-wide lock", () => {
  it("clears it, keeping the row as a record and the accounts' own locks, and records an entry everyone may read", async () => {
    const org = await newOrganisation("Hooli XYZ");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const priya = await newPerson(org, "Priya Shah", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    expect((await lock(actorOf(dana), alice.id, "profile.phone")).ok).toBe(true);
    const placed = await lockForEveryone(actorOf(dana), "profile.phone", "Numbers come from HR");
    expect(placed).toMatchObject({ ok: true, output: { accountsWithOwnLock: 1 } });
    if (!placed.ok) throw new Error("lock failed");

    const cleared = await clearForEveryone(actorOf(priya), {
      setting: "profile.phone",
      lockId: placed.output.lockId,
      reason: "HR no longer sets numbers",
    });
    expect(cleared).toMatchObject({ ok: true, output: { lockId: placed.output.lockId, accountsStillLocked: 1 } });
    const [row] = await organisationLocksOf(org);
    expect(row!.clearedBy).toBe(priya.id);
    expect(row!.clearedAt).toBeInstanceOf(Date);
    expect(await lastEntry(org.id)).toMatchObject({
      action: "lock.clearOrganisation",
      outcome: "allowed",
      actorAccountId: priya.id,
      subjectAccountId: null,
      visibility: "subject",
      reason: "HR no longer sets numbers",
      target: { type: "organisation", id: org.id, name: "Hooli XYZ", setting: "profile.phone" },
      changes: {
        before: { setting: "profile.phone", locked: true, lockedBy: "Dana Okafor", lockReason: "Numbers come from HR" },
        after: { setting: "profile.phone", locked: false, accountsStillLocked: 1 },
      },
    });
    // Alice's own lock stays; everyone else may change the setting again.
    expect(await tenantScope(org.id, (tx) => locksForAccount(tx, org.id, alice.id))).toMatchObject([
      { accountId: alice.id, setting: "profile.phone" },
    ]);
    expect((await selfChange(alice, "self.updateProfile", "profile.phone")).outcome).toBe("deny");
    expect((await selfChange(priya, "self.updateProfile", "profile.phone")).outcome).toBe("allow");
  });

  it("clears the active one when no lock is named", async () => {
    const org = await newOrganisation("Pied Piper");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    expect((await lockForEveryone(actorOf(dana), "account_closure")).ok).toBe(true);
    expect(await clearForEveryone(actorOf(dana), { setting: "account_closure" })).toMatchObject({ ok: true });
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeInstanceOf(Date);
  });

  it("says so when the setting is not locked for everyone, or the lock was already cleared", async () => {
    const org = await newOrganisation("Wayne Enterprises");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const own = await lock(actorOf(dana), alice.id, "data_deletion");
    if (!own.ok) throw new Error("lock failed");
    expect(await clearForEveryone(actorOf(dana), { setting: "data_deletion" })).toMatchObject({
      ok: false,
      kind: "failed",
      field: "setting",
      message: "Deleting their data is not locked for everyone in Wayne Enterprises.",
    });
    expect(await lastEntry(org.id)).toMatchObject({ action: "lock.clearOrganisation", outcome: "failed" });
    // An account's own lock is not the organisation's to clear.
    expect(
      await clearForEveryone(actorOf(dana), { setting: "data_deletion", lockId: own.output.lockId }),
    ).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Wayne Enterprises has no such organisation-wide lock of Deleting their data.",
    });
    expect((await locksOf(alice))[0]!.clearedAt).toBeNull();

    const placed = await lockForEveryone(actorOf(dana), "data_deletion");
    if (!placed.ok) throw new Error("lock failed");
    const input = { setting: "data_deletion", lockId: placed.output.lockId };
    expect((await clearForEveryone(actorOf(dana), input)).ok).toBe(true);
    const twice = await clearForEveryone(actorOf(dana), input);
    expect(twice).toMatchObject({ ok: false, kind: "failed" });
    if (twice.ok || twice.kind !== "failed") throw new Error("unreachable");
    expect(twice.message).toMatch(/^That lock was already cleared by Dana Okafor on /);
  });
});

// ─── The locks page ───────────────────────────────────────────────────────────────────────────────

function confirmFactorNow(cookie: string): Promise<void> {
  return confirmSessionFactor(database.current.db, cookie);
}

async function postLocks(org: Organisation, fields: Record<string, string>, cookie: string) {
  const request = formRequest(`/t/${org.slug}/locks`, fields, cookie);
  return locksAction({ request, params: { tenant: org.slug }, context: testContext });
}

type SetAnswer = {
  intent: "lock.set";
  values: { scope: string; emails: string; setting: string; reason: string };
  fieldErrors: Record<string, string[]>;
  summary: string | null;
  outcomes: { name: string; email: string; outcome: string; sentence: string | null }[];
};

async function submitLock(org: Organisation, fields: Record<string, string>, cookie: string) {
  return unwrapData<SetAnswer>(await postLocks(org, { intent: "lock.set", ...fields }, cookie));
}

async function pageOf(org: Organisation, cookie: string, query = "") {
  const result = await locksLoader({
    request: getRequest(`/t/${org.slug}/locks${query}`, cookie),
    params: { tenant: org.slug },
    context: testContext,
  });
  return unwrapData<LocksPage>(result).data;
}

interface ShownLock {
  id: string;
  setting: string;
  accountId: string | null;
  reason: string;
  lockedByName: string;
  clear: { outcome: string; sentence: string } | null;
}

interface LocksPage {
  locks: ShownLock[];
  organisationLocks: ShownLock[];
  setDecision: { outcome: string; sentence: string } | null;
  setOrganisationDecision: { outcome: string; sentence: string } | null;
  resume: Record<string, string> | null;
}

type ClearAnswer = {
  intent: string;
  lockId: string;
  reason: string;
  message: string | null;
  fieldErrors: Record<string, string[]>;
};

describe("the locks page", () => {
  it("reports unknown emails next to the field, keeps what was typed, and locks nobody", async () => {
    const org = await newOrganisation("Umbrella");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const outsider = await newPerson(globex, "Gus Grey");
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const typed = {
      emails: `${alice.email.toUpperCase()}\nnobody@umbrella.example\n${outsider.email}`,
      setting: "marketing_consent",
      reason: "Regulator asked, case 12",
    };
    const { status, data } = await submitLock(org, typed, cookie);
    expect(status).toBe(400);
    expect(data.values).toEqual({ scope: "accounts", ...typed });
    expect(data.fieldErrors.emails).toEqual([
      `No account in this organisation has these emails: nobody@umbrella.example, ${outsider.email}.`,
    ]);
    expect(await locksOf(alice)).toEqual([]);
    expect(await locksOf(outsider)).toEqual([]);
  });

  it("puts a missing reason and a missing setting next to their fields", async () => {
    const org = await newOrganisation("Hooli");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const cookie = await signInCookie(dana.email, PASSWORD);
    const { status, data } = await submitLock(org, { emails: alice.email, setting: "", reason: "" }, cookie);
    expect(status).toBe(400);
    expect(Object.keys(data.fieldErrors).sort()).toEqual(["reason", "setting"]);
    expect(data.values).toEqual({ scope: "accounts", emails: alice.email, setting: "", reason: "" });
  });

  it("locks a setting for several accounts, one decision each, and reports those skipped", async () => {
    const org = await newOrganisation("Vandelay");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const carl = await newPerson(org, "Carl Diaz");
    const lena = await newPerson(org, "Lena Fischer");
    expect((await lock(actorOf(dana), lena.id, "data_deletion")).ok).toBe(true);
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);

    const { status, data } = await submitLock(
      org,
      {
        emails: `${alice.email}\n\n${carl.email}, ${lena.email}\n${alice.email}`,
        setting: "data_deletion",
        reason: "HR case 4",
      },
      cookie,
    );
    expect(status).toBe(200);
    expect(data.summary).toMatch(
      /^Deleting their data locked for 2 accounts\. 1 skipped: Deleting their data is already locked for Lena Fischer/,
    );
    expect(data.outcomes.map((one) => [one.name, one.outcome])).toEqual([
      ["Alice Ng", "locked"],
      ["Carl Diaz", "locked"],
      ["Lena Fischer", "skipped"],
    ]);
    for (const person of [alice, carl]) {
      expect(await locksOf(person)).toMatchObject([{ setting: "data_deletion", reason: "HR case 4" }]);
      const entries = await database.current.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.subjectAccountId, person.id), eq(auditEntries.action, "lock.set")));
      expect(entries).toMatchObject([{ outcome: "allowed", visibility: "subject" }]);
    }
    expect(await locksOf(lena)).toHaveLength(1);

    const page = await pageOf(org, cookie);
    expect(page.locks.filter((one) => one.setting === "data_deletion")).toHaveLength(3);
    expect(page.locks.every((one) => one.clear?.outcome === "allow")).toBe(true);
  });

  it("sends an admin without a fresh second factor to confirm one, then offers the form back as typed", async () => {
    const org = await newOrganisation("Stark");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const cookie = await signInCookie(dana.email, PASSWORD);
    expect((await pageOf(org, cookie)).setDecision?.outcome).toBe("needs_step_up");
    const typed = { intent: "lock.set", emails: alice.email, setting: "profile.phone", reason: "Switchboard" };
    const response = await responseOf(() => postLocks(org, typed, cookie));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: `/t/${org.slug}/locks?resume=1` })}`,
    );
    expect(await locksOf(alice)).toEqual([]);

    const kept = response.headers.getSetCookie().map((header) => header.split(";")[0]!);
    await confirmFactorNow(cookie);
    const page = await pageOf(org, [cookie, ...kept].join("; "), "?resume=1");
    expect(page.resume).toEqual({ scope: "accounts", ...typed });
    expect(page.setDecision?.outcome).toBe("allow");
  });

  it("lists organisation-wide locks apart from the accounts' own, each with Clear offered", async () => {
    const org = await newOrganisation("Wonka");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    expect((await lock(actorOf(dana), alice.id, "profile.phone")).ok).toBe(true);
    expect((await lockForEveryone(actorOf(dana), "profile.phone", "Numbers come from HR")).ok).toBe(true);
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const page = await pageOf(org, cookie);
    expect(page.organisationLocks).toMatchObject([
      { setting: "profile.phone", accountId: null, reason: "Numbers come from HR", clear: { outcome: "allow" } },
    ]);
    expect(page.locks).toMatchObject([{ setting: "profile.phone", accountId: alice.id, clear: { outcome: "allow" } }]);
    expect(page.setOrganisationDecision?.outcome).toBe("allow");
  });

  it("locks a setting for the whole organisation, and puts a second lock of it next to the setting field", async () => {
    const org = await newOrganisation("Gringotts");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const typed = { scope: "organisation", emails: "", setting: "marketing_consent", reason: "Works council, case 7" };

    const { status, data } = await submitLock(org, typed, cookie);
    expect(status).toBe(200);
    expect(data.summary).toBe("Marketing consent locked for everyone in Gringotts.");
    expect(await organisationLocksOf(org)).toMatchObject([
      { setting: "marketing_consent", reason: "Works council, case 7", clearedAt: null },
    ]);
    expect((await pageOf(org, cookie)).organisationLocks).toMatchObject([{ setting: "marketing_consent" }]);

    const again = await submitLock(org, typed, cookie);
    expect(again.status).toBe(409);
    expect(again.data.values).toEqual(typed);
    expect(again.data.fieldErrors.setting).toEqual([
      expect.stringMatching(/^Marketing consent is already locked for everyone in Gringotts \(by Dana Okafor on /),
    ]);
    expect(await organisationLocksOf(org)).toHaveLength(1);
  });

  it("needs no emails for the whole organisation, but a setting, a reason and a choice of who", async () => {
    const org = await newOrganisation("Monsters Inc");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const missing = await submitLock(org, { scope: "organisation", emails: "", setting: "", reason: "" }, cookie);
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.data.fieldErrors).sort()).toEqual(["reason", "setting"]);
    expect(missing.data.values).toEqual({ scope: "organisation", emails: "", setting: "", reason: "" });

    const typed = { scope: "everyone", emails: "", setting: "profile.phone", reason: "Switchboard" };
    const unclear = await submitLock(org, typed, cookie);
    expect(unclear.status).toBe(400);
    expect(unclear.data.fieldErrors.scope).toEqual([
      "Choose who the lock covers: chosen accounts or the whole organisation.",
    ]);
    expect(unclear.data.values).toEqual(typed);
    expect(await organisationLocksOf(org)).toEqual([]);
  });

  it("sends an admin without a fresh second factor to confirm one before locking for everyone, then offers the form back", async () => {
    const org = await newOrganisation("Prestige Worldwide");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const cookie = await signInCookie(dana.email, PASSWORD);
    expect((await pageOf(org, cookie)).setOrganisationDecision?.outcome).toBe("needs_step_up");
    const typed = {
      intent: "lock.set",
      scope: "organisation",
      emails: "",
      setting: "data_deletion",
      reason: "Litigation expected",
    };
    const response = await responseOf(() => postLocks(org, typed, cookie));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: `/t/${org.slug}/locks?resume=1` })}`,
    );
    expect(await organisationLocksOf(org)).toEqual([]);

    const kept = response.headers.getSetCookie().map((header) => header.split(";")[0]!);
    await confirmFactorNow(cookie);
    const page = await pageOf(org, [cookie, ...kept].join("; "), "?resume=1");
    expect(page.resume).toEqual(typed);
    expect(page.setOrganisationDecision?.outcome).toBe("allow");
  });

  it("clears an organisation-wide lock from the page, keeping the typed reason when one is refused", async () => {
    const org = await newOrganisation("Bluth Company");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const placed = await lockForEveryone(actorOf(dana), "profile.jobTitle");
    if (!placed.ok) throw new Error("lock failed");
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const fields = { intent: "lock.clearOrganisation", lockId: placed.output.lockId, setting: "profile.jobTitle" };

    const missing = unwrapData<ClearAnswer>(await postLocks(org, { ...fields, reason: "x" }, cookie));
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({ intent: "lock.clearOrganisation", lockId: placed.output.lockId, reason: "x" });
    expect(missing.data.fieldErrors.reason).toHaveLength(1);
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();

    const done = unwrapData<ClearAnswer>(await postLocks(org, { ...fields, reason: "Titles are free again" }, cookie));
    expect(done.status).toBe(200);
    expect(done.data.message).toBe("Lock cleared for everyone. Each person can change the setting again.");
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeInstanceOf(Date);
    expect((await pageOf(org, cookie)).organisationLocks).toEqual([]);

    const again = unwrapData<ClearAnswer>(await postLocks(org, { ...fields, reason: "Titles are free again" }, cookie));
    expect(again.status).toBe(409);
    expect(again.data.message).toMatch(/already cleared by Dana Okafor/);
  });

  it("brings an admin back from a step-up to the organisation-wide clear dialog with the reason typed", async () => {
    const org = await newOrganisation("Sterling Cooper");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const placed = await lockForEveryone(actorOf(dana), "marketing_consent");
    if (!placed.ok) throw new Error("lock failed");
    const cookie = await signInCookie(dana.email, PASSWORD);
    expect((await pageOf(org, cookie)).organisationLocks[0]!.clear?.outcome).toBe("needs_step_up");
    const typed = {
      intent: "lock.clearOrganisation",
      lockId: placed.output.lockId,
      setting: "marketing_consent",
      reason: "Agreement ended",
    };
    const response = await responseOf(() => postLocks(org, typed, cookie));
    expect(response.status).toBe(302);
    expect((await organisationLocksOf(org))[0]!.clearedAt).toBeNull();
    const kept = response.headers.getSetCookie().map((header) => header.split(";")[0]!);
    await confirmFactorNow(cookie);
    const page = await pageOf(org, [cookie, ...kept].join("; "), "?resume=1");
    expect(page.resume).toEqual({
      intent: "lock.clearOrganisation",
      lockId: placed.output.lockId,
      reason: "Agreement ended",
    });
    expect(page.organisationLocks[0]!.clear?.outcome).toBe("allow");
  });

  it("keeps the typed reason when a clear is sent without one, and clears with one", async () => {
    const org = await newOrganisation("Cyberdyne");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const placed = await lock(actorOf(dana), alice.id, "marketing_consent");
    if (!placed.ok) throw new Error("lock failed");
    const cookie = await signInCookie(dana.email, PASSWORD);
    await confirmFactorNow(cookie);
    const fields = {
      intent: "lock.clear",
      lockId: placed.output.lockId,
      accountId: alice.id,
      setting: "marketing_consent",
    };

    const missing = unwrapData<{ lockId: string; reason: string; fieldErrors: Record<string, string[]> }>(
      await postLocks(org, { ...fields, reason: "x" }, cookie),
    );
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({ lockId: placed.output.lockId, reason: "x" });
    expect(missing.data.fieldErrors.reason).toHaveLength(1);

    const done = unwrapData<{ message: string }>(
      await postLocks(org, { ...fields, reason: "Complaint closed" }, cookie),
    );
    expect(done.status).toBe(200);
    expect((await locksOf(alice))[0]!.clearedAt).toBeInstanceOf(Date);
    const again = unwrapData<{ message: string }>(
      await postLocks(org, { ...fields, reason: "Complaint closed" }, cookie),
    );
    expect(again.status).toBe(409);
    expect(again.data.message).toMatch(/already cleared by Dana Okafor/);
  });

  it("tells a helpdesk admin up front that they may not lock or clear settings, for anyone", async () => {
    const org = await newOrganisation("Soylent");
    const bob = await newPerson(org, "Bob Lindqvist", ["helpdesk_admin"]);
    const cookie = await signInCookie(bob.email, PASSWORD);
    await database.current.db.insert(privacyLocks).values({
      tenantId: org.id,
      accountId: null,
      setting: "profile.phone",
      reason: "Numbers come from HR",
      lockedBy: bob.id,
    });
    const page = await pageOf(org, cookie);
    expect(page.setDecision?.outcome).toBe("deny");
    expect(page.setDecision?.sentence).toBeTruthy();
    expect(page.setOrganisationDecision).toMatchObject({ outcome: "deny", sentence: expect.any(String) });
    expect(page.organisationLocks).toMatchObject([{ clear: { outcome: "deny" } }]);

    const refused = await submitLock(
      org,
      { scope: "organisation", emails: "", setting: "marketing_consent", reason: "Because" },
      cookie,
    );
    expect(refused.status).toBe(403);
    expect(refused.data.fieldErrors._form).toEqual([expect.stringMatching(/^No policy allows Bob Lindqvist/)]);
    expect(await organisationLocksOf(org)).toHaveLength(1);
  });
});
