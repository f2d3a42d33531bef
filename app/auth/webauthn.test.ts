import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { authChallenges, passkeys } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { directoryScope, tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import { toUserId, type AccountRef } from "./session-adapter.server";
import {
  deletePasskeys,
  findPasskeyOwner,
  listPasskeys,
  PASSKEY_MESSAGES,
  passkeyAuthenticationOptions,
  passkeyCount,
  passkeyRegistrationOptions,
  relyingParty,
  removePasskey,
  renamePasskey,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
  type PasskeyUser,
  type RelyingParty,
} from "./webauthn.server";
import {
  assertPasskey,
  createPasskey,
  otherKey,
  registrationResponse,
  type SoftwarePasskey,
} from "./webauthn-test-authenticator";

const database = setupTestDatabase();
const rp: RelyingParty = { rpID: "localhost", rpName: "Glasshouse", origin: "http://localhost:3000" };
const ORIGIN = rp.origin;
let acme: string;
let globex: string;
let accountNumber = 0;

beforeAll(async () => {
  acme = (await createOrganisation(database.current.db, { slug: "acme" })).id;
  globex = (await createOrganisation(database.current.db, { slug: "globex" })).id;
});

async function newUser(tenantId = acme): Promise<PasskeyUser> {
  accountNumber += 1;
  const email = `person${accountNumber}@example.com`;
  const { id } = await createAccount(database.current.db, { tenantId, email, displayName: `Person ${accountNumber}` });
  return { tenantId, accountId: id, email, displayName: `Person ${accountNumber}` };
}

const refOf = (user: PasskeyUser): AccountRef => ({ tenantId: user.tenantId, accountId: user.accountId });

/** Registers a software passkey for `user` through the real options and verification. */
async function register(
  user: PasskeyUser,
  options: { counter?: number; backupEligible?: boolean; backedUp?: boolean; name?: string } = {},
): Promise<{ passkey: SoftwarePasskey; id: string }> {
  const creation = await tenantScope(user.tenantId, (tx) => passkeyRegistrationOptions(tx, rp, user));
  const { passkey, response } = createPasskey(creation, { origin: ORIGIN, ...options });
  const result = await tenantScope(user.tenantId, (tx) =>
    verifyPasskeyRegistration(tx, rp, user, response, options.name ?? "Work laptop"),
  );
  if (!result.ok) throw new Error(`Registration failed: ${result.message}`);
  return { passkey, id: result.value.id };
}

function signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return directoryScope((tx) => passkeyAuthenticationOptions(tx, rp, "signIn"));
}

function secondFactorOptions(user: PasskeyUser): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return tenantScope(user.tenantId, (tx) => passkeyAuthenticationOptions(tx, rp, "secondFactor", refOf(user)));
}

function verifyAs(owner: AccountRef, purpose: "signIn" | "secondFactor", response: unknown, now?: Date) {
  return tenantScope(owner.tenantId, (tx) => verifyPasskeyAuthentication(tx, rp, owner, purpose, response, now));
}

async function storedPasskey(id: string) {
  const [row] = await database.current.db.select().from(passkeys).where(eq(passkeys.id, id));
  return row!;
}

describe("the relying party", () => {
  it("comes from the request URL when APP_ORIGIN is not set", () => {
    expect(relyingParty(new Request("https://console.example.org:8443/me/security"))).toEqual({
      rpID: "console.example.org",
      rpName: "Glasshouse",
      origin: "https://console.example.org:8443",
    });
  });
});

