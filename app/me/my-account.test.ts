// My account on a real database: a person edits their profile (a locked field refused, with who locked
// it and why), their email address (confirmed from the new address), language and time zone, and mailing
// lists (each change a consent record); asks for a copy, a correction, a restriction or erasure, and the
// organisation's admins take each through its lifecycle — erasure waiting on a legal hold and fulfilled
// after its release. Through the action layer and through the pages as the browser posts them.
import { and, desc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  accounts,
  auditEntries,
  consentRecords,
  dataSubjectRequests,
  emailOutbox,
  organisations,
  privacyPolicyVersions,
  type AdminRole,
} from "~db/schema";
import { generateSigningKey } from "~/audit/signing-key.server";
import { verifyChain } from "~/audit/trail.server";
import { tenantScope } from "~/db.server";
import { accessOverview } from "~/me/access.server";
import { personalCopy, policyNotice } from "~/me/privacy.server";
import { loader as copyLoader } from "~/routes/me.privacy.copy[.]json";
import { action as profileAction } from "~/routes/me._index";
import { action as privacyAction, loader as privacyLoader } from "~/routes/me.privacy";
import { action as settingsAction } from "~/routes/t.$tenant.settings";
import { loader as queueLoader } from "~/routes/t.$tenant.requests._index";
import { loader as requestLoader } from "~/routes/t.$tenant.requests.$requestId";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { testActor } from "~/testing/actors";
import { testPeople, type TestOrganisation } from "~/testing/people";
import { performAction } from "~/actions/perform.server";
import { openEmailChange } from "~/actions/self-profile.server";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const people = testPeople(() => database.current.db, PASSWORD);
const signingKey = generateSigningKey("test");
vi.stubEnv("AUDIT_SIGNING_KEY", signingKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString());

interface Person {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: AdminRole[];
}

async function newPerson(org: TestOrganisation, name: string, roles: AdminRole[] = [], managerId?: string) {
  const ref = await people.newPerson(org, name, { roles, managerId });
  return { id: ref.accountId, tenantId: ref.tenantId, email: ref.email, name: ref.displayName, roles } as Person;
}

const actorOf = (person: Person, fresh = true) => testActor(person, { freshFactor: fresh, requestId: "req-me" });
const db = () => database.current.db;

async function account(person: Person) {
  const [row] = await db().select().from(accounts).where(eq(accounts.id, person.id));
  return row!;
}

async function entries(person: Person, action: string) {
  return db()
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, person.tenantId), eq(auditEntries.action, action)))
    .orderBy(desc(auditEntries.seq));
}

async function requestsOf(person: Person) {
  return db().select().from(dataSubjectRequests).where(eq(dataSubjectRequests.accountId, person.id));
}

async function emailsTo(address: string) {
  return db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(desc(emailOutbox.createdAt));
}

async function setLocale(person: Person, locale: string, timeZone = "Europe/Berlin") {
  await db().update(accounts).set({ locale, timeZone }).where(eq(accounts.id, person.id));
}

function post(path: string, fields: Record<string, string>, cookie: string) {
  return formRequest(path, fields, cookie);
}

