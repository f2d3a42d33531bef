// My account → Security through its route, as a person uses it: set up and turn off an authenticator app,
// recovery codes, passkeys, and the list of places they are signed in. Every change goes to the person's
// own account, whatever the form says.
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEntries, emailOutbox, passkeys, recoveryCodes, sessions, totpCredentials } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { action as passkeyAction } from "~/routes/auth.passkey";
import { action as loginAction } from "~/routes/login";
import { loader as meLoader } from "~/routes/me._index";
import { action as securityAction, loader as securityLoader } from "~/routes/me.security";
import {
  cookieFrom,
  formRequest,
  getRequest,
  ORIGIN,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { confirmFactorNow as confirmSessionFactor } from "~/testing/actors";
import { STEP_MS, codeAt, wrongCode } from "~/testing/totp";
import { spendRecoveryCode } from "./recovery-codes.server";
import { hashSessionToken } from "./session-adapter.server";
import { passkeyRegistrationOptions, relyingParty, verifyPasskeyRegistration } from "./webauthn.server";
import { createPasskey } from "./webauthn-test-authenticator";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const rp = relyingParty(getRequest("/"));

interface Person {
  tenantId: string;
  accountId: string;
  email: string;
  displayName: string;
}

let tenantId: string | undefined;
let serial = 0;

async function newPerson(displayName: string): Promise<Person> {
  tenantId ??= (await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" })).id;
  serial += 1;
  const email = `${displayName.split(" ")[0]!.toLowerCase()}${serial}@acme.example`;
  const { id } = await createAccount(database.current.db, { tenantId, email, displayName, password: PASSWORD });
  return { tenantId, accountId: id, email, displayName };
}

type SecurityResult = {
  intent: string | null;
  message: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  target: string | null;
  codes: string[] | null;
};

async function submit(fields: Record<string, string>, cookie: string) {
  return unwrapData<SecurityResult>(
    await securityAction({ request: formRequest("/me/security", fields, cookie), params: {}, context: testContext }),
  );
}

function securityPage(cookie: string, path = "/me/security") {
  return securityLoader({ request: getRequest(path, cookie), params: {}, context: testContext });
}

/**
 * Sets up the authenticator app through the page; returns its secret, the recovery codes shown, and the
 * moment whose code confirmed it (that step is spent; the next one is not).
 */
async function enrolTotp(cookie: string): Promise<{ secret: string; codes: string[] | null; at: number }> {
  expect((await submit({ intent: "totp.begin", currentPassword: PASSWORD }, cookie)).status).toBe(200);
  const secret = (await securityPage(cookie)).enrolment!.secret;
  const at = Date.now();
  const confirmed = await submit({ intent: "totp.confirm", code: await codeAt(secret, at) }, cookie);
  expect(confirmed.status).toBe(200);
  return { secret, codes: confirmed.data.codes, at };
}

function jsonRequest(path: string, body: unknown, cookie: string): Request {
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
    body: JSON.stringify(body),
  });
}

/** A browser's side of adding a passkey: options from the passkey endpoint, the authenticator's answer. */
async function passkeyCeremony(cookie: string): Promise<string> {
  const answer = await passkeyAction({
    request: jsonRequest("/auth/passkey", { intent: "options", purpose: "register" }, cookie),
    params: {},
    context: testContext,
  });
  expect(answer.status).toBe(200);
  const { options } = (await answer.json()) as { options: PublicKeyCredentialCreationOptionsJSON };
  return JSON.stringify(createPasskey(options, { origin: rp.origin }).response);
}

async function addPasskey(cookie: string, name: string) {
  return submit(
    { intent: "passkey.add", name, response: await passkeyCeremony(cookie), currentPassword: PASSWORD },
    cookie,
  );
}

/** A passkey on someone else's account, registered directly; returns its id. */
async function seedPasskey(person: Person, name: string): Promise<string> {
  const options = await tenantScope(person.tenantId, (tx) => passkeyRegistrationOptions(tx, rp, person));
  const { response } = createPasskey(options, { origin: rp.origin });
  const result = await tenantScope(person.tenantId, (tx) => verifyPasskeyRegistration(tx, rp, person, response, name));
  if (!result.ok) throw new Error(`Registering the passkey failed: ${result.message}`);
  return result.value.id;
}

