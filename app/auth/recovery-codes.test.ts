import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recoveryCodes } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { hashToken } from "~/security/secrets.server";
import { setupTestDatabase } from "~/testing/harness";
import {
  deleteRecoveryCodes,
  generateRecoveryCodes,
  RECOVERY_CODE_COUNT,
  recoveryCodeStatus,
  replaceRecoveryCodes,
  spendRecoveryCode,
} from "./recovery-codes.server";
import type { AccountRef } from "./session-adapter.server";

const database = setupTestDatabase();
let tenantId: string;
let otherTenantId: string;
let accountNumber = 0;

beforeAll(async () => {
  tenantId = (await createOrganisation(database.current.db, { slug: "acme" })).id;
  otherTenantId = (await createOrganisation(database.current.db, { slug: "globex" })).id;
});

async function newAccount(tenant = tenantId): Promise<AccountRef> {
  accountNumber += 1;
  const { id } = await createAccount(database.current.db, { tenantId: tenant, email: `p${accountNumber}@example.com` });
  return { tenantId: tenant, accountId: id };
}

/** An account with a fresh set of codes; returns them. */
async function withCodes(ref: AccountRef): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tenantScope(ref.tenantId, (tx) => replaceRecoveryCodes(tx, ref, codes));
  return codes;
}

const spend = (ref: AccountRef, code: string) => tenantScope(ref.tenantId, (tx) => spendRecoveryCode(tx, ref, code));
const status = (ref: AccountRef) => tenantScope(ref.tenantId, (tx) => recoveryCodeStatus(tx, ref));

describe("generating codes", () => {
  it("makes ten distinct codes of ten letters from an alphabet without look-alikes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it("uses all 32 letters of the alphabet, so each code carries 50 bits", () => {
    const letters = new Set(
      Array.from({ length: 50 }, () => generateRecoveryCodes())
        .flat()
        .join("")
        .replace(/-/g, ""),
    );
    expect(letters.size).toBe(32);
    for (const absent of ["i", "l", "o", "u"]) expect(letters.has(absent)).toBe(false);
  });
});

describe("storing codes", () => {
  it("stores only SHA-256 hashes of the codes", async () => {
    const ref = await newAccount();
    const codes = await withCodes(ref);
    const rows = await database.current.db
      .select({ codeHash: recoveryCodes.codeHash, usedAt: recoveryCodes.usedAt })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.tenantId, ref.tenantId), eq(recoveryCodes.accountId, ref.accountId)));
    expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
    const stored = rows.map((row) => row.codeHash).join(" ");
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace("-", ""));
    }
    expect(rows.map((row) => row.codeHash).sort()).toEqual(
      codes.map((code) => hashToken(code.replace("-", ""))).sort(),
    );
    expect(rows.every((row) => row.usedAt === null)).toBe(true);
  });

  it("refuses to store something that is not a recovery code", async () => {
    const ref = await newAccount();
    await expect(tenantScope(ref.tenantId, (tx) => replaceRecoveryCodes(tx, ref, ["not a code"]))).rejects.toThrow(
      TypeError,
    );
  });
});

describe("using codes", () => {
  it("accepts each code exactly once", async () => {
    const ref = await newAccount();
    const codes = await withCodes(ref);
    for (const code of codes) expect(await spend(ref, code)).toBe(true);
    for (const code of codes) expect(await spend(ref, code)).toBe(false);
  });

  it("accepts a code typed in upper case, with spaces, without the dash, or with o/i/l for 0/1", async () => {
    const ref = await newAccount();
    const codes = generateRecoveryCodes();
    // A code with a 0 and a 1 in it, to show the look-alike letters are read as the digits.
    codes[0] = "0a1b2-c3d4e";
    await tenantScope(ref.tenantId, (tx) => replaceRecoveryCodes(tx, ref, codes));
    expect(await spend(ref, ` ${codes[1]!.toUpperCase()} `)).toBe(true);
    expect(await spend(ref, codes[2]!.replace("-", " ").split("").join(" "))).toBe(true);
    expect(await spend(ref, codes[3]!.replace("-", ""))).toBe(true);
    expect(await spend(ref, "OAIB2-C3D4E")).toBe(true);
  });

  it("refuses another account's code, in the same organisation or another", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const carol = await newAccount(otherTenantId);
    const aliceCodes = await withCodes(alice);
    await withCodes(bob);
    await withCodes(carol);
    expect(await spend(bob, aliceCodes[0]!)).toBe(false);
    expect(await spend(carol, aliceCodes[0]!)).toBe(false);
    // Refusing it elsewhere did not spend it.
    expect(await spend(alice, aliceCodes[0]!)).toBe(true);
  });

  it("lets exactly one of two simultaneous requests with the same code through", async () => {
    const ref = await newAccount();
    const [code] = await withCodes(ref);
    const results = await Promise.all([spend(ref, code!), spend(ref, code!)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it.each([
    ["empty", ""],
    ["spaces", "     "],
    ["too short", "abcd"],
    ["too long", "abcde-fghjk-m"],
    ["letters outside the alphabet", "uuuuu-uuuuu"],
    ["10,000 characters", "a".repeat(10_000)],
    ["SQL", "' or 1=1 --"],
    ["not a string", 12345 as unknown as string],
  ])("refuses garbage (%s) without throwing", async (_label, code) => {
    const ref = await newAccount();
    await withCodes(ref);
    expect(await spend(ref, code)).toBe(false);
    expect(await status(ref)).toEqual({ remaining: RECOVERY_CODE_COUNT, total: RECOVERY_CODE_COUNT });
  });
});

describe("replacing and counting codes", () => {
  it("counts the codes left and in all", async () => {
    const ref = await newAccount();
    expect(await status(ref)).toEqual({ remaining: 0, total: 0 });
    const codes = await withCodes(ref);
    await spend(ref, codes[0]!);
    await spend(ref, codes[5]!);
    expect(await status(ref)).toEqual({ remaining: 8, total: 10 });
  });

  it("regenerating invalidates every old code", async () => {
    const ref = await newAccount();
    const old = await withCodes(ref);
    await spend(ref, old[0]!);
    const fresh = await withCodes(ref);
    for (const code of old) expect(await spend(ref, code)).toBe(false);
    expect(await status(ref)).toEqual({ remaining: 10, total: 10 });
    expect(await spend(ref, fresh[0]!)).toBe(true);
  });

  it("deletes the account's codes and no one else's", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    await withCodes(alice);
    const bobCodes = await withCodes(bob);
    await tenantScope(tenantId, (tx) => deleteRecoveryCodes(tx, alice));
    expect(await status(alice)).toEqual({ remaining: 0, total: 0 });
    expect(await spend(bob, bobCodes[0]!)).toBe(true);
  });
});