type Answer = {
  intent: string;
  message: string | null;
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

async function submitProfile(fields: Record<string, string>, cookie: string) {
  return unwrapData<Answer>(
    await profileAction({ request: post("/me", fields, cookie), params: {}, context: testContext }),
  );
}

async function submitPrivacy(fields: Record<string, string>, cookie: string) {
  return unwrapData<Answer>(
    await privacyAction({ request: post("/me/privacy", fields, cookie), params: {}, context: testContext }),
  );
}

let org: TestOrganisation;
let dana: Person;
let cora: Person;

beforeAll(async () => {
  org = await people.newOrganisation("Acme Ltd");
  dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
  cora = await newPerson(org, "Cora Compliance", ["compliance_officer"]);
});

describe("profile and contact details", () => {
  it("saves the fields sent, records before and after, and leaves the rest", async () => {
    const alice = await newPerson(org, "Alice Ng");
    const result = await performAction(actorOf(alice), "self.updateProfile", {
      accountId: alice.id,
      displayName: "Alice N.",
      phone: "+44 20 7946 0001",
    });
    expect(result).toMatchObject({ ok: true, output: { changed: ["displayName", "phone"] } });
    expect(await account(alice)).toMatchObject({ displayName: "Alice N.", phone: "+44 20 7946 0001" });
    const [entry] = await entries(alice, "self.updateProfile");
    expect(entry).toMatchObject({
      outcome: "allowed",
      subjectAccountId: alice.id,
      changes: { before: { displayName: "Alice Ng", phone: null }, after: { displayName: "Alice N." } },
    });
  });

  it("refuses a locked field, saying who locked it and why, and changes nothing", async () => {
    const lena = await newPerson(org, "Lena Fischer");
    const lock = await performAction(actorOf(dana), "lock.set", {
      accountId: lena.id,
      setting: "profile.phone",
      reason: "Company phones are managed by IT",
    });
    expect(lock.ok).toBe(true);
    const refused = await performAction(actorOf(lena), "self.updateProfile", {
      accountId: lena.id,
      displayName: "Lena F.",
      phone: "+49 30 1234567",
    });
    expect(refused).toMatchObject({ ok: false, kind: "denied" });
    if (refused.ok || refused.kind !== "denied") throw new Error("expected a refusal");
    expect(refused.decision.policyIds).toEqual(["locks.profile-setting"]);
    expect(refused.decision.sentence).toContain("Dana Okafor");
    expect(refused.decision.sentence).toContain("Company phones are managed by IT");
    expect(await account(lena)).toMatchObject({ displayName: "Lena Fischer", phone: null });
    // The unlocked field alone goes through.
    expect(
      (await performAction(actorOf(lena), "self.updateProfile", { accountId: lena.id, displayName: "Lena F." })).ok,
    ).toBe(true);
  });

  it("answers bad input next to each field in the reader's language, keeps what was typed, and stores nothing", async () => {
    const jonas = await newPerson(org, "Jonas Weber");
    await setLocale(jonas, "de");
    const cookie = await signInCookie(jonas.email, PASSWORD);
    const typed = {
      intent: "profile",
      displayName: "x".repeat(201),
      givenName: "Jonas",
      familyName: "",
      phone: "call me",
    };
    const { status, data } = await submitProfile(typed, cookie);
    expect(status).toBe(400);
    expect(data.fieldErrors).toEqual({
      displayName: ["Der Anzeigename darf höchstens 200 Zeichen lang sein."],
      phone: [
        "Geben Sie eine Telefonnummer aus Ziffern ein, optional mit führendem + sowie Leerzeichen, ( ) . / oder -.",
      ],
    });
    expect(data.values).toMatchObject({ displayName: typed.displayName, phone: "call me" });
    expect(await account(jonas)).toMatchObject({ displayName: "Jonas Weber", givenName: null, phone: null });
  });

  it("says so when nothing changed", async () => {
    const ravi = await newPerson(org, "Ravi Shah");
    const cookie = await signInCookie(ravi.email, PASSWORD);
    const { status, data } = await submitProfile({ intent: "profile", displayName: "Ravi Shah" }, cookie);
    expect(status).toBe(409);
    expect(data.formError).toBe("Nothing to save: no detail was changed.");
  });
});

describe("changing the email address", () => {
  it("sends a link to the new address and changes the sign-in name only when it is opened, once", async () => {
    const omar = await newPerson(org, "Omar Haddad");
    const newAddress = `omar.haddad.${Date.now()}@new.example`;
    const wrong = await performAction(actorOf(omar), "self.changeEmail", {
      accountId: omar.id,
      step: "request",
      email: newAddress,
      currentPassword: "not my password",
      origin: "http://localhost:3000",
    });
    expect(wrong).toMatchObject({ ok: false, kind: "failed", field: "currentPassword" });
    expect(await emailsTo(newAddress)).toEqual([]);

    const asked = await performAction(actorOf(omar), "self.changeEmail", {
      accountId: omar.id,
      step: "request",
      email: newAddress,
      currentPassword: PASSWORD,
      origin: "http://localhost:3000",
    });
    expect(asked.ok).toBe(true);
    expect((await account(omar)).email).toBe(omar.email);
    const [confirmation] = await emailsTo(newAddress);
    const link = /http:\/\/localhost:3000\/me\/email\?token=(\S+)/.exec(confirmation!.bodyText)?.[1];
    expect(link).toBeTruthy();
    expect(openEmailChange(link!)).toMatchObject({ accountId: omar.id, from: omar.email, to: newAddress });

    const confirmed = await performAction(actorOf(omar), "self.changeEmail", {
      accountId: omar.id,
      step: "confirm",
      token: link,
    });
    expect(confirmed).toMatchObject({ ok: true, output: { email: newAddress } });
    expect((await account(omar)).email).toBe(newAddress);
    // The old address is told.
    expect((await emailsTo(omar.email)).map((email) => email.template)).toContain("self.emailChanged");
    // The same link again: the address it replaces is gone.
    const again = await performAction(actorOf(omar), "self.changeEmail", {
      accountId: omar.id,
      step: "confirm",
      token: link,
    });
    expect(again).toMatchObject({ ok: false, kind: "failed", field: "token" });
  });

  it("answers a malformed address next to the field, in the reader's language, and sends nothing", async () => {
    const ute = await newPerson(org, "Ute Malformed");
    await setLocale(ute, "de");
    const cookie = await signInCookie(ute.email, PASSWORD);
    const { status, data } = await submitProfile(
      { intent: "email", email: "ute@@example", currentPassword: PASSWORD },
      cookie,
    );
    expect(status).toBe(400);
    expect(data.fieldErrors.email).toEqual(["Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com."]);
    expect(data.values.email).toBe("ute@@example");
    expect(data.values.currentPassword).toBe("");
    expect(await emailsTo("ute@@example")).toEqual([]);
    expect((await account(ute)).email).toBe(ute.email);
  });

  it("refuses a forged or another person's token", async () => {
    const pia = await newPerson(org, "Pia Lind");
    const forged = await performAction(actorOf(pia), "self.changeEmail", {
      accountId: pia.id,
      step: "confirm",
      token: "v1.AAAA.BBBB.CCCC",
    });
    expect(forged).toMatchObject({ ok: false, kind: "failed", field: "token" });
    expect((await account(pia)).email).toBe(pia.email);
  });
});

describe("preferences", () => {
  it("saves a language and a time zone, spelt as the runtime knows it", async () => {
    const mei = await newPerson(org, "Mei Chen");
    const result = await performAction(actorOf(mei), "self.setPreferences", {
      accountId: mei.id,
      locale: "de",
      timeZone: "europe/berlin",
    });
    expect(result.ok).toBe(true);
    expect(await account(mei)).toMatchObject({ locale: "de", timeZone: "Europe/Berlin" });
  });

  it("answers an unknown language or time zone next to the field, and stores nothing", async () => {
    const noor = await newPerson(org, "Noor Bakr");
    const cookie = await signInCookie(noor.email, PASSWORD);
    const { status, data } = await submitProfile(
      { intent: "preferences", locale: "xx", timeZone: "Mars/Olympus" },
      cookie,
    );
    expect(status).toBe(400);
    expect(data.fieldErrors).toEqual({
      locale: ["Choose one of the languages offered."],
      timeZone: ["Choose a time zone from the list, like Europe/Berlin."],
    });
    expect(data.values).toEqual({ locale: "xx", timeZone: "Mars/Olympus" });
    expect(await account(noor)).toMatchObject({ locale: "en", timeZone: "Europe/London" });
  });
});

describe("mailing lists", () => {
  it("records each choice as a consent record under the policy in force, and refuses a repeat", async () => {
    const gus = await newPerson(org, "Gus Lee");
    const cookie = await signInCookie(gus.email, PASSWORD);
    const joined = await submitPrivacy({ intent: "marketing", list: "events", subscribed: "on" }, cookie);
    expect(joined.status).toBe(200);
    const again = await submitPrivacy({ intent: "marketing", list: "events", subscribed: "on" }, cookie);
    expect(again.status).toBe(409);
    expect(again.data.fieldErrors.subscribed).toEqual(["You are already on that list."]);
    await submitPrivacy({ intent: "marketing", list: "events", subscribed: "off" }, cookie);
    const records = await db()
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.accountId, gus.id))
      .orderBy(consentRecords.recordedAt);
    expect(records.map((record) => [record.purpose, record.granted, record.method])).toEqual([
      ["events", true, "my-account"],
      ["events", false, "my-account"],
    ]);
    const [current] = await db()
      .select({ version: privacyPolicyVersions.version })
      .from(privacyPolicyVersions)
      .orderBy(desc(privacyPolicyVersions.publishedAt))
      .limit(1);
    expect(records[0]!.policyVersion).toBe(current?.version ?? null);
    expect((await account(gus)).marketingConsent).toBe(false);
    const unknown = await submitPrivacy({ intent: "marketing", list: "spam", subscribed: "on" }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.data.fieldErrors.list).toEqual(["Choose one of the mailing lists."]);
  });

  it("refuses every list while marketing consent is locked", async () => {
    const hana = await newPerson(org, "Hana Sato");
    expect(
      (
        await performAction(actorOf(dana), "lock.set", {
          accountId: hana.id,
          setting: "marketing_consent",
          reason: "Works council agreement",
        })
      ).ok,
    ).toBe(true);
    const result = await performAction(actorOf(hana), "self.setMarketing", {
      accountId: hana.id,
      list: "product-news",
      subscribed: "on",
    });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["locks.marketing-consent"] } });
    expect(await db().select().from(consentRecords).where(eq(consentRecords.accountId, hana.id))).toEqual([]);
  });
});

