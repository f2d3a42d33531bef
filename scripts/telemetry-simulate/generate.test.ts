import { describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeBatch } from "./client";
import { generateEvents, planBatches, type PlannedBatch, type SimulationSpec, type WireEvent } from "./generate";
import { readOptions } from "./options";

const END = new Date("2026-03-15T00:00:00.000Z");

function spec(overrides: Partial<SimulationSpec> = {}): SimulationSpec {
  return {
    devices: 50,
    events: 3000,
    batch: 200,
    duplicates: 0,
    bad: 0,
    accounts: [],
    apps: [],
    seed: "test",
    days: 30,
    end: END,
    ...overrides,
  };
}

// The events API's contract (common to the API and its clients), written out independently of both.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !controlCharacters.test(value));
const contractSchema = z.strictObject({
  id: z.uuid(),
  installationNumber: text(200),
  kind: z.enum(["install", "uninstall", "heartbeat"]),
  occurredAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) <= END.getTime() + 24 * 3600_000, "more than 24 hours ahead"),
  app: text(200),
  appVersion: text(100),
  os: text(100),
  osVersion: text(100).optional(),
  deviceModel: text(200).optional(),
  deviceIdentifier: text(200).optional(),
  account: z.email().optional(),
});

const all = (options: Partial<SimulationSpec> = {}) => [...planBatches(spec(options))];
const fresh = (batches: PlannedBatch[]) => batches.filter((batch) => !batch.resend);

