import { and, eq } from "drizzle-orm";
import { generate, ScureBase32Plugin } from "otplib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { totpCredentials } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import type { AccountRef } from "./session-adapter.server";
import {
  beginTotpEnrolment,
  checkTotpCode,
  confirmTotpEnrolment,
  deleteTotp,
  getTotpState,
  newTotpSecret,
  openTotpSecret,
  pendingTotpSecret,
  sealTotpSecret,
  totpQrSvg,
  totpUri,
  spendTotpCode,
} from "./totp.server";

const database = setupTestDatabase();
let tenantId: string;
let accountNumber = 0;

beforeAll(async () => {
  tenantId = (await createOrganisation(database.current.db, { slug: "acme" })).id;
});

async function newAccount(): Promise<AccountRef> {
  accountNumber += 1;
  const { id } = await createAccount(database.current.db, { tenantId, email: `person${accountNumber}@acme.example` });
  return { tenantId, accountId: id };
}

/** The 6-digit code of `secret` at `ms` (milliseconds), as an authenticator app shows it. */
function codeAt(secret: string, ms: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(ms / 1000) });
}

/** An account with a confirmed authenticator; returns its secret. The code used to confirm is at `at`. */
async function enrolled(ref: AccountRef, at: number): Promise<string> {
  const secret = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, ref));
  const check = await tenantScope(tenantId, async (tx) => confirmTotpEnrolment(tx, ref, await codeAt(secret, at), at));
  expect(check.ok).toBe(true);
  return secret;
}

const STEP = 30_000;

describe("RFC 6238 Appendix B (SHA-1, 8 digits)", () => {
  // The RFC's seed is the ASCII bytes "12345678901234567890"; in base32 that is the secret below.
  const seed = new TextEncoder().encode("12345678901234567890");
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const vectors: [number, string][] = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];

  it("encodes the RFC seed as the base32 secret an app would be given", () => {
    expect(new ScureBase32Plugin().encode(seed, { padding: false })).toBe(secret);
  });

  it.each(vectors)("at T = %i gives %s, from the base32 secret and from the raw seed", async (time, expected) => {
    expect(await generate({ secret, epoch: time, digits: 8, algorithm: "sha1" })).toBe(expected);
    expect(await generate({ secret: seed, epoch: time, digits: 8, algorithm: "sha1" })).toBe(expected);
  });

  it.each(vectors)("accepts the 6-digit form of the RFC code at T = %i", async (time, expected) => {
    // A 6-digit code is the same truncated value modulo 10^6: the last six digits of the 8-digit code.
    const check = await checkTotpCode(secret, expected.slice(-6), null, time * 1000);
    expect(check).toEqual({ ok: true, step: Math.floor(time / 30) });
  });
});

