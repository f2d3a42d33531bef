// The apps page (/t/:tenant/apps) and its CSV export as people use them, signed in through the real sign-in:
// admins with apps.viewStats see the organisation's statistics (each read recorded), a line manager sees only
// their direct reports' (each report's read recorded as account.viewApps), anyone else nothing; a bad filter
// is said next to its field, as typed; the CSV holds the table's rows with formulas defused; and the charts
// are SVG in the server's HTML.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { accounts, roleAssignments } from "~db/schema";
import { createAccount } from "~db/test-fixtures";
import { BarChart } from "~/components/charts/bar-chart";
import { DailyChart } from "~/components/charts/daily-chart";
import { entriesOf, newWorld, WORLD_PASSWORD } from "~/partners/test-world.server";
import { loader as accountLoader } from "~/routes/t.$tenant.accounts.$accountId";
import { loader as exportLoader } from "~/routes/t.$tenant.apps.export";
import { loader as pageLoader } from "~/routes/t.$tenant.apps._index";
import { getRequest, responseOf, setupTestDatabase, signInCookie, testContext, unwrapData } from "~/testing/harness";
import { storeEvents } from "./ingest.server";
import { addDays, utcDay } from "./stats.server";

const database = setupTestDatabase();
const db = () => database.current.db;

type Page = Awaited<ReturnType<typeof pageLoader>>["data"];

const TODAY = utcDay(new Date());
const at = (daysAgo: number) => new Date(`${addDays(TODAY, -daysAgo)}T09:30:00Z`);

function event(installation: string, kind: "install" | "uninstall", daysAgo: number, fields: Record<string, string>) {
  return {
    id: randomUUID(),
    installationNumber: installation,
    kind,
    occurredAt: at(daysAgo),
    app: "Field",
    appVersion: fields.version ?? "1.0",
    os: fields.os ?? "iOS",
    osVersion: "17",
    deviceModel: fields.model ?? "iPhone 15",
    deviceIdentifier: `device-${installation}`,
    account: fields.account ?? null,
  };
}

/**
 * Acme, whose Field app is on three devices: Alice's and Bert's (both report to Mona, a member with no
 * admin role) and Dana's, whose device model is a formula. Carl, a compliance officer, manages nobody.
 */
async function seedWorld() {
  const world = await newWorld(db);
  const person = async (first: string, extra: { managerId?: string } = {}) => {
    const email = `${first.toLowerCase()}-${randomUUID().slice(0, 8)}@${world.acme.slug}.example`;
    const { id } = await createAccount(db(), {
      tenantId: world.acme.id,
      email,
      displayName: `${first} Acme`,
      password: WORLD_PASSWORD,
      ...extra,
    });
    return { id, email, name: `${first} Acme` };
  };
  const mona = await person("Mona");
  const bert = await person("Bert", { managerId: mona.id });
  const carl = await person("Carl");
  await db()
    .insert(roleAssignments)
    .values({ tenantId: world.acme.id, accountId: carl.id, role: "compliance_officer" });
  await db().update(accounts).set({ managerId: mona.id }).where(eq(accounts.id, world.alice.id));
  await storeEvents(db(), world.acme.id, [
    event("F1", "install", 3, { account: world.alice.email, version: "1.2" }),
    event("F2", "install", 2, { account: bert.email, version: "1.10", os: "Android" }),
    event("F3", "install", 1, { account: world.dana.email, version: "1.0", model: '=HYPERLINK("http://evil")' }),
    event("F4", "install", 2, { version: "1.2" }),
    event("F4", "uninstall", 1, { version: "1.2" }),
  ]);
  return { world, mona, bert, carl };
}

const cookieOf = (email: string) => signInCookie(email, WORLD_PASSWORD);

const open = async (slug: string, cookie: string, query = "") =>
  unwrapData<Page>(
    await pageLoader({
      request: getRequest(`/t/${slug}/apps${query}`, cookie),
      params: { tenant: slug },
      context: testContext,
    }),
  );

const download = (slug: string, cookie: string, query: string) =>
  responseOf(() =>
    exportLoader({
      request: getRequest(`/t/${slug}/apps/export?${query}`, cookie),
      params: { tenant: slug },
      context: testContext,
    }),
  );

/** A CSV body as rows of cells (no cell here holds a line break). */
function cells(body: string): string[][] {
  return body
    .trimEnd()
    .split("\r\n")
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .slice(0, -1)
        .map((cell) => cell.replace(/,$/, "")),
    );
}

