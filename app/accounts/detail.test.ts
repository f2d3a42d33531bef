// The account page as an admin uses it, through its real loader and action: every section of one account,
// 404 for what is not this organisation's, editing the profile and the manager (errors next to the field,
// typed values kept), roles, and the accounts list's actions reused with their step-up. Each test makes the
// organisation and people it needs.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  accounts,
  appInstallations,
  auditEntries,
  devices,
  emailOutbox,
  legalHoldAccounts,
  legalHolds,
  passkeys,
  privacyLocks,
  recoveryCodes,
  sessions,
  totpCredentials,
  type AdminRole,
} from "~db/schema";
import { isEmailClash } from "~/actions/account-profile.server";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { getPrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { action as pageAction, loader as pageLoader } from "~/routes/t.$tenant.accounts.$accountId";
import { loader as appsCsvLoader } from "~/routes/t.$tenant.accounts.$accountId_.apps[.]csv";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { testPeople, type TestOrganisation, type TestPersonRef } from "~/testing/people";
import { confirmFactorNow as confirmSessionFactor } from "~/testing/actors";
import { loadAccountDetail } from "./detail.server";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const { newOrganisation, newPerson } = testPeople(() => database.current.db, PASSWORD);
type Organisation = TestOrganisation;
type Person = TestPersonRef;

// ─── People ───────────────────────────────────────────────────────────────────────────────────────

function confirmFactorNow(cookie: string): Promise<void> {
  return confirmSessionFactor(database.current.db, cookie);
}

/** An admin signed in, with a second factor confirmed just now. */
async function freshAdmin(org: Organisation, displayName: string, role: AdminRole) {
  const person = await newPerson(org, displayName, { roles: [role] });
  const cookie = await signInCookie(person.email, PASSWORD);
  await confirmFactorNow(cookie);
  return { person, cookie };
}

// ─── The page ─────────────────────────────────────────────────────────────────────────────────────

type PageData = Awaited<ReturnType<typeof pageLoader>> extends { data: infer D } ? D : never;

type ActionData = {
  ok: boolean;
  intent: string | null;
  message: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

const pathOf = (org: Organisation, accountId: string) => `/t/${org.slug}/accounts/${accountId}`;

async function openPage(org: Organisation, accountId: string, cookie: string, query = "") {
  const result = await pageLoader({
    request: getRequest(`${pathOf(org, accountId)}${query}`, cookie),
    params: { tenant: org.slug, accountId },
    context: testContext,
  });
  return unwrapData<PageData>(result).data;
}

function post(org: Organisation, accountId: string, fields: Record<string, string>, cookie: string) {
  return pageAction({
    request: formRequest(pathOf(org, accountId), fields, cookie),
    params: { tenant: org.slug, accountId },
    context: testContext,
  });
}

async function postData(org: Organisation, accountId: string, fields: Record<string, string>, cookie: string) {
  return unwrapData<ActionData>(await post(org, accountId, fields, cookie));
}

async function accountRow(person: Person) {
  const [row] = await database.current.db.select().from(accounts).where(eq(accounts.id, person.accountId));
  return row!;
}

async function auditOf(action: string, subject: Person) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.action, action), eq(auditEntries.subjectAccountId, subject.accountId)))
    .orderBy(auditEntries.seq);
}

/** Entries of the organisation's trail for one action and outcome (refused attempts name no subject). */
async function entriesIn(org: Organisation, action: string, outcome: "allowed" | "denied" | "failed") {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, action), eq(auditEntries.outcome, outcome)))
    .orderBy(auditEntries.seq);
}

async function sessionsOf(person: Person) {
  return database.current.db.select().from(sessions).where(eq(sessions.accountId, person.accountId));
}

/** Every field of the profile form, as the page posts it. */
function profileForm(person: Person, changes: Record<string, string> = {}) {
  return {
    intent: "account.updateProfile",
    displayName: person.displayName,
    givenName: "",
    familyName: "",
    email: person.email,
    phone: "",
    jobTitle: "",
    department: "",
    ...changes,
  };
}

// ─── Showing an account ───────────────────────────────────────────────────────────────────────────