describe("secrets and enrolment links", () => {
  it("makes 160-bit base32 secrets, different each time", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new ScureBase32Plugin().decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it("writes an otpauth URI with the issuer, the account and every parameter spelt out", () => {
    expect(totpUri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "dana+ops@acme.example")).toBe(
      "otpauth://totp/Glasshouse:dana%2Bops%40acme.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" +
        "&issuer=Glasshouse&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("draws the URI as an SVG QR code", async () => {
    const svg = await totpQrSvg(totpUri(newTotpSecret(), "dana@acme.example"));
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<path");
  });
});

describe("checking a code", () => {
  const secret = newTotpSecret();
  const now = Date.now();
  const step = Math.floor(now / STEP);

  it("accepts the code of this moment, and of the step before and after", async () => {
    expect(await checkTotpCode(secret, await codeAt(secret, now), null, now)).toEqual({ ok: true, step });
    expect(await checkTotpCode(secret, await codeAt(secret, now - STEP), null, now)).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(await checkTotpCode(secret, await codeAt(secret, now + STEP), null, now)).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it("refuses a code two steps away as wrong", async () => {
    expect(await checkTotpCode(secret, await codeAt(secret, now - 2 * STEP), null, now)).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(await checkTotpCode(secret, await codeAt(secret, now + 2 * STEP), null, now)).toEqual({
      ok: false,
      reason: "wrong",
    });
  });

  it("accepts spaces inside the code", async () => {
    const code = await codeAt(secret, now);
    expect(await checkTotpCode(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, null, now)).toMatchObject({
      ok: true,
    });
  });

  it.each(["", "12345", "1234567", "12a456", "abcdef", "١٢٣٤٥٦", "1".repeat(10_000)])(
    "refuses %j as the wrong format, without throwing",
    async (code) => {
      expect(await checkTotpCode(secret, code, null, now)).toEqual({ ok: false, reason: "format" });
    },
  );

  it("refuses a code whose step is at or before the last used step as replayed", async () => {
    const code = await codeAt(secret, now);
    expect(await checkTotpCode(secret, code, step, now)).toEqual({ ok: false, reason: "replayed" });
    expect(await checkTotpCode(secret, await codeAt(secret, now - STEP), step, now)).toEqual({
      ok: false,
      reason: "replayed",
    });
    expect(await checkTotpCode(secret, await codeAt(secret, now + STEP), step, now)).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it("still answers when the last used step is ahead of the whole window", async () => {
    expect(await checkTotpCode(secret, await codeAt(secret, now), step + 5, now)).toEqual({
      ok: false,
      reason: "replayed",
    });
  });
});

describe("sealing the secret", () => {
  it("opens only for the account it was sealed for", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", alice);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openTotpSecret(sealed, alice)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(openTotpSecret(sealed, bob)).toBeNull();
  });

  it("stores the secret sealed, and a sealed secret moved to another account's row does not open", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const secret = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, alice));
    await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, bob));
    const db = database.current.db;
    const [row] = await db
      .select({ secretEncrypted: totpCredentials.secretEncrypted })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, alice.accountId)));
    expect(row!.secretEncrypted).not.toContain(secret);
    expect(row!.secretEncrypted).not.toContain(secret.toLowerCase());

    await db
      .update(totpCredentials)
      .set({ secretEncrypted: row!.secretEncrypted })
      .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, bob.accountId)));
    expect(openTotpSecret(row!.secretEncrypted, bob)).toBeNull();
    // Unreadable is said as such (and logged for the operator), never taken for a wrong code.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await tenantScope(tenantId, (tx) => pendingTotpSecret(tx, bob))).toBeNull();
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    expect(await tenantScope(tenantId, (tx) => confirmTotpEnrolment(tx, bob, code))).toEqual({
      ok: false,
      reason: "unreadable",
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("totp.unreadable"));
  });
});

describe("enrolment", () => {
  it("starts unconfirmed, shows the same secret again, and confirms with a current code", async () => {
    const ref = await newAccount();
    expect(await tenantScope(tenantId, (tx) => getTotpState(tx, ref))).toBeNull();
    const secret = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, ref));
    expect(await tenantScope(tenantId, (tx) => getTotpState(tx, ref))).toEqual({
      confirmed: false,
      confirmedAt: null,
    });
    expect(await tenantScope(tenantId, (tx) => pendingTotpSecret(tx, ref))).toBe(secret);

    const now = Date.now();
    const wrong = await tenantScope(tenantId, async (tx) =>
      confirmTotpEnrolment(tx, ref, await codeAt(secret, now - 3 * STEP), now),
    );
    expect(wrong).toEqual({ ok: false, reason: "wrong" });
    expect(await tenantScope(tenantId, (tx) => confirmTotpEnrolment(tx, ref, "12 34", now))).toEqual({
      ok: false,
      reason: "format",
    });

    const confirmed = await tenantScope(tenantId, async (tx) =>
      confirmTotpEnrolment(tx, ref, await codeAt(secret, now), now),
    );
    expect(confirmed).toEqual({ ok: true, step: Math.floor(now / STEP) });
    expect(await tenantScope(tenantId, (tx) => getTotpState(tx, ref))).toEqual({
      confirmed: true,
      confirmedAt: new Date(now),
    });
    expect(await tenantScope(tenantId, (tx) => pendingTotpSecret(tx, ref))).toBeNull();
  });

  it("restarting an unconfirmed enrolment replaces its secret", async () => {
    const ref = await newAccount();
    const first = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, ref));
    const second = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, ref));
    expect(second).not.toBe(first);
    expect(await tenantScope(tenantId, (tx) => pendingTotpSecret(tx, ref))).toBe(second);
    const now = Date.now();
    const withOld = await tenantScope(tenantId, async (tx) =>
      confirmTotpEnrolment(tx, ref, await codeAt(first, now), now),
    );
    expect(withOld).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses to start over while a confirmed authenticator exists", async () => {
    const ref = await newAccount();
    await enrolled(ref, Date.now());
    await expect(tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, ref))).rejects.toThrow(/already set up/);
    expect((await tenantScope(tenantId, (tx) => getTotpState(tx, ref)))?.confirmed).toBe(true);
  });

  it("the code that confirmed the enrolment cannot then be used to sign in", async () => {
    const ref = await newAccount();
    const now = Date.now();
    const secret = await enrolled(ref, now);
    const again = await tenantScope(tenantId, async (tx) => spendTotpCode(tx, ref, await codeAt(secret, now), now));
    expect(again).toEqual({ ok: false, reason: "replayed" });
  });
});

