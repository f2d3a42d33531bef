import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  legalHoldAccounts,
  legalHolds,
  passkeys,
  privacyLocks,
  totpCredentials,
  type AccountStatus,
  type AdminRole,
} from "~db/schema";
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
import { testPeople, type TestOrganisation } from "~/testing/people";
import {
  accountFilterConditions,
  accountIdsMatching,
  countAccounts,
  decodeCursor,
  encodeCursor,
  listAccounts,
  listManagers,
  type AccountPage,
  type AccountQuery,
  type Cursor,
} from "./directory.server";
import { ACCOUNT_SORTS, type AccountFilter, type AccountSort } from "./filters";

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
    const byName = await page({ filter: { q: "okafor" }, pageSize: 100 });
    expect(byName.rows.map((row) => row.displayName).sort()).toEqual(GIVEN.map((given) => `${given} Okafor`).sort());
    const byEmail = await page({ filter: { q: "DANA@ACME" } });
    expect(byEmail.rows.map((row) => row.email)).toEqual(["dana@acme.example"]);
    expect(byEmail.rows[0]!.roles).toEqual(["domain_admin", "auditor"]);
  });

  it("finds a two-letter term in a name or an address, in any case, and nothing without it", async () => {
    // "Mo Member" has it in the name; no other account of the organisation has "mo" anywhere.
    const both = await page({ filter: { q: "Mo" }, pageSize: 100 });
    expect(both.rows.map((row) => row.displayName)).toEqual(["Mo Member"]);
    expect(await tenantScope(acme.id, (tx) => countAccounts(tx, acme.id, { q: "mO" }))).toBe(1);
    // In the address only: "rc" is in "percent@acme.example" and in no name.
    expect((await page({ filter: { q: "RC" } })).rows.map((row) => row.displayName)).toEqual(["100% Real"]);
    // Across the break between the name and the address is no match ("Mo Member" + "member@…").
    expect((await page({ filter: { q: "rm" } })).rows).toEqual([]);
    // A pair of "100%": the percent sign is a character here too.
    expect((await page({ filter: { q: "0%" } })).rows.map((row) => row.displayName)).toEqual(["100% Real"]);
  });

  it("treats % and _ in a search as the characters themselves", async () => {
    const percent = await page({ filter: { q: "100%" } });
    expect(percent.rows.map((row) => row.displayName)).toEqual(["100% Real"]);
    const underscore = await page({ filter: { q: "_" } });
    expect(underscore.rows).toEqual([]);
  });

  it("rejects cursors it did not issue", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from('{"n":"x","i":"nope"}').toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(5000))).toBeNull();
    const valid: Cursor = { s: "name", d: "asc", n: "Ada Ng", i: "7b0c8a52-1d2e-4f3a-9b8c-0d1e2f3a4b5c" };
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
    expect(result.notices).toEqual([]);
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
      expect(result.notices, query).toEqual([expect.stringMatching(/not valid/)]);
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

// ─── Filters, sorts and paging on an organisation built for them ──────────────────────────────────
// "Grid" has duplicate names, equal and NULL sort values (timestamps a microsecond apart, two purged
// accounts without an email), every status and role, holds and locks (released and cleared ones too) and
// both kinds of second factor. Its twin has the same names, an organisation-wide hold and lock and a second
// factor for everyone: none of that may ever show in Grid's list.

const { newOrganisation, newPerson } = testPeople(() => database.current.db, PASSWORD);

interface GridPerson {
  id: string;
  name: string;
  status: AccountStatus;
  roles: AdminRole[];
  managerId: string | null;
  created: string;
  held: boolean;
  locked: boolean;
  twoFactor: boolean;
  purged: boolean;
}

interface GridSpec {
  name: string;
  status?: AccountStatus;
  roles?: AdminRole[];
  manager?: string;
  created: string;
  lastSignIn: string | null;
  totp?: "confirmed" | "unconfirmed";
  passkeys?: number;
  hold?: "active" | "released";
  lock?: "active" | "cleared";
  purged?: boolean;
}

const T1 = "2026-01-05T09:00:00.123456Z";
const T1_NEXT = "2026-01-05T09:00:00.123457Z"; // a microsecond later: a JS Date cannot tell them apart
const T2 = "2026-02-10T12:30:00.000000Z";
const T3 = "2026-03-01T08:00:00.500000Z";
const L1 = "2026-04-01T07:00:00.000001Z";
const L2 = "2026-04-02T07:00:00.000000Z";
const L3 = "2026-04-03T07:00:00.250000Z";