describe("the account page", () => {
  it("shows profile, status, roles, sessions, factors, apps, holds, locks and activity of an account", async () => {
    const db = database.current.db;
    const org = await newOrganisation("Acme Ltd");
    const { person: dana, cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const boss = await newPerson(org, "Bea Boss");
    const mia = await newPerson(org, "Mia Rossi", { roles: ["auditor"], managerId: boss.accountId });
    const other = await newPerson(org, "Oli Other");
    await db
      .update(accounts)
      .set({ phone: "+44 20 7946 0958", jobTitle: "Analyst" })
      .where(eq(accounts.id, mia.accountId));
    await signInCookie(mia.email, PASSWORD);
    await signInCookie(mia.email, PASSWORD);

    const ref = { tenantId: org.id, accountId: mia.accountId };
    await db.insert(totpCredentials).values({ ...ref, secretEncrypted: "sealed", confirmedAt: new Date() });
    // One at a time: the page lists them in the order they were added.
    await db
      .insert(passkeys)
      .values({ ...ref, credentialId: `cred-a-${mia.accountId}`, publicKey: new Uint8Array([1]), name: "Work laptop" });
    await db
      .insert(passkeys)
      .values({ ...ref, credentialId: `cred-b-${mia.accountId}`, publicKey: new Uint8Array([2]), name: "Phone" });
    await db.insert(recoveryCodes).values([
      { ...ref, codeHash: "h1" },
      { ...ref, codeHash: "h2" },
      { ...ref, codeHash: "h3", usedAt: new Date() },
    ]);

    const [device] = await db
      .insert(devices)
      .values({
        tenantId: org.id,
        deviceIdentifier: "device-1",
        accountId: mia.accountId,
        model: "Pixel 8",
        os: "Android",
        osVersion: "15",
        firstSeenAt: new Date("2026-01-02T09:00:00Z"),
        lastSeenAt: new Date("2026-03-01T09:00:00Z"),
      })
      .returning({ id: devices.id });
    await db.insert(devices).values({
      tenantId: org.id,
      deviceIdentifier: "device-oli",
      accountId: other.accountId,
      model: "iPhone 15",
      os: "iOS",
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
    });
    await db.insert(appInstallations).values([
      {
        tenantId: org.id,
        installationNumber: "inst-1",
        accountId: mia.accountId,
        deviceId: device!.id,
        app: "Mail",
        appVersion: "4.2.0",
        os: "Android",
        osVersion: "15",
        firstSeenAt: new Date("2026-01-02T09:00:00Z"),
        lastSeenAt: new Date("2026-03-01T09:00:00Z"),
      },
      {
        tenantId: org.id,
        installationNumber: "inst-2",
        accountId: mia.accountId,
        deviceId: device!.id,
        app: "Chat",
        appVersion: "1.0.3",
        os: "Android",
        firstSeenAt: new Date("2026-01-05T09:00:00Z"),
        lastSeenAt: new Date("2026-02-01T09:00:00Z"),
        uninstalledAt: new Date("2026-02-01T09:00:00Z"),
      },
      {
        tenantId: org.id,
        installationNumber: "inst-3",
        accountId: other.accountId,
        app: "Mail",
        appVersion: "4.2.0",
        os: "iOS",
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
      },
    ]);

    const holds = await db
      .insert(legalHolds)
      .values([
        { tenantId: org.id, name: "Matter 2026-14", reference: "M-14", scope: "accounts", createdBy: dana.accountId },
        { tenantId: org.id, name: "Whole company", scope: "organisation", createdBy: dana.accountId },
        { tenantId: org.id, name: "Someone else", scope: "accounts", createdBy: dana.accountId },
        {
          tenantId: org.id,
          name: "Released",
          scope: "accounts",
          createdBy: dana.accountId,
          releasedAt: new Date(),
          releasedBy: dana.accountId,
        },
      ])
      .returning({ id: legalHolds.id, name: legalHolds.name });
    const holdId = (name: string) => holds.find((hold) => hold.name === name)!.id;
    await db.insert(legalHoldAccounts).values([
      { tenantId: org.id, holdId: holdId("Matter 2026-14"), accountId: mia.accountId, addedBy: dana.accountId },
      { tenantId: org.id, holdId: holdId("Someone else"), accountId: other.accountId, addedBy: dana.accountId },
      { tenantId: org.id, holdId: holdId("Released"), accountId: mia.accountId, addedBy: dana.accountId },
    ]);
    await db.insert(privacyLocks).values([
      { tenantId: org.id, accountId: mia.accountId, setting: "profile.phone", reason: "VIP", lockedBy: dana.accountId },
      { tenantId: org.id, setting: "marketing_consent", reason: "Works council", lockedBy: dana.accountId },
      { tenantId: org.id, accountId: other.accountId, setting: "data_deletion", reason: "x", lockedBy: dana.accountId },
      {
        tenantId: org.id,
        accountId: mia.accountId,
        setting: "data_deletion",
        reason: "old",
        lockedBy: dana.accountId,
        clearedAt: new Date(),
      },
    ]);
    // Something done to her, and something done to someone else.
    const revoked = await postData(org, other.accountId, { intent: "account.revokeSessions" }, cookie);
    expect(revoked.status).toBe(200);
    const edited = await postData(
      org,
      mia.accountId,
      profileForm(mia, { phone: "+44 20 7946 0958", jobTitle: "Analyst", department: "Finance" }),
      cookie,
    );
    expect(edited.status).toBe(200);

    const page = await openPage(org, mia.accountId, cookie);
    const { account } = page;
    expect(account.profile).toMatchObject({
      displayName: "Mia Rossi",
      email: mia.email,
      phone: "+44 20 7946 0958",
      jobTitle: "Analyst",
      department: "Finance",
      managerId: boss.accountId,
      managerName: "Bea Boss",
      managerEmail: boss.email,
    });
    expect(account.status).toMatchObject({ status: "active", mustChangePassword: false, suspendedAt: null });
    expect(account.status.lastSignInAt).not.toBeNull();
    expect(account.roles).toEqual([expect.objectContaining({ role: "auditor" })]);
    expect(account.sessions).toHaveLength(2);
    for (const session of account.sessions) {
      expect(session).toMatchObject({ ipAddress: "203.0.113.7", device: expect.stringMatching(/ on /) });
      expect(session.createdAt).toBeInstanceOf(Date);
      expect(session.lastActiveAt).toBeInstanceOf(Date);
    }
    expect(account.factors).toMatchObject({
      totp: true,
      passkeys: [expect.objectContaining({ name: "Work laptop" }), expect.objectContaining({ name: "Phone" })],
      recoveryCodesRemaining: 2,
    });
    expect(page.appsRefused).toBeNull();
    expect(account.installations).toEqual([
      expect.objectContaining({
        app: "Mail",
        appVersion: "4.2.0",
        os: "Android",
        osVersion: "15",
        deviceModel: "Pixel 8",
        firstSeenAt: new Date("2026-01-02T09:00:00Z"),
        lastSeenAt: new Date("2026-03-01T09:00:00Z"),
        uninstalledAt: null,
      }),
      expect.objectContaining({
        app: "Chat",
        appVersion: "1.0.3",
        deviceModel: "Pixel 8",
        uninstalledAt: new Date("2026-02-01T09:00:00Z"),
      }),
    ]);
    // Her device only: not Oli's, which reported no installation of hers either.
    expect(account.devices).toEqual([
      expect.objectContaining({
        deviceIdentifier: "device-1",
        model: "Pixel 8",
        os: "Android",
        osVersion: "15",
        firstSeenAt: new Date("2026-01-02T09:00:00Z"),
        lastSeenAt: new Date("2026-03-01T09:00:00Z"),
      }),
    ]);
    expect(account.holds.map((hold) => [hold.name, hold.organisationWide, hold.placedByName])).toEqual([
      ["Matter 2026-14", false, "Dana Okafor"],
      ["Whole company", true, "Dana Okafor"],
    ]);
    expect(account.locks.map((lock) => [lock.setting, lock.organisationWide, lock.lockedByName])).toEqual([
      ["marketing_consent", true, "Dana Okafor"],
      ["profile.phone", false, "Dana Okafor"],
    ]);
    // Newest first, only hers: this very look at her apps (an audited read), the profile edit, her sign-ins.
    expect(account.audit.map((entry) => entry.action).slice(0, 4)).toEqual([
      "account.viewApps",
      "account.updateProfile",
      "auth.signIn",
      "auth.signIn",
    ]);
    expect(account.audit.every((entry, index, all) => index === 0 || all[index - 1]!.seq > entry.seq)).toBe(true);
    expect(account.audit.map((entry) => entry.action)).not.toContain("account.revokeSessions");
    // A domain admin may do everything the page offers; suspending needs the fresh factor she has.
    expect(page.decisions["account.updateProfile"].outcome).toBe("allow");
    expect(page.decisions["account.suspend"].outcome).toBe("allow");
    expect(page.roleDecisions.auditor.remove.outcome).toBe("allow");
  });

  it("keeps to the latest 50 audit entries", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { person: dana } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const actor = memberActor(
      (await getPrincipal(getRequest("/", await signInCookie(dana.email, PASSWORD))))!,
      getRequest("/"),
    );
    for (let index = 0; index < 26; index++) {
      await performAction(actor, "account.revokeSessions", { accountId: mia.accountId });
      await performAction(actor, "account.suspend", { accountId: mia.accountId, reason: "needs step-up" });
    }
    const detail = await tenantScope(org.id, (tx) =>
      loadAccountDetail(tx, org.id, mia.accountId, { includeInstallations: false }),
    );
    expect(detail!.audit).toHaveLength(50);
    expect(detail!.installations).toBeNull();
    const all = await database.current.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .where(eq(auditEntries.subjectAccountId, mia.accountId))
      .orderBy(desc(auditEntries.seq));
    expect(all.length).toBeGreaterThan(50);
    expect(detail!.audit.map((entry) => entry.seq)).toEqual(all.slice(0, 50).map((entry) => Number(entry.seq)));
  });

  it("answers 404 for another organisation's account and for an id that is not one", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const gary = await newPerson(globex, "Gary Globex");
    for (const accountId of [gary.accountId, "not-an-id", "00000000-0000-4000-8000-000000000000"]) {
      const response = await responseOf(() =>
        pageLoader({
          request: getRequest(pathOf(org, accountId), cookie),
          params: { tenant: org.slug, accountId },
          context: testContext,
        }),
      );
      expect(response.status, accountId).toBe(404);
      const posted = await responseOf(() =>
        post(org, accountId, { intent: "account.revokeSessions" }, cookie).then(() => {
          throw new Error("expected a 404");
        }),
      );
      expect(posted.status, accountId).toBe(404);
    }
    expect(await sessionsOf(gary)).toEqual([]);
  });

  it("shows the apps section with the engine's sentence to an admin who may not see apps", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Cleo Compliance", "compliance_officer");
    const mia = await newPerson(org, "Mia Rossi");
    const page = await openPage(org, mia.accountId, cookie);
    expect(page.account.installations).toBeNull();
    expect(page.account.devices).toBeNull();
    expect(page.appsRefused).toBe(
      "No policy allows Cleo Compliance (compliance officer) to view accounts' app installs.",
    );
    expect(page.decisions["account.updateProfile"]).toEqual({
      outcome: "deny",
      sentence: "No policy allows Cleo Compliance (compliance officer) to update account profiles.",
    });
  });

  it("lets a helpdesk admin see a domain admin's page, but refuses editing it with the sentence", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Hugo Helpdesk", "helpdesk_admin");
    const dex = await newPerson(org, "Dex Moreau", { roles: ["domain_admin"] });
    const sentence = "Blocked: Dex Moreau is a domain admin; only a domain admin can change that account.";

    const page = await openPage(org, dex.accountId, cookie);
    expect(page.account.profile.displayName).toBe("Dex Moreau");
    expect(page.decisions["account.updateProfile"]).toEqual({ outcome: "deny", sentence });
    expect(page.decisions["account.resetPassword"]).toEqual({ outcome: "deny", sentence });

    const refused = await postData(org, dex.accountId, profileForm(dex, { jobTitle: "Intern" }), cookie);
    expect(refused.status).toBe(403);
    expect(refused.data.message).toBe(sentence);
    expect(refused.data.values.jobTitle).toBe("Intern");
    expect((await accountRow(dex)).jobTitle).toBeNull();
    expect(await auditOf("account.updateProfile", dex)).toEqual([
      expect.objectContaining({ outcome: "denied", policyIds: ["protected-admins.domain-admin"] }),
    ]);
  });
});

