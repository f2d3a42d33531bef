// An admin resetting someone's password from the accounts page, through the real route action as the
// console posts it: by an emailed single-use link (the old password stops working at once) or by a
// temporary password shown once and changed at the next sign-in. Both end every session and email the
// person; neither writes a secret into the trail. Each test makes its own organisation and people.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  accounts,
  auditEntries,
  emailOutbox,
  passwordCredentials,
  passwordResetTokens,
  sessions,
  type AdminRole,
} from "~db/schema";
import { WRONG_CREDENTIALS } from "~/actions/authentication.server";
import { getPrincipal } from "~/auth/principal.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { beginTotpEnrolment, confirmTotpEnrolment } from "~/auth/totp.server";
import { tenantScope } from "~/db.server";
import { action as confirmAction } from "~/routes/confirm";
import { action as loginAction } from "~/routes/login";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as accountsAction } from "~/routes/t.$tenant._index";
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
import { STEP_MS, codeAt } from "~/testing/totp";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "quiet lantern over the orchard";
// The config's default origin (HOST localhost, PORT 3000): links in emails never take the request's Host.
const CONSOLE_ORIGIN = "http://localhost:3000";
// Four groups of five from the alphabet without look-alikes (no 0/o, 1/l/i).
const TEMPORARY_PASSWORD = /[a-hjkmnp-z2-9]{5}(?:-[a-hjkmnp-z2-9]{5}){3}/;
const database = setupTestDatabase();
const { newOrganisation, newPerson } = testPeople(() => database.current.db, PASSWORD);
type Organisation = TestOrganisation;
type Person = TestPersonRef;

// ─── People ───────────────────────────────────────────────────────────────────────────────────────

/** A confirmed authenticator app, confirmed with the previous step's code so this step's is still unused. */
async function seedTotp(person: Person): Promise<string> {
  const ref = { tenantId: person.tenantId, accountId: person.accountId };
  const secret = await tenantScope(person.tenantId, (tx) => beginTotpEnrolment(tx, ref));
  const check = await tenantScope(person.tenantId, async (tx) =>
    confirmTotpEnrolment(tx, ref, await codeAt(secret, Date.now() - STEP_MS)),
  );
  expect(check.ok).toBe(true);
  return secret;
}

function confirmPathFor(returnTo: string): string {
  return `/confirm?${new URLSearchParams({ redirectTo: returnTo })}`;
}

/** Confirms a fresh authenticator code on the confirm page; returns the rotated session cookie. */
async function stepUp(cookie: string, secret: string): Promise<string> {
  const confirmed = await responseOf(async () =>
    confirmAction({
      request: formRequest(confirmPathFor("/"), { intent: "totp", code: await codeAt(secret, Date.now()) }, cookie),
      params: {},
      context: testContext,
    }),
  );
  expect(confirmed.status).toBe(302);
  const header = confirmed.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error("The confirm page set no session cookie");
  return header.split(";")[0]!;
}

/** An admin whose session confirmed a second factor just now. */
async function freshAdmin(org: Organisation, displayName: string, role: AdminRole) {
  const person = await newPerson(org, displayName, { roles: [role] });
  const cookie = await signInCookie(person.email, PASSWORD);
  return { person, cookie: await stepUp(cookie, await seedTotp(person)) };
}

// ─── Pages and rows ───────────────────────────────────────────────────────────────────────────────

type RowActionData = {
  intent: string | null;
  accountId: string | null;
  message: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  reason?: string;
  method?: string;
};

function resetPassword(org: Organisation, cookie: string, fields: Record<string, string>) {
  // Remix posts an index route's forms to "?index"; the action sees that URL.
  return accountsAction({
    request: formRequest(`/t/${org.slug}/?index`, { intent: "account.resetPassword", ...fields }, cookie),
    params: { tenant: org.slug },
    context: testContext,
  });
}

async function resetPasswordData(org: Organisation, cookie: string, fields: Record<string, string>) {
  return unwrapData<RowActionData>(await resetPassword(org, cookie, fields));
}

/** The status of a sign-in, and where it sent the person when it worked. */
async function signIn(email: string, password: string) {
  let result: unknown;
  try {
    result = await loginAction({
      request: formRequest("/login", { email, password }),
      params: {},
      context: testContext,
    });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location"), formError: null };
  }
  const { data, status } = unwrapData<{ formError: string | null }>(result);
  return { status, location: null, formError: data.formError };
}

