// Signing in as a browser does it, through the real route modules: the password step, the second step at
// /login/verify, passkeys at /auth/passkey, the throttles, open redirects and sign-out, with what each leaves
// in the account's trail. Each test makes its own accounts, and the tests that fail on purpose each come
// from an address of their own, so one test's failures never lock another test out.
import type { AppLoadContext } from "@remix-run/node";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEntries, sessions } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { WRONG_CREDENTIALS } from "~/actions/authentication.server";
import { tenantScope } from "~/db.server";
import { action as passkeyAction, loader as passkeyLoader } from "~/routes/auth.passkey";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as verifyAction, loader as verifyLoader } from "~/routes/login_.verify";
import { action as logoutAction } from "~/routes/logout";
import { loader as meLoader } from "~/routes/me._index";
import { loader as securityLoader } from "~/routes/me.security";
import { REFUSED_REDIRECT_NOTICE } from "~/security/redirect";
import { formRequest, getRequest, ORIGIN, responseOf, setupTestDatabase, testContext } from "~/testing/harness";
import { codeAt, STEP_MS, wrongCode } from "~/testing/totp";
import { generateRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes.server";
import { hashSessionToken, type AccountRef } from "./session-adapter.server";
import { beginTotpEnrolment, confirmTotpEnrolment } from "./totp.server";
import {
  PASSKEY_MESSAGES,
  passkeyRegistrationOptions,
  relyingParty,
  verifyPasskeyRegistration,
} from "./webauthn.server";
import { assertPasskey, createPasskey, otherKey, type SoftwarePasskey } from "./webauthn-test-authenticator";

const PASSWORD = "correct horse battery staple";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) vitest";

const database = setupTestDatabase();
const rp = relyingParty(new Request(ORIGIN));
let acme: { id: string; slug: string; name: string };

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
});

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────────────

interface TestAccount extends AccountRef {
  email: string;
  displayName: string;
}

let accountNumber = 0;

async function newAccount(
  options: { roles?: ("domain_admin" | "helpdesk_admin")[]; status?: "active" | "suspended" } = {},
): Promise<TestAccount> {
  accountNumber += 1;
  const email = `person${accountNumber}@acme.example`;
  const displayName = `Person ${accountNumber}`;
  const { id } = await createAccount(database.current.db, {
    tenantId: acme.id,
    email,
    displayName,
    password: PASSWORD,
    ...options,
  });
  return { tenantId: acme.id, accountId: id, email, displayName };
}

let addressNumber = 0;

/** The context of a request from an address no other test uses. */
function freshContext(): AppLoadContext {
  addressNumber += 1;
  return { ...testContext, clientIp: `198.51.100.${addressNumber}` };
}

interface Answer<T> {
  status: number;
  data: T | null;
  headers: Headers;
}

/** Status, data and headers of whatever a loader or action returned or threw (a Response or `data(...)`). */
async function answerOf<T>(run: () => Promise<unknown>): Promise<Answer<T>> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, data: null, headers: result.headers };
  const wrapped = result as { type?: string; data?: T; init?: ResponseInit | null };
  if (wrapped && wrapped.type === "DataWithResponseInit") {
    return { status: wrapped.init?.status ?? 200, data: wrapped.data!, headers: new Headers(wrapped.init?.headers) };
  }
  return { status: 200, data: result as T, headers: new Headers() };
}

/** Name → value of every cookie a response sets. */
function cookiesSet(headers: Headers): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of headers.getSetCookie()) {
    const pair = header.split(";")[0]!;
    const separator = pair.indexOf("=");
    cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
  }
  return cookies;
}

function cookiePair(headers: Headers, name: string): string {
  const value = cookiesSet(headers).get(name);
  if (!value) throw new Error(`The response set no ${name} cookie`);
  return `${name}=${value}`;
}

type LoginData = { fieldErrors: Record<string, string[] | undefined>; formError: string | null };
type VerifyData = { intent: string; fieldErrors: Record<string, string[] | undefined> };

function submitLogin(fields: Record<string, string>, context: AppLoadContext, cookie?: string) {
  return answerOf<LoginData>(() =>
    loginAction({ request: formRequest("/login", fields, cookie), params: {}, context }),
  );
}

function submitCode(fields: Record<string, string>, cookie: string, context: AppLoadContext) {
  return answerOf<VerifyData>(() =>
    verifyAction({ request: formRequest("/login/verify", fields, cookie), params: {}, context }),
  );
}