// ─── Editing the profile ──────────────────────────────────────────────────────────────────────────

describe("editing a profile", () => {
  it("writes only the changed fields and records them before and after", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { person: hugo, cookie } = await freshAdmin(org, "Hugo Helpdesk", "helpdesk_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const before = await accountRow(mia);

    const saved = await postData(
      org,
      mia.accountId,
      profileForm(mia, { givenName: " Mia ", familyName: "Rossi", phone: "+44 (20) 7946-0958", jobTitle: "CFO" }),
      cookie,
    );
    expect(saved.status).toBe(200);
    expect(saved.data.message).toBe("Profile saved.");
    const after = await accountRow(mia);
    expect(after).toMatchObject({
      displayName: "Mia Rossi",
      givenName: "Mia",
      familyName: "Rossi",
      phone: "+44 (20) 7946-0958",
      jobTitle: "CFO",
      department: null,
      email: mia.email,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await auditOf("account.updateProfile", mia)).toEqual([
      expect.objectContaining({
        outcome: "allowed",
        actorAccountId: hugo.accountId,
        visibility: "subject",
        changes: {
          before: { givenName: null, familyName: null, phone: null, jobTitle: null },
          after: { givenName: "Mia", familyName: "Rossi", phone: "+44 (20) 7946-0958", jobTitle: "CFO" },
        },
      }),
    ]);
    // No email changed, no email sent.
    expect(
      await database.current.db.select().from(emailOutbox).where(eq(emailOutbox.toAccountId, mia.accountId)),
    ).toEqual([]);

    // Clearing a field is a change too; sending the same again is not.
    const cleared = await postData(
      org,
      mia.accountId,
      profileForm(mia, { givenName: "Mia", familyName: "Rossi", phone: "+44 (20) 7946-0958" }),
      cookie,
    );
    expect(cleared.status).toBe(200);
    expect((await accountRow(mia)).jobTitle).toBeNull();
    const same = await postData(
      org,
      mia.accountId,
      profileForm(mia, { givenName: "Mia", familyName: "Rossi", phone: "+44 (20) 7946-0958" }),
      cookie,
    );
    expect(same.status).toBe(409);
    expect(same.data.message).toBe("Nothing to save: no detail was changed.");
    const entries = await auditOf("account.updateProfile", mia);
    expect(entries.map((entry) => entry.outcome)).toEqual(["allowed", "allowed"]);
    expect(entries[1]!.changes).toEqual({ before: { jobTitle: "CFO" }, after: { jobTitle: null } });
    // A failure changed nothing about her: it stays with the admins.
    expect(await entriesIn(org, "account.updateProfile", "failed")).toEqual([
      expect.objectContaining({ subjectAccountId: null, sentence: "Nothing to save: no detail was changed." }),
    ]);
  });

  it("tells both the old and the new address when the email changes", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const newEmail = `mia.rossi.new@${org.slug}.example`;

    const saved = await postData(org, mia.accountId, profileForm(mia, { email: newEmail }), cookie);
    expect(saved.status).toBe(200);
    expect((await accountRow(mia)).email).toBe(newEmail);
    const mail = await database.current.db.select().from(emailOutbox).where(eq(emailOutbox.toAccountId, mia.accountId));
    expect(mail.map((message) => message.toAddress).sort()).toEqual([mia.email, newEmail].sort());
    for (const message of mail) {
      expect(message).toMatchObject({
        template: "account.emailChanged",
        subject: "The email address of your Acme Ltd account was changed",
      });
      expect(message.bodyText).toContain(`from ${mia.email} to ${newEmail}`);
      expect(message.bodyText).toContain("Dana Okafor");
    }
    expect(await auditOf("account.updateProfile", mia)).toEqual([
      expect.objectContaining({ changes: { before: { email: mia.email }, after: { email: newEmail } } }),
    ]);
    // She signs in with the new address from now on.
    await expect(signInCookie(newEmail, PASSWORD)).resolves.toMatch(/=/);
  });

  it("answers an email taken in any organisation next to the email field, keeping what was typed", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const gary = await newPerson(globex, "Gary Globex");

    const typed = profileForm(mia, { email: gary.email.toUpperCase(), jobTitle: "Treasurer", phone: "020 7946 0958" });
    const clash = await postData(org, mia.accountId, typed, cookie);
    expect(clash.status).toBe(409);
    expect(clash.data.fieldErrors).toEqual({ email: ["That email address is already in use by another account."] });
    expect(clash.data.message).toBeNull();
    expect(clash.data.values).toMatchObject({ email: gary.email.toUpperCase(), jobTitle: "Treasurer" });
    const row = await accountRow(mia);
    expect(row).toMatchObject({ email: mia.email, jobTitle: null, phone: null });
    expect(await entriesIn(org, "account.updateProfile", "failed")).toEqual([
      expect.objectContaining({
        sentence: "That email address is already in use by another account.",
        visibility: "admins",
        target: { requested: expect.objectContaining({ accountId: mia.accountId }) },
      }),
    ]);

    // Her own address in other letters is hers, not a clash.
    const ownCase = await postData(org, mia.accountId, profileForm(mia, { email: mia.email.toUpperCase() }), cookie);
    expect(ownCase.status).toBe(200);
  });

  it("recognises the database's own refusal of a taken email, should another admin take it first", async () => {
    const org = await newOrganisation("Acme Ltd");
    const mia = await newPerson(org, "Mia Rossi");
    const taken = await database.current.db
      .insert(accounts)
      .values({ tenantId: org.id, email: mia.email.toUpperCase(), displayName: "Copy" })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(taken).not.toBeNull();
    expect(isEmailClash(taken)).toBe(true);
    expect(isEmailClash(new Error("disk on fire"))).toBe(false);
  });

  it("answers a bad phone number, a blank name and a bad email with 400 next to each field", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");

    for (const phone of ["call me maybe", "12", "+44 20 7946 0958 ext. 12345678901234567890", "++44 20"]) {
      const bad = await postData(org, mia.accountId, profileForm(mia, { phone, jobTitle: "Kept" }), cookie);
      expect(bad.status, phone).toBe(400);
      expect(Object.keys(bad.data.fieldErrors), phone).toEqual(["phone"]);
      expect(bad.data.values).toMatchObject({ phone, jobTitle: "Kept" });
    }
    const blank = await postData(org, mia.accountId, profileForm(mia, { displayName: "  ", email: "nope" }), cookie);
    expect(blank.status).toBe(400);
    expect(blank.data.fieldErrors).toEqual({
      displayName: ["Enter a display name."],
      email: ["Enter a valid email address, like name@example.com."],
    });
    const long = await postData(org, mia.accountId, profileForm(mia, { department: "x".repeat(201) }), cookie);
    expect(long.status).toBe(400);
    expect(long.data.fieldErrors.department).toEqual(["Keep the department under 200 characters."]);
    expect(await accountRow(mia)).toMatchObject({ displayName: "Mia Rossi", phone: null, jobTitle: null });
  });
});

