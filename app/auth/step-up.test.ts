// Step-up as an admin meets it: a destructive action asks for a second factor from the last ten minutes,
// the confirm page takes one (authenticator code, recovery code or passkey) and rotates the session, and
// the admin comes back to the form as they typed it. Also the two settings that lean on second factors:
// an admin resetting someone's factors, and an organisation requiring every admin to have one.
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import {
  accounts,
  auditEntries,
  emailOutbox,
  organisations,
  passkeys,
  recoveryCodes,
  sessions,
  totpCredentials,
  type AdminRole,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { tenantScope } from "~/db.server";
import { action as passkeyAction } from "~/routes/auth.passkey";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirm";
import { action as securityAction, loader as securityLoader } from "~/routes/me.security";
import { loader as consoleLoader } from "~/routes/t.$tenant";
import { action as accountsAction, loader as accountsLoader } from "~/routes/t.$tenant._index";
import { loader as exportLoader } from "~/routes/t.$tenant.audit.export";
import { action as settingsAction } from "~/routes/t.$tenant.settings";
import { REFUSED_REDIRECT_NOTICE } from "~/security/redirect";
import {
  formRequest,
  getRequest,
  ORIGIN,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { STEP_MS, codeAt, wrongCode } from "~/testing/totp";
import { getPrincipal } from "./principal.server";
import { generateRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes.server";
import { hashSessionToken } from "./session-adapter.server";
import { SESSION_COOKIE } from "./session.server";
import { beginTotpEnrolment, confirmTotpEnrolment } from "./totp.server";
import { passkeyRegistrationOptions, relyingParty, verifyPasskeyRegistration } from "./webauthn.server";
import { assertPasskey, createPasskey, type SoftwarePasskey } from "./webauthn-test-authenticator";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();

// ─── People and factors ───────────────────────────────────────────────────────────────────────────

interface Organisation {
  id: string;
  slug: string;
  name: string;
}

interface Person {
  tenantId: string;
  accountId: string;
  email: string;
  displayName: string;
}

let serial = 0;

/** An organisation of the test's own, so a setting one test changes never reaches another. */
async function newOrganisation(name: string): Promise<Organisation> {
  serial += 1;
  return createOrganisation(database.current.db, { slug: `org-${serial}`, name });
}

async function newPerson(org: Organisation, displayName: string, roles: AdminRole[] = []): Promise<Person> {
  serial += 1;
  const email = `${displayName.split(" ")[0]!.toLowerCase()}${serial}@${org.slug}.example`;
  const { id } = await createAccount(database.current.db, {
    tenantId: org.id,
    email,
    displayName,
    password: PASSWORD,
    roles,
  });
  return { tenantId: org.id, accountId: id, email, displayName };
}

/**
 * A confirmed authenticator app, written directly. It is confirmed with the previous step's code, so the
 * codes of this step and the next are still unused for the test.
 */
async function seedTotp(person: Person): Promise<string> {
  const ref = { tenantId: person.tenantId, accountId: person.accountId };
  const secret = await tenantScope(person.tenantId, (tx) => beginTotpEnrolment(tx, ref));
  const check = await tenantScope(person.tenantId, async (tx) =>
    confirmTotpEnrolment(tx, ref, await codeAt(secret, Date.now() - STEP_MS)),
  );
  expect(check.ok).toBe(true);
  return secret;
}

async function seedRecoveryCodes(person: Person): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tenantScope(person.tenantId, (tx) => replaceRecoveryCodes(tx, person, codes));
  return codes;
}

const rp = relyingParty(getRequest("/"));

async function seedPasskey(person: Person): Promise<SoftwarePasskey> {
  const options = await tenantScope(person.tenantId, (tx) => passkeyRegistrationOptions(tx, rp, person));
  const { passkey, response } = createPasskey(options, { origin: rp.origin });
  const result = await tenantScope(person.tenantId, (tx) =>
    verifyPasskeyRegistration(tx, rp, person, response, "Security key"),
  );
  if (!result.ok) throw new Error(`Registering the passkey failed: ${result.message}`);
  return passkey;
}

// ─── Cookies and sessions ─────────────────────────────────────────────────────────────────────────

function sessionCookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error("The response set no session cookie");
  return header.split(";")[0]!;
}

function resumeCookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith("glasshouse_resume="));
  if (!header) throw new Error("The response set no resume cookie");
  return header.split(";")[0]!;
}