/** The password step for an account with a second factor; returns the pending sign-in cookie. */
async function passwordStep(email: string, context: AppLoadContext): Promise<string> {
  const answer = await submitLogin({ email, password: PASSWORD }, context);
  expect(answer.status).toBe(302);
  expect(answer.headers.get("Location")).toBe("/login/verify");
  return cookiePair(answer.headers, "glasshouse_pending");
}

async function trailOf(accountId: string) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.subjectAccountId, accountId))
    .orderBy(asc(auditEntries.seq));
}

async function sessionCount(accountId: string): Promise<number> {
  const rows = await database.current.db.select().from(sessions).where(eq(sessions.accountId, accountId));
  return rows.length;
}

/** Whether the session cookie still opens My account. */
async function sessionWorks(cookie: string): Promise<boolean> {
  const answer = await answerOf(() =>
    meLoader({ request: getRequest("/me", cookie), params: {}, context: testContext }),
  );
  return answer.status === 200;
}

/** Sets up and confirms an authenticator app, confirmed with an old code so that today's codes are unused. */
async function withTotp(account: AccountRef): Promise<string> {
  const secret = await tenantScope(account.tenantId, (tx) => beginTotpEnrolment(tx, account));
  const earlier = Date.now() - 10 * STEP_MS;
  const check = await tenantScope(account.tenantId, async (tx) =>
    confirmTotpEnrolment(tx, account, await codeAt(secret, earlier), earlier),
  );
  expect(check.ok).toBe(true);
  return secret;
}

async function withRecoveryCodes(account: AccountRef): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tenantScope(account.tenantId, (tx) => replaceRecoveryCodes(tx, account, codes));
  return codes;
}

/** Registers a software passkey for the account through the real registration ceremony. */
async function withPasskey(account: TestAccount): Promise<SoftwarePasskey> {
  const creation = await tenantScope(account.tenantId, (tx) => passkeyRegistrationOptions(tx, rp, account));
  const { passkey, response } = createPasskey(creation, { origin: ORIGIN });
  const result = await tenantScope(account.tenantId, (tx) =>
    verifyPasskeyRegistration(tx, rp, account, response, "Test key"),
  );
  expect(result.ok).toBe(true);
  return passkey;
}