// ─── The manager ──────────────────────────────────────────────────────────────────────────────────

describe("setting the manager", () => {
  it("sets a manager chosen by email, and clears it", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const boss = await newPerson(org, "Bea Boss");
    const mia = await newPerson(org, "Mia Rossi");

    const set = await postData(
      org,
      mia.accountId,
      { intent: "account.setManager", managerEmail: boss.email.toUpperCase() },
      cookie,
    );
    expect(set.status).toBe(200);
    expect((await accountRow(mia)).managerId).toBe(boss.accountId);
    const cleared = await postData(org, mia.accountId, { intent: "account.setManager", managerEmail: "" }, cookie);
    expect(cleared.status).toBe(200);
    expect((await accountRow(mia)).managerId).toBeNull();
    expect((await auditOf("account.setManager", mia)).map((entry) => entry.changes)).toEqual([
      { before: { managerId: null, manager: null }, after: { managerId: boss.accountId, manager: "Bea Boss" } },
      { before: { managerId: boss.accountId, manager: "Bea Boss" }, after: { managerId: null, manager: null } },
    ]);
  });

  it("refuses a manager who reports to the account, directly or through others", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const ceo = await newPerson(org, "Cai Chief");
    const vp = await newPerson(org, "Vic Vice", { managerId: ceo.accountId });
    const lead = await newPerson(org, "Lee Lead", { managerId: vp.accountId });

    for (const report of [vp, lead]) {
      const loop = await postData(
        org,
        ceo.accountId,
        { intent: "account.setManager", managerEmail: report.email },
        cookie,
      );
      expect(loop.status).toBe(409);
      expect(loop.data.fieldErrors).toEqual({
        managerEmail: [
          `${report.displayName} reports to Cai Chief, directly or through others; that would make a loop.`,
        ],
      });
      expect(loop.data.values.managerEmail).toBe(report.email);
    }
    expect((await accountRow(ceo)).managerId).toBeNull();
  });

  it("refuses the account itself", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const self = await postData(org, mia.accountId, { intent: "account.setManager", managerEmail: mia.email }, cookie);
    expect(self.status).toBe(409);
    expect(self.data.fieldErrors).toEqual({ managerEmail: ["Mia Rossi cannot be their own manager."] });
    expect((await accountRow(mia)).managerId).toBeNull();
  });

  it("answers an email no account of the organisation has next to the field, whatever other organisations have", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const gary = await newPerson(globex, "Gary Globex");
    for (const managerEmail of ["nobody@nowhere.example", gary.email]) {
      const unknown = await postData(org, mia.accountId, { intent: "account.setManager", managerEmail }, cookie);
      expect(unknown.status).toBe(400);
      expect(unknown.data.fieldErrors).toEqual({
        managerEmail: ["No account of this organisation signs in with that email address."],
      });
      expect(unknown.data.values.managerEmail).toBe(managerEmail);
    }
    expect((await accountRow(mia)).managerId).toBeNull();
  });

  it("refuses another organisation's account as not found, when named by id", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const gary = await newPerson(globex, "Gary Globex");
    const actor = memberActor((await getPrincipal(getRequest("/", cookie)))!, getRequest("/"));
    const result = await performAction(actor, "account.setManager", {
      accountId: mia.accountId,
      managerId: gary.accountId,
    });
    expect(result).toEqual({
      ok: false,
      kind: "failed",
      message: "There is no such account in this organisation.",
      field: "managerId",
    });
    expect((await accountRow(mia)).managerId).toBeNull();
  });

  it("is refused to a helpdesk admin, shown disabled with the sentence", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Hugo Helpdesk", "helpdesk_admin");
    const boss = await newPerson(org, "Bea Boss");
    const mia = await newPerson(org, "Mia Rossi");
    const sentence = "No policy allows Hugo Helpdesk (helpdesk admin) to set line managers.";
    expect((await openPage(org, mia.accountId, cookie)).decisions["account.setManager"]).toEqual({
      outcome: "deny",
      sentence,
    });
    const refused = await postData(
      org,
      mia.accountId,
      { intent: "account.setManager", managerEmail: boss.email },
      cookie,
    );
    expect(refused.status).toBe(403);
    expect(refused.data.message).toBe(sentence);
  });
});

