// The per-event check of the events API (no database): what a valid event becomes, and the message each kind
// of bad field gets, one per field, so an app developer reads what to change.
import { describe, expect, it } from "vitest";
import { checkEvents, LineError } from "./events";

const NOW = new Date("2026-11-27T12:00:00Z");
const options = { now: NOW, keepsFrom: new Date("2025-11-01T00:00:00Z"), retentionMonths: 13 };

function event(overrides: Record<string, unknown> = {}) {
  return {
    id: "0B5C7F4E-8D0A-4F57-9A43-3F0D2F8A1C01",
    installationNumber: "  INST-1  ",
    kind: "heartbeat",
    occurredAt: "2026-11-27T10:00:00+01:00",
    app: "Field Notes",
    appVersion: "3.2.0",
    os: "iOS",
    ...overrides,
  };
}

const problemsOf = (item: unknown) => checkEvents([item], options).rejected[0]?.errors;

describe("checkEvents", () => {
  it("trims text, lower-cases the id, reads the time with its offset and makes absent fields null", () => {
    const { valid, rejected } = checkEvents([event({ deviceModel: " iPhone 15 ", osVersion: null })], options);
    expect(rejected).toEqual([]);
    expect(valid).toEqual([
      {
        index: 0,
        event: {
          id: "0b5c7f4e-8d0a-4f57-9a43-3f0d2f8a1c01",
          installationNumber: "INST-1",
          kind: "heartbeat",
          occurredAt: new Date("2026-11-27T09:00:00Z"),
          app: "Field Notes",
          appVersion: "3.2.0",
          os: "iOS",
          osVersion: null,
          deviceModel: "iPhone 15",
          deviceIdentifier: null,
          account: null,
        },
      },
    ]);
  });

  it("names each bad field once, with what is wrong with it", () => {
    expect(
      problemsOf(
        event({
          installationNumber: "   ",
          appVersion: "9".repeat(10_000),
          deviceIdentifier: "DEV-1\u0000\u0007",
          os: 42,
          kind: "reinstall",
          occurredAt: "2026-11-27T10:00:00",
          account: "alice\u202e@acme.example",
        }),
      ),
    ).toEqual([
      { field: "installationNumber", message: "must not be empty" },
      { field: "kind", message: "must be one of install, uninstall, heartbeat" },
      {
        field: "occurredAt",
        message: "must be an ISO 8601 time with a time zone, e.g. 2026-11-27T10:00:00Z",
      },
      { field: "appVersion", message: "must be at most 64 characters" },
      { field: "os", message: "must be a string" },
      { field: "deviceIdentifier", message: "must not contain control characters" },
      { field: "account", message: "must not contain control characters" },
    ]);
    expect(problemsOf(event({ id: "not-a-uuid", app: "" }))).toEqual([
      { field: "id", message: "must be a UUID" },
      { field: "app", message: "must not be empty" },
    ]);
    expect(problemsOf("an event")).toEqual([{ field: "event", message: "must be an object" }]);
  });

  it("refuses a time in the year 9999, one past the retention period, and a repeated id with another time", () => {
    const { valid, rejected } = checkEvents(
      [
        event({ occurredAt: "9999-01-01T00:00:00Z" }),
        event({ occurredAt: "2024-01-01T00:00:00Z" }),
        event(),
        event({ occurredAt: "2026-11-27T11:00:00Z" }),
        event(),
        new LineError("is not JSON (Unexpected token)"),
      ],
      options,
    );
    expect(rejected).toEqual([
      {
        index: 0,
        id: expect.any(String),
        errors: [{ field: "occurredAt", message: "is more than 24 hours in the future" }],
      },
      {
        index: 1,
        id: expect.any(String),
        errors: [{ field: "occurredAt", message: "is older than the 13 months this organisation keeps events" }],
      },
      {
        index: 3,
        id: expect.any(String),
        errors: [{ field: "id", message: "repeats the id of event 2 with a different time" }],
      },
      { index: 5, errors: [{ field: "event", message: "is not JSON (Unexpected token)" }] },
    ]);
    // The same event twice is a retry inside the batch: both pass, and the database counts the second as a
    // duplicate.
    expect(valid.map((item) => item.index)).toEqual([2, 4]);
  });
});