function principalOf(cookie: string) {
  return getPrincipal(getRequest("/", cookie));
}

async function sessionsOf(person: Person) {
  return database.current.db.select().from(sessions).where(eq(sessions.accountId, person.accountId));
}

async function passwordHashOf(person: Person): Promise<string | null> {
  const [row] = await database.current.db
    .select({ hash: passwordCredentials.hash })
    .from(passwordCredentials)
    .where(eq(passwordCredentials.accountId, person.accountId));
  return row?.hash ?? null;
}

async function mustChangeOf(person: Person): Promise<boolean> {
  const [row] = await database.current.db
    .select({ mustChangePassword: accounts.mustChangePassword })
    .from(accounts)
    .where(eq(accounts.id, person.accountId));
  return row!.mustChangePassword;
}

async function resetTokensOf(person: Person) {
  return database.current.db
    .select()
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.accountId, person.accountId));
}

async function auditOf(subject: Person) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.action, "account.resetPassword"), eq(auditEntries.subjectAccountId, subject.accountId)))
    .orderBy(auditEntries.seq);
}

async function emailsTo(person: Person) {
  return database.current.db.select().from(emailOutbox).where(eq(emailOutbox.toAccountId, person.accountId));
}

/**
 * What a refused reset must leave alone: the password (same hash, no forced change), the person's
 * session, and their inbox; and no link was issued.
 */
async function expectUntouched(person: Person, before: { hash: string | null; cookie: string }) {
  expect(await passwordHashOf(person)).toBe(before.hash);
  expect(await mustChangeOf(person)).toBe(false);
  expect(await principalOf(before.cookie)).not.toBeNull();
  expect(await resetTokensOf(person)).toEqual([]);
  expect(await emailsTo(person)).toEqual([]);
}

// ─── By link ──────────────────────────────────────────────────────────────────────────────────────

describe("an admin resetting a password by emailed link", () => {
  it("ends every session, stops the old password at once, and emails a link that sets a new one", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { person: dana, cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const laptop = await signInCookie(mia.email, PASSWORD);
    const reason = "Password seen on a sticky note — ticket 412";

    const result = await resetPasswordData(org, cookie, { accountId: mia.accountId, reason, method: "link" });
    expect(result.status).toBe(200);
    expect(result.data.message).toBe(
      "Password reset. A single-use link valid for 30 minutes has been emailed. 1 session(s) ended.",
    );

    expect(await sessionsOf(mia)).toEqual([]);
    expect(await principalOf(laptop)).toBeNull();
    // Whoever knew the old password cannot use it while the email is on its way.
    expect(await passwordHashOf(mia)).toBeNull();
    expect(await signIn(mia.email, PASSWORD)).toEqual({ status: 400, location: null, formError: WRONG_CREDENTIALS });

    const mail = await emailsTo(mia);
    expect(mail).toEqual([
      expect.objectContaining({
        template: "account.passwordReset",
        toAddress: mia.email,
        subject: "Your Acme Ltd password was reset",
      }),
    ]);
    const body = mail[0]!.bodyText;
    expect(body).toContain(`Reason: ${reason}`);
    expect(body).toContain(dana.displayName);
    const link = new RegExp(`${CONSOLE_ORIGIN}/reset-password/(${org.id}\\.[a-z2-7]{40,64})\\n`).exec(body);
    expect(link, body).not.toBeNull();
    const token = link![1]!;

    expect(
      await resetLoader({ request: getRequest(`/reset-password/${token}`), params: { token }, context: testContext }),
    ).toEqual({ valid: true, email: mia.email, problem: null });
    const chosen = await responseOf(() =>
      resetAction({
        request: formRequest(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
        params: { token },
        context: testContext,
      }),
    );
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("Location")).toBe("/login?reset=done");
    const signedIn = await signIn(mia.email, NEW_PASSWORD);
    expect(signedIn.status).toBe(302);
    // She chose this password herself: no forced change.
    expect(signedIn.location).not.toBe("/me/password");

    const entries = await auditOf(mia);
    expect(entries).toEqual([
      expect.objectContaining({
        outcome: "allowed",
        actorAccountId: dana.accountId,
        reason,
        visibility: "subject",
        changes: {
          after: { resetBy: "emailed link", oldPasswordWorks: false, mustChangePassword: false, sessionsEnded: 1 },
        },
      }),
    ]);
    const written = JSON.stringify(entries[0]);
    for (const secret of [token, token.split(".")[1]!, "reset-password/", PASSWORD, NEW_PASSWORD]) {
      expect(written).not.toContain(secret);
    }
  });
});