describe("a copy of my data", () => {
  it("goes from received to completed, and only then can the person download what they may see", async () => {
    const alice = await newPerson(org, "Alice Copy");
    const cookie = await signInCookie(alice.email, PASSWORD);
    const asked = await submitPrivacy({ intent: "request", kind: "access", details: "" }, cookie);
    expect(asked.status).toBe(200);
    const [request] = await requestsOf(alice);
    expect(request).toMatchObject({ kind: "access", status: "received" });
    expect(request!.dueAt.getTime() - request!.receivedAt.getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    expect((await emailsTo(alice.email)).map((email) => email.template)).toContain("request.received");

    // Asked twice: the second is refused and nothing is stored twice.
    const twice = await submitPrivacy({ intent: "request", kind: "access", details: "" }, cookie);
    expect(twice.status).toBe(409);
    expect(twice.data.fieldErrors.details).toEqual([
      "You already have an open request like this one; you can follow it below.",
    ]);
    expect(await requestsOf(alice)).toHaveLength(1);

    const noCopyYet = await responseOf(() =>
      copyLoader({ request: getRequest("/me/privacy/copy.json", cookie), params: {}, context: testContext }),
    );
    expect(noCopyYet.status).toBe(404);

    expect(
      (await performAction(actorOf(cora), "dataRequest.assign", { requestId: request!.id, assigneeId: cora.id })).ok,
    ).toBe(true);
    expect((await requestsOf(alice))[0]).toMatchObject({ status: "in_progress", assignedTo: cora.id });
    expect(
      (await performAction(actorOf(cora), "dataRequest.respond", { requestId: request!.id, message: "Working on it." }))
        .ok,
    ).toBe(true);
    const done = await performAction(actorOf(cora), "dataRequest.complete", {
      requestId: request!.id,
      message: "Your copy is ready to download.",
    });
    expect(done.ok).toBe(true);
    expect((await requestsOf(alice))[0]).toMatchObject({
      status: "completed",
      resolution: "Your copy is ready to download.",
    });

    const response = await responseOf(() =>
      copyLoader({ request: getRequest("/me/privacy/copy.json", cookie), params: {}, context: testContext }),
    );
    expect(response.status).toBe(200);
    const copy = (await response.json()) as { account: { email: string }; auditEntries: { action: string }[] };
    expect(copy.account.email).toBe(alice.email);
    // Each step is in the person's own copy (and Activity): they were about her.
    expect(copy.auditEntries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        "self.requestExport",
        "dataRequest.assign",
        "dataRequest.respond",
        "dataRequest.complete",
      ]),
    );
    // Where from only for what she did herself: never the officer's address or browser.
    const byAction = (action: string) =>
      copy.auditEntries.find((entry) => entry.action === action) as Record<string, unknown> | undefined;
    expect(byAction("self.requestExport")).toHaveProperty("ipAddress", "203.0.113.7");
    expect(byAction("dataRequest.assign")).not.toHaveProperty("ipAddress");
    expect(byAction("dataRequest.assign")).not.toHaveProperty("userAgent");
    // A completed request cannot be completed or refused again.
    const late = await performAction(actorOf(cora), "dataRequest.refuse", {
      requestId: request!.id,
      reason: "Too late",
    });
    expect(late).toMatchObject({ ok: false, kind: "failed" });
  });

  it("leaves out entries only admins may see", async () => {
    const bea = await newPerson(org, "Bea Copy");
    await performAction(actorOf(dana), "hold.place", {
      name: "Matter Bea",
      scope: "accounts",
      accountIds: [bea.id],
      discloseToSubject: false,
      reason: "Litigation notice 7",
    });
    const copy = await tenantScope(org.id, (tx) => personalCopy(tx, org.id, bea.id));
    expect(copy!.legalHolds).toEqual({ retainedForLegalObligation: true, matters: [] });
    expect(JSON.stringify(copy)).not.toContain("Matter Bea");
  });
});