async function passkeysOf(person: Person) {
  return database.current.db.select().from(passkeys).where(eq(passkeys.accountId, person.accountId));
}

async function emailsTo(person: Person) {
  return database.current.db.select().from(emailOutbox).where(eq(emailOutbox.toAccountId, person.accountId));
}

async function entriesBy(person: Person, action: string) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.actorAccountId, person.accountId), eq(auditEntries.action, action)))
    .orderBy(auditEntries.seq);
}

async function signInFrom(person: Person, userAgent: string, clientIp: string): Promise<string> {
  const request = new Request(new URL("/login", ORIGIN), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "User-Agent": userAgent },
    body: new URLSearchParams({ email: person.email, password: PASSWORD }),
  });
  const response = await responseOf(() => loginAction({ request, params: {}, context: { ...testContext, clientIp } }));
  expect(response.status).toBe(302);
  return cookieFrom(response);
}

const sessionIdOf = (cookie: string) => hashSessionToken(cookie.slice(cookie.indexOf("=") + 1));

function confirmFactorNow(cookie: string): Promise<void> {
  return confirmSessionFactor(database.current.db, cookie);
}

// ─── Authenticator app ────────────────────────────────────────────────────────────────────────────

describe("the authenticator app", () => {
  it("is set up with a QR code and a confirming code, and hands out recovery codes stored only as hashes", async () => {
    const tomas = await newPerson("Tomas Berg");
    const cookie = await signInCookie(tomas.email, PASSWORD);

    const begun = await submit({ intent: "totp.begin", currentPassword: PASSWORD }, cookie);
    expect(begun.status).toBe(200);
    expect(begun.data.codes).toBeNull();
    const pending = await securityPage(cookie);
    expect(pending.factors.totp).toBe(false);
    const secret = pending.enrolment!.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.enrolment!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(pending.enrolment!.qr.split(",")[1]!, "base64").toString("utf8");
    expect(svg).toMatch(/^<svg /);

    const wrong = await submit({ intent: "totp.confirm", code: await wrongCode(secret) }, cookie);
    expect(wrong.status).toBe(409);
    expect(wrong.data.fieldErrors.code?.[0]).toMatch(/^That code is not right/);
    expect(wrong.data.codes).toBeNull();
    expect((await securityPage(cookie)).factors.totp).toBe(false);

    const confirmed = await submit({ intent: "totp.confirm", code: await codeAt(secret, Date.now()) }, cookie);
    expect(confirmed.status).toBe(200);
    const codes = confirmed.data.codes!;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    const page = await securityPage(cookie);
    expect(page.factors).toEqual({ totp: true, passkeys: 0, recoveryCodesRemaining: 10 });
    expect(page.enrolment).toBeNull();

    // Only hashes and a sealed secret are stored.
    const db = database.current.db;
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, tomas.accountId));
    expect(stored).toHaveLength(10);
    const hashes = stored.map((row) => row.codeHash).join("\n");
    for (const code of codes) {
      expect(hashes).not.toContain(code);
      expect(hashes).not.toContain(code.replace("-", ""));
    }
    const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, tomas.accountId));
    expect(credential!.confirmedAt).not.toBeNull();
    expect(credential!.secretEncrypted).not.toContain(secret);

    expect(await emailsTo(tomas)).toEqual([
      expect.objectContaining({ template: "self.totpEnabled", subject: "Two-factor sign-in is on" }),
    ]);
    const entries = await entriesBy(tomas, "self.enrolTotp");
    expect(entries.map((entry) => entry.outcome)).toEqual(["allowed", "failed", "allowed"]);
    expect(entries[0]).toMatchObject({
      subjectAccountId: tomas.accountId,
      changes: { after: { totp: "set-up started" } },
    });
    expect(entries[2]).toMatchObject({ subjectAccountId: tomas.accountId, changes: { after: { totp: "on" } } });
  });

  it("is turned off only with a code not used before, and takes the recovery codes with it", async () => {
    const uma = await newPerson("Uma Patel");
    const cookie = await signInCookie(uma.email, PASSWORD);
    const { secret, at: used } = await enrolTotp(cookie);

    const replayed = await submit({ intent: "totp.disable", code: await codeAt(secret, used) }, cookie);
    expect(replayed.status).toBe(409);
    expect(replayed.data.fieldErrors.code).toEqual(["That code has already been used. Wait for the next one."]);
    expect((await securityPage(cookie)).factors.totp).toBe(true);

    const off = await submit({ intent: "totp.disable", code: await codeAt(secret, used + STEP_MS) }, cookie);
    expect(off.status).toBe(200);
    expect(off.data.message).toBe("Your authenticator app has been turned off.");
    expect((await securityPage(cookie)).factors).toEqual({ totp: false, passkeys: 0, recoveryCodesRemaining: 0 });
    const db = database.current.db;
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, uma.accountId))).toEqual([]);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, uma.accountId))).toEqual([]);
    expect((await emailsTo(uma)).map((mail) => mail.subject)).toEqual([
      "Two-factor sign-in is on",
      "Your authenticator app was turned off",
    ]);
  });

  it("keeps the recovery codes when a passkey remains", async () => {
    const vera = await newPerson("Vera Lind");
    const cookie = await signInCookie(vera.email, PASSWORD);
    const added = await addPasskey(cookie, "Phone");
    expect(added.data.codes).toHaveLength(10);
    const { secret, codes, at: enrolledAt } = await enrolTotp(cookie);
    // A person who already has recovery codes keeps them: none are shown again.
    expect(codes).toBeNull();

    const off = await submit({ intent: "totp.disable", code: await codeAt(secret, enrolledAt + STEP_MS) }, cookie);
    expect(off.status).toBe(200);
    expect((await securityPage(cookie)).factors).toEqual({ totp: false, passkeys: 1, recoveryCodesRemaining: 10 });
  });
});

