import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, sessions } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as meLoader } from "~/routes/me._index";
import { loader as consoleLoader } from "~/routes/t.$tenant";
import {
  cookieFrom,
  formRequest,
  getRequest,
  responseOf,
  testContext,
  unwrapData,
  setupTestDatabase,
} from "~/testing/harness";
import { hashSessionToken } from "./session-adapter.server";
import { WRONG_CREDENTIALS } from "~/actions/authentication.server";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
let acme: { id: string; slug: string };

type LoginData = {
  fieldErrors: Record<string, string[] | undefined>;
  formError: string | null;
  values: { email: string };
};

function signIn(fields: Record<string, string>, cookie?: string) {
  return loginAction({ request: formRequest("/login", fields, cookie), params: {}, context: testContext });
}

async function signInCookie(email: string, password = PASSWORD): Promise<string> {
  const response = await responseOf(() => signIn({ email, password }));
  expect(response.status).toBe(302);
  return cookieFrom(response);
}

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  await createAccount(db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    displayName: "Dana Okafor",
    password: PASSWORD,
    roles: ["domain_admin"],
  });
  await createAccount(db, {
    tenantId: acme.id,
    email: "alice@acme.example",
    displayName: "Alice Ng",
    password: PASSWORD,
  });
  await createAccount(db, { tenantId: acme.id, email: "sam@acme.example", password: PASSWORD, status: "suspended" });
  await createAccount(db, { tenantId: acme.id, email: "nopass@acme.example" });
});