function passkeyRequest(body: unknown, cookie?: string, contentType = "application/json"): Request {
  const headers: Record<string, string> = { "Content-Type": contentType, Origin: ORIGIN, "User-Agent": USER_AGENT };
  if (cookie) headers.Cookie = cookie;
  return new Request(new URL("/auth/passkey", ORIGIN), {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

type PasskeyAnswer = {
  ok: boolean;
  message?: string;
  redirectTo?: string;
  options?: PublicKeyCredentialRequestOptionsJSON;
};

async function callPasskey(body: unknown, context: AppLoadContext, cookie?: string, contentType?: string) {
  const response = await passkeyAction({ request: passkeyRequest(body, cookie, contentType), params: {}, context });
  return { status: response.status, headers: response.headers, json: (await response.json()) as PasskeyAnswer };
}

async function signInOptions(context: AppLoadContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const answer = await callPasskey({ intent: "options", purpose: "sign-in" }, context);
  expect(answer.status).toBe(200);
  return answer.json.options!;
}

// ─── Tests ────────────────────────────────────────────────────────────────────────────────────────

describe("signing in with a password alone", () => {
  it("signs in an account without a second factor and shows the sign-in in its own activity", async () => {
    const account = await newAccount();
    const answer = await submitLogin({ email: account.email, password: PASSWORD }, testContext);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/me");
    const cookie = cookiePair(answer.headers, "glasshouse_session");

    const entries = await trailOf(account.accountId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "auth.signIn",
      outcome: "allowed",
      ipAddress: "203.0.113.7",
      userAgent: USER_AGENT,
      visibility: "subject",
      actorAccountId: account.accountId,
      target: { method: "password" },
    });

    const page = await securityLoader({
      request: getRequest("/me/security", cookie),
      params: {},
      context: testContext,
    });
    expect(page.activity).toEqual([
      expect.objectContaining({ action: "auth.signIn", outcome: "allowed", ipAddress: "203.0.113.7" }),
    ]);
  });
});

describe("the second step", () => {
  it("asks an account with an authenticator app for a code, refuses bad and replayed codes, and takes the right one", async () => {
    const context = freshContext();
    const account = await newAccount({ roles: ["domain_admin"] });
    const secret = await withTotp(account);

    // The password alone starts no session: only a sealed "pending" cookie for the second step.
    const step = await submitLogin({ email: account.email, password: PASSWORD }, context);
    expect(step.status).toBe(302);
    expect(step.headers.get("Location")).toBe("/login/verify");
    expect([...cookiesSet(step.headers).keys()]).toEqual(["glasshouse_pending"]);
    expect(await sessionCount(account.accountId)).toBe(0);
    const pending = cookiePair(step.headers, "glasshouse_pending");

    const withoutCookie = await answerOf(() =>
      verifyLoader({ request: getRequest("/login/verify"), params: {}, context }),
    );
    expect(withoutCookie.status).toBe(302);
    expect(withoutCookie.headers.get("Location")).toBe("/login");
    const page = await verifyLoader({ request: getRequest("/login/verify", pending), params: {}, context });
    expect(page).toEqual({
      email: account.email,
      factors: { totp: true, passkeys: 0, recoveryCodesRemaining: 0 },
    });

    // A code of the wrong length is refused and recorded, but does not count towards a lock: it can never
    // match, so counting it would only bring a person who mistyped closer to being locked out.
    const tooShort = await submitCode({ intent: "totp", code: "12345" }, pending, context);
    expect(tooShort.status).toBe(400);
    expect(tooShort.data!.fieldErrors.code).toEqual(["Enter the 6-digit code from your authenticator app."]);
    expect(await sessionCount(account.accountId)).toBe(0);
    let failures = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.secondFactorFailed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ outcome: "failed", target: { method: "totp", failures: null } });

    const wrong = await submitCode({ intent: "totp", code: await wrongCode(secret) }, pending, context);
    expect(wrong.status).toBe(400);
    expect(wrong.data!.fieldErrors.code![0]).toMatch(/That code is not right/);
    failures = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.secondFactorFailed");
    expect(failures).toHaveLength(2);
    expect(failures[1]).toMatchObject({
      outcome: "failed",
      ipAddress: context.clientIp,
      userAgent: USER_AGENT,
      visibility: "subject",
      target: { method: "totp", purpose: "sign-in", failures: 1 },
    });

    const code = await codeAt(secret, Date.now());
    const right = await submitCode({ intent: "totp", code }, pending, context);
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/t/acme/");
    const cookies = cookiesSet(right.headers);
    expect(cookies.get("glasshouse_session")).toMatch(/^[a-z2-7]{40}$/);
    expect(cookies.get("glasshouse_pending")).toBe("");
    expect(right.headers.getSetCookie().find((header) => header.startsWith("glasshouse_pending="))).toMatch(
      /Max-Age=0/i,
    );
    expect(await sessionWorks(cookiePair(right.headers, "glasshouse_session"))).toBe(true);
    const signIns = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.signIn");
    expect(signIns).toEqual([expect.objectContaining({ outcome: "allowed", target: { method: "password+totp" } })]);

    // The same code in a new sign-in: the password is right again, the code is spent.
    const again = await passwordStep(account.email, context);
    const replayed = await submitCode({ intent: "totp", code }, again, context);
    expect(replayed.status).toBe(400);
    expect(replayed.data!.fieldErrors.code![0]).toMatch(/already been used/);
    expect(cookiesSet(replayed.headers).has("glasshouse_session")).toBe(false);
  });

  it("takes a recovery code once in place of the authenticator code", async () => {
    const context = freshContext();
    const account = await newAccount();
    await withTotp(account);
    const [code] = await withRecoveryCodes(account);

    const pending = await passwordStep(account.email, context);
    const page = await verifyLoader({ request: getRequest("/login/verify", pending), params: {}, context });
    expect(page.factors.recoveryCodesRemaining).toBe(10);
    // As a person may type it: upper case, with spaces.
    const first = await submitCode({ intent: "recovery", code: ` ${code!.toUpperCase()} ` }, pending, context);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/me");
    expect(await sessionWorks(cookiePair(first.headers, "glasshouse_session"))).toBe(true);
    const signIn = (await trailOf(account.accountId)).find((entry) => entry.action === "auth.signIn");
    expect(signIn?.target).toEqual({ method: "password+recovery" });

    const again = await passwordStep(account.email, context);
    const second = await submitCode({ intent: "recovery", code: code! }, again, context);
    expect(second.status).toBe(400);
    expect(second.data!.fieldErrors.code).toEqual(["That recovery code is not right, or it has been used."]);
    expect(cookiesSet(second.headers).has("glasshouse_session")).toBe(false);
    const failed = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.secondFactorFailed");
    expect(failed).toEqual([expect.objectContaining({ target: expect.objectContaining({ method: "recovery" }) })]);
  });
});