describe("registering a passkey", () => {
  it("asks for a discoverable, user-verified credential and stores the challenge for this account", async () => {
    const user = await newUser();
    const before = Date.now();
    const options = await tenantScope(acme, (tx) => passkeyRegistrationOptions(tx, rp, user));
    expect(options.rp).toEqual({ id: "localhost", name: "Glasshouse" });
    expect(options.user.name).toBe(user.email);
    expect(options.user.displayName).toBe(user.displayName);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.excludeCredentials).toEqual([]);
    const [challenge] = await database.current.db
      .select()
      .from(authChallenges)
      .where(eq(authChallenges.challenge, options.challenge));
    expect(challenge).toMatchObject({ purpose: "register", userRef: toUserId(user) });
    const lifetime = challenge!.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(4.9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000 + 1000);
  });

  it("verifies the response and stores the passkey with its name, key, flags and transports", async () => {
    const user = await newUser();
    const { passkey, id } = await register(user, { backupEligible: true, backedUp: true, name: "  Work   laptop " });
    const row = await storedPasskey(id);
    expect(row).toMatchObject({
      tenantId: acme,
      accountId: user.accountId,
      credentialId: passkey.id,
      counter: 0,
      name: "Work laptop",
      deviceType: "multiDevice",
      backedUp: true,
      transports: ["internal", "hybrid"],
      lastUsedAt: null,
    });
    expect(Buffer.from(row.publicKey)).toEqual(Buffer.from(passkey.publicKeyCose));
    expect(await tenantScope(acme, (tx) => listPasskeys(tx, refOf(user)))).toEqual([
      {
        id,
        name: "Work laptop",
        createdAt: row.createdAt,
        lastUsedAt: null,
        backedUp: true,
        deviceType: "multiDevice",
      },
    ]);
  });

  it("excludes the account's existing passkeys from new creation options", async () => {
    const user = await newUser();
    const first = await register(user);
    const second = await register(user, { name: "Phone" });
    const options = await tenantScope(acme, (tx) => passkeyRegistrationOptions(tx, rp, user));
    expect(options.excludeCredentials?.map((credential) => credential.id)).toEqual([
      first.passkey.id,
      second.passkey.id,
    ]);
    expect(await tenantScope(acme, (tx) => passkeyCount(tx, refOf(user)))).toBe(2);
  });

  it("refuses a credential that is already registered, here or in another organisation", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    for (const someone of [user, await newUser(globex)]) {
      const options = await tenantScope(someone.tenantId, (tx) => passkeyRegistrationOptions(tx, rp, someone));
      const response = registrationResponse(passkey, options, { origin: ORIGIN });
      const result = await tenantScope(someone.tenantId, (tx) =>
        verifyPasskeyRegistration(tx, rp, someone, response, "Again"),
      );
      expect(result).toEqual({ ok: false, message: PASSKEY_MESSAGES.duplicate, reason: "duplicate" });
    }
  });

  it("refuses a response to another account's registration challenge, or a replayed one", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const options = await tenantScope(acme, (tx) => passkeyRegistrationOptions(tx, rp, alice));
    const { response } = createPasskey(options, { origin: ORIGIN });
    const asBob = await tenantScope(acme, (tx) => verifyPasskeyRegistration(tx, rp, bob, response, "Stolen"));
    expect(asBob).toMatchObject({ ok: false, message: PASSKEY_MESSAGES.expiredRegistration });

    const fresh = await tenantScope(acme, (tx) => passkeyRegistrationOptions(tx, rp, alice));
    const { response: good } = createPasskey(fresh, { origin: ORIGIN });
    expect(await tenantScope(acme, (tx) => verifyPasskeyRegistration(tx, rp, alice, good, "Laptop"))).toMatchObject({
      ok: true,
    });
    expect(await tenantScope(acme, (tx) => verifyPasskeyRegistration(tx, rp, alice, good, "Laptop"))).toMatchObject({
      ok: false,
      reason: "expiredRegistration",
    });
  });

  it("refuses a registration made for another origin or without user verification", async () => {
    const user = await newUser();
    for (const ceremony of [{ origin: "https://evil.example" }, { origin: ORIGIN, userVerified: false }]) {
      const options = await tenantScope(acme, (tx) => passkeyRegistrationOptions(tx, rp, user));
      const { response } = createPasskey(options, ceremony);
      const result = await tenantScope(acme, (tx) => verifyPasskeyRegistration(tx, rp, user, response, "Laptop"));
      expect(result).toEqual({ ok: false, message: PASSKEY_MESSAGES.invalid, reason: "invalid" });
    }
    expect(await tenantScope(acme, (tx) => passkeyCount(tx, refOf(user)))).toBe(0);
  });
});