// ─── By temporary password ────────────────────────────────────────────────────────────────────────

describe("an admin resetting a password to a temporary one", () => {
  it("shows the password once, stores only its argon2id hash, and makes the person change it", async () => {
    const org = await newOrganisation("Acme Ltd");
    // A helpdesk admin may reset a member's password: the role grants it.
    const { person: hugo, cookie } = await freshAdmin(org, "Hugo Helpdesk", "helpdesk_admin");
    const theo = await newPerson(org, "Theo Park");
    const phone = await signInCookie(theo.email, PASSWORD);
    const reason = "Locked out before a flight — ticket 77";

    const result = await resetPasswordData(org, cookie, { accountId: theo.accountId, reason, method: "temporary" });
    expect(result.status).toBe(200);
    const shown = new RegExp(
      `^Password reset\\. Temporary password, shown only now: (${TEMPORARY_PASSWORD.source}) — ` +
        `they must change it when they sign in\\. 1 session\\(s\\) ended\\.$`,
    ).exec(result.data.message ?? "");
    expect(shown, result.data.message ?? "").not.toBeNull();
    const temporary = shown![1]!;

    expect(await sessionsOf(theo)).toEqual([]);
    expect(await principalOf(phone)).toBeNull();
    const hash = await passwordHashOf(theo);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(temporary);
    expect(await mustChangeOf(theo)).toBe(true);
    // No link: the temporary password is the way back in.
    expect(await resetTokensOf(theo)).toEqual([]);

    const mail = await emailsTo(theo);
    expect(mail).toEqual([expect.objectContaining({ template: "account.passwordReset", toAddress: theo.email })]);
    expect(mail[0]!.bodyText).toContain(`Reason: ${reason}`);
    expect(mail[0]!.bodyText).toContain(hugo.displayName);
    expect(mail[0]!.bodyText).toContain("They will give you a temporary password");
    expect(JSON.stringify(mail[0])).not.toContain(temporary);
    expect(mail[0]!.bodyText).not.toContain("reset-password/");

    expect(await signIn(theo.email, PASSWORD)).toEqual({ status: 400, location: null, formError: WRONG_CREDENTIALS });
    expect(await signIn(theo.email, temporary)).toEqual({ status: 302, location: "/me/password", formError: null });

    const entries = await auditOf(theo);
    expect(entries).toEqual([
      expect.objectContaining({
        outcome: "allowed",
        actorAccountId: hugo.accountId,
        reason,
        visibility: "subject",
        changes: {
          after: {
            resetBy: "temporary password",
            oldPasswordWorks: false,
            mustChangePassword: true,
            sessionsEnded: 1,
          },
        },
      }),
    ]);
    const written = JSON.stringify(entries[0]);
    expect(written).not.toContain(temporary);
    expect(written).not.toContain(hash!);
  });
});

// ─── Refusals ─────────────────────────────────────────────────────────────────────────────────────