describe("the account throttle", () => {
  it("locks an account at the fifth wrong password, refuses even the right one, and lets it in after the delay", async () => {
    const context = freshContext();
    const account = await newAccount();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = await submitLogin({ email: account.email, password: `wrong guess ${attempt}` }, context);
      expect(answer.status, `attempt ${attempt}`).toBe(400);
      expect(answer.data!.formError).toBe(WRONG_CREDENTIALS);
    }
    const fifth = await submitLogin({ email: account.email, password: "wrong guess 5" }, context);
    expect(fifth.status).toBe(429);
    expect(fifth.data!.formError).toMatch(/try again in 30 seconds/);
    const retryAfter = Number(fifth.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(29);
    expect(retryAfter).toBeLessThanOrEqual(30);

    const sixth = await submitLogin({ email: account.email, password: PASSWORD }, context);
    expect(sixth.status).toBe(429);
    expect(sixth.data!.formError).toMatch(/try again in \d+ seconds/);
    expect(cookiesSet(sixth.headers).size).toBe(0);
    expect(await sessionCount(account.accountId)).toBe(0);
    const entries = await trailOf(account.accountId);
    expect(entries.map((entry) => entry.outcome)).toEqual(["failed", "failed", "failed", "failed", "failed", "denied"]);
    expect(entries.at(-1)).toMatchObject({
      action: "auth.signInFailed",
      outcome: "denied",
      ipAddress: context.clientIp,
      target: expect.objectContaining({ scope: "account" }),
    });

    // Time moves (only Date is faked: the database and argon2 keep running), past the 30 s lock.
    const later = new Date(Date.now() + 31_000);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(later);
      const after = await submitLogin({ email: account.email, password: PASSWORD }, context);
      expect(after.status).toBe(302);
      expect(cookiesSet(after.headers).get("glasshouse_session")).toMatch(/^[a-z2-7]{40}$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts wrong authenticator codes against the same account: five lock it, and the right code is refused", async () => {
    const context = freshContext();
    const account = await newAccount();
    const secret = await withTotp(account);
    const pending = await passwordStep(account.email, context);
    const wrong = await wrongCode(secret);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = await submitCode({ intent: "totp", code: wrong }, pending, context);
      expect(answer.status, `attempt ${attempt}`).toBe(400);
      expect(answer.data!.fieldErrors.code![0]).toMatch(/That code is not right/);
    }
    const fifth = await submitCode({ intent: "totp", code: wrong }, pending, context);
    expect(fifth.data!.fieldErrors.code![0]).toMatch(/try again in 30 seconds/);

    const right = await submitCode({ intent: "totp", code: await codeAt(secret, Date.now()) }, pending, context);
    expect(right.status).toBe(429);
    expect(right.data!.fieldErrors.code![0]).toMatch(/try again in \d+ seconds/);
    expect(cookiesSet(right.headers).has("glasshouse_session")).toBe(false);
    expect(await sessionCount(account.accountId)).toBe(0);
    // The lock is the account's, not the pending cookie's: the password is refused now too.
    const password = await submitLogin({ email: account.email, password: PASSWORD }, context);
    expect(password.status).toBe(429);
  });

  it("answers the code that reaches the limit with 429, as the password step does", async () => {
    const context = freshContext();
    const account = await newAccount();
    const secret = await withTotp(account);
    const pending = await passwordStep(account.email, context);
    const wrong = await wrongCode(secret);
    for (let attempt = 1; attempt <= 4; attempt++) await submitCode({ intent: "totp", code: wrong }, pending, context);
    const fifth = await submitCode({ intent: "totp", code: wrong }, pending, context);
    expect(fifth.data!.fieldErrors.code![0]).toMatch(/try again in 30 seconds/);
    expect(fifth.status).toBe(429);
  });

  it("does not forget wrong codes when the password is entered again", async () => {
    // Otherwise whoever knows the password gets four guesses at the code per password entry, for ever.
    const context = freshContext();
    const account = await newAccount();
    const secret = await withTotp(account);
    const wrong = await wrongCode(secret);
    const first = await passwordStep(account.email, context);
    for (let attempt = 1; attempt <= 4; attempt++) await submitCode({ intent: "totp", code: wrong }, first, context);
    const second = await passwordStep(account.email, context);
    const fifth = await submitCode({ intent: "totp", code: wrong }, second, context);
    expect(fifth.data!.fieldErrors.code![0]).toMatch(/try again in 30 seconds/);
    const right = await submitCode({ intent: "totp", code: await codeAt(secret, Date.now()) }, second, context);
    expect(right.status).toBe(429);
  });
});