describe("/t/:tenant/apps", () => {
  it("shows a domain admin the organisation's statistics, records the read and links the app keys", async () => {
    const { world } = await seedWorld();
    const { data: page, status } = await open(world.acme.slug, await cookieOf(world.dana.email));
    expect(status).toBe(200);
    expect(page.reports).toBeNull();
    expect(page.showKeysLink).toBe(true);
    expect(page.stats).toMatchObject({
      app: "Field",
      active: 3,
      versions: [
        { version: "1.0", active: 1 },
        { version: "1.2", active: 1 },
        { version: "1.10", active: 1 },
      ],
      osMix: [
        { os: "iOS", active: 2 },
        { os: "Android", active: 1 },
      ],
    });
    expect(page.stats.days).toHaveLength(30);
    expect(page.stats.days.at(-2)).toEqual({ day: addDays(TODAY, -1), installs: 1, uninstalls: 1 });
    expect(page.stats.oldestDevices[0]).toMatchObject({ appVersion: "1.0", accountName: world.dana.name });
    expect(page.exportQuery).toBe(`from=${addDays(TODAY, -29)}&to=${TODAY}&app=Field`);

    const [entry] = await entriesOf(db(), world.acme.id, "apps.viewStats");
    expect(entry).toMatchObject({ outcome: "allowed", visibility: "admins" });
    expect(entry!.target).toEqual({ type: "appStats", filters: { from: addDays(TODAY, -29), to: TODAY } });
  });

  it("shows a helpdesk admin the organisation's statistics, without the app keys link", async () => {
    const { world } = await seedWorld();
    const { data: page } = await open(world.acme.slug, await cookieOf(world.hank.email));
    expect(page.reports).toBeNull();
    expect(page.stats.active).toBe(3);
    expect(page.showKeysLink).toBe(false);
  });

  it("shows a line manager their direct reports only, each report's read recorded as account.viewApps", async () => {
    const { world, mona, bert } = await seedWorld();
    const { data: page } = await open(world.acme.slug, await cookieOf(mona.email));
    expect(page.reports).toBe(2);
    expect(page.showKeysLink).toBe(false);
    expect(page.stats).toMatchObject({ app: "Field", active: 2 });
    expect(page.stats.versions.map((row) => row.version)).toEqual(["1.2", "1.10"]);
    expect(page.stats.oldestDevices.map((device) => device.accountName).sort()).toEqual(
      [bert.name, world.alice.name].sort(),
    );
    expect(page.stats.days.filter((row) => row.installs).map((row) => row.day)).toEqual([
      addDays(TODAY, -3),
      addDays(TODAY, -2),
    ]);

    const reads = await entriesOf(db(), world.acme.id, "account.viewApps");
    expect(reads.map((entry) => [entry.subjectAccountId, entry.outcome]).sort()).toEqual(
      [
        [world.alice.id, "allowed"],
        [bert.id, "allowed"],
      ].sort(),
    );
    expect(reads.every((entry) => entry.actorAccountId === mona.id)).toBe(true);
    // Mona has no admin role: nothing organisation-wide was attempted in her name.
    expect(await entriesOf(db(), world.acme.id, "apps.viewStats")).toEqual([]);

    // Her reports' statistics, not their admin pages (sessions, holds and trails are not hers to see).
    const monaCookie = await cookieOf(mona.email);
    const bertsPage = await responseOf(() =>
      accountLoader({
        request: getRequest(`/t/${world.acme.slug}/accounts/${bert.id}`, monaCookie),
        params: { tenant: world.acme.slug, accountId: bert.id },
        context: testContext,
      }),
    );
    expect(bertsPage.status).toBe(404);

    // The CSV is the same reports' only.
    const csv = await download(world.acme.slug, await cookieOf(mona.email), "table=versions");
    expect(cells(await csv.text()).slice(1)).toEqual([
      ["Field", "1.2", "1"],
      ["Field", "1.10", "1"],
    ]);
  });

  it("answers 404 to a member who manages nobody and 403 to a console user without the right", async () => {
    const { world, carl } = await seedWorld();
    expect((await responseOf(() => open(world.acme.slug, ""))).status).toBe(302);
    const alice = await cookieOf(world.alice.email);
    expect((await responseOf(() => open(world.acme.slug, alice))).status).toBe(404);
    expect((await download(world.acme.slug, alice, "table=versions")).status).toBe(404);
    const carlCookie = await cookieOf(carl.email);
    const refused = await responseOf(() => open(world.acme.slug, carlCookie));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("view the organisation's app statistics");
    // Another organisation's admin finds nothing here.
    const lena = await cookieOf(world.lena.email);
    expect((await responseOf(() => open(world.acme.slug, lena))).status).toBe(404);
  });

  it("says a bad filter next to its field, keeps what was typed and still shows the statistics", async () => {
    const { world } = await seedWorld();
    const cookie = await cookieOf(world.dana.email);
    const { data: page, status } = await open(
      world.acme.slug,
      cookie,
      `?from=2026-13-45&to=${TODAY}&os=Android&version=${"9".repeat(201)}`,
    );
    expect(status).toBe(200);
    expect(page.fieldErrors).toEqual({
      from: ["Enter a day as YYYY-MM-DD, for example 2026-03-31."],
      version: ["Keep this to 200 characters or fewer."],
    });
    expect(page.typed.from).toBe("2026-13-45");
    expect(page.typed.version).toBe("9".repeat(201));
    expect(page.filters).toMatchObject({ from: addDays(TODAY, -29), os: "Android", version: null });
    expect(page.stats).toMatchObject({ active: 1, osMix: [{ os: "Android", active: 1 }] });

    const tooLong = await open(world.acme.slug, cookie, `?from=${addDays(TODAY, -400)}&to=${TODAY}`);
    expect(tooLong.data.fieldErrors).toEqual({ from: ["Choose a range of at most 400 days."] });
    const year = await open(world.acme.slug, cookie, `?from=${addDays(TODAY, -399)}&to=${TODAY}`);
    expect(year.data.fieldErrors).toEqual({});
    expect(year.data.stats.days).toHaveLength(400);
  });
});

