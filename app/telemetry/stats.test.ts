// The statistics of /t/:tenant/apps against a small known data set, stored through the events API's own
// storeEvents (so rollups, installations and devices are what ingestion keeps): counts per app, version, OS
// and UTC day, each filter, a line manager's scope of a few accounts, and the filters' validation.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, installDailyRollups } from "~db/schema";
import { createAccount } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { newWorld } from "~/partners/test-world.server";
import { setupTestDatabase } from "~/testing/harness";
import { storeEvents } from "./ingest.server";
import {
  addDays,
  compareVersions,
  loadAppStats,
  parseStatsFilters,
  utcDay,
  type StatsFilters,
  type StatsScope,
} from "./stats.server";

const database = setupTestDatabase();
const db = () => database.current.db;

/** Day 0 of the data set: ten UTC days ago, so every event falls in a partition the migration made. */
const DAY0 = addDays(utcDay(new Date()), -10);
const at = (day: number, hour = 12) => new Date(`${addDays(DAY0, day)}T${String(hour).padStart(2, "0")}:00:00Z`);

interface EventSpec {
  installation: string;
  kind: "install" | "uninstall" | "heartbeat";
  when: Date;
  app?: string;
  version: string;
  os: string;
  device: string;
  model?: string;
  account?: string | null;
}

function event(spec: EventSpec) {
  return {
    id: randomUUID(),
    installationNumber: spec.installation,
    kind: spec.kind,
    occurredAt: spec.when,
    app: spec.app ?? "Field",
    appVersion: spec.version,
    os: spec.os,
    osVersion: spec.os === "iOS" ? "17.4" : "14",
    deviceModel: spec.model ?? `${spec.os} phone`,
    deviceIdentifier: spec.device,
    account: spec.account ?? null,
  };
}

/**
 * Acme's apps: Field on four devices (three still installed, on 1.10.0, 1.9.0 and 1.2.0; one uninstalled),
 * and Kiosk on one. Alice and Bert report to Mona, who has no admin role.
 */
async function seedWorld() {
  const world = await newWorld(db);
  const mona = await createAccount(db(), {
    tenantId: world.acme.id,
    email: `mona-${randomUUID()}@acme.example`,
    displayName: "Mona Manager",
  });
  const bert = await createAccount(db(), {
    tenantId: world.acme.id,
    email: `bert-${randomUUID()}@acme.example`,
    displayName: "Bert Report",
    managerId: mona.id,
  });
  await db().update(accounts).set({ managerId: mona.id }).where(eq(accounts.id, world.alice.id));
  const { alice, dana } = world;
  const stored = await storeEvents(db(), world.acme.id, [
    event({
      installation: "A1",
      kind: "install",
      when: at(0),
      version: "1.2.0",
      os: "iOS",
      device: "D1",
      account: alice.email,
    }),
    event({
      installation: "A1",
      kind: "heartbeat",
      when: at(2),
      version: "1.10.0",
      os: "iOS",
      device: "D1",
      account: alice.email,
    }),
    event({
      installation: "A2",
      kind: "install",
      when: at(0, 23),
      version: "1.9.0",
      os: "Android",
      device: "D2",
      account: bert.email,
    }),
    event({ installation: "A3", kind: "install", when: at(1), version: "1.2.0", os: "iOS", device: "D3" }),
    event({ installation: "A3", kind: "uninstall", when: at(3), version: "1.2.0", os: "iOS", device: "D3" }),
    event({
      installation: "A4",
      kind: "install",
      when: at(1, 0),
      version: "1.2.0",
      os: "Android",
      device: "D4",
      account: dana.id,
    }),
    event({
      installation: "K1",
      kind: "install",
      when: at(2),
      app: "Kiosk",
      version: "2.0",
      os: "iOS",
      device: "D1",
      account: alice.email,
    }),
  ]);
  expect(stored.accepted).toBe(7);
  return { world, mona, bert };
}

const range = (from: number, to: number, more: Partial<StatsFilters> = {}): StatsFilters => ({
  from: addDays(DAY0, from),
  to: addDays(DAY0, to),
  app: null,
  os: null,
  version: null,
  ...more,
});

const statsOf = (tenantId: string, filters: StatsFilters, scope: StatsScope = { kind: "organisation" }) =>
  tenantScope(tenantId, (tx) => loadAppStats(tx, tenantId, filters, scope));

