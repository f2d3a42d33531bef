// The events API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL, where two batches really
// race on two connections): each refusal's status, per-event answers, idempotent retries, attribution,
// out-of-order merging, and rollups and installations that always equal a recount of the raw events.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "~db/client";
import { appInstallations, devices, ingestionKeys, installDailyRollups, installEvents } from "~db/schema";
import type { NewIngestionKey } from "~/actions/ingestion-keys.server";
import { performAction } from "~/actions/perform.server";
import { actorOf, newWorld, type World, type WorldPerson } from "~/partners/test-world.server";
import { setupTestDatabase } from "~/testing/harness";
import { BatchSlots } from "./batch-slots.server";
import { handleEventsRequest, type BatchAnswer } from "./events-api.server";
import type { RateLimit } from "./ingest.server";

const database = setupTestDatabase();
const db = () => database.current.db;
const HOUR = 60 * 60 * 1000;
const GENEROUS: RateLimit = { eventsPerSecond: 1_000_000, burst: 1_000_000 };

async function newKey(by: WorldPerson): Promise<NewIngestionKey> {
  const result = await performAction<NewIngestionKey>(actorOf(by), "ingestionKey.create", { name: "Field app" });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.output;
}

interface Options {
  key?: string | null;
  type?: string;
  rate?: RateLimit;
  slots?: BatchSlots;
  now?: Date;
}