const GRID: GridSpec[] = [
  { name: "Ada Ng", roles: ["domain_admin"], created: T1, lastSignIn: L1, totp: "confirmed" },
  { name: "Ada Ng", created: T1, lastSignIn: L1, passkeys: 2 },
  { name: "Ada Ng", status: "suspended", created: T1_NEXT, lastSignIn: null },
  { name: "Ben Okafor", roles: ["helpdesk_admin"], created: T2, lastSignIn: L2 },
  { name: "Chloe Muller", manager: "Ben Okafor", created: T3, lastSignIn: null, hold: "active" },
  {
    name: "Dev Patel",
    status: "suspended",
    manager: "Ben Okafor",
    created: T3,
    lastSignIn: L2,
    hold: "released",
    totp: "unconfirmed",
  },
  { name: "Eli Quinn", status: "terminated", created: T3, lastSignIn: L3, lock: "active" },
  { name: "Fay Rossi", roles: ["auditor"], created: T2, lastSignIn: L3, lock: "cleared" },
  {
    name: "Gus Sato",
    roles: ["compliance_officer", "auditor"],
    manager: "Fay Rossi",
    created: T1,
    lastSignIn: null,
    hold: "active",
    lock: "active",
    totp: "confirmed",
    passkeys: 1,
  },
  { name: "Erased account", status: "terminated", created: T2, lastSignIn: null, purged: true },
  { name: "Erased account", status: "terminated", created: T2, lastSignIn: L1, purged: true },
  { name: "Hana Tan", manager: "Ben Okafor", created: T1_NEXT, lastSignIn: L1 },
  { name: "Ivo Underwood", status: "suspended", created: T2, lastSignIn: null, passkeys: 1 },
  { name: "Jun Vega", created: T3, lastSignIn: L3 },
  { name: "Kai Wu", status: "terminated", created: T1, lastSignIn: null },
  { name: "Lea Xu", created: T2, lastSignIn: L2, totp: "confirmed" },
  { name: "Mo Young", manager: "Fay Rossi", created: T3, lastSignIn: null },
  { name: "Nia Zed", created: T1, lastSignIn: L1 },
  { name: "Oz Abe", created: T1, lastSignIn: L2, hold: "active" },
  { name: "ada ng", created: T2, lastSignIn: L2 },
];

let grid: TestOrganisation;
let twin: TestOrganisation;
const gridPeople: GridPerson[] = [];
const twinIds: string[] = [];
const byName = (name: string) => gridPeople.find((person) => person.name === name)!;

async function makeGrid(org: TestOrganisation, specs: GridSpec[], into: GridPerson[]): Promise<void> {
  const db = database.current.db;
  const idOf = new Map<string, string>();
  // Managers first, so their reports can name them.
  const ordered = [...specs.filter((spec) => !spec.manager), ...specs.filter((spec) => spec.manager)];
  for (const spec of ordered) {
    const person = await newPerson(org, spec.name, {
      roles: spec.roles,
      status: spec.status,
      managerId: spec.manager ? idOf.get(spec.manager) : undefined,
    });
    if (!idOf.has(spec.name)) idOf.set(spec.name, person.accountId);
    const id = person.accountId;
    await db
      .update(accounts)
      .set({
        createdAt: sql`${spec.created}::timestamptz`,
        lastSignInAt: spec.lastSignIn ? sql`${spec.lastSignIn}::timestamptz` : null,
        ...(spec.purged ? { email: null, purgedAt: new Date(), managerId: null } : {}),
      })
      .where(and(eq(accounts.tenantId, org.id), eq(accounts.id, id)));
    if (spec.totp) {
      await db.insert(totpCredentials).values({
        tenantId: org.id,
        accountId: id,
        secretEncrypted: "sealed",
        confirmedAt: spec.totp === "confirmed" ? new Date() : null,
      });
    }
    for (let n = 0; n < (spec.passkeys ?? 0); n++) {
      await db.insert(passkeys).values({
        tenantId: org.id,
        accountId: id,
        credentialId: `${id}-${n}`,
        publicKey: new Uint8Array([1, 2, 3]),
        name: `Key ${n + 1}`,
      });
    }
    into.push({
      id,
      name: spec.name,
      status: spec.status ?? "active",
      roles: spec.roles ?? [],
      managerId: spec.manager ? idOf.get(spec.manager)! : null,
      created: spec.created,
      held: spec.hold === "active",
      locked: spec.lock === "active",
      twoFactor: spec.totp === "confirmed" || (spec.passkeys ?? 0) > 0,
      purged: Boolean(spec.purged),
    });
  }
  const placer = into[0]!.id;
  const [matter] = await db
    .insert(legalHolds)
    .values({ tenantId: org.id, name: "Matter 2026-7", scope: "accounts", createdBy: placer })
    .returning({ id: legalHolds.id });
  const [old] = await db
    .insert(legalHolds)
    .values({ tenantId: org.id, name: "Old matter", scope: "accounts", createdBy: placer, releasedAt: new Date() })
    .returning({ id: legalHolds.id });
  for (const [index, spec] of ordered.entries()) {
    const person = into[index]!;
    if (spec.hold) {
      await db.insert(legalHoldAccounts).values({
        tenantId: org.id,
        holdId: spec.hold === "active" ? matter!.id : old!.id,
        accountId: person.id,
        addedBy: placer,
      });
    }
    if (spec.lock) {
      await db.insert(privacyLocks).values({
        tenantId: org.id,
        accountId: person.id,
        setting: "marketing",
        reason: "Complaint 12",
        lockedBy: placer,
        clearedAt: spec.lock === "cleared" ? new Date() : null,
      });
    }
  }
}