describe("refusing a password reset", () => {
  it("sends an admin without a fresh second factor to confirm one, and changes nothing", async () => {
    const org = await newOrganisation("Acme Ltd");
    const dana = await newPerson(org, "Dana Okafor", { roles: ["domain_admin"] });
    // Signed in with a password alone; the app set up afterwards does not make this session fresh.
    const cookie = await signInCookie(dana.email, PASSWORD);
    await seedTotp(dana);
    const mia = await newPerson(org, "Mia Rossi");
    const before = { hash: await passwordHashOf(mia), cookie: await signInCookie(mia.email, PASSWORD) };

    const response = await responseOf(() =>
      resetPassword(org, cookie, { accountId: mia.accountId, reason: "Ticket 9", method: "link" }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(confirmPathFor(`/t/${org.slug}/?resume=1`));
    await expectUntouched(mia, before);
    expect(await auditOf(mia)).toEqual([expect.objectContaining({ outcome: "needs_step_up" })]);
  });

  it("refuses a helpdesk admin resetting a domain admin, with the policy's sentence", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Hugo Helpdesk", "helpdesk_admin");
    const dex = await newPerson(org, "Dex Moreau", { roles: ["domain_admin"] });
    const before = { hash: await passwordHashOf(dex), cookie: await signInCookie(dex.email, PASSWORD) };

    for (const method of ["link", "temporary"]) {
      const result = await resetPasswordData(org, cookie, {
        accountId: dex.accountId,
        reason: "Asked by phone",
        method,
      });
      expect(result.status, method).toBe(403);
      expect(result.data.message, method).toBe(
        "Blocked: Dex Moreau is a domain admin; only a domain admin can change that account.",
      );
    }
    await expectUntouched(dex, before);
    expect(await auditOf(dex)).toEqual([
      expect.objectContaining({ outcome: "denied", policyIds: ["protected-admins.domain-admin"] }),
      expect.objectContaining({ outcome: "denied", policyIds: ["protected-admins.domain-admin"] }),
    ]);
  });

  it("asks for a reason next to the reason field", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const before = { hash: await passwordHashOf(mia), cookie: await signInCookie(mia.email, PASSWORD) };

    const cases: Record<string, string>[] = [{}, { reason: "" }, { reason: "   " }];
    for (const fields of cases) {
      const label = JSON.stringify(fields);
      const result = await resetPasswordData(org, cookie, { accountId: mia.accountId, method: "link", ...fields });
      expect(result.status, label).toBe(400);
      expect(result.data.fieldErrors.reason?.[0], label).toMatch(/^Say why you are doing this/);
    }
    await expectUntouched(mia, before);
  });

  it("asks how to reset next to the method field when the method is not one it knows", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const mia = await newPerson(org, "Mia Rossi");
    const before = { hash: await passwordHashOf(mia), cookie: await signInCookie(mia.email, PASSWORD) };

    for (const method of ["sms", ""]) {
      const result = await resetPasswordData(org, cookie, { accountId: mia.accountId, reason: "Ticket 9", method });
      expect(result.status, method).toBe(400);
      expect(result.data.fieldErrors.method, method).toEqual(["Choose how to reset the password."]);
      // The dialog comes back with what was chosen.
      expect(result.data.method, method).toBe(method);
    }
    await expectUntouched(mia, before);
  });

  it("refuses a suspended account until it is restored", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const sam = await newPerson(org, "Sam Lee", { status: "suspended" });
    const hash = await passwordHashOf(sam);

    const result = await resetPasswordData(org, cookie, {
      accountId: sam.accountId,
      reason: "Ticket 9",
      method: "link",
    });
    expect(result.status).toBe(409);
    expect(result.data.message).toBe("Sam Lee's account is suspended; restore it first.");
    expect(await passwordHashOf(sam)).toBe(hash);
    expect(await resetTokensOf(sam)).toEqual([]);
    expect(await emailsTo(sam)).toEqual([]);
  });
});

// ─── No email address ─────────────────────────────────────────────────────────────────────────────

describe("a password reset for an account without an email address", () => {
  it("refuses a link next to the method field, and still allows a temporary password", async () => {
    const org = await newOrganisation("Acme Ltd");
    const { cookie } = await freshAdmin(org, "Dana Okafor", "domain_admin");
    const nia = await newPerson(org, "Nia Grey");
    const session = await signInCookie(nia.email, PASSWORD);
    const hash = await passwordHashOf(nia);
    // As after a purge: the address is gone.
    await database.current.db.execute(sql`update accounts set email = null where id = ${nia.accountId}`);

    const refused = await resetPasswordData(org, cookie, {
      accountId: nia.accountId,
      reason: "Ticket 9",
      method: "link",
    });
    expect(refused.status).toBe(409);
    expect(refused.data.fieldErrors.method).toEqual([
      "Nia Grey has no email address; set a temporary password instead.",
    ]);
    // Refused before anything changed: a link nobody can receive must not lock her out.
    expect(await passwordHashOf(nia)).toBe(hash);
    expect(await principalOf(session)).not.toBeNull();
    expect(await resetTokensOf(nia)).toEqual([]);
    expect(await emailsTo(nia)).toEqual([]);

    const temporary = await resetPasswordData(org, cookie, {
      accountId: nia.accountId,
      reason: "Ticket 9",
      method: "temporary",
    });
    expect(temporary.status).toBe(200);
    expect(temporary.data.message).toMatch(TEMPORARY_PASSWORD);
    expect(await principalOf(session)).toBeNull();
    expect(await emailsTo(nia)).toEqual([]);
  });
});