describe("using a code", () => {
  it("accepts a code once, then refuses it as replayed, and accepts the next step's code", async () => {
    const ref = await newAccount();
    const start = Date.now();
    const secret = await enrolled(ref, start - 2 * STEP);
    const now = start;
    const code = await codeAt(secret, now);
    expect(await tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code, now))).toEqual({
      ok: true,
      step: Math.floor(now / STEP),
    });
    expect(await tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code, now))).toEqual({
      ok: false,
      reason: "replayed",
    });
    const later = now + STEP;
    expect(
      await tenantScope(tenantId, async (tx) => spendTotpCode(tx, ref, await codeAt(secret, later), later)),
    ).toMatchObject({ ok: true });
  });

  it("lets exactly one of two simultaneous requests with the same code through", async () => {
    const ref = await newAccount();
    const now = Date.now();
    const secret = await enrolled(ref, now - 2 * STEP);
    const code = await codeAt(secret, now);
    const results = await Promise.all([
      tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code, now)),
      tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code, now)),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "replayed" }]);
  });

  it("refuses the second request even when it read the credential before the first one committed", async () => {
    // Forces the interleaving the conditional UPDATE exists for. On PostgreSQL the second transaction reads
    // the old last_used_step, then waits on the first one's row lock; PGlite runs one transaction at a time,
    // so there the second simply reads the new step.
    const ref = await newAccount();
    const now = Date.now();
    const secret = await enrolled(ref, now - 2 * STEP);
    const code = await codeAt(secret, now);
    let firstUsed!: () => void;
    const firstHasUsed = new Promise<void>((resolve) => (firstUsed = resolve));
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    const first = tenantScope(tenantId, async (tx) => {
      const result = await spendTotpCode(tx, ref, code, now);
      firstUsed();
      await firstMayCommit;
      return result;
    });
    await firstHasUsed;
    const second = tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code, now));
    await new Promise((resolve) => setTimeout(resolve, 200));
    commitFirst();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses codes when there is no confirmed authenticator", async () => {
    const none = await newAccount();
    expect(await tenantScope(tenantId, (tx) => spendTotpCode(tx, none, "123456"))).toEqual({
      ok: false,
      reason: "wrong",
    });
    const pending = await newAccount();
    const secret = await tenantScope(tenantId, (tx) => beginTotpEnrolment(tx, pending));
    const now = Date.now();
    expect(
      await tenantScope(tenantId, async (tx) => spendTotpCode(tx, pending, await codeAt(secret, now), now)),
    ).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses one account's code for another account", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const now = Date.now();
    const aliceSecret = await enrolled(alice, now - 2 * STEP);
    await enrolled(bob, now - 2 * STEP);
    expect(
      await tenantScope(tenantId, async (tx) => spendTotpCode(tx, bob, await codeAt(aliceSecret, now), now)),
    ).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses badly formed codes before looking anything up", async () => {
    const ref = await newAccount();
    await enrolled(ref, Date.now());
    for (const code of ["12345", "1234567", "abcdef", "x".repeat(10_000)]) {
      expect(await tenantScope(tenantId, (tx) => spendTotpCode(tx, ref, code))).toEqual({
        ok: false,
        reason: "format",
      });
    }
  });
});

describe("turning the authenticator off", () => {
  it("deletes the credential once", async () => {
    const ref = await newAccount();
    await enrolled(ref, Date.now());
    expect(await tenantScope(tenantId, (tx) => deleteTotp(tx, ref))).toBe(true);
    expect(await tenantScope(tenantId, (tx) => getTotpState(tx, ref))).toBeNull();
    expect(await tenantScope(tenantId, (tx) => deleteTotp(tx, ref))).toBe(false);
  });
});
