// My account → Activity through its routes, as a person uses them: what an admin did to my account, who,
// why and when, in my language and time zone; only entries about me that I may see, never another
// organisation's; filters that say what to fix; and the same as CSV.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts } from "~db/schema";
import { withTenant } from "~db/tenant-scope";
import { performAction } from "~/actions/perform.server";
import { appendAuditEntry } from "~/audit/trail.server";
import { loader as rootLoader } from "~/root";
import { loader as csvLoader } from "~/routes/me.activity[.]csv";
import { loader as activityLoader } from "~/routes/me.activity";
import { testActor } from "~/testing/actors";
import { getRequest, setupTestDatabase, signInCookie, testContext, unwrapData } from "~/testing/harness";
import { testPeople, type TestPersonRef } from "~/testing/people";
import { negotiateLocale } from "~/i18n/i18n";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const people = testPeople(() => database.current.db, PASSWORD);

let alice: TestPersonRef;
let dana: TestPersonRef;
let bob: TestPersonRef;
let aliceCookie: string;

async function activity(query = "", cookie = aliceCookie) {
  const result = await activityLoader({
    request: getRequest(`/me/activity${query}`, cookie),
    params: {},
    context: testContext,
  });
  return unwrapData<Awaited<ReturnType<typeof activityLoader>>>(result).data;
}

beforeAll(async () => {
  const acme = await people.newOrganisation("Acme Ltd");
  const globex = await people.newOrganisation("Globex");
  alice = await people.newPerson(acme, "Alice Ng");
  dana = await people.newPerson(acme, "Dana Okafor", { roles: ["domain_admin"] });
  bob = await people.newPerson(acme, "Bob Reyes");
  const other = await people.newPerson(globex, "Gina Other", { roles: ["domain_admin"] });
  await database.current.db
    .update(accounts)
    .set({ locale: "de", timeZone: "Europe/Berlin" })
    .where(eq(accounts.id, alice.accountId));

  const asDana = testActor({ id: dana.accountId, tenantId: acme.id, name: "Dana Okafor", roles: ["domain_admin"] });
  // About Alice, for her to see: a change to her profile with a reason, and a wrong password at sign-in.
  expect(
    await performAction(asDana, "account.updateProfile", {
      accountId: alice.accountId,
      jobTitle: "Senior buyer",
      reason: "Promoted, ticket 4411",
    }),
  ).toMatchObject({ ok: true });
  await withTenant(database.current.db, acme.id, (tx) =>
    appendAuditEntry(tx, {
      tenantId: acme.id,
      actor: null,
      action: "auth.signInFailed",
      outcome: "failed",
      subjectAccountId: alice.accountId,
      sentence: "Someone entered a wrong password.",
      ipAddress: "198.51.100.7",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    }),
  );
  // Not for her: about Bob; about her but for the admins only; another organisation's.
  expect(await performAction(asDana, "account.revokeSessions", { accountId: bob.accountId })).toMatchObject({
    ok: true,
  });
  await withTenant(database.current.db, acme.id, (tx) =>
    appendAuditEntry(tx, {
      tenantId: acme.id,
      actor: { accountId: dana.accountId, tenantId: acme.id, name: "Dana Okafor", role: "domain_admin" },
      action: "account.view",
      outcome: "allowed",
      subjectAccountId: alice.accountId,
      visibility: "admins",
    }),
  );
  await withTenant(database.current.db, globex.id, (tx) =>
    appendAuditEntry(tx, {
      tenantId: globex.id,
      actor: { accountId: other.accountId, tenantId: globex.id, name: "Gina Other", role: "domain_admin" },
      action: "account.suspend",
      outcome: "allowed",
      subjectAccountId: alice.accountId,
    }),
  );
  aliceCookie = await signInCookie(alice.email, PASSWORD);
});