describe("a correction and a restriction", () => {
  it("needs the correction described, and the person reads why a restriction was refused", async () => {
    const carl = await newPerson(org, "Carl Fix");
    const cookie = await signInCookie(carl.email, PASSWORD);
    const empty = await submitPrivacy({ intent: "request", kind: "rectification", details: " " }, cookie);
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.details).toEqual(["Say which detail is wrong and what it should be."]);
    expect(await requestsOf(carl)).toEqual([]);
    const tooLong = await submitPrivacy(
      { intent: "request", kind: "rectification", details: "y".repeat(2001) },
      cookie,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.values.details).toHaveLength(2001);

    expect(
      (await submitPrivacy({ intent: "request", kind: "rectification", details: "My department is Sales" }, cookie))
        .status,
    ).toBe(200);
    // A different correction is another request; the same one again is not.
    expect(
      (await submitPrivacy({ intent: "request", kind: "rectification", details: "My job title is Lead" }, cookie))
        .status,
    ).toBe(200);
    expect(
      (await submitPrivacy({ intent: "request", kind: "rectification", details: "My job title is Lead" }, cookie))
        .status,
    ).toBe(409);
    expect(await requestsOf(carl)).toHaveLength(2);

    // A correction is made on the account, then the request completed with what changed.
    const correction = (await requestsOf(carl)).find((row) => row.details === "My department is Sales")!;
    const corrected = await performAction(actorOf(dana), "dataRequest.complete", {
      requestId: correction.id,
      message: "Your department is now Sales.",
    });
    expect(corrected.ok).toBe(true);
    expect((await requestsOf(carl)).find((row) => row.id === correction.id)).toMatchObject({
      status: "completed",
      resolution: "Your department is now Sales.",
    });

    expect((await submitPrivacy({ intent: "request", kind: "restriction", details: "" }, cookie)).status).toBe(200);
    const restriction = (await requestsOf(carl)).find((row) => row.kind === "restriction")!;
    const noReason = await performAction(actorOf(dana), "dataRequest.refuse", {
      requestId: restriction.id,
      reason: "",
    });
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });
    const refused = await performAction(actorOf(dana), "dataRequest.refuse", {
      requestId: restriction.id,
      reason: "We need your data to pay you; nothing is in dispute.",
    });
    expect(refused.ok).toBe(true);
    const page = await privacyLoader({ request: getRequest("/me/privacy", cookie), params: {}, context: testContext });
    const shown = page.requests.find((row) => row.id === restriction.id)!;
    expect(shown).toMatchObject({
      status: "refused",
      resolution: "We need your data to pay you; nothing is in dispute.",
    });
    expect((await emailsTo(carl.email)).some((email) => email.bodyText.includes("nothing is in dispute"))).toBe(true);
  });

  it("is not handled by a helpdesk admin, nor by another organisation", async () => {
    const helper = await newPerson(org, "Hal Helpdesk", ["helpdesk_admin"]);
    const erin = await newPerson(org, "Erin Ask");
    await performAction(actorOf(erin), "self.requestRestriction", { accountId: erin.id, details: "" });
    const [request] = await requestsOf(erin);
    const byHelpdesk = await performAction(actorOf(helper), "dataRequest.complete", { requestId: request!.id });
    expect(byHelpdesk).toMatchObject({ ok: false, kind: "denied" });
    const other = await people.newOrganisation("Globex");
    const outsider = await newPerson(other, "Olga Outside", ["domain_admin"]);
    const crossTenant = await performAction(actorOf(outsider), "dataRequest.complete", { requestId: request!.id });
    expect(crossTenant).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
    expect((await requestsOf(erin))[0]!.status).toBe("received");
  });
});