// ─── Roles and the other actions ──────────────────────────────────────────────────────────────────

describe("actions on the account page", () => {
  it("assigns and removes a role, ending the account's sessions each time", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const laptop = await signInCookie(mia.email, PASSWORD);

    const assigned = await postData(
      org,
      mia.accountId,
      { intent: "account.assignRole", role: "helpdesk_admin" },
      cookie,
    );
    expect(assigned.status).toBe(200);
    expect(assigned.data.message).toBe(
      "Role assigned. Their sessions have ended; they sign in again with the new role.",
    );
    expect(await sessionsOf(mia)).toEqual([]);
    expect(await getPrincipal(getRequest("/", laptop))).toBeNull();
    const page = await openPage(org, mia.accountId, cookie);
    expect(page.account.roles.map((held) => held.role)).toEqual(["helpdesk_admin"]);
    expect(page.account.roles[0]!.grantedByName).toBe("Dana Okafor");

    const again = await postData(org, mia.accountId, { intent: "account.assignRole", role: "helpdesk_admin" }, cookie);
    expect(again.status).toBe(409);
    expect(again.data.fieldErrors).toEqual({ role: ["Mia Rossi already has that role."] });

    const phone = await signInCookie(mia.email, PASSWORD);
    const removed = await postData(
      org,
      mia.accountId,
      { intent: "account.removeRole", role: "helpdesk_admin" },
      cookie,
    );
    expect(removed.status).toBe(200);
    expect(await getPrincipal(getRequest("/", phone))).toBeNull();
    expect((await openPage(org, mia.accountId, cookie)).account.roles).toEqual([]);

    const unknown = await postData(org, mia.accountId, { intent: "account.assignRole", role: "emperor" }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.data.fieldErrors.role).toEqual(["Choose a role."]);
  });

  it("shows removing one's own role disabled, with the sentence", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { person: dana, cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const page = await openPage(org, dana.accountId, cookie);
    expect(page.isSelf).toBe(true);
    expect(page.roleDecisions.domain_admin.remove).toEqual({
      outcome: "deny",
      sentence:
        "Blocked: Dana Okafor cannot suspend, terminate, purge, erase or demote their own account; another admin has to.",
    });
  });

  it("asks for a fresh second factor before suspending, and brings the admin back to the dialog as typed", async () => {
    const org = await newOrganisation("Acme Ltd");
    const dana = await newPerson(org, "Dana Okafor", { roles: ["domain_admin"] });
    const cookie = await signInCookie(dana.email, PASSWORD);
    const mia = await newPerson(org, "Mia Rossi");
    const reason = "Left the company — ticket 88";

    const asked = await responseOf(() => post(org, mia.accountId, { intent: "account.suspend", reason }, cookie));
    expect(asked.status).toBe(302);
    const returnTo = `${pathOf(org, mia.accountId)}?resume=1`;
    expect(asked.headers.get("Location")).toBe(`/confirm?${new URLSearchParams({ redirectTo: returnTo })}`);
    expect((await accountRow(mia)).status).toBe("active");
    const resumeCookie = asked.headers
      .getSetCookie()
      .find((header) => header.startsWith("glasshouse_resume="))!
      .split(";")[0]!;

    await confirmFactorNow(cookie);
    const back = await openPage(org, mia.accountId, `${cookie}; ${resumeCookie}`, "?resume=1");
    expect(back.resume).toEqual({ intent: "account.suspend", reason });
    expect(back.decisions["account.suspend"].outcome).toBe("allow");

    const suspended = await postData(org, mia.accountId, { intent: "account.suspend", reason }, cookie);
    expect(suspended.status).toBe(200);
    expect((await accountRow(mia)).status).toBe("suspended");
    expect((await auditOf("account.suspend", mia)).map((entry) => entry.outcome)).toEqual(["needs_step_up", "allowed"]);
    const unsuspended = await postData(org, mia.accountId, { intent: "account.unsuspend" }, cookie);
    expect(unsuspended.status).toBe(200);
    expect((await accountRow(mia)).status).toBe("active");
  });

  it("resets a password, the second factors and the sessions with the accounts list's actions", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    await signInCookie(mia.email, PASSWORD);

    const signedOut = await postData(org, mia.accountId, { intent: "account.revokeSessions" }, cookie);
    expect(signedOut.data.message).toBe("Signed out everywhere: 1 session(s) ended.");

    const noReason = await postData(org, mia.accountId, { intent: "account.resetPassword", method: "link" }, cookie);
    expect(noReason.status).toBe(400);
    expect(noReason.data.fieldErrors.reason).toEqual(["Say why you are doing this (a ticket number or a few words)."]);
    const reset = await postData(
      org,
      mia.accountId,
      { intent: "account.resetPassword", method: "temporary", reason: "Locked out — ticket 5" },
      cookie,
    );
    expect(reset.status).toBe(200);
    expect(reset.data.message).toMatch(/^Password reset\. Temporary password, shown only now: /);
    expect((await accountRow(mia)).mustChangePassword).toBe(true);

    const noFactor = await postData(org, mia.accountId, { intent: "account.resetMfa", reason: "Lost phone" }, cookie);
    expect(noFactor.status).toBe(409);
    expect(noFactor.data.message).toBe("Mia Rossi has no second factor to reset.");
  });

  it("answers a form it does not know with 400", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const unknown = await postData(org, mia.accountId, { intent: "account.purge" }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.data.message).toBe("That request was not understood.");
  });
});

