import { beforeEach, describe, expect, it } from "vitest";
import { signInThrottles } from "~db/schema";
import { directoryScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import {
  THROTTLE_RULES,
  checkThrottle,
  clearAccountFailures,
  recordFailure,
  type ThrottleKeys,
} from "./throttle.server";

const database = setupTestDatabase();
const START = new Date("2025-03-01T09:00:00Z");
const DANA: ThrottleKeys = { email: "dana@acme.example", ip: "198.51.100.4" };

function at(offsetMs: number): Date {
  return new Date(START.getTime() + offsetMs);
}

function check(keys: ThrottleKeys, now: Date) {
  return directoryScope((tx) => checkThrottle(tx, keys, now));
}

function fail(keys: ThrottleKeys, now: Date) {
  return directoryScope((tx) => recordFailure(tx, keys, now));
}

async function failTimes(count: number, keys: ThrottleKeys, now: Date) {
  let last: Awaited<ReturnType<typeof fail>> | undefined;
  for (let i = 0; i < count; i++) last = await fail(keys, now);
  return last!;
}

beforeEach(async () => {
  await database.current.db.delete(signInThrottles);
});

describe("per-account limit", () => {
  it("lets four failures pass without a delay", async () => {
    const result = await failTimes(4, DANA, START);
    expect(result).toEqual({ failures: 4, lockedUntil: null });
    expect(await check(DANA, START)).toEqual({ allowed: true });
  });

  it("locks the account for 30 s at the fifth failure, and only until then", async () => {
    await failTimes(4, DANA, START);
    const fifth = await fail(DANA, START);
    expect(fifth).toEqual({ failures: 5, lockedUntil: at(30_000) });

    expect(await check(DANA, START)).toEqual({ allowed: false, retryAt: at(30_000), scope: "account" });
    expect(await check(DANA, at(29_000))).toMatchObject({ allowed: false, scope: "account" });
    expect(await check(DANA, at(31_000))).toEqual({ allowed: true });
  });

  it("refuses the account from any address, and whatever case the email is typed in", async () => {
    await failTimes(5, DANA, START);
    expect(await check({ email: " Dana@ACME.example ", ip: "192.0.2.99" }, at(1000))).toEqual({
      allowed: false,
      retryAt: at(30_000),
      scope: "account",
    });
  });

  it("doubles the delay with each further failure, up to 15 minutes", async () => {
    await failTimes(5, DANA, START);
    const delays: number[] = [];
    for (let failure = 6; failure <= 12; failure++) {
      const now = at(failure * 60_000);
      const { lockedUntil } = await fail(DANA, now);
      delays.push(lockedUntil!.getTime() - now.getTime());
    }
    const s = 1000;
    expect(delays).toEqual([60 * s, 120 * s, 240 * s, 480 * s, 900 * s, 900 * s, 900 * s]);
    expect(THROTTLE_RULES.account.maxDelayMs).toBe(900 * s);
  });

  it("forgets failures once the last one is more than an hour old", async () => {
    await failTimes(5, DANA, START);
    const later = at(THROTTLE_RULES.forgetAfterMs + 1000);
    expect(await fail(DANA, later)).toEqual({ failures: 1, lockedUntil: null });
    expect(await check(DANA, later)).toEqual({ allowed: true });
  });

  it("keeps counting failures that come within the hour", async () => {
    await failTimes(3, DANA, START);
    expect(await fail(DANA, at(THROTTLE_RULES.forgetAfterMs - 1000))).toMatchObject({ failures: 4 });
  });
});

describe("per-address limit", () => {
  const ip = "203.0.113.50";
  const emails = Array.from({ length: 21 }, (_, i) => `person${i}@victim.example`);

  it("locks an address that fails on 20 different accounts, for every account", async () => {
    for (const email of emails.slice(0, 19)) await fail({ email, ip }, START);
    expect(await check({ email: emails[20]!, ip }, START)).toEqual({ allowed: true });

    const twentieth = await fail({ email: emails[19]!, ip }, START);
    expect(twentieth).toEqual({ failures: 1, lockedUntil: at(30_000) });

    expect(await check({ email: emails[20]!, ip }, START)).toEqual({
      allowed: false,
      retryAt: at(30_000),
      scope: "ip",
    });
    // The same account from another address is not held back by this address's lock.
    expect(await check({ email: emails[20]!, ip: "203.0.113.51" }, START)).toEqual({ allowed: true });
  });

  it("caps the address's delay at one hour", async () => {
    let last: Date | null = null;
    for (let i = 0; i < 40; i++) {
      ({ lockedUntil: last } = await fail({ email: `spray${i}@victim.example`, ip }, START));
    }
    expect(last).toEqual(at(THROTTLE_RULES.ip.maxDelayMs));
    expect(THROTTLE_RULES.ip.maxDelayMs).toBe(60 * 60_000);
  });

  it("tells the person about the later lock when both the account and the address are locked", async () => {
    for (let i = 0; i < 19; i++) await fail({ email: `other${i}@victim.example`, ip }, START);
    await failTimes(4, { email: DANA.email, ip: null }, START);
    // Dana's fifth failure is the address's twentieth: both locked, the account until 30 s, the address too.
    await fail({ email: DANA.email, ip }, START);
    // Two more from the address push its lock to 2 minutes while Dana's stays at 30 s.
    await fail({ email: "other19@victim.example", ip }, at(1000));
    await fail({ email: "other20@victim.example", ip }, at(2000));
    expect(await check({ email: DANA.email, ip }, at(3000))).toEqual({
      allowed: false,
      retryAt: at(2000 + 120_000),
      scope: "ip",
    });
  });

  it("does not count an address when none is known", async () => {
    await failTimes(4, { email: DANA.email, ip: null }, START);
    const rows = await database.current.db.select().from(signInThrottles);
    expect(rows).toHaveLength(1);
  });
});

describe("after a successful sign-in", () => {
  it("forgets the account's failures but not the address's", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < 15; i++) await fail({ email: `guess${i}@victim.example`, ip }, START);
    await failTimes(5, { email: DANA.email, ip }, START);
    expect(await check({ email: DANA.email, ip }, START)).toMatchObject({ allowed: false, scope: "account" });

    await directoryScope((tx) => clearAccountFailures(tx, "DANA@acme.example"));

    expect(await check({ email: DANA.email, ip: null }, START)).toEqual({ allowed: true });
    // The address keeps its twenty failures: it stays locked for everyone.
    expect(await check({ email: "someone-new@victim.example", ip }, START)).toMatchObject({
      allowed: false,
      scope: "ip",
    });
    // And Dana's count starts again from one.
    expect(await fail({ email: DANA.email, ip: null }, at(1000))).toEqual({ failures: 1, lockedUntil: null });
  });
});

describe("shared between app servers", () => {
  it("counts every one of ten failures recorded at the same moment", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => fail(DANA, START)));
    expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rows = await database.current.db.select().from(signInThrottles);
    expect(rows.map((r) => r.failures).sort((a, b) => a - b)).toEqual([10, 10]);
  });

  it("stores neither the email nor the address, only their hashes", async () => {
    await fail({ email: "Dana@Acme.example", ip: "198.51.100.4" }, START);
    const rows = await database.current.db.select({ key: signInThrottles.key }).from(signInThrottles);
    expect(rows).toHaveLength(2);
    for (const { key } of rows) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain("dana");
      expect(key).not.toContain("198.51.100.4");
    }
  });
});