// ─── Recovery codes ───────────────────────────────────────────────────────────────────────────────

describe("recovery codes", () => {
  it("are not made for an account without a second factor", async () => {
    const wes = await newPerson("Wes Ito");
    const cookie = await signInCookie(wes.email, PASSWORD);
    await confirmFactorNow(cookie);
    const refused = await submit({ intent: "recovery.regenerate" }, cookie);
    expect(refused.status).toBe(409);
    expect(refused.data.message).toBe("Set up an authenticator app or a passkey first.");
    expect(refused.data.codes).toBeNull();
    expect(
      await database.current.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, wes.accountId)),
    ).toEqual([]);
  });

  it("are replaced by ten new ones, and the old ones stop working", async () => {
    const xia = await newPerson("Xia Wen");
    const cookie = await signInCookie(xia.email, PASSWORD);
    const { codes: old } = await enrolTotp(cookie);

    // Setting up a factor does not confirm one: replacing the codes first asks for a step-up.
    const asked = await responseOf(() =>
      securityAction({
        request: formRequest("/me/security", { intent: "recovery.regenerate" }, cookie),
        params: {},
        context: testContext,
      }),
    );
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: "/me/security?resume=1" })}`,
    );
    expect((await securityPage(cookie)).factors.recoveryCodesRemaining).toBe(10);

    await confirmFactorNow(cookie);
    const renewed = await submit({ intent: "recovery.regenerate" }, cookie);
    expect(renewed.status).toBe(200);
    const fresh = renewed.data.codes!;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => old!.includes(code))).toEqual([]);

    const spend = (code: string) => tenantScope(xia.tenantId, (tx) => spendRecoveryCode(tx, xia, code));
    expect(await spend(old![0]!)).toBe(false);
    expect(await spend(fresh[0]!)).toBe(true);
    expect((await securityPage(cookie)).factors.recoveryCodesRemaining).toBe(9);
    expect(await entriesBy(xia, "self.regenerateRecoveryCodes")).toEqual([
      expect.objectContaining({ outcome: "needs_step_up" }),
      expect.objectContaining({ outcome: "allowed", changes: { after: { recoveryCount: 10 } } }),
    ]);
  });
});

// ─── Passkeys ─────────────────────────────────────────────────────────────────────────────────────

describe("passkeys", () => {
  it("are added through the browser ceremony, the first one with recovery codes", async () => {
    const yara = await newPerson("Yara Nunes");
    const cookie = await signInCookie(yara.email, PASSWORD);

    const tooLong = await addPasskey(cookie, "x".repeat(61));
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.fieldErrors.name).toEqual(["Keep the name under 60 characters."]);
    expect(await passkeysOf(yara)).toEqual([]);

    const added = await addPasskey(cookie, "  Work laptop ");
    expect(added.status).toBe(200);
    expect(added.data.message).toBe("Passkey added. You can sign in with it from now on.");
    expect(added.data.codes).toHaveLength(10);
    const page = await securityPage(cookie);
    expect(page.passkeys.map((passkey) => passkey.name)).toEqual(["Work laptop"]);
    expect(page.factors).toEqual({ totp: false, passkeys: 1, recoveryCodesRemaining: 10 });
    expect(await emailsTo(yara)).toEqual([
      expect.objectContaining({ template: "self.passkeyAdded", subject: "A passkey was added to your account" }),
    ]);

    // A second passkey brings no new codes.
    const second = await addPasskey(cookie, "Phone");
    expect(second.status).toBe(200);
    expect(second.data.codes).toBeNull();
  });

  it("are renamed only on the person's own account, and only to a name of 1 to 60 characters", async () => {
    const zoe = await newPerson("Zoe Adams");
    const other = await newPerson("Otto Brandt");
    const cookie = await signInCookie(zoe.email, PASSWORD);
    await addPasskey(cookie, "Work laptop");
    const [own] = await passkeysOf(zoe);
    const othersId = await seedPasskey(other, "Otto's key");

    const empty = await submit({ intent: "passkey.rename", passkeyId: own!.id, name: "   " }, cookie);
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.name).toEqual(["Give the passkey a name, such as “Work laptop”."]);
    expect(empty.data.target).toBe(own!.id);

    const long = await submit({ intent: "passkey.rename", passkeyId: own!.id, name: "y".repeat(61) }, cookie);
    expect(long.status).toBe(400);
    expect(long.data.fieldErrors.name).toEqual(["Keep the name under 60 characters."]);

    const notMine = await submit({ intent: "passkey.rename", passkeyId: othersId, name: "Mine now" }, cookie);
    expect(notMine.status).toBe(409);
    expect(notMine.data.message).toBe("That passkey is not on your account.");
    expect((await passkeysOf(other)).map((passkey) => passkey.name)).toEqual(["Otto's key"]);

    const renamed = await submit({ intent: "passkey.rename", passkeyId: own!.id, name: "Home desktop" }, cookie);
    expect(renamed.status).toBe(200);
    expect((await passkeysOf(zoe)).map((passkey) => passkey.name)).toEqual(["Home desktop"]);
  });

  it("are removed only from the person's own account; the last one takes the recovery codes", async () => {
    const ada = await newPerson("Ada Lovel");
    const other = await newPerson("Omar Sy");
    const cookie = await signInCookie(ada.email, PASSWORD);
    await addPasskey(cookie, "Work laptop");
    const [own] = await passkeysOf(ada);
    const othersId = await seedPasskey(other, "Omar's key");
    await confirmFactorNow(cookie);

    const notMine = await submit({ intent: "passkey.remove", passkeyId: othersId }, cookie);
    expect(notMine.status).toBe(409);
    expect(notMine.data.message).toBe("That passkey is not on your account.");
    expect(await passkeysOf(other)).toHaveLength(1);

    const removed = await submit({ intent: "passkey.remove", passkeyId: own!.id }, cookie);
    expect(removed.status).toBe(200);
    expect(removed.data.message).toBe("Passkey removed.");
    expect(await passkeysOf(ada)).toEqual([]);
    expect((await securityPage(cookie)).factors).toEqual({ totp: false, passkeys: 0, recoveryCodesRemaining: 0 });
    expect((await emailsTo(ada)).map((mail) => mail.template)).toEqual(["self.passkeyAdded", "self.passkeyRemoved"]);
  });
});

// ─── Sessions ─────────────────────────────────────────────────────────────────────────────────────

describe("where the person is signed in", () => {
  const CHROME_WINDOWS =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  const SAFARI_IPHONE =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

  it("lists each session with its device and address, and ends others but never this one", async () => {
    const sol = await newPerson("Sol Reyes");
    const here = await signInFrom(sol, CHROME_WINDOWS, "198.51.100.10");
    const phone = await signInFrom(sol, SAFARI_IPHONE, "198.51.100.20");
    const laptop = await signInFrom(sol, FIREFOX_LINUX, "198.51.100.30");

    const listed = (await securityPage(here)).sessions;
    expect(listed).toHaveLength(3);
    expect(listed.filter((session) => session.current).map((session) => session.id)).toEqual([sessionIdOf(here)]);
    expect(listed[0]!.current).toBe(true);
    expect(listed.map((session) => [session.device, session.ipAddress]).sort()).toEqual([
      ["Chrome 131 on Windows 10", "198.51.100.10"],
      ["Firefox 133 on Linux", "198.51.100.30"],
      ["Safari 17 on iOS 17.5", "198.51.100.20"],
    ]);

    const ended = await submit({ intent: "session.end", sessionId: sessionIdOf(phone) }, here);
    expect(ended.status).toBe(200);
    expect(ended.data.target).toBe(sessionIdOf(phone));
    expect((await securityPage(here)).sessions.map((session) => session.id)).not.toContain(sessionIdOf(phone));
    const signedOut = await responseOf(() =>
      meLoader({ request: getRequest("/me", phone), params: {}, context: testContext }),
    );
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toBe("/login?redirectTo=%2Fme");

    const own = await submit({ intent: "session.end", sessionId: sessionIdOf(here) }, here);
    expect(own.status).toBe(409);
    expect(own.data.message).toMatch(/sign out instead/);

    for (const garbage of ["", "not-a-session", sessionIdOf(here).toUpperCase(), `${sessionIdOf(here)}00`]) {
      const refused = await submit({ intent: "session.end", sessionId: garbage }, here);
      expect(refused.status, garbage).toBe(400);
      expect(refused.data.fieldErrors.sessionId, garbage).toEqual(["Choose a session."]);
    }

    const others = await submit({ intent: "session.endOthers" }, here);
    expect(others.status).toBe(200);
    expect(others.data.message).toBe("Every other session has ended.");
    expect((await securityPage(here)).sessions.map((session) => session.id)).toEqual([sessionIdOf(here)]);
    const laptopOut = await responseOf(() =>
      meLoader({ request: getRequest("/me", laptop), params: {}, context: testContext }),
    );
    expect(laptopOut.headers.get("Location")).toBe("/login?redirectTo=%2Fme");
    expect((await meLoader({ request: getRequest("/me", here), params: {}, context: testContext })).profile.email).toBe(
      sol.email,
    );
  });
});

// ─── Only one's own account ───────────────────────────────────────────────────────────────────────

describe("last active", () => {
  it("follows use to within a few minutes, not only when the idle time is half gone", async () => {
    const rae = await newPerson("Rae Moss");
    const cookie = await signInCookie(rae.email, PASSWORD);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await database.current.db
      .update(sessions)
      .set({ lastActiveAt: hourAgo })
      .where(eq(sessions.id, sessionIdOf(cookie)));
    const [listed] = (await securityPage(cookie)).sessions;
    expect(Date.now() - new Date(listed!.lastActiveAt).getTime()).toBeLessThan(60_000);
  });
});

describe("acting on another account from this page", () => {
  it("is impossible: the page acts on the signed-in person's account whatever account id is posted", async () => {
    const mo = await newPerson("Mo Farah");
    const vic = await newPerson("Vic Tim");
    const cookie = await signInCookie(mo.email, PASSWORD);
    const moElsewhere = await signInCookie(mo.email, PASSWORD);
    const vicCookie = await signInCookie(vic.email, PASSWORD);
    const victim = { accountId: vic.accountId };

    const others = await submit({ intent: "session.endOthers", ...victim }, cookie);
    expect(others.status).toBe(200);
    const db = database.current.db;
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(vicCookie))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(moElsewhere))),
    ).toEqual([]);

    const vicsSession = await submit({ intent: "session.end", sessionId: sessionIdOf(vicCookie), ...victim }, cookie);
    expect(vicsSession.status).toBe(409);
    expect(vicsSession.data.message).toBe("That session has already ended.");
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(vicCookie))),
    ).toHaveLength(1);

    expect((await submit({ intent: "totp.begin", currentPassword: PASSWORD, ...victim }, cookie)).status).toBe(200);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, vic.accountId))).toEqual([]);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.accountId, mo.accountId))).toHaveLength(1);

    // The trail says the same: every change Mo made was to Mo's account (a failed attempt names no subject).
    const recorded = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.actorAccountId, mo.accountId))
      .orderBy(auditEntries.seq);
    expect(
      recorded
        .filter((entry) => entry.action.startsWith("self."))
        .map((entry) => [entry.action, entry.outcome, entry.subjectAccountId]),
    ).toEqual([
      ["self.endOtherSessions", "allowed", mo.accountId],
      // A failed attempt on one's own account is about that account, and its owner sees it.
      ["self.endSession", "failed", mo.accountId],
      ["self.enrolTotp", "allowed", mo.accountId],
    ]);
  });
});

describe("a session on its own", () => {
  // What someone holding only a session (a borrowed laptop, a stolen cookie) cannot do: add a way to sign in
  // without the password, or guess their way through the password or a code the page asks for.
  it("cannot add an authenticator app or a passkey without the current password", async () => {
    const una = await newPerson("Una Reid");
    const cookie = await signInCookie(una.email, PASSWORD);
    const missing = await submit({ intent: "totp.begin" }, cookie);
    expect(missing.status).toBe(400);
    expect(missing.data.fieldErrors.currentPassword).toEqual(["Enter your current password."]);
    const wrong = await submit({ intent: "totp.begin", currentPassword: "not the password" }, cookie);
    expect(wrong.status).toBe(409);
    expect(wrong.data.fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    expect((await securityPage(cookie)).enrolment).toBeNull();

    const passkey = await submit(
      { intent: "passkey.add", name: "Thief's key", response: await passkeyCeremony(cookie), currentPassword: "nope" },
      cookie,
    );
    expect(passkey.status).toBe(409);
    expect(passkey.data.fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    expect(await passkeysOf(una)).toEqual([]);
    // The person sees the failed attempts in their own activity.
    const activity = (await securityPage(cookie)).activity.filter((entry) => entry.outcome === "failed");
    expect(activity.map((entry) => entry.action).sort()).toEqual(["self.addPasskey", "self.enrolTotp"]);
  });

  it("counts wrong passwords and codes against the account's throttle, and is then refused", async () => {
    const vic = await newPerson("Vic Lane");
    const cookie = await signInCookie(vic.email, PASSWORD);
    const { secret } = await enrolTotp(cookie);
    const bad = await wrongCode(secret);
    // Two wrong codes and three wrong passwords: the fifth failure pauses the account.
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await submit({ intent: "totp.disable", code: bad }, cookie)).status).toBe(409);
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await submit(
        { intent: "passkey.add", name: "x", response: "{}", currentPassword: `wrong ${attempt}` },
        cookie,
      );
      expect(answer.data.fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    }
    const paused = await submit({ intent: "totp.disable", code: await codeAt(secret, Date.now() + STEP_MS) }, cookie);
    expect(paused.status).toBe(409);
    expect(paused.data.fieldErrors.code![0]).toMatch(/Too many failed attempts/);
    expect((await securityPage(cookie)).factors.totp).toBe(true);
    // Signing in with the right password is paused too: the throttle is the same.
    const login = unwrapData(
      await loginAction({
        request: formRequest("/login", { email: vic.email, password: PASSWORD }),
        params: {},
        context: testContext,
      }),
    );
    expect(login.status).toBe(429);
  });
});

describe("a request the page does not know", () => {
  it("is answered 400 without acting", async () => {
    const kit = await newPerson("Kit Moss");
    const cookie = await signInCookie(kit.email, PASSWORD);
    const cases: Record<string, string>[] = [
      { intent: "account.suspend" },
      { intent: "totp.nonsense" },
      {},
      { intent: "toString" },
    ];
    for (const fields of cases) {
      const result = await submit(fields, cookie);
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(result.data.message, JSON.stringify(fields)).toBe("That request was not understood.");
    }
    const recorded = await database.current.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.actorAccountId, kit.accountId));
    expect(recorded.filter((entry) => entry.action !== "auth.signIn")).toEqual([]);
  });
});