async function sessionRow(cookie: string) {
  const token = cookie.slice(cookie.indexOf("=") + 1);
  const [row] = await database.current.db
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashSessionToken(token)));
  return row;
}

function principalOf(cookie: string) {
  return getPrincipal(getRequest("/", cookie));
}

async function sessionsOf(person: Person) {
  return database.current.db.select().from(sessions).where(eq(sessions.accountId, person.accountId));
}

// ─── Pages ────────────────────────────────────────────────────────────────────────────────────────

type RowActionData = {
  intent: string | null;
  accountId: string | null;
  message: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  reason?: string;
};

type ConfirmData = {
  factors: { totp: boolean; passkeys: number; recoveryCodesRemaining: number };
  hasFactor: boolean;
  redirectTo: string;
  notice: string | null;
};

type ConfirmFailure = { intent: string; fieldErrors: Record<string, string[] | undefined> };

type SettingsData = {
  fieldErrors: Record<string, string[] | undefined>;
  message: string | null;
  formError: string | null;
};

function postRowAction(org: Organisation, fields: Record<string, string>, cookie: string) {
  // Remix posts an index route's forms to "?index"; the action sees that URL.
  return accountsAction({
    request: formRequest(`/t/${org.slug}/?index`, fields, cookie),
    params: { tenant: org.slug },
    context: testContext,
  });
}

function postConfirm(path: string, fields: Record<string, string>, cookie: string) {
  return confirmAction({ request: formRequest(path, fields, cookie), params: {}, context: testContext });
}

function postSettings(org: Organisation, fields: Record<string, string>, cookie: string) {
  return settingsAction({
    request: formRequest(`/t/${org.slug}/settings`, fields, cookie),
    params: { tenant: org.slug },
    context: testContext,
  });
}

function confirmPathFor(returnTo: string): string {
  return `/confirm?${new URLSearchParams({ redirectTo: returnTo })}`;
}

/** Confirms a fresh authenticator code on the confirm page; returns the rotated session cookie. */
async function stepUp(cookie: string, secret: string): Promise<string> {
  const confirmed = await responseOf(async () =>
    postConfirm(confirmPathFor("/"), { intent: "totp", code: await codeAt(secret, Date.now()) }, cookie),
  );
  expect(confirmed.status).toBe(302);
  return sessionCookieFrom(confirmed);
}

async function auditOf(action: string, subject: Person) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.action, action), eq(auditEntries.subjectAccountId, subject.accountId)))
    .orderBy(auditEntries.seq);
}

async function emailsTo(person: Person) {
  return database.current.db.select().from(emailOutbox).where(eq(emailOutbox.toAccountId, person.accountId));
}

async function statusOf(person: Person) {
  const [row] = await database.current.db
    .select({ status: accounts.status })
    .from(accounts)
    .where(eq(accounts.id, person.accountId));
  return row?.status;
}

// ─── Step-up on the accounts page ─────────────────────────────────────────────────────────────────