describe("erasure", () => {
  it("waits while a legal hold covers the person, is fulfilled after its release, and the chain still verifies", async () => {
    const tom = await newPerson(org, "Tom Erase");
    const placed = await performAction<{ holdId: string }>(actorOf(cora), "hold.place", {
      name: "Matter 2026-14",
      scope: "accounts",
      accountIds: [tom.id],
      discloseToSubject: false,
      reason: "Litigation notice 14",
    });
    if (!placed.ok) throw new Error("hold not placed");
    const cookie = await signInCookie(tom.email, PASSWORD);
    const asked = await submitPrivacy({ intent: "request", kind: "erasure", details: "Please delete me" }, cookie);
    expect(asked.status).toBe(200);
    expect(asked.data.message).toContain("legal obligation");
    const [request] = await requestsOf(tom);
    expect(request!.status).toBe("waiting_on_hold");
    const [receipt] = await emailsTo(tom.email);
    expect(receipt!.bodyText).toContain("legal obligation");

    // The page says why, without the matter's name (not disclosed).
    let page = await privacyLoader({ request: getRequest("/me/privacy", cookie), params: {}, context: testContext });
    expect(page.hold).toEqual({ held: true, names: [] });
    // The organisation chooses to name matters: now the person learns it.
    await db().update(organisations).set({ discloseHoldName: true }).where(eq(organisations.id, org.id));
    page = await privacyLoader({ request: getRequest("/me/privacy", cookie), params: {}, context: testContext });
    expect(page.hold).toEqual({ held: true, names: ["Matter 2026-14"] });
    await db().update(organisations).set({ discloseHoldName: false }).where(eq(organisations.id, org.id));

    // Neither refused nor fulfilled while held.
    const refuse = await performAction(actorOf(dana), "dataRequest.refuse", {
      requestId: request!.id,
      reason: "We keep everything",
    });
    expect(refuse).toMatchObject({ ok: false, kind: "failed" });
    const early = await performAction(actorOf(dana), "dataRequest.fulfilErasure", {
      requestId: request!.id,
      reason: "As the person asked",
    });
    expect(early).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["legal-hold.nothing-deleted"] } });
    expect((await account(tom)).purgedAt).toBeNull();

    const released = await performAction(actorOf(cora), "hold.release", {
      holdId: placed.output.holdId,
      reason: "Matter settled",
    });
    expect(released).toMatchObject({ ok: true, output: { erasureRequests: { waiting: 0, resumed: 1 } } });
    expect((await requestsOf(tom))[0]!.status).toBe("received");

    const fulfilled = await performAction(actorOf(dana), "dataRequest.fulfilErasure", {
      requestId: request!.id,
      reason: "As Tom Erase asked",
    });
    expect(fulfilled.ok).toBe(true);
    const after = await account(tom);
    expect(after).toMatchObject({ status: "terminated", email: null });
    expect(after.purgedAt).not.toBeNull();
    expect(after.displayName).toMatch(/^Erased account /);
    const [closed] = await requestsOf(tom);
    expect(closed).toMatchObject({ status: "completed", details: "[erased]" });
    const [entry] = await entries(tom, "dataRequest.fulfilErasure");
    expect(entry!.reason).not.toContain("Tom Erase");
    const verification = await verifyChain(db(), org.id, {
      verificationKeys: new Map([[signingKey.keyId, signingKey.publicKey]]),
    });
    expect(verification.ok).toBe(true);
  });

  it("moves an open erasure request to waiting when a hold is placed on the person", async () => {
    const una = await newPerson(org, "Una Later");
    await performAction(actorOf(una), "self.requestErasure", { accountId: una.id, details: "" });
    expect((await requestsOf(una))[0]!.status).toBe("received");
    const placed = await performAction<{ erasureRequests: { waiting: number } }>(actorOf(cora), "hold.place", {
      name: "Matter Una",
      scope: "accounts",
      accountIds: [una.id],
      discloseToSubject: true,
      reason: "Regulator inquiry",
    });
    expect(placed).toMatchObject({ ok: true, output: { erasureRequests: { waiting: 1 } } });
    expect((await requestsOf(una))[0]!.status).toBe("waiting_on_hold");
  });

  it("is refused to a person whose data deletion is locked", async () => {
    const val = await newPerson(org, "Val Locked");
    await performAction(actorOf(dana), "lock.set", {
      accountId: val.id,
      setting: "data_deletion",
      reason: "Pending audit",
    });
    const result = await performAction(actorOf(val), "self.requestErasure", { accountId: val.id, details: "" });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["locks.data-deletion"] } });
    expect(await requestsOf(val)).toEqual([]);
  });
});