const countsOn = (days: { day: string; installs: number; uninstalls: number }[]) =>
  Object.fromEntries(
    days
      .filter((row) => row.installs || row.uninstalls)
      .map((row) => [row.day, [row.installs, row.uninstalls]] as const),
  );

describe("loadAppStats", () => {
  it("counts the most installed app's installations now, per version, OS and UTC day", async () => {
    const { world } = await seedWorld();
    const stats = await statsOf(world.acme.id, range(0, 4));
    expect(stats.apps).toEqual([
      { app: "Field", active: 3 },
      { app: "Kiosk", active: 1 },
    ]);
    expect(stats.app).toBe("Field");
    expect(stats.active).toBe(3);
    // Versions as people read them: 1.10.0 is the newest.
    expect(stats.versions).toEqual([
      { version: "1.2.0", active: 1 },
      { version: "1.9.0", active: 1 },
      { version: "1.10.0", active: 1 },
    ]);
    expect(stats.osMix).toEqual([
      { os: "Android", active: 2 },
      { os: "iOS", active: 1 },
    ]);
    // A2's install at 23:00 UTC and A4's at 00:00 UTC fall on their UTC days; every day of the range is there.
    expect(stats.days.map((row) => row.day)).toEqual([0, 1, 2, 3, 4].map((day) => addDays(DAY0, day)));
    expect(countsOn(stats.days)).toEqual({
      [addDays(DAY0, 0)]: [2, 0],
      [addDays(DAY0, 1)]: [2, 0],
      [addDays(DAY0, 3)]: [0, 1],
    });
    expect(stats.versionOptions).toEqual(["1.2.0", "1.9.0", "1.10.0"]);
    expect(stats.osOptions).toEqual(["Android", "iOS"]);
  });

  it("lists the devices on the oldest versions first, with model, identifier, account and last seen", async () => {
    const { world } = await seedWorld();
    const stats = await statsOf(world.acme.id, range(0, 4));
    expect(stats.oldestDevices).toEqual([
      expect.objectContaining({
        installationNumber: "A4",
        appVersion: "1.2.0",
        deviceIdentifier: "D4",
        deviceModel: "Android phone",
        accountName: world.dana.name,
        lastSeenAt: at(1, 0),
      }),
      expect.objectContaining({ installationNumber: "A2", appVersion: "1.9.0", accountName: "Bert Report" }),
      expect.objectContaining({ installationNumber: "A1", appVersion: "1.10.0", accountName: world.alice.name }),
    ]);
    const one = await tenantScope(world.acme.id, (tx) =>
      loadAppStats(tx, world.acme.id, range(0, 4), { kind: "organisation" }, { deviceLimit: 1 }),
    );
    expect(one.oldestDevices.map((device) => device.installationNumber)).toEqual(["A4"]);
  });

  it("filters by app, OS, version and date range", async () => {
    const { world } = await seedWorld();
    const kiosk = await statsOf(world.acme.id, range(0, 4, { app: "Kiosk" }));
    expect(kiosk).toMatchObject({ app: "Kiosk", active: 1, versions: [{ version: "2.0", active: 1 }] });
    expect(countsOn(kiosk.days)).toEqual({ [addDays(DAY0, 2)]: [1, 0] });

    const android = await statsOf(world.acme.id, range(0, 4, { os: "Android" }));
    expect(android.active).toBe(2);
    expect(android.versions.map((row) => row.version)).toEqual(["1.2.0", "1.9.0"]);
    expect(android.osMix).toEqual([{ os: "Android", active: 2 }]);
    expect(countsOn(android.days)).toEqual({ [addDays(DAY0, 0)]: [1, 0], [addDays(DAY0, 1)]: [1, 0] });
    expect(android.oldestDevices.map((device) => device.installationNumber)).toEqual(["A4", "A2"]);
    // The options still offer every OS and version of the app.
    expect(android.osOptions).toEqual(["Android", "iOS"]);

    const old = await statsOf(world.acme.id, range(0, 4, { version: "1.2.0" }));
    expect(old.active).toBe(1);
    expect(countsOn(old.days)).toEqual({
      [addDays(DAY0, 0)]: [1, 0],
      [addDays(DAY0, 1)]: [2, 0],
      [addDays(DAY0, 3)]: [0, 1],
    });

    const later = await statsOf(world.acme.id, range(1, 2));
    expect(later.days.map((row) => row.day)).toEqual([addDays(DAY0, 1), addDays(DAY0, 2)]);
    expect(countsOn(later.days)).toEqual({ [addDays(DAY0, 1)]: [2, 0] });

    const nothing = await statsOf(world.acme.id, range(0, 4, { app: "No such app" }));
    expect(nothing).toMatchObject({ app: "No such app", active: 0, versions: [], osMix: [], oldestDevices: [] });
  });

  it("counts the organisation's days from the rollups, never from its raw events", async () => {
    const { world } = await seedWorld();
    await db()
      .insert(installDailyRollups)
      .values({
        tenantId: world.acme.id,
        day: addDays(DAY0, 4),
        app: "Field",
        appVersion: "1.2.0",
        os: "iOS",
        installs: 5,
      });
    const stats = await statsOf(world.acme.id, range(0, 4));
    expect(stats.days.at(-1)).toEqual({ day: addDays(DAY0, 4), installs: 5, uninstalls: 0 });
  });

  it("keeps to the accounts of a line manager's scope, their days from those accounts' events", async () => {
    const { world, bert } = await seedWorld();
    const scope: StatsScope = { kind: "accounts", accountIds: [world.alice.id, bert.id] };
    const stats = await statsOf(world.acme.id, range(0, 4), scope);
    expect(stats.apps).toEqual([
      { app: "Field", active: 2 },
      { app: "Kiosk", active: 1 },
    ]);
    expect(stats.active).toBe(2);
    expect(stats.versions.map((row) => row.version)).toEqual(["1.9.0", "1.10.0"]);
    expect(countsOn(stats.days)).toEqual({ [addDays(DAY0, 0)]: [2, 0] });
    expect(stats.oldestDevices.map((device) => device.accountName)).toEqual(["Bert Report", world.alice.name]);

    const none = await statsOf(world.acme.id, range(0, 4), { kind: "accounts", accountIds: [] });
    expect(none).toMatchObject({ app: null, apps: [], active: 0 });
    expect(none.days).toHaveLength(5);
  });

  it("shows nothing of another organisation", async () => {
    const { world } = await seedWorld();
    const stats = await statsOf(world.fabrikam.id, range(0, 4));
    expect(stats).toMatchObject({ apps: [], app: null, active: 0 });
  });
});