// ─── The apps CSV download ────────────────────────────────────────────────────────────────────────

/** One device and two installations on it for `owner`, with values a spreadsheet would run as formulas. */
async function reportApps(org: Organisation, owner: Person, identifier: string) {
  const db = database.current.db;
  const [device] = await db
    .insert(devices)
    .values({
      tenantId: org.id,
      deviceIdentifier: identifier,
      accountId: owner.accountId,
      model: "+Pixel 8",
      os: "Android",
      osVersion: "-15",
      firstSeenAt: new Date("2026-01-02T09:00:00Z"),
      lastSeenAt: new Date("2026-03-01T09:00:00Z"),
    })
    .returning({ id: devices.id });
  await db.insert(appInstallations).values([
    {
      tenantId: org.id,
      installationNumber: `=HYPERLINK("http://evil.example","${identifier}")`,
      accountId: owner.accountId,
      deviceId: device!.id,
      app: "@Mail",
      appVersion: "4.2.0",
      os: "Android",
      osVersion: "15",
      firstSeenAt: new Date("2026-01-02T09:00:00Z"),
      lastSeenAt: new Date("2026-03-01T09:00:00Z"),
    },
    {
      tenantId: org.id,
      installationNumber: `${identifier}-chat`,
      accountId: owner.accountId,
      deviceId: device!.id,
      app: "Chat",
      appVersion: "1.0.3",
      os: "Android",
      firstSeenAt: new Date("2026-01-05T09:00:00Z"),
      lastSeenAt: new Date("2026-02-01T09:00:00Z"),
      uninstalledAt: new Date("2026-02-01T09:00:00Z"),
    },
  ]);
}