function inGrid<T>(work: Parameters<typeof tenantScope<T>>[1]): Promise<T> {
  return tenantScope(grid.id, work);
}

function listGrid(query: AccountQuery): Promise<AccountPage> {
  return inGrid((tx) => listAccounts(tx, grid.id, query));
}

/** Every page forwards, then back from the last page to the first by the "previous" links. */
async function walkPages(filter: AccountFilter, sort: AccountSort, pageSize: number) {
  const forward: AccountPage[] = [];
  let after: Cursor | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const page = await listGrid({ filter, sort, pageSize, after });
    forward.push(page);
    if (!page.next) break;
    after = decodeCursor(page.next, sort)!;
    expect(after, "a cursor the list issued decodes").not.toBeNull();
  }
  const backward: AccountPage[] = [forward[forward.length - 1]!];
  for (let guard = 0; guard < 200 && backward[0]!.previous; guard++) {
    backward.unshift(await listGrid({ filter, sort, pageSize, before: decodeCursor(backward[0]!.previous, sort)! }));
  }
  const ids = (pages: AccountPage[]) => pages.map((page) => page.rows.map((row) => row.id));
  return { forward: ids(forward), backward: ids(backward), pages: forward };
}

/** The same order written plainly (NULLs last in both directions), without keysets or segments. */
function plainOrder(sort: AccountSort): SQL[] {
  const order = sort.dir === "asc" ? asc : desc;
  const column = {
    name: null,
    email: accounts.email,
    status: accounts.status,
    created: accounts.createdAt,
    lastSignIn: accounts.lastSignInAt,
  }[sort.sort];
  return [...(column ? [sql`${column} is null`, order(column)] : []), order(accounts.displayName), order(accounts.id)];
}

async function expectedOrder(filter: AccountFilter, sort: AccountSort): Promise<string[]> {
  const rows = await inGrid((tx) =>
    tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(...accountFilterConditions(grid.id, filter)))
      .orderBy(...plainOrder(sort)),
  );
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  grid = await newOrganisation("Grid Ltd");
  twin = await newOrganisation("Grid Twin");
  await makeGrid(grid, GRID, gridPeople);
  const twins: GridPerson[] = [];
  await makeGrid(
    twin,
    GRID.filter((spec) => !spec.manager).map((spec) => ({ ...spec, totp: "confirmed" as const })),
    twins,
  );
  twinIds.push(...twins.map((person) => person.id));
  const db = database.current.db;
  await db
    .insert(legalHolds)
    .values({ tenantId: twin.id, name: "Everything", scope: "organisation", createdBy: twins[0]!.id });
  await db.insert(privacyLocks).values({
    tenantId: twin.id,
    accountId: null,
    setting: "marketing",
    reason: "Regulator",
    lockedBy: twins[0]!.id,
  });
});

