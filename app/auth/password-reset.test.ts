// Forgetting and changing a password, through the real route modules: the reset link by email (what the
// page gives away, what the link may be used for and how often), the change form at /me/password, and the
// forced change after an admin reset. Each test makes its own accounts.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEntries, emailOutbox, passwordResetTokens, sessions } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { WRONG_CREDENTIALS } from "~/actions/authentication.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { loader as meLoader } from "~/routes/me._index";
import { action as changeAction, loader as changeLoader } from "~/routes/me.password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { loader as consoleLoader } from "~/routes/t.$tenant";
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

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "quiet lantern over the orchard";
const LINK_SPENT = /expired or has already been used/;
const database = setupTestDatabase();
let acme: { id: string; slug: string };
let globex: { id: string; slug: string };

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(database.current.db, { slug: "globex", name: "Globex" });
});

let accountNumber = 0;

async function newAccount(
  options: { roles?: "domain_admin"[]; mustChangePassword?: boolean } = {},
): Promise<{ id: string; email: string }> {
  accountNumber += 1;
  const account = await createAccount(database.current.db, {
    tenantId: acme.id,
    email: `reader${accountNumber}@acme.example`,
    displayName: `Reader ${accountNumber}`,
    password: PASSWORD,
    roles: options.roles,
  });
  if (options.mustChangePassword) {
    await database.current.db.update(accounts).set({ mustChangePassword: true }).where(eq(accounts.id, account.id));
  }
  return account;
}

type ForgotData = { sent: boolean; email: string; fieldErrors: Record<string, string[] | undefined> };
type ResetData = { fieldErrors: Record<string, string[] | undefined>; formError: string | null };
type ChangeData = ResetData;

async function forgot(email: string) {
  return unwrapData<ForgotData>(
    await forgotAction({ request: formRequest("/forgot-password", { email }), params: {}, context: testContext }),
  );
}

async function emailsTo(address: string) {
  return database.current.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(asc(emailOutbox.createdAt));
}

/** Asks for a reset link and reads its token from the queued email. */
async function resetLink(email: string): Promise<string> {
  const before = (await emailsTo(email)).length;
  await forgot(email);
  const mails = await emailsTo(email);
  expect(mails).toHaveLength(before + 1);
  const match = /\/reset-password\/(\S+)/.exec(mails.at(-1)!.bodyText);
  if (!match) throw new Error("The email holds no reset link");
  return match[1]!;
}

function checkLink(token: string) {
  return resetLoader({ request: getRequest(`/reset-password/${token}`), params: { token }, context: testContext });
}

async function submitNewPassword(token: string, password: string, confirmPassword = password) {
  return responseOrData<ResetData>(() =>
    resetAction({
      request: formRequest(`/reset-password/${encodeURIComponent(token)}`, { password, confirmPassword }),
      params: { token },
      context: testContext,
    }),
  );
}

/** A redirect (as a Response) or the action's data, with the status either way. */
async function responseOrData<T>(
  run: () => Promise<unknown>,
): Promise<{ status: number; response: Response | null; data: T | null }> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, response: result, data: null };
  const { data, status } = unwrapData<T>(result);
  return { status, response: null, data };
}

function signIn(email: string, password: string) {
  return responseOrData<{ formError: string | null }>(() =>
    loginAction({ request: formRequest("/login", { email, password }), params: {}, context: testContext }),
  );
}

async function trailOf(accountId: string) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.subjectAccountId, accountId))
    .orderBy(asc(auditEntries.seq));
}

async function sessionsOf(accountId: string) {
  return database.current.db.select().from(sessions).where(eq(sessions.accountId, accountId));
}

/** What /me answers the cookie: 200 when the session works, otherwise the redirect. */
async function openMe(cookie: string): Promise<{ status: number; location: string | null }> {
  try {
    await meLoader({ request: getRequest("/me", cookie), params: {}, context: testContext });
    return { status: 200, location: null };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location") };
  }
}

function changePassword(cookie: string, fields: Record<string, string>) {
  return responseOrData<ChangeData>(() =>
    changeAction({ request: formRequest("/me/password", fields, cookie), params: {}, context: testContext }),
  );
}

async function mustChange(accountId: string): Promise<boolean> {
  const [row] = await database.current.db
    .select({ mustChangePassword: accounts.mustChangePassword })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row!.mustChangePassword;
}

// ─── Forgot password ──────────────────────────────────────────────────────────────────────────────