describe("step-up before a destructive action", () => {
  it("sends the admin to confirm a code, rotates the session, and brings them back to suspend as typed", async () => {
    const org = await newOrganisation("Acme Ltd");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const alice = await newPerson(org, "Alice Ng");
    const aliceCookie = await signInCookie(alice.email, PASSWORD);
    // Signed in with a password alone, then the app is set up: the session has no second factor yet.
    const danaCookie = await signInCookie(dana.email, PASSWORD);
    const begun = unwrapData(
      await securityAction({
        request: formRequest("/me/security", { intent: "totp.begin", currentPassword: PASSWORD }, danaCookie),
        params: {},
        context: testContext,
      }),
    );
    expect(begun.status).toBe(200);
    const page = await securityLoader({
      request: getRequest("/me/security", danaCookie),
      params: {},
      context: testContext,
    });
    const secret = page.enrolment!.secret;
    const enrolled = unwrapData<{ codes: string[] | null }>(
      await securityAction({
        request: formRequest(
          "/me/security",
          { intent: "totp.confirm", code: await codeAt(secret, Date.now()) },
          danaCookie,
        ),
        params: {},
        context: testContext,
      }),
    );
    expect(enrolled.status).toBe(200);
    expect((await principalOf(danaCookie))?.secondFactorAt).toBeNull();
    const before = (await sessionRow(danaCookie))!;

    const reason = "Left the company — ticket 4521";
    const fields = { intent: "account.suspend", accountId: alice.accountId, reason };
    const refused = await responseOf(() => postRowAction(org, fields, danaCookie));
    expect(refused.status).toBe(302);
    const returnTo = `/t/${org.slug}/?resume=1`;
    expect(refused.headers.get("Location")).toBe(confirmPathFor(returnTo));
    const resumeCookie = resumeCookieFrom(refused);
    expect(await statusOf(alice)).toBe("active");
    expect(await auditOf("account.suspend", alice)).toEqual([
      expect.objectContaining({
        outcome: "needs_step_up",
        reason,
        policyIds: ["step-up.second-factor"],
        actorAccountId: dana.accountId,
      }),
    ]);

    // The confirm page offers the authenticator code.
    const confirmPath = refused.headers.get("Location")!;
    const offered = await confirmLoader({
      request: getRequest(confirmPath, danaCookie),
      params: {},
      context: testContext,
    });
    expect(offered).toMatchObject({ hasFactor: true, redirectTo: returnTo, notice: null });
    expect(offered.factors.totp).toBe(true);

    // A wrong code is refused next to the field, and recorded in Dana's activity.
    const wrong = unwrapData<ConfirmFailure>(
      await postConfirm(confirmPath, { intent: "totp", code: await wrongCode(secret) }, danaCookie),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.fieldErrors.code?.[0]).toMatch(/not right/);
    expect(await auditOf("auth.secondFactorFailed", dana)).toEqual([
      expect.objectContaining({ outcome: "failed", target: expect.objectContaining({ purpose: "step-up" }) }),
    ]);

    // The code used to set the app up is spent; the next step's code confirms.
    const confirmed = await responseOf(async () =>
      postConfirm(confirmPath, { intent: "totp", code: await codeAt(secret, Date.now() + STEP_MS) }, danaCookie),
    );
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(returnTo);
    const fresh = sessionCookieFrom(confirmed);
    expect(fresh).not.toBe(danaCookie);
    expect(await principalOf(danaCookie)).toBeNull();
    expect(await sessionRow(danaCookie)).toBeUndefined();
    const rotated = (await sessionRow(fresh))!;
    expect(rotated.secondFactorAt).not.toBeNull();
    expect(Date.now() - rotated.secondFactorAt!.getTime()).toBeLessThan(60_000);
    // The absolute lifetime still counts from sign-in.
    expect(rotated.createdAt.getTime()).toBe(before.createdAt.getTime());
    expect(await auditOf("auth.stepUp", dana)).toEqual([
      expect.objectContaining({ outcome: "allowed", target: { method: "totp" } }),
    ]);

    // Another admin signing in on the same browser is not offered Dana's form.
    const colleague = await newPerson(org, "Cole Admin", ["domain_admin"]);
    const colleagueCookie = await signInCookie(colleague.email, PASSWORD);
    const notTheirs = await accountsLoader({
      request: getRequest(returnTo, `${colleagueCookie}; ${resumeCookie}`),
      params: { tenant: org.slug },
      context: testContext,
    });
    expect(unwrapData<{ resume: unknown }>(notTheirs).data.resume).toBeNull();

    // Back on the accounts page, the dialog is offered as typed, once.
    const back = await accountsLoader({
      request: getRequest(returnTo, `${fresh}; ${resumeCookie}`),
      params: { tenant: org.slug },
      context: testContext,
    });
    expect(unwrapData<{ resume: unknown }>(back).data.resume).toEqual({
      intent: "account.suspend",
      accountId: alice.accountId,
      reason,
    });
    const cleared = new Headers((back as { init?: ResponseInit | null }).init?.headers).get("Set-Cookie");
    expect(cleared).toMatch(/^glasshouse_resume=;/);
    expect(cleared).toMatch(/Max-Age=0/);

    const done = unwrapData<RowActionData>(await postRowAction(org, fields, fresh));
    expect(done.status).toBe(200);
    expect(done.data.message).toMatch(/^Suspended\. 1 session\(s\) ended/);
    expect(await statusOf(alice)).toBe("suspended");
    expect(await sessionsOf(alice)).toEqual([]);
    expect(await principalOf(aliceCookie)).toBeNull();
    const mail = await emailsTo(alice);
    expect(mail).toEqual([expect.objectContaining({ template: "account.suspended", toAddress: alice.email })]);
    expect(mail[0]!.bodyText).toContain(reason);
    expect((await auditOf("account.suspend", alice)).map((entry) => entry.outcome)).toEqual([
      "needs_step_up",
      "allowed",
    ]);
  });

  it("confirms with a recovery code, which is then spent", async () => {
    const org = await newOrganisation("Acme Ltd");
    const reese = await newPerson(org, "Reese Park", ["domain_admin"]);
    const cookie = await signInCookie(reese.email, PASSWORD);
    await seedTotp(reese);
    const [code] = await seedRecoveryCodes(reese);
    const returnTo = `/t/${org.slug}/?resume=1`;

    const confirmed = await responseOf(() =>
      postConfirm(confirmPathFor(returnTo), { intent: "recovery", code: code!.toUpperCase() }, cookie),
    );
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(returnTo);
    const fresh = sessionCookieFrom(confirmed);
    expect(await principalOf(cookie)).toBeNull();
    expect((await principalOf(fresh))?.secondFactorAt).toBeInstanceOf(Date);
    expect(await auditOf("auth.stepUp", reese)).toEqual([expect.objectContaining({ target: { method: "recovery" } })]);

    const again = unwrapData<ConfirmFailure>(
      await postConfirm(confirmPathFor(returnTo), { intent: "recovery", code: code! }, fresh),
    );
    expect(again.status).toBe(400);
    expect(again.data.fieldErrors.code?.[0]).toMatch(/has been used/);
  });

  it("confirms with a passkey through the passkey endpoint, and answers JSON with the rotated session", async () => {
    const org = await newOrganisation("Acme Ltd");
    const pat = await newPerson(org, "Pat Quinn", ["domain_admin"]);
    const cookie = await signInCookie(pat.email, PASSWORD);
    const passkey = await seedPasskey(pat);
    const returnTo = `/t/${org.slug}/?resume=1`;
    const post = (body: unknown) =>
      passkeyAction({
        request: new Request(new URL("/auth/passkey", ORIGIN), {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
          body: JSON.stringify(body),
        }),
        params: {},
        context: testContext,
      });

    const optionsResponse = await post({ intent: "options", purpose: "step-up" });
    expect(optionsResponse.status).toBe(200);
    const { options } = (await optionsResponse.json()) as { options: Parameters<typeof assertPasskey>[1] };
    expect(options.allowCredentials?.map((credential) => credential.id)).toEqual([passkey.id]);

    const verified = await post({
      intent: "verify",
      purpose: "step-up",
      response: assertPasskey(passkey, options, { origin: rp.origin }),
      redirectTo: returnTo,
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ ok: true, redirectTo: returnTo });
    const fresh = sessionCookieFrom(verified);
    expect(fresh).not.toBe(cookie);
    expect(await principalOf(cookie)).toBeNull();
    expect((await principalOf(fresh))?.secondFactorAt).toBeInstanceOf(Date);
    expect(await auditOf("auth.stepUp", pat)).toEqual([
      expect.objectContaining({ target: { method: "passkey", passkey: expect.any(String) } }),
    ]);
  });

  it("never sends the admin to another site afterwards, and says so on the page", async () => {
    const org = await newOrganisation("Acme Ltd");
    const olu = await newPerson(org, "Olu Bello", ["domain_admin"]);
    let cookie = await signInCookie(olu.email, PASSWORD);
    await seedTotp(olu);
    const codes = await seedRecoveryCodes(olu);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    for (const [index, evil] of ["https://evil.example", "//evil.example", "/\\evil.example"].entries()) {
      const path = confirmPathFor(evil);
      const page = await confirmLoader({ request: getRequest(path, cookie), params: {}, context: testContext });
      expect(page.notice, evil).toBe(REFUSED_REDIRECT_NOTICE);
      expect(page.redirectTo, evil).toBe(`/t/${org.slug}/`);
      const confirmed = await responseOf(() => postConfirm(path, { intent: "recovery", code: codes[index]! }, cookie));
      expect(confirmed.status, evil).toBe(302);
      expect(confirmed.headers.get("Location"), evil).toBe(`/t/${org.slug}/`);
      cookie = sessionCookieFrom(confirmed);
    }
    // Each refusal leaves a trace with the request id.
    expect(warn.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: "redirect.refused", requestId: "test-request" })]),
    );
  });

  it("counts a second factor for ten minutes only", async () => {
    const org = await newOrganisation("Acme Ltd");
    const dana = await newPerson(org, "Dana Okafor", ["domain_admin"]);
    const cookie = await stepUp(await signInCookie(dana.email, PASSWORD), await seedTotp(dana));
    const [early, late] = [await newPerson(org, "Early Bird"), await newPerson(org, "Late Comer")];
    const confirmedAgo = async (minutes: number) => {
      const token = cookie.slice(cookie.indexOf("=") + 1);
      await database.current.db
        .update(sessions)
        .set({ secondFactorAt: new Date(Date.now() - minutes * 60_000) })
        .where(eq(sessions.id, hashSessionToken(token)));
    };

    await confirmedAgo(11);
    const stale = await responseOf(() =>
      postRowAction(org, { intent: "account.suspend", accountId: early.accountId, reason: "Stale factor" }, cookie),
    );
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toMatch(/^\/confirm\?/);
    expect(await statusOf(early)).toBe("active");

    await confirmedAgo(9);
    const fresh = unwrapData<RowActionData>(
      await postRowAction(
        org,
        { intent: "account.suspend", accountId: late.accountId, reason: "Fresh factor" },
        cookie,
      ),
    );
    expect(fresh.status).toBe(200);
    expect(await statusOf(late)).toBe("suspended");
  });

  it("tells a person without any second factor that they have none to confirm", async () => {
    const org = await newOrganisation("Acme Ltd");
    const nadia = await newPerson(org, "Nadia Haddad");
    const cookie = await signInCookie(nadia.email, PASSWORD);
    const page = await confirmLoader({
      request: getRequest(confirmPathFor("/me"), cookie),
      params: {},
      context: testContext,
    });
    expect(page).toEqual<ConfirmData>({
      factors: { totp: false, passkeys: 0, recoveryCodesRemaining: 0 },
      hasFactor: false,
      redirectTo: "/me",
      notice: null,
    });
  });
});