describe("who can access my account", () => {
  it("lists the admins with their roles, my manager, and what the engine lets each do to me", async () => {
    const boss = await newPerson(org, "Bo Manager");
    const me = await newPerson(org, "Mo Member", [], boss.id);
    await newPerson(org, "Hank Helpdesk", ["helpdesk_admin"]);
    const overview = await tenantScope(org.id, (tx) => accessOverview(tx, { tenantId: org.id, accountId: me.id }));
    expect(overview!.admins.map((admin) => admin.name)).toEqual(
      expect.arrayContaining(["Dana Okafor", "Cora Compliance", "Hank Helpdesk"]),
    );
    expect(overview!.admins.find((admin) => admin.name === "Dana Okafor")!.roles).toEqual(["domain_admin"]);
    const helpdesk = overview!.roles.helpdesk_admin!;
    expect(helpdesk.allowed).toEqual(expect.arrayContaining(["account.view", "account.revokeSessions"]));
    expect(helpdesk.withStepUp).toEqual(expect.arrayContaining(["account.resetPassword", "account.resetMfa"]));
    expect([...helpdesk.allowed, ...helpdesk.withStepUp]).not.toContain("account.suspend");
    // Erasing someone is a domain admin's: a compliance officer handles the rest of a request.
    expect(overview!.roles.compliance_officer!.allowed).toContain("dataRequest.complete");
    expect(overview!.roles.compliance_officer!.withStepUp).not.toContain("dataRequest.fulfilErasure");
    expect(overview!.roles.domain_admin!.withStepUp).toContain("dataRequest.fulfilErasure");
    expect(overview!.manager).toMatchObject({
      name: "Bo Manager",
      can: { allowed: ["account.view", "account.viewApps"] },
    });
    expect(overview!.delegations).toEqual([]);
  });

  it("answers what a hold forbids: nobody may purge a held person", async () => {
    const held = await newPerson(org, "Hal Held");
    await performAction(actorOf(dana), "hold.place", {
      name: "Matter Hal",
      scope: "accounts",
      accountIds: [held.id],
      discloseToSubject: false,
      reason: "Litigation",
    });
    const overview = await tenantScope(org.id, (tx) => accessOverview(tx, { tenantId: org.id, accountId: held.id }));
    const domain = overview!.roles.domain_admin!;
    expect([...domain.allowed, ...domain.withStepUp]).not.toContain("account.purge");
    expect(domain.withStepUp).toContain("account.suspend");
  });
});