describe("signing in with a passkey", () => {
  it("finds the owner from the response alone, verifies it, and records the counter and time of use", async () => {
    const user = await newUser(globex);
    const { passkey, id } = await register(user, { counter: 7 });
    const options = await signInOptions();
    expect(options.allowCredentials).toBeUndefined();
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe("localhost");
    const [challenge] = await database.current.db
      .select()
      .from(authChallenges)
      .where(eq(authChallenges.challenge, options.challenge));
    expect(challenge).toMatchObject({ purpose: "signIn", userRef: null });

    const response = assertPasskey(passkey, options, { origin: ORIGIN });
    const owner = await directoryScope((tx) => findPasskeyOwner(tx, response));
    expect(owner).toEqual(refOf(user));
    const now = new Date();
    const result = await verifyAs(owner!, "signIn", response, now);
    expect(result).toEqual({ ok: true, value: { passkeyId: id, name: "Work laptop" } });
    expect(await storedPasskey(id)).toMatchObject({ counter: 8, lastUsedAt: now });
    expect(
      await database.current.db.select().from(authChallenges).where(eq(authChallenges.challenge, options.challenge)),
    ).toEqual([]);

    const later = new Date(now.getTime() + 60_000);
    const next = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    expect(await verifyAs(owner!, "signIn", next, later)).toMatchObject({ ok: true });
    expect(await storedPasskey(id)).toMatchObject({ counter: 9, lastUsedAt: later });
  });

  it("refuses a response once its challenge has outlived five minutes", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    const tooLate = new Date(Date.now() + 5 * 60_000 + 1000);
    expect(await verifyAs(refOf(user), "signIn", response, tooLate)).toMatchObject({
      ok: false,
      reason: "expiredSignIn",
    });
  });

  it("refuses the same response a second time", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: true });
    expect(await verifyAs(refOf(user), "signIn", response)).toEqual({
      ok: false,
      message: PASSKEY_MESSAGES.expiredSignIn,
      reason: "expiredSignIn",
    });
  });

  it("refuses a response made for another origin", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const response = assertPasskey(passkey, await signInOptions(), { origin: "https://glasshouse.evil.example" });
    expect(await verifyAs(refOf(user), "signIn", response)).toEqual({
      ok: false,
      message: PASSKEY_MESSAGES.invalid,
      reason: "invalid",
    });
  });

  it("refuses a response signed with another key", async () => {
    const user = await newUser();
    const { passkey, id } = await register(user, { counter: 1 });
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN, signWith: otherKey() });
    expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await storedPasskey(id)).toMatchObject({ counter: 1, lastUsedAt: null });
  });

  it("refuses a response with a signature taken from another response", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const genuine = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    const other = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    const spliced = { ...other, response: { ...other.response, signature: genuine.response.signature } };
    expect(await verifyAs(refOf(user), "signIn", spliced)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a sign-in without user verification", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN, userVerified: false });
    expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a counter that went backwards or stood still, as a possible clone", async () => {
    const user = await newUser();
    const { passkey, id } = await register(user, { counter: 5 });
    expect(
      await verifyAs(refOf(user), "signIn", assertPasskey(passkey, await signInOptions(), { origin: ORIGIN })),
    ).toMatchObject({ ok: true });
    expect(await storedPasskey(id)).toMatchObject({ counter: 6 });
    for (const counter of [3, 6]) {
      const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN, counter });
      expect(await verifyAs(refOf(user), "signIn", response)).toEqual({
        ok: false,
        message: PASSKEY_MESSAGES.cloned,
        reason: "cloned",
      });
    }
    expect(await storedPasskey(id)).toMatchObject({ counter: 6 });
  });

  it("accepts an authenticator that keeps its counter at zero", async () => {
    const user = await newUser();
    const { passkey, id } = await register(user, { counter: 0 });
    for (let i = 0; i < 2; i++) {
      const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
      expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: true });
    }
    expect(await storedPasskey(id)).toMatchObject({ counter: 0 });
  });

  it("refuses an expired challenge", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const challenge = Buffer.from("an old challenge nobody answered in time").toString("base64url");
    await database.current.db.insert(authChallenges).values({
      challenge,
      purpose: "signIn",
      userRef: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    const response = assertPasskey(passkey, { challenge }, { origin: ORIGIN });
    expect(await verifyAs(refOf(user), "signIn", response)).toEqual({
      ok: false,
      message: PASSKEY_MESSAGES.expiredSignIn,
      reason: "expiredSignIn",
    });
  });

  it("refuses a challenge that was never issued", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const response = assertPasskey(passkey, { challenge: "bm90LWlzc3VlZA" }, { origin: ORIGIN });
    expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: false, reason: "expiredSignIn" });
  });

  it("clears expired challenges when it stores a new one", async () => {
    await database.current.db.insert(authChallenges).values({
      challenge: "c3RhbGU",
      purpose: "signIn",
      expiresAt: new Date(Date.now() - 60_000),
    });
    await signInOptions();
    const left = await database.current.db.select().from(authChallenges).where(eq(authChallenges.challenge, "c3RhbGU"));
    expect(left).toEqual([]);
  });

  it("does not let a passkey sign in as someone else", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const { passkey } = await register(alice);
    await register(bob);
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    expect(await verifyAs(refOf(bob), "signIn", response)).toMatchObject({ ok: false, reason: "unknown" });
  });
});