describe("asking for a reset link", () => {
  it("answers alike for unknown and real emails, and emails a link only to the real one", async () => {
    const account = await newAccount();
    const unknown = await forgot("nobody@acme.example");
    const real = await forgot(account.email);
    expect(unknown).toEqual({ status: 200, data: { sent: true, email: "nobody@acme.example", fieldErrors: {} } });
    expect(real).toEqual({ status: 200, data: { sent: true, email: account.email, fieldErrors: {} } });

    expect(await emailsTo("nobody@acme.example")).toEqual([]);
    const mails = await emailsTo(account.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "auth.passwordReset", toAccountId: account.id, tenantId: acme.id });
    expect(mails[0]!.bodyText).toMatch(new RegExp(`${ORIGIN}/reset-password/${acme.id}\\.[a-z2-7]{40,64}\\n`));
    expect((await trailOf(account.id)).map((entry) => entry.action)).toEqual(["auth.passwordResetRequested"]);
  });

  it("points at a malformed email and keeps what was typed", async () => {
    const { status, data } = await forgot("not an email");
    expect(status).toBe(400);
    expect(data.sent).toBe(false);
    expect(data.email).toBe("not an email");
    expect(data.fieldErrors.email).toEqual(["Enter an email address like name@example.com."]);
  });
});

// ─── Using the link ───────────────────────────────────────────────────────────────────────────────

describe("resetting with the link", () => {
  it("refuses a weak password without spending the link, then sets a good one and ends every session", async () => {
    const account = await newAccount();
    const session = await signInCookie(account.email, PASSWORD);
    expect(await sessionsOf(account.id)).toHaveLength(1);
    const token = await resetLink(account.email);
    expect(await checkLink(token)).toEqual({ valid: true, email: account.email, problem: null });

    const common = await submitNewPassword(token, "password1234");
    expect(common.status).toBe(400);
    expect(common.data!.fieldErrors.password![0]).toMatch(/most common passwords/);
    // Refused only after the link was taken (the check needs the account's email): that must roll back.
    const personal = await submitNewPassword(token, `${account.email.split("@")[0]} new secret words`);
    expect(personal.status).toBe(400);
    expect(personal.data!.fieldErrors.password).toEqual([
      "Choose a password that does not contain your email address.",
    ]);
    expect(await checkLink(token)).toMatchObject({ valid: true });

    const done = await submitNewPassword(token, NEW_PASSWORD);
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/login?reset=done");
    expect(await sessionsOf(account.id)).toEqual([]);
    expect((await openMe(session)).status).toBe(302);

    const old = await signIn(account.email, PASSWORD);
    expect(old.status).toBe(400);
    expect(old.data!.formError).toBe(WRONG_CREDENTIALS);
    const fresh = await signIn(account.email, NEW_PASSWORD);
    expect(fresh.status).toBe(302);
    expect((await openMe(cookieFrom(fresh.response!))).status).toBe(200);

    expect((await trailOf(account.id)).filter((entry) => entry.action === "auth.passwordReset")).toEqual([
      expect.objectContaining({ outcome: "allowed", actorAccountId: account.id, ipAddress: "203.0.113.7" }),
    ]);
    const changed = (await emailsTo(account.email)).filter((mail) => mail.template === "auth.passwordChanged");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.bodyText).toMatch(/Every session you had has ended/);
  });

  it("refuses a link used once already, and records the attempt", async () => {
    const account = await newAccount();
    const token = await resetLink(account.email);
    expect((await submitNewPassword(token, NEW_PASSWORD)).status).toBe(302);

    const again = await submitNewPassword(token, "another long passphrase here");
    expect(again.status).toBe(410);
    expect(again.data!.formError).toMatch(LINK_SPENT);
    expect(await checkLink(token)).toEqual({ valid: false, email: null, problem: expect.stringMatching(LINK_SPENT) });
    const resets = (await trailOf(account.id)).filter((entry) => entry.action === "auth.passwordReset");
    expect(resets.map((entry) => entry.outcome)).toEqual(["allowed", "denied"]);
    // The refused attempt changed nothing: the password set by the link still signs in.
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(302);
  });

  it("refuses an expired link and leaves the password as it was", async () => {
    const account = await newAccount();
    const token = await resetLink(account.email);
    await database.current.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(passwordResetTokens.accountId, account.id));

    expect(await checkLink(token)).toMatchObject({ valid: false, problem: expect.stringMatching(LINK_SPENT) });
    const answer = await submitNewPassword(token, NEW_PASSWORD);
    expect(answer.status).toBe(410);
    expect(answer.data!.formError).toMatch(LINK_SPENT);
    expect((await trailOf(account.id)).at(-1)).toMatchObject({ action: "auth.passwordReset", outcome: "denied" });
    expect((await signIn(account.email, PASSWORD)).status).toBe(302);
  });

  it("treats garbage and another organisation's id as an invalid link, without an error", async () => {
    const account = await newAccount();
    const token = await resetLink(account.email);
    const secret = token.split(".")[1]!;
    for (const garbage of [
      "abc",
      "../../etc",
      "x".repeat(10_000),
      `${globex.id}.${secret}`,
      `${acme.id}.${secret}.extra`,
      `${acme.id}.${secret.toUpperCase()}`,
      "",
    ]) {
      const label = garbage.slice(0, 60);
      expect(await checkLink(garbage), label).toMatchObject({ valid: false });
      const answer = await submitNewPassword(garbage, NEW_PASSWORD);
      expect(answer.status, label).toBe(410);
      expect(answer.data!.formError, label).toMatch(LINK_SPENT);
    }
    // None of them touched the real link or the password.
    expect(await checkLink(token)).toMatchObject({ valid: true });
    expect((await signIn(account.email, PASSWORD)).status).toBe(302);
  });
});