// ─── Resetting someone's second factors ───────────────────────────────────────────────────────────

describe("an admin resetting an account's second factors", () => {
  /** A helpdesk admin whose session confirmed a second factor just now. */
  async function freshHelpdesk(org: Organisation): Promise<{ person: Person; cookie: string }> {
    const person = await newPerson(org, "Hugo Helpdesk", ["helpdesk_admin"]);
    const cookie = await signInCookie(person.email, PASSWORD);
    const secret = await seedTotp(person);
    return { person, cookie: await stepUp(cookie, secret) };
  }

  it("removes the app, the passkeys and the recovery codes, emails the person, and shows them who did it", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { person: hugo, cookie } = await freshHelpdesk(org);
    const mia = await newPerson(org, "Mia Rossi");
    // A session on the phone she lost: the reset ends it.
    const phone = await signInCookie(mia.email, PASSWORD);
    await seedTotp(mia);
    await seedPasskey(mia);
    await seedRecoveryCodes(mia);
    const reason = "Lost her phone — ticket 88";

    const result = unwrapData<RowActionData>(
      await postRowAction(org, { intent: "account.resetMfa", accountId: mia.accountId, reason }, cookie),
    );
    expect(result.status).toBe(200);
    expect(result.data.message).toMatch(/^Two-step verification reset/);

    const db = database.current.db;
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, mia.accountId))).toEqual([]);
    expect(await db.select().from(passkeys).where(eq(passkeys.accountId, mia.accountId))).toEqual([]);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, mia.accountId))).toEqual([]);
    const mail = await emailsTo(mia);
    expect(mail).toEqual([
      expect.objectContaining({
        template: "account.mfaReset",
        toAddress: mia.email,
        subject: "Your Acme Ltd two-factor sign-in was reset",
      }),
    ]);
    expect(mail[0]!.bodyText).toContain(`Reason: ${reason}`);
    expect(mail[0]!.bodyText).toContain(hugo.displayName);
    expect(await auditOf("account.resetMfa", mia)).toEqual([
      expect.objectContaining({
        outcome: "allowed",
        reason,
        visibility: "subject",
        actorAccountId: hugo.accountId,
        // Counts of recovery codes are named so that the trail does not redact them as if they were codes.
        changes: {
          before: { totp: true, passkeys: 1, recoveryCount: 10 },
          after: { totp: false, passkeys: 0, recoveryCount: 0, sessionsEnded: 1 },
        },
      }),
    ]);
    expect(await getPrincipal(getRequest("/me", phone))).toBeNull();

    // With no factor left, Mia signs in with her password and sees the reset in her activity.
    const miaCookie = await signInCookie(mia.email, PASSWORD);
    const page = await securityLoader({
      request: getRequest("/me/security", miaCookie),
      params: {},
      context: testContext,
    });
    expect(page.factors).toEqual({ totp: false, passkeys: 0, recoveryCodesRemaining: 0 });
    expect(page.activity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "account.resetMfa", actorName: hugo.displayName, reason }),
      ]),
    );
  });

  it("refuses a helpdesk admin resetting a domain admin, with the policy's sentence", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshHelpdesk(org);
    const dex = await newPerson(org, "Dex Moreau", ["domain_admin"]);
    await seedTotp(dex);

    const result = unwrapData<RowActionData>(
      await postRowAction(
        org,
        { intent: "account.resetMfa", accountId: dex.accountId, reason: "Asked by phone" },
        cookie,
      ),
    );
    expect(result.status).toBe(403);
    expect(result.data.message).toBe(
      "Blocked: Dex Moreau is a domain admin; only a domain admin can change that account.",
    );
    const db = database.current.db;
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, dex.accountId))).toHaveLength(1);
    expect(await auditOf("account.resetMfa", dex)).toEqual([
      expect.objectContaining({ outcome: "denied", policyIds: ["protected-admins.domain-admin"] }),
    ]);
    expect(await emailsTo(dex)).toEqual([]);
  });

  it("asks an admin without a fresh second factor to confirm one first", async () => {
    const org = await newOrganisation("Acme Ltd");
    const hana = await newPerson(org, "Hana Sato", ["helpdesk_admin"]);
    const cookie = await signInCookie(hana.email, PASSWORD);
    await seedTotp(hana);
    const mia = await newPerson(org, "Mia Rossi");
    await seedTotp(mia);

    const response = await responseOf(() =>
      postRowAction(org, { intent: "account.resetMfa", accountId: mia.accountId, reason: "Lost phone" }, cookie),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(confirmPathFor(`/t/${org.slug}/?resume=1`));
    const db = database.current.db;
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, mia.accountId))).toHaveLength(1);
    expect(await auditOf("account.resetMfa", mia)).toEqual([expect.objectContaining({ outcome: "needs_step_up" })]);
  });

  it("says so when the account has no second factor to reset", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshHelpdesk(org);
    const ned = await newPerson(org, "Ned Kelly");

    const result = unwrapData<RowActionData>(
      await postRowAction(
        org,
        { intent: "account.resetMfa", accountId: ned.accountId, reason: "Just in case" },
        cookie,
      ),
    );
    expect(result.status).toBe(409);
    expect(result.data.message).toBe("Ned Kelly has no second factor to reset.");
    expect(await emailsTo(ned)).toEqual([]);
  });

  it("does not count an authenticator app whose set-up was never confirmed as a factor to reset", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshHelpdesk(org);
    const pia = await newPerson(org, "Pia Holm");
    // Pia pressed "Set up an authenticator app" and never entered a code: she has no second factor.
    await tenantScope(pia.tenantId, (tx) => beginTotpEnrolment(tx, pia));
    const pageAsPia = await confirmLoader({
      request: getRequest("/confirm", await signInCookie(pia.email, PASSWORD)),
      params: {},
      context: testContext,
    });
    expect(pageAsPia.hasFactor).toBe(false);

    const result = unwrapData<RowActionData>(
      await postRowAction(org, { intent: "account.resetMfa", accountId: pia.accountId, reason: "Locked out" }, cookie),
    );
    expect(result.status).toBe(409);
    expect(result.data.message).toBe("Pia Holm has no second factor to reset.");
    expect(await emailsTo(pia)).toEqual([]);
  });

  it("asks for a reason next to the reason field", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshHelpdesk(org);
    const mia = await newPerson(org, "Mia Rossi");
    await seedTotp(mia);

    const cases: Record<string, string>[] = [{}, { reason: "" }, { reason: "  " }];
    for (const fields of cases) {
      const result = unwrapData<RowActionData>(
        await postRowAction(org, { intent: "account.resetMfa", accountId: mia.accountId, ...fields }, cookie),
      );
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(result.data.fieldErrors.reason?.[0], JSON.stringify(fields)).toMatch(/^Say why you are doing this/);
    }
    const db = database.current.db;
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, mia.accountId))).toHaveLength(1);
  });
});