describe("filtering the accounts list", () => {
  const cases: [string, AccountFilter, (person: GridPerson) => boolean][] = [
    ["no filter", {}, () => true],
    ["a part of a name, in any case", { q: "ADA N" }, (p) => p.name.toLowerCase().includes("ada n")],
    ["a part of an email", { q: `@${"org-"}` }, (p) => !p.purged],
    ["LIKE wildcards as themselves", { q: "%" }, () => false],
    ["active", { status: "active" }, (p) => p.status === "active"],
    ["suspended", { status: "suspended" }, (p) => p.status === "suspended"],
    ["terminated", { status: "terminated" }, (p) => p.status === "terminated"],
    ...(["domain_admin", "helpdesk_admin", "compliance_officer", "auditor"] as const).map(
      (role) =>
        [`role ${role}`, { role }, (p: GridPerson) => p.roles.includes(role)] as [
          string,
          AccountFilter,
          (p: GridPerson) => boolean,
        ],
    ),
    ["no admin role", { role: "none" }, (p) => p.roles.length === 0],
    ["under hold", { hold: "yes" }, (p) => p.held],
    ["not under hold", { hold: "no" }, (p) => !p.held],
    ["with locked settings", { locked: "yes" }, (p) => p.locked],
    ["without locked settings", { locked: "no" }, (p) => !p.locked],
    ["with two-step verification", { twoFactor: "yes" }, (p) => p.twoFactor],
    ["without two-step verification", { twoFactor: "no" }, (p) => !p.twoFactor],
    [
      "active, with two-step verification",
      { status: "active", twoFactor: "yes" },
      (p) => p.status === "active" && p.twoFactor,
    ],
    [
      "no admin role, neither held nor locked",
      { role: "none", hold: "no", locked: "no" },
      (p) => p.roles.length === 0 && !p.held && !p.locked,
    ],
    ["held and locked", { hold: "yes", locked: "yes" }, (p) => p.held && p.locked],
    [
      "a name, without two-step verification",
      { q: "ada", twoFactor: "no" },
      (p) => p.name.toLowerCase().includes("ada") && !p.twoFactor,
    ],
  ];

  it.each(cases)("lists, counts and selects the same accounts: %s", async (_label, filter, matches) => {
    const expected = gridPeople.filter(matches).map((person) => person.id);
    const { forward } = await walkPages(filter, { sort: "name", dir: "asc" }, 4);
    const listed = forward.flat();
    expect([...listed].sort()).toEqual([...expected].sort());
    expect(await inGrid((tx) => countAccounts(tx, grid.id, filter))).toBe(expected.length);
    // "All that match" for a bulk run: the same accounts, in the list's default order.
    expect(await inGrid((tx) => accountIdsMatching(tx, grid.id, filter, 1000))).toEqual(listed);
  });

  it("filters by manager: the accounts that report to them", async () => {
    for (const manager of ["Ben Okafor", "Fay Rossi"]) {
      const managerId = byName(manager).id;
      const filter = { manager: managerId };
      const expected = gridPeople.filter((person) => person.managerId === managerId).map((person) => person.id);
      expect(expected.length).toBeGreaterThan(1);
      expect([...(await accountIdsFor(filter))].sort()).toEqual([...expected].sort());
      expect(await inGrid((tx) => countAccounts(tx, grid.id, { ...filter, status: "suspended" }))).toBe(
        manager === "Ben Okafor" ? 1 : 0,
      );
    }
  });

  it("counts an organisation-wide hold or lock as covering every account, and only in its organisation", async () => {
    const inTwin = (filter: AccountFilter) => tenantScope(twin.id, (tx) => countAccounts(tx, twin.id, filter));
    expect(await inTwin({ hold: "yes" })).toBe(twinIds.length);
    expect(await inTwin({ hold: "no" })).toBe(0);
    expect(await inTwin({ locked: "yes" })).toBe(twinIds.length);
    expect(await inTwin({ locked: "no" })).toBe(0);
    const twinPage = await tenantScope(twin.id, (tx) => listAccounts(tx, twin.id, { pageSize: 100 }));
    expect(twinPage.rows.every((row) => row.underHold && row.lockedSettings)).toBe(true);
    // Grid is untouched by its twin's organisation-wide hold and lock.
    expect(await inGrid((tx) => countAccounts(tx, grid.id, { hold: "yes" }))).toBe(
      gridPeople.filter((person) => person.held).length,
    );
    expect(await inGrid((tx) => countAccounts(tx, grid.id, { locked: "yes" }))).toBe(
      gridPeople.filter((person) => person.locked).length,
    );
  });

  it("never shows another organisation's accounts, whatever the filter", async () => {
    for (const filter of [
      {},
      { q: "ada" },
      { hold: "yes" },
      { twoFactor: "yes" },
      { locked: "yes" },
    ] as AccountFilter[]) {
      const ids = new Set([...(await accountIdsFor(filter)), ...(await walkPages(filter, DEFAULT, 50)).forward.flat()]);
      expect(twinIds.some((id) => ids.has(id))).toBe(false);
    }
    // Asked for the twin inside Grid's scope, row-level security still answers with nothing.
    const crossed = await inGrid((tx) => listAccounts(tx, twin.id, {}));
    expect(crossed.rows).toEqual([]);
    expect(await inGrid((tx) => countAccounts(tx, twin.id, {}))).toBe(0);
  });

  it("describes each account on the page: roles, second factors, hold and locked settings", async () => {
    const { rows } = await listGrid({ pageSize: 100 });
    const row = (id: string) => rows.find((candidate) => candidate.id === id)!;
    const gus = row(byName("Gus Sato").id);
    expect(gus).toMatchObject({
      roles: ["compliance_officer", "auditor"],
      factors: { totp: true, passkeys: 1 },
      underHold: true,
      lockedSettings: true,
    });
    const adas = gridPeople.filter((person) => person.name === "Ada Ng").map((person) => row(person.id));
    expect(adas.map((ada) => ada.factors)).toEqual([
      { totp: true, passkeys: 0 },
      { totp: false, passkeys: 2 },
      { totp: false, passkeys: 0 },
    ]);
    // A released hold, a cleared lock and an unconfirmed authenticator app count for nothing.
    expect(row(byName("Dev Patel").id)).toMatchObject({
      underHold: false,
      factors: { totp: false, passkeys: 0 },
    });
    expect(row(byName("Fay Rossi").id).lockedSettings).toBe(false);
    // Purged accounts stay on the list, without an email.
    const erased = rows.filter((candidate) => candidate.displayName === "Erased account");
    expect(erased.map((candidate) => candidate.email)).toEqual([null, null]);
  });
});