describe("signing in", () => {
  it("signs an admin in and sends them to their organisation's console with a secure session cookie", async () => {
    const response = await responseOf(() => signIn({ email: "Dana@Acme.example ", password: PASSWORD }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/t/acme/");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^glasshouse_session=[a-z2-7]{40};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Expires|Max-Age/i);
  });

  it("sends an end user to My account", async () => {
    const response = await responseOf(() => signIn({ email: "alice@acme.example", password: PASSWORD }));
    expect(response.headers.get("Location")).toBe("/me");
  });

  it("returns to the page that asked for sign-in, but never to another site", async () => {
    const back = await responseOf(() =>
      signIn({ email: "dana@acme.example", password: PASSWORD, redirectTo: "/t/acme/?q=bob" }),
    );
    expect(back.headers.get("Location")).toBe("/t/acme/?q=bob");
    for (const evil of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await responseOf(() =>
        signIn({ email: "dana@acme.example", password: PASSWORD, redirectTo: evil }),
      );
      expect(response.headers.get("Location"), evil).toBe("/t/acme/");
    }
  });

  it("stores only a hash of the session token", async () => {
    const cookie = await signInCookie("alice@acme.example");
    const token = cookie.split("=")[1]!;
    const stored = await database.current.db.select({ id: sessions.id }).from(sessions);
    expect(stored.map((row) => row.id)).toContain(hashSessionToken(token));
    expect(stored.map((row) => row.id)).not.toContain(token);
  });

  it("records when the account last signed in", async () => {
    await signInCookie("alice@acme.example");
    const [row] = await database.current.db
      .select({ lastSignInAt: accounts.lastSignInAt })
      .from(accounts)
      .where(eq(accounts.email, "alice@acme.example"));
    expect(Date.now() - row!.lastSignInAt!.getTime()).toBeLessThan(10_000);
  });

  it("starts a new session at sign-in and ends the one the browser brought", async () => {
    const first = await signInCookie("alice@acme.example");
    const response = await responseOf(() => signIn({ email: "alice@acme.example", password: PASSWORD }, first));
    const second = cookieFrom(response);
    expect(second).not.toBe(first);
    const stale = await responseOf(() =>
      meLoader({ request: getRequest("/me", first), params: {}, context: testContext }),
    );
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toBe("/login?redirectTo=%2Fme");
    const fresh = await meLoader({ request: getRequest("/me", second), params: {}, context: testContext });
    expect(fresh.profile.email).toBe("alice@acme.example");
  });
});

describe("refusing to sign in", () => {
  it.each([
    ["a wrong password", "dana@acme.example", "not the password at all"],
    ["an email with no account", "nobody@acme.example", PASSWORD],
    ["an account with no password", "nopass@acme.example", PASSWORD],
  ])("gives one generic message for %s and keeps the email typed", async (_case, email, password) => {
    const { data, status } = unwrapData<LoginData>(await signIn({ email, password }));
    expect(status).toBe(400);
    expect(data.formError).toBe(WRONG_CREDENTIALS);
    expect(data.values.email).toBe(email);
  });

  it("names the organisation to a suspended person who knows their password", async () => {
    const { data, status } = unwrapData<LoginData>(await signIn({ email: "sam@acme.example", password: PASSWORD }));
    expect(status).toBe(400);
    expect(data.formError).toMatch(/Acme Ltd is suspended/);
    const wrong = unwrapData<LoginData>(await signIn({ email: "sam@acme.example", password: "wrong password!" }));
    expect(wrong.data.formError).toBe(WRONG_CREDENTIALS);
  });

  it("points at each malformed or missing field", async () => {
    const { data, status } = unwrapData<LoginData>(await signIn({ email: "not-an-email" }));
    expect(status).toBe(400);
    expect(data.fieldErrors.email).toEqual(["Enter an email address like name@example.com."]);
    expect(data.fieldErrors.password).toEqual(["Enter your password."]);
    expect(data.values.email).toBe("not-an-email");
    const empty = unwrapData<LoginData>(await signIn({ email: "", password: "" }));
    expect(empty.data.fieldErrors.email).toEqual(["Enter your email address."]);
    const huge = unwrapData<LoginData>(
      await signIn({ email: `${"a".repeat(300)}@acme.example`, password: "x".repeat(2000) }),
    );
    expect(huge.status).toBe(400);
    expect(huge.data.fieldErrors.email).toEqual(["That email address is too long."]);
    expect(huge.data.fieldErrors.password).toEqual(["That password is too long."]);
  });
});

describe("sessions", () => {
  it("treats a garbage or unknown session cookie as no session", async () => {
    for (const cookie of [
      "glasshouse_session=garbage%00%ff",
      "glasshouse_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "glasshouse_session=" + "x".repeat(5000),
      "glasshouse_session",
    ]) {
      const response = await responseOf(() =>
        meLoader({ request: getRequest("/me", cookie), params: {}, context: testContext }),
      );
      expect(response.status, cookie).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fme");
    }
  });

  it("sends someone already signed in from the sign-in page to their start page", async () => {
    const cookie = await signInCookie("dana@acme.example");
    const response = await responseOf(() =>
      loginLoader({ request: getRequest("/login", cookie), params: {}, context: testContext }),
    );
    expect(response.headers.get("Location")).toBe("/t/acme/");
  });

  it("ends the session at sign-out and clears the cookie", async () => {
    const cookie = await signInCookie("dana@acme.example");
    const token = cookie.split("=")[1]!;
    const response = await responseOf(() =>
      logoutAction({ request: formRequest("/logout", {}, cookie), params: {}, context: testContext }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(response.headers.get("Set-Cookie")).toMatch(/^glasshouse_session=;.*Max-Age=0/i);
    const left = await database.current.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashSessionToken(token)));
    expect(left).toEqual([]);
    const after = await responseOf(() =>
      consoleLoader({ request: getRequest("/t/acme/", cookie), params: { tenant: "acme" }, context: testContext }),
    );
    expect(after.status).toBe(302);
  });

  it("ends the sessions of an account that is suspended", async () => {
    const cookie = await signInCookie("alice@acme.example");
    await database.current.db
      .update(accounts)
      .set({ status: "suspended" })
      .where(eq(accounts.email, "alice@acme.example"));
    try {
      const response = await responseOf(() =>
        meLoader({ request: getRequest("/me", cookie), params: {}, context: testContext }),
      );
      expect(response.status).toBe(302);
      const token = cookie.split("=")[1]!;
      const left = await database.current.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashSessionToken(token)));
      expect(left).toEqual([]);
    } finally {
      await database.current.db
        .update(accounts)
        .set({ status: "active" })
        .where(eq(accounts.email, "alice@acme.example"));
    }
  });
});