// ─── Requiring a second factor of every admin ─────────────────────────────────────────────────────

describe("an organisation requiring every admin to have a second factor", () => {
  it("needs a step-up to turn on, then sends an admin without a factor to set one up", async () => {
    const org = await newOrganisation("Initech");
    const ivy = await newPerson(org, "Ivy Chen", ["domain_admin"]);
    const ivyCookie = await signInCookie(ivy.email, PASSWORD);
    const secret = await seedTotp(ivy);
    const ian = await newPerson(org, "Ian Wright", ["helpdesk_admin"]);
    const ianCookie = await signInCookie(ian.email, PASSWORD);
    const fields = { requireAdminMfa: "on", reason: "Audit finding 12" };

    const refused = await responseOf(() => postSettings(org, fields, ivyCookie));
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe(confirmPathFor(`/t/${org.slug}/settings?resume=1`));
    const [unchanged] = await database.current.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(unchanged!.requireAdminMfa).toBe(false);

    const fresh = await stepUp(ivyCookie, secret);
    const saved = unwrapData<SettingsData>(await postSettings(org, fields, fresh));
    expect(saved.status).toBe(200);
    expect(saved.data.message).toMatch(/^Saved\. Every admin now needs two-step verification/);
    const [changed] = await database.current.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(changed!.requireAdminMfa).toBe(true);
    const entries = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, "organisation.updateSettings")))
      .orderBy(auditEntries.seq);
    expect(entries.map((entry) => entry.outcome)).toEqual(["needs_step_up", "allowed"]);
    expect(entries[1]).toMatchObject({
      reason: "Audit finding 12",
      changes: { before: { requireAdminMfa: false }, after: { requireAdminMfa: true } },
    });

    // Ian, an admin with no second factor, is sent to set one up before any console page opens.
    const sentAway = await responseOf(() =>
      consoleLoader({
        request: getRequest(`/t/${org.slug}/`, ianCookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(sentAway.status).toBe(302);
    expect(sentAway.headers.get("Location")).toBe("/me/security?required=admin-mfa");
    const security = await securityLoader({
      request: getRequest("/me/security?required=admin-mfa", ianCookie),
      params: {},
      context: testContext,
    });
    expect(security.required).toBe(true);

    // Ivy, who has one, still gets in.
    const consolePage = await consoleLoader({
      request: getRequest(`/t/${org.slug}/`, fresh),
      params: { tenant: org.slug },
      context: testContext,
    });
    expect(consolePage.tenant.slug).toBe(org.slug);
  });

  it("refuses a value that is neither on nor off", async () => {
    const org = await newOrganisation("Initech");
    const ivy = await newPerson(org, "Ivy Chen", ["domain_admin"]);
    const cookie = await signInCookie(ivy.email, PASSWORD);
    const result = unwrapData<SettingsData>(
      await postSettings(org, { requireAdminMfa: "maybe", reason: "Trying it" }, cookie),
    );
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors.requireAdminMfa).toEqual(["Choose on or off."]);
    const [row] = await database.current.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row!.requireAdminMfa).toBe(false);
  });
});