describe("a passkey as second factor", () => {
  it("offers the account's passkeys and accepts one of them, with user presence alone", async () => {
    const user = await newUser();
    const { passkey, id } = await register(user, { counter: 1 });
    const options = await secondFactorOptions(user);
    expect(options.allowCredentials).toEqual([
      { id: passkey.id, type: "public-key", transports: ["internal", "hybrid"] },
    ]);
    expect(options.userVerification).toBe("preferred");
    const [challenge] = await database.current.db
      .select()
      .from(authChallenges)
      .where(eq(authChallenges.challenge, options.challenge));
    expect(challenge).toMatchObject({ purpose: "secondFactor", userRef: toUserId(user) });
    const response = assertPasskey(passkey, options, { origin: ORIGIN, userVerified: false });
    expect(await verifyAs(refOf(user), "secondFactor", response)).toEqual({
      ok: true,
      value: { passkeyId: id, name: "Work laptop" },
    });
  });

  it("refuses account A's challenge answered by account B", async () => {
    const alice = await newUser();
    const bob = await newUser();
    await register(alice);
    const { passkey: bobsPasskey } = await register(bob);
    const forAlice = await secondFactorOptions(alice);
    const response = assertPasskey(bobsPasskey, forAlice, { origin: ORIGIN });
    expect(await verifyAs(refOf(bob), "secondFactor", response)).toEqual({
      ok: false,
      message: PASSKEY_MESSAGES.expiredSignIn,
      reason: "expiredSignIn",
    });
  });

  it("refuses a challenge issued for the other purpose", async () => {
    const user = await newUser();
    const { passkey } = await register(user);
    const signIn = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    expect(await verifyAs(refOf(user), "secondFactor", signIn)).toMatchObject({ ok: false, reason: "expiredSignIn" });
    const secondFactor = assertPasskey(passkey, await secondFactorOptions(user), { origin: ORIGIN });
    expect(await verifyAs(refOf(user), "signIn", secondFactor)).toMatchObject({ ok: false, reason: "expiredSignIn" });
  });

  it("needs the account it is for", async () => {
    await expect(directoryScope((tx) => passkeyAuthenticationOptions(tx, rp, "secondFactor"))).rejects.toThrow(
      TypeError,
    );
  });
});

