import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, legalHoldAccounts, legalHolds } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { action as accountsAction, loader as accountsPageLoader } from "~/routes/t.$tenant._index";
import { loader as consoleLoader } from "~/routes/t.$tenant";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { decodeCursor, encodeCursor, listAccounts, type AccountQuery } from "./directory.server";

/** The accounts page's loader data (it wraps its answer when it also sets a cookie). */
type AccountsPageData = Awaited<ReturnType<typeof accountsPageLoader>> extends { data: infer D } ? D : never;
async function accountsLoader(args: Parameters<typeof accountsPageLoader>[0]) {
  return unwrapData<AccountsPageData>(await accountsPageLoader(args)).data;
}

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
let acme: { id: string };
let globex: { id: string };
const acmeNames: string[] = [];

const GIVEN = ["Ada", "Ben", "Chloé", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"];
const FAMILY = ["Ng", "Okafor", "Müller", "Patel", "Quinn", "Rossi", "Sato", "Tan", "Underwood"];

function page(query: AccountQuery) {
  return tenantScope(acme.id, (tx) => listAccounts(tx, acme.id, { pageSize: 10, ...query }));
}

function signInAs(email: string): Promise<string> {
  return signInCookie(email, PASSWORD);
}

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(db, { slug: "globex", name: "Globex" });
  for (const given of GIVEN) {
    for (const family of FAMILY.slice(0, 4)) {
      const name = `${given} ${family}`;
      acmeNames.push(name);
      await createAccount(db, {
        tenantId: acme.id,
        email: `${given}.${family}@acme.example`.toLowerCase(),
        displayName: name,
      });
    }
  }
  await createAccount(db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    displayName: "Dana Admin",
    password: PASSWORD,
    roles: ["domain_admin", "auditor"],
  });
  await createAccount(db, { tenantId: acme.id, email: "percent@acme.example", displayName: "100% Real" });
  await createAccount(db, {
    tenantId: acme.id,
    email: "member@acme.example",
    displayName: "Mo Member",
    password: PASSWORD,
  });
  await createAccount(db, {
    tenantId: acme.id,
    email: "bob@acme.example",
    displayName: "Bob Helpdesk",
    password: PASSWORD,
    roles: ["helpdesk_admin"],
  });
  await createAccount(db, {
    tenantId: globex.id,
    email: "gary@globex.example",
    displayName: "Ada Globex",
    password: PASSWORD,
    roles: ["domain_admin"],
  });
});

describe("listing accounts", () => {
  it("pages forward through every account once, in name order, without OFFSET", async () => {
    const seen: string[] = [];
    let after: AccountQuery["after"];
    for (let guard = 0; guard < 20; guard++) {
      const result = await page({ after });
      seen.push(...result.rows.map((row) => row.displayName));
      if (!result.next) break;
      after = decodeCursor(result.next)!;
    }
    expect(seen).toHaveLength(acmeNames.length + 4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain("Dana Admin");
    expect(seen).not.toContain("Ada Globex");
  });

  it("pages backward to exactly the pages it came from", async () => {
    const first = await page({});
    const second = await page({ after: decodeCursor(first.next!)! });
    expect(first.previous).toBeNull();
    expect(second.previous).not.toBeNull();
    const back = await page({ before: decodeCursor(second.previous!)! });
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(back.previous).toBeNull();
    expect(back.next).not.toBeNull();
  });

  it("finds accounts by part of the name or the email, ignoring case", async () => {
    const byName = await page({ search: "okafor", pageSize: 100 });
    expect(byName.rows.map((row) => row.displayName).sort()).toEqual(GIVEN.map((given) => `${given} Okafor`).sort());
    const byEmail = await page({ search: "DANA@ACME" });
    expect(byEmail.rows.map((row) => row.email)).toEqual(["dana@acme.example"]);
    expect(byEmail.rows[0]!.roles).toEqual(["domain_admin", "auditor"]);
  });

  it("treats % and _ in a search as the characters themselves", async () => {
    const percent = await page({ search: "100%" });
    expect(percent.rows.map((row) => row.displayName)).toEqual(["100% Real"]);
    const underscore = await page({ search: "_" });
    expect(underscore.rows).toEqual([]);
  });

  it("rejects cursors it did not issue", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from('{"n":"x","i":"nope"}').toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(5000))).toBeNull();
    const valid = { n: "Ada Ng", i: "7b0c8a52-1d2e-4f3a-9b8c-0d1e2f3a4b5c" };
    expect(decodeCursor(encodeCursor(valid))).toEqual(valid);
  });
});