// ─── Role changes ─────────────────────────────────────────────────────────────────────────────────

describe("exporting the audit log", () => {
  it("asks for a fresh second factor, comes back to the log with its filters, then streams the file", async () => {
    const org = await newOrganisation("Acme Ltd");
    const aldo = await newPerson(org, "Aldo Brun", ["auditor"]);
    const cookie = await signInCookie(aldo.email, PASSWORD);
    const exportUrl = `/t/${org.slug}/audit/export?format=csv&outcome=denied`;
    const asked = await responseOf(() =>
      exportLoader({ request: getRequest(exportUrl, cookie), params: { tenant: org.slug }, context: testContext }),
    );
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: `/t/${org.slug}/audit?outcome=denied&stepped=export` })}`,
    );

    // As /confirm does after a good code (step-up itself is tested above).
    await database.current.db
      .update(sessions)
      .set({ secondFactorAt: new Date() })
      .where(eq(sessions.id, hashSessionToken(cookie.slice(cookie.indexOf("=") + 1))));
    const file = await responseOf(() =>
      exportLoader({ request: getRequest(exportUrl, cookie), params: { tenant: org.slug }, context: testContext }),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect((await file.text()).split("\n")[0]).toMatch(/^seq,/);
  });
});

describe("changing an account's roles", () => {
  it("ends every session of the account, so no session carries old or new privileges", async () => {
    const org = await newOrganisation("Acme Ltd");
    const rowan = await newPerson(org, "Rowan Diaz", ["domain_admin"]);
    const rowanCookie = await signInCookie(rowan.email, PASSWORD);
    const sam = await newPerson(org, "Sam Lee");
    const first = await signInCookie(sam.email, PASSWORD);
    const second = await signInCookie(sam.email, PASSWORD);
    expect(await sessionsOf(sam)).toHaveLength(2);

    const request = getRequest(`/t/${org.slug}/`, rowanCookie);
    const actor = memberActor((await getPrincipal(request))!, request, testContext);
    const assigned = await performAction(actor, "account.assignRole", {
      accountId: sam.accountId,
      role: "helpdesk_admin",
    });
    expect(assigned.ok).toBe(true);
    expect(await sessionsOf(sam)).toEqual([]);
    expect(await principalOf(first)).toBeNull();
    expect(await principalOf(second)).toBeNull();
    // The admin who made the change keeps their own session.
    expect(await principalOf(rowanCookie)).not.toBeNull();
    expect(await auditOf("account.assignRole", sam)).toEqual([
      expect.objectContaining({
        outcome: "allowed",
        changes: { before: { roles: [] }, after: { roles: ["helpdesk_admin"], sessionsEnded: 2 } },
      }),
    ]);

    // Signed in again, Sam has the new role; taking it away ends that session too.
    const third = await signInCookie(sam.email, PASSWORD);
    expect((await principalOf(third))?.roles).toEqual(["helpdesk_admin"]);
    const removed = await performAction(actor, "account.removeRole", {
      accountId: sam.accountId,
      role: "helpdesk_admin",
    });
    expect(removed.ok).toBe(true);
    expect(await principalOf(third)).toBeNull();
    expect(await sessionsOf(sam)).toEqual([]);
  });
});