function post(body: unknown, options: Options = {}): Promise<Response> {
  const headers = new Headers({ "Content-Type": options.type ?? "application/json" });
  if (options.key !== null) headers.set("Authorization", `Bearer ${options.key}`);
  const request = new Request("http://localhost/api/v1/events", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return handleEventsRequest(request, {
    db: db(),
    rate: options.rate ?? GENEROUS,
    slots: options.slots,
    now: options.now ? () => options.now! : undefined,
  });
}

async function postOk(body: unknown, options: Options): Promise<BatchAnswer> {
  const response = await post(body, options);
  const answer = (await response.json()) as BatchAnswer;
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer;
}

/** The response, once it is checked to have `status` and a JSON body that says what was wrong. */
async function expectStatus(response: Promise<Response>, status: number) {
  const answered = await response;
  const body = (await answered.json()) as { error?: string };
  expect(answered.status, JSON.stringify(body)).toBe(status);
  expect(body.error).toEqual(expect.any(String));
  return answered;
}

let installationSerial = 0;

function event(overrides: Record<string, unknown> = {}) {
  installationSerial += 1;
  return {
    id: randomUUID(),
    installationNumber: `INST-${installationSerial}`,
    kind: "install",
    occurredAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    app: "Field Notes",
    appVersion: "3.2.0",
    os: "iOS",
    osVersion: "18.1",
    deviceModel: "iPhone 15",
    deviceIdentifier: `DEV-${installationSerial}`,
    ...overrides,
  };
}

async function eventsOf(tenantId: string) {
  return db().select().from(installEvents).where(eq(installEvents.tenantId, tenantId));
}

async function rollupsOf(tenantId: string) {
  return db()
    .select({
      day: installDailyRollups.day,
      app: installDailyRollups.app,
      appVersion: installDailyRollups.appVersion,
      os: installDailyRollups.os,
      installs: installDailyRollups.installs,
      uninstalls: installDailyRollups.uninstalls,
      heartbeats: installDailyRollups.heartbeats,
    })
    .from(installDailyRollups)
    .where(eq(installDailyRollups.tenantId, tenantId))
    .orderBy(installDailyRollups.day, installDailyRollups.app, installDailyRollups.appVersion, installDailyRollups.os);
}

async function installationOf(tenantId: string, installationNumber: string) {
  const [row] = await db()
    .select()
    .from(appInstallations)
    .where(and(eq(appInstallations.tenantId, tenantId), eq(appInstallations.installationNumber, installationNumber)));
  return row;
}

describe("POST /api/v1/events", () => {
  it("stores a batch, counts it in the rollups, installations and devices, and marks the key used", async () => {
    const world = await newWorld(db);
    const { key, keyId } = await newKey(world.dana);
    const install = event({ account: world.alice.email.toUpperCase() });
    const heartbeat = event({
      installationNumber: install.installationNumber,
      deviceIdentifier: install.deviceIdentifier,
      kind: "heartbeat",
      occurredAt: new Date(Date.now() - HOUR).toISOString(),
      account: world.alice.id,
    });
    const answer = await postOk({ events: [install, heartbeat] }, { key });
    expect(answer).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

    const stored = await eventsOf(world.acme.id);
    expect(stored.map((row) => row.accountId)).toEqual([world.alice.id, world.alice.id]);
    expect(stored.find((row) => row.kind === "install")?.accountRef).toBe(world.alice.email.toUpperCase());
    const rollups = await rollupsOf(world.acme.id);
    expect(rollups.map(({ installs, heartbeats, uninstalls }) => ({ installs, heartbeats, uninstalls }))).toEqual(
      rollups.length === 1
        ? [{ installs: 1, heartbeats: 1, uninstalls: 0 }]
        : [
            { installs: 1, heartbeats: 0, uninstalls: 0 },
            { installs: 0, heartbeats: 1, uninstalls: 0 },
          ],
    );
    const installation = await installationOf(world.acme.id, install.installationNumber);
    expect(installation).toMatchObject({
      accountId: world.alice.id,
      app: "Field Notes",
      appVersion: "3.2.0",
      firstSeenAt: new Date(install.occurredAt),
      lastSeenAt: new Date(heartbeat.occurredAt),
      uninstalledAt: null,
    });
    const [device] = await db().select().from(devices).where(eq(devices.id, installation!.deviceId!));
    expect(device).toMatchObject({
      deviceIdentifier: install.deviceIdentifier,
      model: "iPhone 15",
      accountId: world.alice.id,
    });
    const [keyRow] = await db().select().from(ingestionKeys).where(eq(ingestionKeys.id, keyId));
    expect(keyRow!.lastUsedAt).not.toBeNull();
  });

  it("accepts NDJSON, and rejects a line that is not JSON while storing the others", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const good = [event(), event()];
    const body = [JSON.stringify(good[0]), "{not json", "", JSON.stringify(good[1])].join("\n");
    const answer = await postOk(body, { key, type: "application/x-ndjson" });
    expect(answer.accepted).toBe(2);
    expect(answer.rejected).toEqual([
      { index: 1, errors: [{ field: "event", message: expect.stringMatching(/^is not JSON/) }] },
    ]);
  });

  it("counts a retried batch once, even when the retry races the original on two connections", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const batch = Array.from({ length: 200 }, (_, i) =>
      event({ installationNumber: `SHARED-${i % 20}-${world.acme.id}`, kind: i < 20 ? "install" : "heartbeat" }),
    );
    const [first, second] = await Promise.all([postOk({ events: batch }, { key }), postOk({ events: batch }, { key })]);
    expect(first.accepted + second.accepted).toBe(200);
    expect(first.duplicates + second.duplicates).toBe(200);
    const third = await postOk(batch, { key });
    expect(third).toEqual({ accepted: 0, duplicates: 200, rejected: [] });
    expect(await eventsOf(world.acme.id)).toHaveLength(200);
    const totals = (await rollupsOf(world.acme.id)).reduce((sum, row) => sum + row.installs + row.heartbeats, 0);
    expect(totals).toBe(200);
  });

  it("stores the valid events of a batch and names each bad field of the others", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const now = new Date();
    const batch = [
      event(),
      event({ kind: "reinstall" }),
      event({ appVersion: "9".repeat(10_000) }),
      event({ occurredAt: "9999-01-01T00:00:00Z" }),
      event({ deviceIdentifier: "DEV\u0000\n42" }),
      event({ id: "not-a-uuid", app: "" }),
      "a string, not an event",
      event({ occurredAt: "2026-11-27T10:00:00" }),
      event({ occurredAt: new Date(now.getTime() + 25 * HOUR).toISOString() }),
      event({ occurredAt: "2001-01-01T00:00:00Z" }),
      event({ osVersion: null, deviceModel: undefined }),
      event({ app: "Field \ud800 Notes" }),
      event({ deviceModel: "iPhone \u202e51" }),
    ];
    const response = await post({ events: batch }, { key, now });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as BatchAnswer;
    expect(answer.accepted).toBe(2);
    const fieldsOf = (index: number) =>
      answer.rejected.find((rejected) => rejected.index === index)?.errors.map((error) => error.field);
    expect(answer.rejected.map((rejected) => rejected.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
    // Half a UTF-16 pair (which PostgreSQL's JSON would refuse for the whole batch) and a bidi override.
    expect(fieldsOf(11)).toEqual(["app"]);
    expect(fieldsOf(12)).toEqual(["deviceModel"]);
    expect(fieldsOf(1)).toEqual(["kind"]);
    expect(fieldsOf(2)).toEqual(["appVersion"]);
    expect(fieldsOf(3)).toEqual(["occurredAt"]);
    expect(fieldsOf(4)).toEqual(["deviceIdentifier"]);
    expect(fieldsOf(5)?.sort()).toEqual(["app", "id"]);
    expect(fieldsOf(6)).toEqual(["event"]);
    expect(fieldsOf(7)).toEqual(["occurredAt"]);
    expect(answer.rejected.find((r) => r.index === 8)?.errors[0]?.message).toMatch(/24 hours in the future/);
    expect(answer.rejected.find((r) => r.index === 9)?.errors[0]?.message).toMatch(/older than the 13 months/);
    expect(answer.rejected.find((r) => r.index === 2)?.id).toBe(batch[2] && (batch[2] as { id: string }).id);
    const stored = await eventsOf(world.acme.id);
    expect(stored.map((row) => row.id).sort()).toEqual(
      [(batch[0] as { id: string }).id, (batch[10] as { id: string }).id].sort(),
    );
  });

  it("answers 422 and stores nothing when every event is bad, and refuses one id sent with two times", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const response = await post([event({ kind: "x" }), event({ os: "" })], { key });
    expect(response.status).toBe(422);
    expect(((await response.json()) as BatchAnswer).rejected).toHaveLength(2);
    const twice = event();
    const answer = await postOk(
      [twice, { ...twice, occurredAt: new Date(Date.now() - 3 * HOUR).toISOString() }, twice],
      {
        key,
      },
    );
    expect(answer.accepted).toBe(1);
    expect(answer.duplicates).toBe(1);
    expect(answer.rejected).toEqual([
      { index: 1, id: twice.id, errors: [{ field: "id", message: expect.stringMatching(/event 0/) }] },
    ]);
    expect(await eventsOf(world.acme.id)).toHaveLength(1);
  });

  it("answers each limit with its own status", async () => {
    const world = await newWorld(db);
    const { key, keyId } = await newKey(world.dana);
    await expectStatus(post([event()], { key: null }), 401);
    await expectStatus(post([event()], { key: "ghk_00000000_" + "A".repeat(43) }), 401);
    await expectStatus(post([event()], { key: "not-a-key" }), 401);
    // A wrong key is told so before its body is read, however bad the body.
    await expectStatus(post("{not json", { key: "ghk_00000000_" + "B".repeat(43) }), 401);
    await expectStatus(post([event()], { key, type: "text/plain" }), 415);
    await expectStatus(post("<events/>", { key, type: "application/xml" }), 415);
    await expectStatus(post({ events: Array.from({ length: 1001 }, () => event()) }, { key }), 413);
    await expectStatus(post([event({ deviceModel: "x".repeat(1024 * 1024) })], { key }), 413);
    await expectStatus(post('{"events": [', { key }), 400);
    await expectStatus(post({ events: "none" }, { key }), 400);
    await expectStatus(post({ events: [] }, { key }), 400);

    const slow: RateLimit = { eventsPerSecond: 5, burst: 100 };
    await postOk(
      Array.from({ length: 100 }, () => event()),
      { key, rate: slow },
    );
    const limited = await expectStatus(post([event(), event()], { key, rate: slow }), 429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(world.acme.id)).toHaveLength(100);

    const revoked = await performAction(actorOf(world.dana), "ingestionKey.revoke", { keyId });
    expect(revoked.ok).toBe(true);
    await expectStatus(post([event()], { key }), 401);
  });

  it("answers 503 with Retry-After, storing nothing, while the server has as many batches waiting as it holds", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const slots = new BatchSlots(1, 0);
    let release!: () => void;
    const storing = slots.run(() => new Promise<void>((resolve) => (release = resolve)));

    const busy = await expectStatus(post([event()], { key, slots }), 503);
    expect(busy.headers.get("Retry-After")).toBe("1");
    expect(await eventsOf(world.acme.id)).toHaveLength(0);

    release();
    await storing;
    expect((await postOk([event()], { key, slots })).accepted).toBe(1);
  });

  it("keeps a rotated key working through its overlap, then refuses it; the new key works", async () => {
    const world = await newWorld(db);
    const old = await newKey(world.dana);
    const rotated = await performAction<NewIngestionKey>(actorOf(world.dana), "ingestionKey.rotate", {
      keyId: old.keyId,
    });
    if (!rotated.ok) throw new Error(JSON.stringify(rotated));
    expect((await postOk([event()], { key: old.key })).accepted).toBe(1);
    await db()
      .update(ingestionKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ingestionKeys.id, old.keyId));
    expect((await post([event()], { key: old.key })).status).toBe(401);
    expect((await postOk([event()], { key: rotated.output.key })).accepted).toBe(1);
  });

  it("stores events in the key's organisation: another organisation's people stay unattributed there", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.lena);
    const answer = await postOk([event({ account: world.alice.email }), event({ account: world.alice.id })], { key });
    expect(answer.accepted).toBe(2);
    expect(await eventsOf(world.acme.id)).toHaveLength(0);
    const stored = await eventsOf(world.fabrikam.id);
    expect(stored.map((row) => row.accountId)).toEqual([null, null]);
    expect(stored.map((row) => row.accountRef).sort()).toEqual([world.alice.email, world.alice.id].sort());
  });

  it("merges out-of-order events: the latest decides version and uninstalled, first and last seen span them all", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const base = event();
    const now = Date.now();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
    const same = { installationNumber: base.installationNumber, deviceIdentifier: base.deviceIdentifier };
    await postOk([event({ ...same, kind: "uninstall", occurredAt: at(1), appVersion: "3.3.0" })], { key });
    await postOk(
      [
        event({ ...same, kind: "install", occurredAt: at(10), appVersion: "3.1.0", account: world.alice.email }),
        event({ ...same, kind: "heartbeat", occurredAt: at(5), appVersion: "3.2.0" }),
      ],
      { key },
    );
    const installation = await installationOf(world.acme.id, base.installationNumber);
    expect(installation).toMatchObject({
      appVersion: "3.3.0",
      uninstalledAt: new Date(at(1)),
      firstSeenAt: new Date(at(10)),
      lastSeenAt: new Date(at(1)),
      accountId: world.alice.id,
    });
  });

  it("breaks a tie between two events of the same instant by id, whichever batch comes first", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const instant = new Date(Date.now() - HOUR).toISOString();
    for (const round of [1, 2]) {
      const base = event();
      const low = `00000000-0000-4000-8000-00000000000${round}`;
      const high = `ffffffff-ffff-4fff-bfff-fffffffffff${round}`;
      const sent = (id: string) =>
        event({
          id,
          installationNumber: base.installationNumber,
          deviceIdentifier: base.deviceIdentifier,
          kind: "heartbeat",
          occurredAt: instant,
          appVersion: id === high ? "4.0.0" : "3.9.0",
          deviceModel: id === high ? "iPhone 16" : "iPhone 15",
        });
      // The first round sends the higher id last, the second first: the stored rows end up the same.
      for (const id of round === 1 ? [low, high] : [high, low]) await postOk([sent(id)], { key });
      expect(await installationOf(world.acme.id, base.installationNumber)).toMatchObject({ appVersion: "4.0.0" });
      const [device] = await db()
        .select()
        .from(devices)
        .where(and(eq(devices.tenantId, world.acme.id), eq(devices.deviceIdentifier, base.deviceIdentifier)));
      expect(device).toMatchObject({ model: "iPhone 16", lastEventId: high });
    }
  });
});