describe("parseStatsFilters", () => {
  const now = new Date("2026-03-31T22:00:00Z");
  const parse = (query: string) => parseStatsFilters(new URLSearchParams(query), now);

  it("defaults to the last 30 UTC days and every app, OS and version", () => {
    expect(parse("")).toEqual({
      filters: { from: "2026-03-02", to: "2026-03-31", app: null, os: null, version: null },
      typed: { from: "", to: "", app: "", os: "", version: "" },
      errors: {},
    });
    expect(parse("from=2026-01-01&to=2026-01-31&app=Field&os=iOS&version=1.2").filters).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      app: "Field",
      os: "iOS",
      version: "1.2",
    });
  });

  it("says what is wrong with each bad field, keeps what was typed and falls back for it alone", () => {
    const bad = parse("from=2026-02-30&to=yesterday&app=Field");
    expect(bad.errors).toEqual({ from: "badDay", to: "badDay" });
    expect(bad.typed).toMatchObject({ from: "2026-02-30", to: "yesterday" });
    expect(bad.filters).toMatchObject({ from: "2026-03-02", to: "2026-03-31", app: "Field" });

    expect(parse("from=2026-03-10&to=2026-03-01").errors).toEqual({ to: "fromAfterTo" });
    expect(parse("from=2027-01-01").errors).toEqual({ from: "fromAfterTo" });
    const long = parse("from=2024-01-01&to=2026-03-01");
    expect(long.errors).toEqual({ from: "rangeTooLong" });
    expect(long.filters).toMatchObject({ from: "2026-01-31", to: "2026-03-01" });
    expect(parse("from=2025-02-25&to=2026-03-31").errors).toEqual({});
    expect(parse(`version=${"9".repeat(201)}`).errors).toEqual({ version: "tooLong" });
  });

  it("orders versions as people read them", () => {
    expect(["1.10.0", "1.2.0", "1.9.1", "1.9.0", "2.0"].sort(compareVersions)).toEqual([
      "1.2.0",
      "1.9.0",
      "1.9.1",
      "1.10.0",
      "2.0",
    ]);
  });
});