describe("/t/:tenant/apps/export", () => {
  it("downloads each table as CSV with the page's filters, a formula defused", async () => {
    const { world } = await seedWorld();
    const cookie = await cookieOf(world.dana.email);
    const from = addDays(TODAY, -6);
    const days = await download(world.acme.slug, cookie, `table=days&from=${from}&to=${TODAY}`);
    expect(days.status).toBe(200);
    expect(days.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(days.headers.get("Content-Disposition")).toBe(
      `attachment; filename="apps-days-${world.acme.slug}-${from}-${TODAY}.csv"`,
    );
    const dayRows = cells(await days.text());
    expect(dayRows[0]).toEqual(["App", "Day (UTC)", "Installs", "Uninstalls"]);
    expect(dayRows).toHaveLength(8);
    expect(dayRows.slice(-4)).toEqual([
      ["Field", addDays(TODAY, -3), "1", "0"],
      ["Field", addDays(TODAY, -2), "2", "0"],
      ["Field", addDays(TODAY, -1), "1", "1"],
      ["Field", TODAY, "0", "0"],
    ]);

    const os = cells(await (await download(world.acme.slug, cookie, "table=os&version=1.2")).text());
    expect(os).toEqual([
      ["App", "Operating system", "Active installations"],
      ["Field", "iOS", "1"],
    ]);

    const devices = await (await download(world.acme.slug, cookie, "table=devices")).text();
    const deviceRows = cells(devices);
    expect(deviceRows[0]).toEqual([
      "App",
      "Version",
      "Operating system",
      "OS version",
      "Device model",
      "Device identifier",
      "Account",
      "Last seen (UTC)",
      "Installation number",
    ]);
    expect(deviceRows.map((row) => row[8])).toEqual(["Installation number", "F3", "F1", "F2"]);
    // The formula is text to a spreadsheet: prefixed with ' (and quoted, for its quotes).
    expect(devices).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(deviceRows[1]![7]).toBe(at(1).toISOString());

    const entries = await entriesOf(db(), world.acme.id, "apps.viewStats");
    expect(entries.map((entry) => (entry.target as { table?: string }).table)).toEqual(["days", "os", "devices"]);
  });

  it("refuses an unknown table or a bad filter with 400 naming each field, reading nothing", async () => {
    const { world } = await seedWorld();
    const cookie = await cookieOf(world.dana.email);
    const bad = await download(world.acme.slug, cookie, "table=secrets&to=tomorrow");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "invalid_filters",
      fields: {
        table: "Choose a table: versions, os, days or devices.",
        to: "Enter a day as YYYY-MM-DD, for example 2026-03-31.",
      },
    });
    expect(await entriesOf(db(), world.acme.id, "apps.viewStats")).toEqual([]);
  });
});

describe("the charts", () => {
  it("are SVG in the server's HTML, bars and lines drawn", () => {
    const bars = renderToString(
      createElement(BarChart, {
        title: "Versions",
        data: [
          { label: "1.2", value: 3 },
          { label: "1.10", value: 5 },
        ],
        formatValue: String,
      }),
    );
    expect(bars).toMatch(/^<svg[^>]* role="img" aria-label="Versions"/);
    expect(bars.match(/<rect /g)).toHaveLength(2);
    expect(bars).toContain(">1.10<");

    const lines = renderToString(
      createElement(DailyChart, {
        title: "Per day",
        days: [
          { day: "2026-03-01", installs: 2, uninstalls: 0 },
          { day: "2026-03-02", installs: 4, uninstalls: 1 },
          { day: "2026-03-03", installs: 1, uninstalls: 3 },
        ],
        formatDay: (day) => day.slice(5),
        formatValue: String,
      }),
    );
    expect(lines).toMatch(/^<svg[^>]* role="img" aria-label="Per day"/);
    const paths = [
      ...lines.matchAll(/<path class="visx-linepath chart-line chart-(installs|uninstalls)" d="([^"]+)"/g),
    ];
    expect(paths.map((match) => match[1])).toEqual(["installs", "uninstalls"]);
    expect(paths.every((match) => /^M[\d.,-]+L[\d.,-]+L[\d.,-]+$/.test(match[2]!))).toBe(true);
    expect(lines).toContain(">03-02<");
  });
});