// ─── Changing the password when signed in ─────────────────────────────────────────────────────────

describe("changing the password at /me/password", () => {
  it("checks the current password and the new one, then ends the other sessions and keeps this one", async () => {
    const account = await newAccount();
    const here = await signInCookie(account.email, PASSWORD);
    const elsewhere = await signInCookie(account.email, PASSWORD);

    const wrongCurrent = await changePassword(here, {
      currentPassword: "not my password",
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(wrongCurrent.status).toBe(409);
    expect(wrongCurrent.data!.fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    const [failed] = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.actorAccountId, account.id), eq(auditEntries.action, "self.changePassword")));
    expect(failed).toMatchObject({ outcome: "failed", sentence: "That is not your current password." });

    const short = await changePassword(here, {
      currentPassword: PASSWORD,
      newPassword: "eleven char",
      confirmPassword: "eleven char",
    });
    expect(short.status).toBe(400);
    expect(short.data!.fieldErrors.newPassword).toEqual(["Use at least 12 characters."]);

    const mismatch = await changePassword(here, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}!`,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data!.fieldErrors.confirmPassword).toEqual(["The two new passwords are not the same."]);
    expect((await signIn(account.email, PASSWORD)).status).toBe(302);

    const done = await changePassword(here, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(302);
    // Three sessions existed: this one, `elsewhere`, and the one the check above made.
    expect(done.response!.headers.get("Location")).toBe("/me/security?password=changed&ended=2");
    // This browser stays signed in under a new token; the old token and the other sessions are gone.
    const rotated = cookieFrom(done.response!);
    expect(rotated).not.toBe(here);
    expect((await openMe(rotated)).status).toBe(200);
    expect(await openMe(here)).toEqual({ status: 302, location: "/login?redirectTo=%2Fme" });
    expect(await openMe(elsewhere)).toEqual({ status: 302, location: "/login?redirectTo=%2Fme" });
    expect(await sessionsOf(account.id)).toHaveLength(1);
    expect(await mustChange(account.id)).toBe(false);
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(302);
  });
});

describe("a password an administrator reset", () => {
  it("sends the person to /me/password from everywhere until they choose a new one", async () => {
    const account = await newAccount({ roles: ["domain_admin"], mustChangePassword: true });
    const signedIn = await signIn(account.email, PASSWORD);
    expect(signedIn.status).toBe(302);
    expect(signedIn.response!.headers.get("Location")).toBe("/me/password");
    const cookie = cookieFrom(signedIn.response!);

    expect(await openMe(cookie)).toEqual({ status: 302, location: "/me/password" });
    const adminConsole = await responseOf(() =>
      consoleLoader({ request: getRequest("/t/acme/", cookie), params: { tenant: "acme" }, context: testContext }),
    );
    expect(adminConsole.status).toBe(302);
    expect(adminConsole.headers.get("Location")).toBe("/me/password");
    const page = await changeLoader({ request: getRequest("/me/password", cookie), params: {}, context: testContext });
    expect(page).toEqual({ required: true, email: account.email });

    const done = await changePassword(cookie, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/t/acme/");
    expect(await mustChange(account.id)).toBe(false);
    // The restricted session's token ends with the restriction; the new one opens everything.
    const rotated = cookieFrom(done.response!);
    expect(await openMe(cookie)).toEqual({ status: 302, location: "/login?redirectTo=%2Fme" });
    expect(await openMe(rotated)).toEqual({ status: 200, location: null });
    const consoleAfter = await consoleLoader({
      request: getRequest("/t/acme/", rotated),
      params: { tenant: "acme" },
      context: testContext,
    });
    expect(consoleAfter.tenant.slug).toBe("acme");
  });
});

describe("how often reset links are sent", () => {
  it("sends at most three links per half hour", async () => {
    const account = await newAccount();
    // Anyone can ask on someone's behalf: past the cap the answer is the same, only no email goes out.
    for (let request = 1; request <= 5; request++) {
      expect(await forgot(account.email), `request ${request}`).toEqual({
        status: 200,
        data: { sent: true, email: account.email, fieldErrors: {} },
      });
    }
    const capped = await emailsTo(account.email);
    expect(capped).toHaveLength(3);
    expect(capped.every((mail) => mail.template === "auth.passwordReset")).toBe(true);
    expect(
      await database.current.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.accountId, account.id)),
    ).toHaveLength(3);

    await database.current.db
      .update(passwordResetTokens)
      .set({ createdAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(passwordResetTokens.accountId, account.id));
    expect(await forgot(account.email)).toEqual({
      status: 200,
      data: { sent: true, email: account.email, fieldErrors: {} },
    });
    const after = await emailsTo(account.email);
    expect(after).toHaveLength(4);
    // The fourth email holds a link that works.
    const token = /\/reset-password\/(\S+)/.exec(after.at(-1)!.bodyText)![1]!;
    expect(await checkLink(token)).toEqual({ valid: true, email: account.email, problem: null });
  });
});