describe("responses that are not responses", () => {
  const huge = "A".repeat(1_000_000);
  const garbage: [string, unknown][] = [
    ["an empty object", {}],
    ["a string", "x"],
    ["a huge string", huge],
    ["null", null],
    ["an array", [1, 2, 3]],
    ["a huge id", { id: huge, rawId: huge, type: "public-key", response: {} }],
    [
      "clientDataJSON that is not JSON",
      {
        id: "abc",
        rawId: "abc",
        type: "public-key",
        response: {
          clientDataJSON: Buffer.from("not json").toString("base64url"),
          authenticatorData: "AAAA",
          signature: "AAAA",
          attestationObject: "AAAA",
        },
      },
    ],
    [
      "clientDataJSON with a challenge that is an object",
      {
        id: "abc",
        rawId: "abc",
        type: "public-key",
        response: {
          clientDataJSON: Buffer.from(JSON.stringify({ challenge: { $ne: null } })).toString("base64url"),
          authenticatorData: "AAAA",
          signature: "AAAA",
          attestationObject: "AAAA",
        },
      },
    ],
  ];

  it.each(garbage)("refuses %s at every step without throwing", async (_label, response) => {
    const user = await newUser();
    expect(await directoryScope((tx) => findPasskeyOwner(tx, response))).toBeNull();
    expect(await verifyAs(refOf(user), "signIn", response)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifyAs(refOf(user), "secondFactor", response)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await tenantScope(acme, (tx) => verifyPasskeyRegistration(tx, rp, user, response, "Laptop"))).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an issued challenge answered with authenticator data that is too short", async () => {
    const user = await newUser();
    const { passkey } = await register(user, { counter: 3 });
    const response = assertPasskey(passkey, await signInOptions(), { origin: ORIGIN });
    const broken = { ...response, response: { ...response.response, authenticatorData: "AAAA" } };
    expect(await verifyAs(refOf(user), "signIn", broken)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("finds no owner for a credential nobody registered", async () => {
    expect(await directoryScope((tx) => findPasskeyOwner(tx, { id: "bm9ib2R5" }))).toBeNull();
  });
});

describe("managing passkeys", () => {
  it("renames and removes only the account's own passkeys", async () => {
    const alice = await newUser();
    const bob = await newUser(globex);
    const { id: aliceKey } = await register(alice);
    const { id: bobKey } = await register(bob);

    expect(await tenantScope(globex, (tx) => renamePasskey(tx, refOf(bob), aliceKey, "Mine now"))).toBe(false);
    expect(await tenantScope(acme, (tx) => renamePasskey(tx, refOf(alice), bobKey, "Mine now"))).toBe(false);
    expect(await tenantScope(globex, (tx) => removePasskey(tx, refOf(bob), aliceKey))).toBeNull();
    expect(await tenantScope(acme, (tx) => removePasskey(tx, refOf(alice), bobKey))).toBeNull();
    expect(await tenantScope(acme, (tx) => renamePasskey(tx, refOf(alice), "not-a-uuid", "x"))).toBe(false);
    expect(await tenantScope(acme, (tx) => removePasskey(tx, refOf(alice), "'; drop table passkeys; --"))).toBeNull();
    expect(await tenantScope(acme, (tx) => renamePasskey(tx, refOf(alice), aliceKey, "   "))).toBe(false);

    expect(await tenantScope(acme, (tx) => renamePasskey(tx, refOf(alice), aliceKey, " Home  desktop "))).toBe(true);
    expect((await storedPasskey(aliceKey)).name).toBe("Home desktop");
    expect(await tenantScope(acme, (tx) => removePasskey(tx, refOf(alice), aliceKey))).toEqual({
      name: "Home desktop",
    });
    expect(await tenantScope(acme, (tx) => removePasskey(tx, refOf(alice), aliceKey))).toBeNull();
    expect(await tenantScope(globex, (tx) => passkeyCount(tx, refOf(bob)))).toBe(1);
  });

  it("deletes all of an account's passkeys and counts them", async () => {
    const alice = await newUser();
    const bob = await newUser();
    await register(alice);
    await register(alice, { name: "Phone" });
    await register(bob);
    expect(await tenantScope(acme, (tx) => deletePasskeys(tx, refOf(alice)))).toBe(2);
    expect(await tenantScope(acme, (tx) => passkeyCount(tx, refOf(alice)))).toBe(0);
    expect(await tenantScope(acme, (tx) => passkeyCount(tx, refOf(bob)))).toBe(1);
    const left = await database.current.db
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.tenantId, acme), eq(passkeys.accountId, alice.accountId)));
    expect(left).toEqual([]);
  });
});