describe("parallel guesses", () => {
  // On PostgreSQL the attempts really run at once; the throttle is held for the length of each attempt, so
  // they queue up, and only the first five are weighed before the lock refuses the rest. (PGlite runs one
  // transaction at a time, where this holds trivially.)
  it("are weighed one after another: ten at once cost the attacker the same as ten in a row", async () => {
    const account = await newAccount();
    const context = freshContext();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => submitLogin({ email: account.email, password: "wrong guess 123" }, context)),
    );
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(6);
    const trail = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.signInFailed");
    expect(trail.filter((entry) => entry.outcome === "failed")).toHaveLength(5);
    expect(trail.filter((entry) => entry.outcome === "denied")).toHaveLength(5);
  });
});

describe("the address throttle", () => {
  it("locks an address after twenty failures across accounts, for everyone from it and no one else", async () => {
    const attacker = freshContext();
    const bystander = freshContext();
    const victim = await newAccount();
    for (let attempt = 1; attempt <= 19; attempt++) {
      // Mostly addresses with no account, and a few wrong passwords for a real one.
      const email = attempt % 5 === 0 ? victim.email : `nobody${attempt}@nowhere.example`;
      const answer = await submitLogin({ email, password: `spray ${attempt}` }, attacker);
      expect(answer.status, `attempt ${attempt}`).toBe(400);
    }
    const twentieth = await submitLogin({ email: "nobody20@nowhere.example", password: "spray 20" }, attacker);
    expect(twentieth.status).toBe(429);
    expect(twentieth.data!.formError).toMatch(/try again in 30 seconds/);

    const fresh = await newAccount();
    const refused = await submitLogin({ email: fresh.email, password: PASSWORD }, attacker);
    expect(refused.status).toBe(429);
    expect(cookiesSet(refused.headers).size).toBe(0);
    expect(await trailOf(fresh.accountId)).toEqual([
      expect.objectContaining({
        action: "auth.signInFailed",
        outcome: "denied",
        ipAddress: attacker.clientIp,
        target: expect.objectContaining({ scope: "ip" }),
      }),
    ]);

    const elsewhere = await submitLogin({ email: fresh.email, password: PASSWORD }, bystander);
    expect(elsewhere.status).toBe(302);
    expect(cookiesSet(elsewhere.headers).has("glasshouse_session")).toBe(true);
  });
});

describe("refusing a suspended account", () => {
  it("names the organisation to a suspended person with the right password and records the attempt", async () => {
    const context = freshContext();
    const account = await newAccount({ status: "suspended" });
    const answer = await submitLogin({ email: account.email, password: PASSWORD }, context);
    expect(answer.status).toBe(400);
    expect(answer.data!.formError).toMatch(/Your account at Acme Ltd is suspended/);
    expect(cookiesSet(answer.headers).size).toBe(0);
    expect(await sessionCount(account.accountId)).toBe(0);
    expect(await trailOf(account.accountId)).toEqual([
      expect.objectContaining({
        action: "auth.signInFailed",
        outcome: "denied",
        ipAddress: context.clientIp,
        visibility: "subject",
      }),
    ]);
  });
});