const DEFAULT: AccountSort = { sort: "name", dir: "asc" };

function accountIdsFor(filter: AccountFilter): Promise<string[]> {
  return inGrid((tx) => accountIdsMatching(tx, grid.id, filter, 1000));
}

describe("sorting and paging the accounts list", () => {
  const sorts = ACCOUNT_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ sort, dir })));

  it.each(sorts)("walks every page of $sort $dir forwards and back, missing and repeating nothing", async (sort) => {
    const expected = await expectedOrder({}, sort);
    expect(expected).toHaveLength(GRID.length);
    for (const pageSize of [1, 3, 4, 7]) {
      const { forward, backward } = await walkPages({}, sort, pageSize);
      expect(forward.flat(), `page size ${pageSize}`).toEqual(expected);
      expect(backward, `page size ${pageSize}, backwards`).toEqual(forward);
      expect(forward.slice(0, -1).every((page) => page.length === pageSize)).toBe(true);
    }
  });

  it.each([
    [{ status: "active" }, { sort: "lastSignIn", dir: "desc" }],
    [{ twoFactor: "no" }, { sort: "email", dir: "asc" }],
    [
      { role: "none", hold: "no" },
      { sort: "status", dir: "desc" },
    ],
    [{ q: "a" }, { sort: "created", dir: "asc" }],
  ] as [AccountFilter, AccountSort][])("pages a filtered list (%o) in order %o", async (filter, sort) => {
    const expected = await expectedOrder(filter, sort);
    expect(expected.length).toBeGreaterThan(3);
    const { forward, backward } = await walkPages(filter, sort, 2);
    expect(forward.flat()).toEqual(expected);
    expect(backward).toEqual(forward);
  });

  it("keeps accounts without a value last, in both directions", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const { rows } = await listGrid({ sort: { sort: "lastSignIn", dir }, pageSize: 100 });
      const firstNever = rows.findIndex((row) => row.lastSignInAt === null);
      expect(
        rows.slice(firstNever).every((row) => row.lastSignInAt === null),
        dir,
      ).toBe(true);
      const byEmail = await listGrid({ sort: { sort: "email", dir }, pageSize: 100 });
      expect(byEmail.rows.slice(-2).map((row) => row.email)).toEqual([null, null]);
    }
  });

  it("tells timestamps a microsecond apart, which a JS Date cannot", async () => {
    const { forward } = await walkPages({}, { sort: "created", dir: "asc" }, 1);
    const createdOf = new Map(gridPeople.map((person) => [person.id, person.created]));
    const created = forward.flat().map((id) => createdOf.get(id)!);
    expect(created).toEqual([...created].sort());
    expect(created.indexOf(T1_NEXT)).toBe(created.lastIndexOf(T1) + 1);
  });

  it("refuses cursors made for another sort or direction, or that no row could have made", () => {
    const id = "7b0c8a52-1d2e-4f3a-9b8c-0d1e2f3a4b5c";
    const raw = (cursor: object) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
    const email: AccountSort = { sort: "email", dir: "asc" };
    const created: AccountSort = { sort: "created", dir: "desc" };
    const status: AccountSort = { sort: "status", dir: "asc" };
    const lastSignIn: AccountSort = { sort: "lastSignIn", dir: "asc" };
    const nameCursor = encodeCursor({ s: "name", d: "asc", n: "Ada", i: id });
    expect(decodeCursor(nameCursor, email)).toBeNull();
    expect(decodeCursor(nameCursor, { sort: "name", dir: "desc" })).toBeNull();
    expect(decodeCursor(raw({ s: "name", d: "asc", v: "x", n: "Ada", i: id }))).toBeNull();
    expect(
      decodeCursor(raw({ s: "created", d: "desc", v: "2026-02-31T00:00:00.000000Z", n: "A", i: id }), created),
    ).toBeNull();
    expect(
      decodeCursor(raw({ s: "created", d: "desc", v: "2026-02-01T00:00:00Z", n: "A", i: id }), created),
    ).toBeNull();
    expect(decodeCursor(raw({ s: "created", d: "desc", v: null, n: "A", i: id }), created)).toBeNull();
    expect(decodeCursor(raw({ s: "status", d: "asc", v: "deleted", n: "A", i: id }), status)).toBeNull();
    expect(decodeCursor(raw({ s: "status", d: "asc", n: "A", i: id }), status)).toBeNull();
    expect(decodeCursor(raw({ s: "name", d: "asc", n: "A\u0000", i: id }))).toBeNull();
    expect(decodeCursor(raw({ s: "lastSignIn", d: "asc", v: null, n: "A", i: id }), lastSignIn)).not.toBeNull();
    expect(decodeCursor(raw({ s: "email", d: "asc", v: "a@b.example", n: "A", i: id }), email)).not.toBeNull();
    // A cursor is never handed to listAccounts for another sort: that would be a bug, not a bad link.
    const cursor = decodeCursor(nameCursor)!;
    return expect(listGrid({ sort: email, after: cursor })).rejects.toThrow(/another sort/);
  });

  it("shows a full first page when paging back from a cursor near the start", async () => {
    const { pages } = await walkPages({}, DEFAULT, 5);
    // Back from the first page's second row: one row comes before it, so the first page is shown whole.
    const second = pages[0]!.rows[1]!;
    const back = await listGrid({
      pageSize: 5,
      before: { s: "name", d: "asc", n: second.displayName, i: second.id },
    });
    expect(back.rows.map((row) => row.id)).toEqual(pages[0]!.rows.map((row) => row.id));
    expect(back.previous).toBeNull();
  });
});