describe("My activity", () => {
  it("shows what was done to my account, by whom and why, and where only my own sign-ins came from", async () => {
    const page = await activity();
    const actions = page.entries.map((entry) => entry.action);
    // Her own sign-in just now is there too, newest first.
    expect(actions[0]).toBe("auth.signIn");
    expect(actions).toEqual(["auth.signIn", "auth.signInFailed", "account.updateProfile"]);
    const reset = page.entries.find((entry) => entry.action === "account.updateProfile")!;
    expect(reset).toMatchObject({
      actor: "person",
      actorName: "Dana Okafor",
      actorRole: "domain_admin",
      reason: "Promoted, ticket 4411",
      // An admin's own address is not hers to see.
      ipAddress: null,
      device: null,
    });
    const failed = page.entries.find((entry) => entry.action === "auth.signInFailed")!;
    expect(failed).toMatchObject({
      actor: "nobody",
      ipAddress: "198.51.100.7",
      device: expect.stringContaining("Firefox"),
    });
    expect(page.timeZone).toBe("Europe/Berlin");
    expect(page.entries.every((entry) => entry.sealed === false)).toBe(true);
  });

  it("never shows another person's entries, admins-only entries, or another organisation's", async () => {
    const page = await activity();
    expect(page.entries.some((entry) => entry.action === "account.revokeSessions")).toBe(false);
    expect(page.entries.some((entry) => entry.action === "account.view")).toBe(false);
    expect(page.entries.some((entry) => entry.action === "account.suspend")).toBe(false);
    const danaCookie = await signInCookie(dana.email, PASSWORD);
    const danas = await activity("", danaCookie);
    expect(danas.entries.map((entry) => entry.action)).toEqual(["auth.signIn"]);
  });

  it("filters by kind and day, and explains a bad filter next to the field, keeping what was typed", async () => {
    expect((await activity("?kind=signIn")).entries.map((entry) => entry.action)).toEqual([
      "auth.signIn",
      "auth.signInFailed",
    ]);
    expect((await activity("?kind=admin")).entries.map((entry) => entry.action)).toEqual(["account.updateProfile"]);
    expect((await activity("?from=2000-01-01&to=2000-01-02")).entries).toEqual([]);

    const bad = await activity("?kind=everything&from=03.11.2026&to=2000-01-01");
    expect(bad.errors).toEqual({ kind: "badKind", from: "badDay" });
    expect(bad.values).toEqual({ kind: "everything", from: "03.11.2026", to: "2000-01-01" });
    // The valid part still filters.
    expect(bad.entries).toEqual([]);
    expect((await activity("?from=2026-12-01&to=2026-11-01")).errors).toEqual({ to: "badRange" });
  });

  it("pages newest first without repeating or skipping an entry", async () => {
    const first = await activity();
    expect(first.nextBefore).toBeNull();
    const seqs = first.entries.map((entry) => entry.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const older = await activity(`?before=${seqs[0]}`);
    expect(older.entries.map((entry) => entry.seq)).toEqual(seqs.slice(1));
  });

  it("downloads the same entries as CSV, in my language, and refuses bad filters with a JSON body", async () => {
    const response = (await csvLoader({
      request: getRequest("/me/activity.csv?kind=admin", aliceCookie),
      params: {},
      context: testContext,
    })) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const text = await response.text();
    const [header, ...rows] = text.trim().split("\r\n");
    expect(header).toBe(
      "wann (UTC),was,Ergebnis,wer,Rolle,Organisation,über,Begründung des Zugriffs,Begründung,Entscheidung,IP-Adresse,Gerät",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Profil bearbeiten,Erlaubt,Dana Okafor,domain_admin,Acme Ltd,,,"Promoted, ticket 4411"');

    const refused = (await csvLoader({
      request: getRequest("/me/activity.csv?from=yesterday", aliceCookie),
      params: {},
      context: testContext,
    })) as Response;
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: "invalid_filters",
      fields: { from: "Geben Sie ein Datum wie 2026-11-03 ein." },
    });
  });
});

describe("the page's language", () => {
  it("is the signed-in person's, else the browser's first language we ship", async () => {
    const signedIn = await rootLoader({
      request: getRequest("/me/activity", aliceCookie),
      params: {},
      context: testContext,
    });
    expect(unwrapData<{ locale: string }>(signedIn).data.locale).toBe("de");
    const anonymous = new Request("http://localhost:3000/login", {
      headers: { "Accept-Language": "fr-CH, de;q=0.8, en;q=0.5" },
    });
    expect(
      unwrapData<{ locale: string }>(await rootLoader({ request: anonymous, params: {}, context: testContext })).data
        .locale,
    ).toBe("de");
    expect(negotiateLocale("en-GB,en;q=0.9,de;q=0.8")).toBe("en");
    expect(negotiateLocale("de-AT")).toBe("de");
    expect(negotiateLocale("fr, *;q=0.1")).toBe("en");
    expect(negotiateLocale("de;q=0, en;q=0.4")).toBe("en");
    expect(negotiateLocale("")).toBe("en");
  });
});