describe("the privacy policy notice", () => {
  it("is shown for a significant version published after the person joined, until acknowledged", async () => {
    const ida = await newPerson(org, "Ida Notice");
    const person = await account(ida);
    const none = await tenantScope(org.id, (tx) => policyNotice(tx, person));
    expect(none).toBeNull();
    const version = `test-${Date.now()}`;
    await db().insert(privacyPolicyVersions).values({
      version,
      publishedAt: new Date(),
      significant: true,
      summary: "Test change",
      body: "Body",
    });
    // A minor version after it: the banner still shows the significant one, and acknowledging that works.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db()
      .insert(privacyPolicyVersions)
      .values({
        version: `${version}-minor`,
        publishedAt: new Date(),
        significant: false,
        summary: "Typo fixed",
        body: "Body",
      });
    try {
      const notice = await tenantScope(org.id, (tx) => policyNotice(tx, person));
      expect(notice?.version).toBe(version);
      const unknown = await performAction(actorOf(ida), "self.acknowledgePolicy", {
        accountId: ida.id,
        version: "1999-01",
      });
      expect(unknown).toMatchObject({ ok: false, kind: "failed", field: "version" });
      expect((await performAction(actorOf(ida), "self.acknowledgePolicy", { accountId: ida.id, version })).ok).toBe(
        true,
      );
      const acknowledged = await account(ida);
      const seen = await tenantScope(org.id, (tx) => policyNotice(tx, acknowledged));
      expect(seen).toBeNull();
    } finally {
      await db()
        .delete(privacyPolicyVersions)
        .where(inArray(privacyPolicyVersions.version, [version, `${version}-minor`]));
    }
  });
});