function downloadApps(org: Organisation, accountId: string, cookie: string, table?: string) {
  const query = table === undefined ? "" : `?${new URLSearchParams({ table })}`;
  return responseOf(() =>
    appsCsvLoader({
      request: getRequest(`${pathOf(org, accountId)}/apps.csv${query}`, cookie),
      params: { tenant: org.slug, accountId },
      context: testContext,
    }),
  );
}

describe("the apps CSV download", () => {
  it("answers the account's installations and devices, no one else's, with formulas defused", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const oli = await newPerson(org, "Oli Other");
    await reportApps(org, mia, "mia-phone");
    await reportApps(org, oli, "oli-phone");

    const installations = await downloadApps(org, mia.accountId, cookie, "installations");
    expect(installations.status).toBe(200);
    expect(installations.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(installations.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="account-${mia.accountId}-installations-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect((await installations.text()).split("\r\n")).toEqual([
      "Installation number,App,App version,OS,OS version,Device model,Device identifier,First seen (UTC),Last seen (UTC),Uninstalled (UTC)",
      `"'=HYPERLINK(""http://evil.example"",""mia-phone"")",'@Mail,4.2.0,Android,15,'+Pixel 8,mia-phone,2026-01-02T09:00:00.000Z,2026-03-01T09:00:00.000Z,`,
      "mia-phone-chat,Chat,1.0.3,Android,,'+Pixel 8,mia-phone,2026-01-05T09:00:00.000Z,2026-02-01T09:00:00.000Z,2026-02-01T09:00:00.000Z",
      "",
    ]);

    const devicesCsv = await downloadApps(org, mia.accountId, cookie, "devices");
    expect(devicesCsv.status).toBe(200);
    expect((await devicesCsv.text()).split("\r\n")).toEqual([
      "Device identifier,Model,OS,OS version,First seen (UTC),Last seen (UTC)",
      "mia-phone,'+Pixel 8,Android,'-15,2026-01-02T09:00:00.000Z,2026-03-01T09:00:00.000Z",
      "",
    ]);
    // Without a table named, the installations.
    expect(await (await downloadApps(org, oli.accountId, cookie)).text()).toContain("oli-phone-chat");
  });

  it("is refused, and the refusal recorded, for an admin who may not see an account's apps", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Cleo Compliance", "compliance_officer");
    const mia = await newPerson(org, "Mia Rossi");
    await reportApps(org, mia, "mia-phone");

    const refused = await downloadApps(org, mia.accountId, cookie, "devices");
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).toBe("No policy allows Cleo Compliance (compliance officer) to view accounts' app installs.");
    expect(body).not.toContain("mia-phone");
    expect(await entriesIn(org, "account.viewApps", "denied")).toEqual([
      expect.objectContaining({ actorName: "Cleo Compliance", outcome: "denied" }),
    ]);
  });

  it("answers 404 for another organisation's account, and 400 naming the table for an unknown one", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const gary = await newPerson(globex, "Gary Globex");
    await reportApps(globex, gary, "gary-phone");
    expect((await downloadApps(org, gary.accountId, cookie, "devices")).status).toBe(404);
    expect((await downloadApps(org, "not-an-id", cookie, "devices")).status).toBe(404);

    const mia = await newPerson(org, "Mia Rossi");
    const bad = await downloadApps(org, mia.accountId, cookie, "sessions");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: { table: ["Choose installations or devices."] } });
  });
});