describe("the simulator's events", () => {
  it("are the same for the same seed and different for another", () => {
    expect(all()).toEqual(all());
    const ids = (batches: PlannedBatch[]) => batches.flatMap((batch) => batch.events.map((event) => event.id));
    const other = new Set(ids(all({ seed: "other" })));
    expect(ids(all()).some((id) => other.has(id))).toBe(false);
  });

  it("are all valid per the contract, with unique ids, when none are made bad", () => {
    const events = fresh(all({ accounts: ["ada@example.org", "bo@example.org"] })).flatMap((batch) => batch.events);
    expect(events).toHaveLength(3000);
    for (const event of events) expect(contractSchema.safeParse(event).error).toBeUndefined();
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const attributed = events.filter((event) => event.account).length;
    expect(attributed).toBeGreaterThan(events.length * 0.8);
    expect(events.every((event) => !event.account || /^(ada|bo)@example\.org$/.test(event.account))).toBe(true);
    expect(new Set(events.map((event) => event.occurredAt.slice(0, 10))).size).toBeGreaterThan(20);
    expect(events.every((event) => Date.parse(event.occurredAt) >= END.getTime() - 30 * 86_400_000)).toBe(true);
  });

  it("leave unattributed without --accounts", () => {
    expect([...generateEvents(spec())].every((event) => event.account === undefined)).toBe(true);
  });

  it("start each installation with its install, on one device, and stop after an uninstall", () => {
    const byInstallation = new Map<string, WireEvent[]>();
    for (const event of generateEvents(spec({ events: 20_000 }))) {
      byInstallation.set(event.installationNumber, [...(byInstallation.get(event.installationNumber) ?? []), event]);
    }
    let upgraded = 0;
    let uninstalled = 0;
    for (const events of byInstallation.values()) {
      expect(events[0]!.kind).toBe("install");
      expect(events.slice(1).every((event) => event.kind !== "install")).toBe(true);
      expect(events.slice(0, -1).every((event) => event.kind !== "uninstall")).toBe(true);
      expect(new Set(events.map((event) => `${event.deviceIdentifier}|${event.os}|${event.app}`)).size).toBe(1);
      const times = events.map((event) => Date.parse(event.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      if (new Set(events.map((event) => event.appVersion)).size > 1) upgraded++;
      if (events.at(-1)!.kind === "uninstall") uninstalled++;
    }
    // 50 devices with one to three apps each, some upgraded and some uninstalled.
    expect(byInstallation.size).toBeGreaterThanOrEqual(50);
    expect(byInstallation.size).toBeLessThanOrEqual(150);
    expect(upgraded).toBeGreaterThan(0);
    expect(uninstalled).toBeGreaterThan(0);
  });

  it("arrive out of order within and across batches", () => {
    const events = fresh(all()).flatMap((batch) => batch.events);
    const times = events.map((event) => Date.parse(event.occurredAt));
    expect(times).not.toEqual([...times].sort((a, b) => a - b));
    const seen = new Set<string>();
    let heartbeatBeforeInstall = 0;
    for (const event of events) {
      if (event.kind === "heartbeat" && !seen.has(event.installationNumber)) heartbeatBeforeInstall++;
      if (event.kind === "install") seen.add(event.installationNumber);
    }
    expect(heartbeatBeforeInstall).toBeGreaterThan(0);
  });

  it("make the asked fraction of events invalid, and say how many per batch", () => {
    const batches = fresh(all({ events: 20_000, bad: 0.1, batch: 1000 }));
    let invalid = 0;
    for (const batch of batches) {
      const failing = batch.events.filter((event) => !contractSchema.safeParse(event).success).length;
      expect(failing).toBe(batch.invalid);
      invalid += failing;
    }
    expect(invalid / 20_000).toBeGreaterThan(0.09);
    expect(invalid / 20_000).toBeLessThan(0.11);
    // Even with bad events, every request stays within the API's 1 MiB.
    for (const batch of batches)
      expect(Buffer.byteLength(encodeBatch(batch.events, "json").body)).toBeLessThan(2 ** 20);
  });

  it("re-send about the asked fraction of batches, with the very same events", () => {
    const batches = all({ events: 40_000, batch: 100, duplicates: 0.2 });
    const originals = new Map(fresh(batches).map((batch) => [batch.sequence, batch]));
    const resent = batches.filter((batch) => batch.resend);
    expect(resent.length / originals.size).toBeGreaterThan(0.15);
    expect(resent.length / originals.size).toBeLessThan(0.25);
    for (const batch of resent) expect(batch.events).toEqual(originals.get(batch.sequence)!.events);
    // A re-send never comes before its original.
    const order = batches.map((batch) => `${batch.sequence}${batch.resend ? "r" : ""}`);
    for (const batch of resent)
      expect(order.indexOf(`${batch.sequence}r`)).toBeGreaterThan(order.indexOf(`${batch.sequence}`));
    // Fresh batches never share an id.
    const ids = fresh(batches).flatMap((batch) => batch.events.map((event) => event.id));
    expect(new Set(ids).size).toBe(40_000);
  });

  it("keep every batch within the batch size", () => {
    const batches = all({ events: 5003, batch: 250 });
    expect(batches.every((batch) => batch.events.length <= 250 && batch.events.length > 0)).toBe(true);
    expect(fresh(batches).reduce((sum, batch) => sum + batch.events.length, 0)).toBe(5003);
  });

  it("encode as NDJSON, one event a line", () => {
    const [batch] = all({ events: 10, batch: 10 });
    const encoded = encodeBatch(batch!.events, "ndjson");
    expect(encoded.contentType).toBe("application/x-ndjson");
    expect(
      encoded.body
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(batch!.events);
  });
});

describe("the simulator's options", () => {
  const key = `ghk_0123abcd_${"a".repeat(43)}`;

  it("take the key from the environment and fill in the defaults", () => {
    const read = readOptions([], { GLASSHOUSE_INGEST_KEY: key });
    expect(read).toEqual({
      options: expect.objectContaining({ url: "http://localhost:3000", key, devices: 200, events: 10_000, batch: 500 }),
    });
  });

  it("name each bad option", () => {
    const read = readOptions(
      ["--batch", "5000", "--bad", "2", "--accounts", "ada@example.org,nobody", "--format", "xml"],
      {
        GLASSHOUSE_INGEST_KEY: key,
      },
    );
    expect("problems" in read && read.problems).toEqual([
      "--batch must be at most 1,000",
      "--bad must be between 0 and 1",
      "--accounts must be comma-separated email addresses",
      "--format must be json or ndjson",
    ]);
  });

  it("require a key, and refuse an unknown option", () => {
    expect(readOptions([], {})).toEqual({ problems: [expect.stringContaining("--key")] });
    expect(readOptions(["--tenant", "x", "--key", key], {})).toEqual({
      problems: [expect.stringContaining("--tenant")],
    });
  });
});