describe("rollups, installations and devices after random traffic", () => {
  it("equal a recount from the raw events, with duplicates and events out of order", async () => {
    const world = await newWorld(db);
    const { key } = await newKey(world.dana);
    const random = seeded(20261127);
    const people = [world.alice, world.hank, world.dora];
    const all: ReturnType<typeof event>[] = [];
    for (let i = 0; i < 400; i += 1) {
      const installation = 1 + Math.floor(random() * 40);
      all.push(
        event({
          installationNumber: `R-${installation}`,
          deviceIdentifier: `RD-${installation % 25}`,
          kind: ["install", "uninstall", "heartbeat", "heartbeat"][Math.floor(random() * 4)],
          occurredAt: new Date(
            Date.now() - Math.floor(random() * 20 * 24) * HOUR - Math.floor(random() * HOUR),
          ).toISOString(),
          appVersion: `2.${Math.floor(random() * 4)}.0`,
          os: random() < 0.5 ? "iOS" : "Android",
          app: random() < 0.7 ? "Field Notes" : "Timesheets",
          account:
            random() < 0.2
              ? undefined
              : random() < 0.1
                ? "nobody@elsewhere.example"
                : people[Math.floor(random() * 3)]!.email,
        }),
      );
    }
    // Shuffled batches of random sizes, a third of them sent twice.
    const shuffled = [...all].sort(() => random() - 0.5);
    for (let start = 0; start < shuffled.length;) {
      const size = 1 + Math.floor(random() * 60);
      const batch = shuffled.slice(start, start + size);
      await postOk(batch, { key });
      if (random() < 0.33) expect((await postOk(batch, { key })).accepted).toBe(0);
      start += size;
    }

    const recount = await queryRows<Record<string, unknown>>(
      db(),
      sql`select (occurred_at at time zone 'UTC')::date::text as day, app, app_version, os,
                 count(*) filter (where kind = 'install')::int as installs,
                 count(*) filter (where kind = 'uninstall')::int as uninstalls,
                 count(*) filter (where kind = 'heartbeat')::int as heartbeats
            from install_events where tenant_id = ${world.acme.id}
           group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    const rollups = (await rollupsOf(world.acme.id)).map((row) => ({
      day: row.day,
      app: row.app,
      app_version: row.appVersion,
      os: row.os,
      installs: row.installs,
      uninstalls: row.uninstalls,
      heartbeats: row.heartbeats,
    }));
    expect(rollups).toEqual(recount);
    expect(
      recount.reduce((sum, row) => sum + Number(row.installs) + Number(row.uninstalls) + Number(row.heartbeats), 0),
    ).toBe(400);

    const expected = await recountLatest(
      world.acme.id,
      "installation_number",
      "l.app, l.app_version, l.os, case when l.kind = 'uninstall' then l.occurred_at end as uninstalled_at",
    );
    const actual = await queryRows<Record<string, unknown>>(
      db(),
      sql`select installation_number, app, app_version, os, uninstalled_at, first_seen_at as first_seen,
                 last_seen_at as last_seen, account_id
            from app_installations where tenant_id = ${world.acme.id} order by 1`,
    );
    expect(actual.map(normalise)).toEqual(expected.map(normalise));
    expect(actual.length).toBe(40);

    const expectedDevices = await recountLatest(
      world.acme.id,
      "device_identifier",
      "l.device_model as model, l.os, l.os_version",
    );
    const actualDevices = await queryRows<Record<string, unknown>>(
      db(),
      sql`select device_identifier, model, os, os_version, first_seen_at as first_seen, last_seen_at as last_seen,
                 account_id
            from devices where tenant_id = ${world.acme.id} order by 1`,
    );
    expect(actualDevices.map(normalise)).toEqual(expectedDevices.map(normalise));
    expect(actualDevices.length).toBe(25);
  });
});

/**
 * What an installation's or a device's row should say, recounted from the raw events of `key`'s value: the
 * `latest` columns of its latest event (by time, then id), first and last seen, and the account of its latest
 * event that named a known one.
 */
function recountLatest(tenantId: string, key: "installation_number" | "device_identifier", latest: string) {
  const column = sql.raw(key);
  return queryRows<Record<string, unknown>>(
    db(),
    sql`select l.${column}, ${sql.raw(latest)}, s.first_seen, s.last_seen, a.account_id
          from (select distinct on (${column}) * from install_events
                 where tenant_id = ${tenantId} and ${column} is not null
                 order by ${column}, occurred_at desc, id desc) l
          join (select ${column}, min(occurred_at) as first_seen, max(occurred_at) as last_seen
                  from install_events where tenant_id = ${tenantId} group by 1) s using (${column})
          left join (select distinct on (${column}) ${column}, account_id from install_events
                      where tenant_id = ${tenantId} and account_id is not null
                      order by ${column}, occurred_at desc, id desc) a using (${column})
         order by 1`,
  );
}

function normalise(row: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date
        ? value.toISOString()
        : value === null
          ? null
          : typeof value === "string" && /^\d{4}-\d\d-\d\d[ T]/.test(value)
            ? new Date(value).toISOString()
            : value,
    ]),
  );
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type { World };