describe("the passkey route", () => {
  it("answers bad requests with a status and a JSON message, never a 500", async () => {
    const context = freshContext();
    const get = await passkeyLoader();
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ ok: false, message: "Use POST." });

    const notJson = await callPasskey("intent=options", context, undefined, "application/x-www-form-urlencoded");
    expect(notJson.status).toBe(415);
    expect(notJson.json).toMatchObject({ ok: false, message: "Send a JSON body (Content-Type: application/json)." });

    for (const body of [
      { intent: "verify", purpose: "sign-in", response: {} },
      { intent: "verify", purpose: "sign-in", response: { id: "not base64url!" } },
      { intent: "verify", purpose: "sign-in" },
      { intent: "verify", purpose: "register", response: {} },
      { intent: "unknown" },
      [],
      null,
    ]) {
      const answer = await callPasskey(body, context);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.ok).toBe(false);
      expect(answer.json.message).toEqual(expect.any(String));
    }

    const noPending = await callPasskey({ intent: "options", purpose: "second-factor" }, context);
    expect(noPending.status).toBe(401);
    expect(noPending.json.message).toMatch(/sign-in has expired/);
  });

  it("refuses a forged passkey response and records it for the account", async () => {
    const context = freshContext();
    const account = await newAccount();
    const passkey = await withPasskey(account);
    const options = await signInOptions(context);
    const forged = assertPasskey(passkey, options, { origin: ORIGIN, signWith: otherKey() });
    const answer = await callPasskey({ intent: "verify", purpose: "sign-in", response: forged }, context);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ok: false, message: PASSKEY_MESSAGES.invalid });
    expect(cookiesSet(answer.headers).size).toBe(0);
    expect(await sessionCount(account.accountId)).toBe(0);
    expect(await trailOf(account.accountId)).toEqual([
      expect.objectContaining({
        action: "auth.secondFactorFailed",
        outcome: "failed",
        ipAddress: context.clientIp,
        target: { method: "passkey", purpose: "sign-in" },
      }),
    ]);
  });

  it("signs in with a passkey alone, and refuses the same response a second time", async () => {
    const context = freshContext();
    const account = await newAccount();
    const passkey = await withPasskey(account);
    const options = await signInOptions(context);
    const response = assertPasskey(passkey, options, { origin: ORIGIN });

    const answer = await callPasskey({ intent: "verify", purpose: "sign-in", response }, context);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, redirectTo: "/me" });
    const cookie = cookiePair(answer.headers, "glasshouse_session");
    expect(await sessionWorks(cookie)).toBe(true);
    const signIns = (await trailOf(account.accountId)).filter((entry) => entry.action === "auth.signIn");
    expect(signIns).toEqual([
      // The entry names the passkey used, so the person can tell their devices apart in their activity.
      expect.objectContaining({
        outcome: "allowed",
        ipAddress: context.clientIp,
        target: { method: "passkey", passkey: "Test key", passkeyId: expect.any(String) },
      }),
    ]);

    const replay = await callPasskey({ intent: "verify", purpose: "sign-in", response }, context);
    expect(replay.status).toBe(400);
    expect(replay.json.ok).toBe(false);
    expect(cookiesSet(replay.headers).size).toBe(0);
    expect(await sessionCount(account.accountId)).toBe(1);
  });
});

describe("redirects after sign-in", () => {
  it("refuses to send a person to another site, tells them, and leaves a trace", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const page = await loginLoader({
      request: getRequest("/login?redirectTo=https://evil.example/"),
      params: {},
      context: testContext,
    });
    expect(page).toEqual({ redirectTo: null, notice: REFUSED_REDIRECT_NOTICE, reset: false });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"event":"redirect.refused"'));

    const account = await newAccount({ roles: ["domain_admin"] });
    const answer = await submitLogin(
      { email: account.email, password: PASSWORD, redirectTo: "//evil.example" },
      testContext,
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/t/acme/");
  });
});

describe("signing out", () => {
  it("records the sign-out and ends the session", async () => {
    const account = await newAccount();
    const signIn = await submitLogin({ email: account.email, password: PASSWORD }, testContext);
    const cookie = cookiePair(signIn.headers, "glasshouse_session");
    expect(await sessionWorks(cookie)).toBe(true);

    const response = await responseOf(() =>
      logoutAction({ request: formRequest("/logout", {}, cookie), params: {}, context: testContext }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await sessionWorks(cookie)).toBe(false);
    const left = await database.current.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashSessionToken(cookie.split("=")[1]!)));
    expect(left).toEqual([]);
    expect((await trailOf(account.accountId)).at(-1)).toMatchObject({
      action: "auth.signOut",
      outcome: "allowed",
      actorAccountId: account.accountId,
      visibility: "subject",
    });
  });
});