describe("the manager filter's choices", () => {
  it("lists the accounts that manage someone, by name, and a chosen one even past the limit", async () => {
    const all = await inGrid((tx) => listManagers(tx, grid.id));
    expect(all.managers.map((manager) => manager.displayName)).toEqual(["Ben Okafor", "Fay Rossi"]);
    expect(all.more).toBe(false);
    const fay = byName("Fay Rossi").id;
    const limited = await inGrid((tx) => listManagers(tx, grid.id, { limit: 1, include: fay }));
    expect(limited.managers.map((manager) => manager.displayName)).toEqual(["Ben Okafor", "Fay Rossi"]);
    expect(limited).toMatchObject({ more: true, included: true });
    const stranger = await inGrid((tx) => listManagers(tx, grid.id, { include: twinIds[0] }));
    expect(stranger.included).toBe(false);
  });
});

describe("the accounts page's filters, sort and selection", () => {
  let gridCookie: string;
  let auditorCookie: string;

  beforeAll(async () => {
    const admin = await newPerson(grid, "Pat Admin", { roles: ["domain_admin"] });
    const auditor = await newPerson(grid, "Quinn Auditor", { roles: ["auditor"] });
    gridCookie = await signInCookie(admin.email, PASSWORD);
    auditorCookie = await signInCookie(auditor.email, PASSWORD);
  });

  async function gridPage(query: string, cookie = gridCookie) {
    return accountsLoader({
      request: getRequest(`/t/${grid.slug}/${query}`, cookie),
      params: { tenant: grid.slug },
      context: testContext,
    });
  }

  it("filters, sorts and counts what the URL asks for", async () => {
    const result = await gridPage("?status=active&sort=email&dir=desc");
    expect(result.filter).toEqual({ status: "active" });
    expect(result.sort).toEqual({ sort: "email", dir: "desc" });
    // The grid's active accounts, and the two admins this block added.
    expect(result.total).toBe(gridPeople.filter((person) => person.status === "active").length + 2);
    expect(result.page.rows).toHaveLength(result.total);
    expect(result.page.rows.every((row) => row.status === "active")).toBe(true);
    const emails = result.page.rows.map((row) => row.email!);
    expect(emails).toEqual([...emails].sort().reverse());
    expect(result.fieldErrors).toEqual({});
  });

  it("keeps the filter and the sort from one page to the next", async () => {
    const cookie = await signInAs("dana@acme.example");
    const load = async (query: string) =>
      accountsLoader({
        request: getRequest(`/t/acme/${query}`, cookie),
        params: { tenant: "acme" },
        context: testContext,
      });
    const query = "?q=acme.example&sort=email&dir=desc";
    const first = await load(query);
    expect(first.total).toBe(acmeNames.length + 4);
    const second = await load(`${query}&after=${first.page.next}`);
    expect(second.notices).toEqual([]);
    expect(second.filter).toEqual({ q: "acme.example" });
    const emails = [...first.page.rows, ...second.page.rows].map((row) => row.email!);
    expect(emails).toHaveLength(acmeNames.length + 4);
    expect(emails).toEqual([...new Set(emails)].sort().reverse());
    const back = await load(`${query}&before=${second.page.previous}`);
    expect(back.page.rows.map((row) => row.id)).toEqual(first.page.rows.map((row) => row.id));
  });

  it("keeps the list usable when a hand-edited URL has values it does not know, and says which", async () => {
    const result = await gridPage(
      `?q=ada&status=deleted&role=king&hold=maybe&twoFactor=1&manager=not-a-uuid&sort=shoe-size&dir=up`,
    );
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["hold", "manager", "role", "status", "twoFactor"]);
    expect(result.fieldErrors.status).toBe("Choose a status from the list.");
    expect(result.filter).toEqual({ q: "ada" });
    expect(result.sort).toEqual({ sort: "name", dir: "asc" });
    expect(result.notices).toEqual([expect.stringMatching(/cannot be sorted that way/)]);
    expect(result.page.rows.map((row) => row.displayName.toLowerCase())).toEqual(Array(4).fill("ada ng"));
  });

  it("refuses a manager who is not one of the organisation's accounts, next to the field", async () => {
    const stranger = await gridPage(`?manager=${twinIds[0]}`);
    expect(stranger.fieldErrors.manager).toBe("Choose a manager from the list.");
    expect(stranger.filter.manager).toBeUndefined();
    expect(stranger.total).toBe(GRID.length + 2);
    const ben = byName("Ben Okafor").id;
    const reports = await gridPage(`?manager=${ben}`);
    expect(reports.fieldErrors).toEqual({});
    expect(reports.total).toBe(gridPeople.filter((person) => person.managerId === ben).length);
    expect(reports.managers.managers.map((manager) => manager.displayName)).toEqual(["Ben Okafor", "Fay Rossi"]);
  });

  it("answers a cursor made for another sort with the first page and a notice", async () => {
    const nameCursor = encodeCursor({ s: "name", d: "asc", n: "Ada Ng", i: byName("Ada Ng").id });
    const result = await gridPage(`?sort=created&after=${nameCursor}`);
    expect(result.notices).toEqual([expect.stringMatching(/not valid/)]);
    expect(result.page.previous).toBeNull();
  });

  it("offers bulk actions to an admin who acts on accounts, not to an auditor", async () => {
    expect((await gridPage("")).canBulk).toBe(true);
    expect((await gridPage("", auditorCookie)).canBulk).toBe(false);
  });
});