describe("the accounts page", () => {
  it("shows the organisation's name and the first page to its admin", async () => {
    const cookie = await signInAs("dana@acme.example");
    const result = await accountsLoader({
      request: getRequest("/t/acme/?q=okafor", cookie),
      params: { tenant: "acme" },
      context: testContext,
    });
    expect(result.tenant.name).toBe("Acme Ltd");
    expect(result.page.rows).toHaveLength(GIVEN.length);
    expect(result.notice).toBeNull();
  });

  it("flags the accounts a legal hold covers, with the matter's name", async () => {
    const db = database.current.db;
    const cookie = await signInAs("dana@acme.example");
    const [ada] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, "ada.okafor@acme.example"));
    const [dana] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, "dana@acme.example"));
    const [hold] = await db
      .insert(legalHolds)
      .values({ tenantId: acme.id, name: "Matter 2026-40", scope: "accounts", createdBy: dana!.id })
      .returning({ id: legalHolds.id });
    await db
      .insert(legalHoldAccounts)
      .values({ tenantId: acme.id, holdId: hold!.id, accountId: ada!.id, addedBy: dana!.id });
    const result = await accountsLoader({
      request: getRequest("/t/acme/?q=okafor", cookie),
      params: { tenant: "acme" },
      context: testContext,
    });
    expect(result.holds[ada!.id]).toEqual(["Matter 2026-40"]);
    const others = result.page.rows.filter((row) => row.id !== ada!.id);
    expect(others.every((row) => result.holds[row.id]?.length === 0)).toBe(true);
    await db.delete(legalHoldAccounts).where(eq(legalHoldAccounts.holdId, hold!.id));
    await db.delete(legalHolds).where(eq(legalHolds.id, hold!.id));
  });

  it("searches with what it can of a search that has control characters or is too long", async () => {
    const cookie = await signInAs("dana@acme.example");
    const nul = await accountsLoader({
      request: getRequest("/t/acme/?q=oka%00for", cookie),
      params: { tenant: "acme" },
      context: testContext,
    });
    expect(nul.search).toBe("okafor");
    expect(nul.page.rows).toHaveLength(GIVEN.length);
    const long = await accountsLoader({
      request: getRequest(`/t/acme/?q=${"z".repeat(500)}`, cookie),
      params: { tenant: "acme" },
      context: testContext,
    });
    expect(long.search).toHaveLength(200);
    expect(long.page.rows).toEqual([]);
  });

  it("answers a forged or out-of-range cursor with the first page and a notice, not an error", async () => {
    const cookie = await signInAs("dana@acme.example");
    for (const query of ["?after=%%%", "?before=eyJuIjoxfQ", `?after=${"A".repeat(3000)}`]) {
      const result = await accountsLoader({
        request: getRequest(`/t/acme/${query}`, cookie),
        params: { tenant: "acme" },
        context: testContext,
      });
      expect(result.notice, query).toMatch(/not valid/);
      expect(result.page.rows.length).toBe(50);
    }
  });

  it("answers 404 for another organisation, an unknown one, and for a member without an admin role", async () => {
    const admin = await signInAs("dana@acme.example");
    const member = await signInAs("member@acme.example");
    for (const [cookie, slug] of [
      [admin, "globex"],
      [admin, "no-such-org"],
      [member, "acme"],
    ] as const) {
      const response = await responseOf(() =>
        consoleLoader({ request: getRequest(`/t/${slug}/`, cookie), params: { tenant: slug }, context: testContext }),
      );
      expect(response.status, `${slug}`).toBe(404);
    }
  });

  it("sends someone who is not signed in to sign in first", async () => {
    const response = await responseOf(() =>
      consoleLoader({ request: getRequest("/t/acme/?q=x"), params: { tenant: "acme" }, context: testContext }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Ft%2Facme%2F%3Fq%3Dx");
  });
});

describe("actions offered on the accounts page", () => {
  async function rowsFor(email: string) {
    const cookie = await signInAs(email);
    const result = await accountsLoader({
      request: getRequest("/t/acme/?q=Mo%20Member", cookie),
      params: { tenant: "acme" },
      context: testContext,
    });
    const row = result.page.rows[0]!;
    return { cookie, row, decisions: result.decisions[row.id]! };
  }

  it("asks a domain admin for a fresh second factor before suspending, and lets them sign someone out", async () => {
    const { decisions } = await rowsFor("dana@acme.example");
    expect(decisions.suspend.outcome).toBe("needs_step_up");
    expect(decisions.revokeSessions.outcome).toBe("allow");
  });

  it("shows a helpdesk admin why they may not suspend, rather than hiding the button", async () => {
    const { decisions } = await rowsFor("bob@acme.example");
    expect(decisions.suspend.outcome).toBe("deny");
    expect(decisions.suspend.sentence).toMatch(/Bob Helpdesk/);
    expect(decisions.revokeSessions.outcome).toBe("allow");
  });

  it("performs an allowed action and reports what it did", async () => {
    const { cookie, row } = await rowsFor("bob@acme.example");
    const result = unwrapData<{ accountId: string; message: string | null }>(
      await accountsAction({
        request: formRequest("/t/acme/", { intent: "account.revokeSessions", accountId: row.id }, cookie),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(result.status).toBe(200);
    expect(result.data.message).toMatch(/Signed out everywhere/);
  });

  it("sends a too-short reason back next to the field, as typed, and changes nothing", async () => {
    const { cookie, row } = await rowsFor("dana@acme.example");
    const result = unwrapData<{ fieldErrors: Record<string, string[]>; reason?: string }>(
      await accountsAction({
        request: formRequest("/t/acme/", { intent: "account.suspend", accountId: row.id, reason: "ab" }, cookie),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors.reason?.[0]).toMatch(/Say why/);
    expect(result.data.reason).toBe("ab");
  });

  it("answers an unknown intent with 400, not an error page", async () => {
    const { cookie, row } = await rowsFor("dana@acme.example");
    const result = unwrapData(
      await accountsAction({
        request: formRequest("/t/acme/", { intent: "account.obliterate", accountId: row.id }, cookie),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(result.status).toBe(400);
  });
});