describe("organisation preferences", () => {
  it("a domain admin sets them; a bad time zone is answered next to its field", async () => {
    const other = await people.newOrganisation("Initech");
    const admin = await newPerson(other, "Ada Admin", ["domain_admin"]);
    const helper = await newPerson(other, "Hugo Help", ["helpdesk_admin"]);
    const cookie = await signInCookie(admin.email, PASSWORD);
    const submit = async (fields: Record<string, string>, as = cookie) =>
      unwrapData<{
        fieldErrors: Record<string, string[]>;
        preferences: Record<string, string>;
        formError: string | null;
      }>(
        await settingsAction({
          request: post(`/t/${other.slug}/settings`, { intent: "preferences", ...fields }, as),
          params: { tenant: other.slug },
          context: testContext,
        }),
      );
    const bad = await submit({ defaultLocale: "de", defaultTimeZone: "Nowhere/Land", discloseHoldName: "on" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fieldErrors)).toEqual(["defaultTimeZone"]);
    expect(bad.data.preferences.defaultTimeZone).toBe("Nowhere/Land");
    const good = await submit({ defaultLocale: "de", defaultTimeZone: "Europe/Berlin", discloseHoldName: "on" });
    expect(good.status).toBe(200);
    const [row] = await db().select().from(organisations).where(eq(organisations.id, other.id));
    expect(row).toMatchObject({ defaultLocale: "de", defaultTimeZone: "Europe/Berlin", discloseHoldName: true });
    const byHelpdesk = await submit(
      { defaultLocale: "en", defaultTimeZone: "UTC", discloseHoldName: "off" },
      await signInCookie(helper.email, PASSWORD),
    );
    expect(byHelpdesk.status).toBe(403);
    const [unchanged] = await db().select().from(organisations).where(eq(organisations.id, other.id));
    expect(unchanged!.defaultLocale).toBe("de");
  });
});

describe("the admin queue and what guards it", () => {
  it("is read only by those who handle requests; a malformed id is not found, not an error", async () => {
    const helper = await newPerson(org, "Hella Helpdesk", ["helpdesk_admin"]);
    const danaCookie = await signInCookie(dana.email, PASSWORD);
    const helperCookie = await signInCookie(helper.email, PASSWORD);
    const asHelper = await responseOf(() =>
      queueLoader({
        request: getRequest(`/t/${org.slug}/requests`, helperCookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(asHelper.status).toBe(403);
    const page = await queueLoader({
      request: getRequest(`/t/${org.slug}/requests`, danaCookie),
      params: { tenant: org.slug },
      context: testContext,
    });
    expect(page.view).toBe("open");
    const malformed = await responseOf(() =>
      requestLoader({
        request: getRequest(`/t/${org.slug}/requests/not-a-uuid`, danaCookie),
        params: { tenant: org.slug, requestId: "not-a-uuid" },
        context: testContext,
      }),
    );
    expect(malformed.status).toBe(404);
  });

  it("never lets a domain admin erase themself on their own request", async () => {
    const owner = await newPerson(org, "Olive Owner", ["domain_admin"]);
    await performAction(actorOf(owner), "self.requestErasure", { accountId: owner.id, details: "" });
    const [request] = await requestsOf(owner);
    const result = await performAction(actorOf(owner), "dataRequest.fulfilErasure", {
      requestId: request!.id,
      reason: "Erase me please",
    });
    expect(result).toMatchObject({
      ok: false,
      kind: "denied",
      decision: { policyIds: ["self-protection.own-account"] },
    });
    expect((await account(owner)).purgedAt).toBeNull();
  });

  it("closes an erasure request whose person was purged meanwhile, without erasing twice", async () => {
    const gone = await newPerson(org, "Gail Gone");
    await performAction(actorOf(gone), "self.requestErasure", { accountId: gone.id, details: "" });
    expect(
      (await performAction(actorOf(dana), "account.terminate", { accountId: gone.id, reason: "Left the company" })).ok,
    ).toBe(true);
    expect(
      (await performAction(actorOf(dana), "account.purge", { accountId: gone.id, reason: "Grace period waived" })).ok,
    ).toBe(true);
    const [request] = await requestsOf(gone);
    const result = await performAction(actorOf(dana), "dataRequest.fulfilErasure", {
      requestId: request!.id,
      reason: "As asked",
    });
    expect(result).toMatchObject({ ok: true, output: { alreadyErased: true } });
    expect((await requestsOf(gone))[0]!.status).toBe("completed");
  });

  it("takes NUL characters out of what was typed instead of failing", async () => {
    const nia = await newPerson(org, "Nia Null");
    const cookie = await signInCookie(nia.email, PASSWORD);
    const { status } = await submitPrivacy(
      { intent: "request", kind: "rectification", details: "My\u0000 phone" },
      cookie,
    );
    expect(status).toBe(200);
    expect((await requestsOf(nia))[0]!.details).toBe("My phone");
  });
});
