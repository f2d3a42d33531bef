// Passkeys (WebAuthn, with @simplewebauthn/server). Every ceremony starts with a random challenge stored in
// auth_challenges for five minutes and ends by deleting it in the same statement that checks it, so a
// response verifies once and only for the purpose (and, where named, the account) it was issued for. A
// signature counter that does not increase is refused as a possible cloned authenticator. Responses come
// from the browser: they are parsed defensively, and nothing a caller sends makes these functions throw.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, asc, count, eq, gt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "~db/client";
import { authChallenges, passkeys } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import { getConfig } from "~/config.server";
import { toUserId, type AccountRef } from "./session-adapter.server";

const CHALLENGE_TTL_MS = 5 * 60_000;
export const PASSKEY_NAME_MAX = 60;
const DEFAULT_PASSKEY_NAME = "Passkey";
// EdDSA, ES256, RS256: what platform authenticators and security keys use. The same list is offered and
// accepted, so a key made with anything else is refused.
const ALGORITHMS = [-8, -7, -257];
const TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

export const PASSKEY_MESSAGES = {
  invalid: "That passkey response could not be verified. Try again.",
  expiredSignIn: "That sign-in request has expired. Try again.",
  expiredRegistration: "That passkey request has expired. Try again.",
  unknown: "That passkey is not registered to this account. Try another one, or sign in another way.",
  duplicate: "That passkey is already registered.",
  cloned:
    "That passkey could not be trusted: its use count went backwards, which can mean it was copied. Sign in another way and check your passkeys.",
} as const;

export type PasskeyFailure = keyof typeof PASSKEY_MESSAGES;
export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; message: string; reason: PasskeyFailure };

function refuse(reason: PasskeyFailure): { ok: false; message: string; reason: PasskeyFailure } {
  return { ok: false, message: PASSKEY_MESSAGES[reason], reason };
}

// ─── Relying party ────────────────────────────────────────────────────────────────────────────────

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origin: string;
}

/** From APP_ORIGIN when set (behind a proxy the request URL may not be the public one), else the request. */
export function relyingParty(request: Request): RelyingParty {
  const url = new URL(getConfig().APP_ORIGIN ?? request.url);
  return { rpID: url.hostname, rpName: "Glasshouse", origin: url.origin };
}

// ─── Parsing what the browser sent ────────────────────────────────────────────────────────────────

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/);
// A credential id is at most 1023 bytes (WebAuthn §5.8.3): 1364 base64url characters.
const credentialIdSchema = base64url(1364);

const credentialShape = {
  id: credentialIdSchema,
  rawId: credentialIdSchema,
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional().catch(undefined),
};

const registrationSchema = z.object({
  ...credentialShape,
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(65_536),
    transports: z.array(z.string().max(32)).max(16).optional().catch(undefined),
  }),
});

const authenticationSchema = z.object({
  ...credentialShape,
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: base64url(256).optional().nullable(),
  }),
});

const clientDataSchema = z.object({ challenge: base64url(512) });

/** The challenge a response answers, read from its clientDataJSON; null when it names none. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const parsed = clientDataSchema.safeParse(JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}

/** The signature counter of authenticatorData (bytes 33–36, big-endian), or null when it is too short. */
function counterOf(authenticatorData: string): number | null {
  const bytes = Buffer.from(authenticatorData, "base64url");
  return bytes.length >= 37 ? bytes.readUInt32BE(33) : null;
}

function knownTransports(transports: string[] | null | undefined): string[] {
  return (transports ?? []).filter((transport) => TRANSPORTS.has(transport));
}

/** The user handle the authenticator keeps: the account id's 16 bytes (no email, nothing personal). */
function userHandleOf(accountId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(accountId.replace(/-/g, ""), "hex"));
}

function passkeyName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ").slice(0, PASSKEY_NAME_MAX).trim();
  return trimmed || DEFAULT_PASSKEY_NAME;
}

// ─── Challenges ───────────────────────────────────────────────────────────────────────────────────

type ChallengePurpose = "register" | "signIn" | "secondFactor";

async function storeChallenge(tx: Tx, challenge: string, purpose: ChallengePurpose, userRef: string | null) {
  const now = new Date();
  // Challenges nobody answered would otherwise stay for ever; the expiry index makes this cheap.
  await tx.delete(authChallenges).where(lte(authChallenges.expiresAt, now));
  await tx
    .insert(authChallenges)
    .values({ challenge, purpose, userRef, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
}

/** Spends a challenge: found (unexpired, for `purpose`) and deleted in one statement, so only once. */
async function consumeChallenge(
  tx: Tx,
  challenge: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<{ userRef: string | null } | null> {
  const [row] = await tx
    .delete(authChallenges)
    .where(
      and(
        eq(authChallenges.challenge, challenge),
        eq(authChallenges.purpose, purpose),
        gt(authChallenges.expiresAt, now),
      ),
    )
    .returning({ userRef: authChallenges.userRef });
  return row ?? null;
}

// ─── Registration ─────────────────────────────────────────────────────────────────────────────────

export interface PasskeyUser {
  tenantId: string;
  accountId: string;
  email: string;
  displayName: string;
}

function forAccount(ref: AccountRef) {
  return and(eq(passkeys.tenantId, ref.tenantId), eq(passkeys.accountId, ref.accountId));
}

async function credentialsOf(tx: Tx, ref: AccountRef) {
  const rows = await tx
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(forAccount(ref))
    .orderBy(asc(passkeys.createdAt));
  return rows.map((row) => ({ id: row.id, transports: knownTransports(row.transports) }));
}

/**
 * Creation options for a new passkey: a discoverable credential with user verification, excluding the
 * account's existing passkeys; the challenge is stored for five minutes.
 */
export async function passkeyRegistrationOptions(
  tx: Tx,
  rp: RelyingParty,
  user: PasskeyUser,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpID: rp.rpID,
    rpName: rp.rpName,
    userID: userHandleOf(user.accountId),
    userName: user.email,
    userDisplayName: user.displayName,
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: await credentialsOf(tx, user),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  await storeChallenge(tx, options.challenge, "register", toUserId(user));
  return options;
}

/**
 * Verifies a registration response (unknown JSON from the browser), spending its challenge, and stores the
 * passkey under `name` (trimmed, at most PASSKEY_NAME_MAX characters, "Passkey" when empty).
 */
export async function verifyPasskeyRegistration(
  tx: Tx,
  rp: RelyingParty,
  user: PasskeyUser,
  response: unknown,
  name: string,
): Promise<PasskeyResult<{ id: string; name: string }>> {
  const parsed = registrationSchema.safeParse(response);
  if (!parsed.success) return refuse("invalid");
  const challenge = challengeOf(parsed.data.response.clientDataJSON);
  if (!challenge) return refuse("invalid");
  const issued = await consumeChallenge(tx, challenge, "register", new Date());
  if (!issued || issued.userRef !== toUserId(user)) return refuse("expiredRegistration");

  let info;
  try {
    const verification = await verifyRegistrationResponse({
      response: { ...parsed.data, clientExtensionResults: {} } as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!verification.verified) return refuse("invalid");
    info = verification.registrationInfo;
  } catch {
    return refuse("invalid");
  }

  const storedName = passkeyName(name);
  // The credential id is unique across tenants; DO NOTHING (rather than an error, which would abort the
  // transaction) when it is already registered, whoever has it.
  const [row] = await tx
    .insert(passkeys)
    .values({
      tenantId: user.tenantId,
      accountId: user.accountId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: knownTransports(parsed.data.response.transports),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: storedName,
    })
    .onConflictDoNothing({ target: passkeys.credentialId })
    .returning({ id: passkeys.id });
  if (!row) return refuse("duplicate");
  return { ok: true, value: { id: row.id, name: storedName } };
}

// ─── Authentication ───────────────────────────────────────────────────────────────────────────────

/**
 * Request options. "signIn": any passkey of this site (discoverable), with user verification, for no one in
 * particular. "secondFactor": one of `user`'s passkeys, after their password; user presence suffices there
 * (the password is the other factor), so verification is only preferred. The challenge lasts five minutes.
 */
export async function passkeyAuthenticationOptions(
  tx: Tx,
  rp: RelyingParty,
  purpose: "signIn" | "secondFactor",
  user?: AccountRef,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (purpose === "secondFactor" && !user) throw new TypeError("A second-factor passkey request needs its account");
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: CHALLENGE_TTL_MS,
    userVerification: purpose === "signIn" ? "required" : "preferred",
    allowCredentials: purpose === "secondFactor" && user ? await credentialsOf(tx, user) : undefined,
  });
  await storeChallenge(tx, options.challenge, purpose, purpose === "secondFactor" && user ? toUserId(user) : null);
  return options;
}

/** The owner of the credential a response names, for a sign-in that starts with no one known (directoryScope). */
export async function findPasskeyOwner(tx: Tx, response: unknown): Promise<AccountRef | null> {
  const parsed = z.object({ id: credentialIdSchema }).safeParse(response);
  if (!parsed.success) return null;
  const rows = await queryRows<{ tenant_id: string; account_id: string }>(
    tx,
    sql`select tenant_id, account_id from glasshouse_find_passkey(${parsed.data.id})`,
  );
  const [row] = rows;
  return row ? { tenantId: row.tenant_id, accountId: row.account_id } : null;
}

/**
 * Verifies an authentication response for `owner` (tx is the owner's tenantScope): spends the challenge
 * (for `purpose`, and for a second factor issued to this owner), checks the signature, user verification
 * and the signature counter, then records the new counter and the time of use.
 */
export async function verifyPasskeyAuthentication(
  tx: Tx,
  rp: RelyingParty,
  owner: AccountRef,
  purpose: "signIn" | "secondFactor",
  response: unknown,
  now: Date = new Date(),
): Promise<PasskeyResult<{ passkeyId: string; name: string }>> {
  const parsed = authenticationSchema.safeParse(response);
  if (!parsed.success) return refuse("invalid");
  const { id, response: assertion } = parsed.data;
  const challenge = challengeOf(assertion.clientDataJSON);
  if (!challenge) return refuse("invalid");
  const issued = await consumeChallenge(tx, challenge, purpose, now);
  if (!issued) return refuse("expiredSignIn");
  if (purpose === "secondFactor" && issued.userRef !== toUserId(owner)) return refuse("expiredSignIn");

  const [passkey] = await tx
    .select()
    .from(passkeys)
    .where(and(forAccount(owner), eq(passkeys.credentialId, id)));
  if (!passkey) return refuse("unknown");
  // A discoverable credential names its user; it must be the one this passkey was registered for.
  if (
    assertion.userHandle &&
    assertion.userHandle !== Buffer.from(userHandleOf(owner.accountId)).toString("base64url")
  ) {
    return refuse("invalid");
  }

  let info;
  try {
    const verification = await verifyAuthenticationResponse({
      response: { ...parsed.data, clientExtensionResults: {} } as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: knownTransports(passkey.transports),
      },
      requireUserVerification: purpose === "signIn",
    });
    if (!verification.verified) return refuse("invalid");
    info = verification.authenticationInfo;
  } catch {
    // The library checks the counter before the signature; tell a counter that went backwards apart.
    const counter = counterOf(assertion.authenticatorData);
    const stale = counter !== null && (counter > 0 || passkey.counter > 0) && counter <= passkey.counter;
    return refuse(stale ? "cloned" : "invalid");
  }

  // Compare-and-set on the counter: two responses verified at once against the same stored counter cannot
  // both move it (with counters at zero, authenticators that do not count, both may pass: nothing to compare).
  const [updated] = await tx
    .update(passkeys)
    .set({ counter: info.newCounter, lastUsedAt: now, backedUp: info.credentialBackedUp })
    .where(and(forAccount(owner), eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning({ id: passkeys.id });
  if (!updated) return refuse("cloned");
  return { ok: true, value: { passkeyId: passkey.id, name: passkey.name } };
}

// ─── Managing passkeys ────────────────────────────────────────────────────────────────────────────

export async function listPasskeys(
  tx: Tx,
  ref: AccountRef,
): Promise<
  { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean; deviceType: string | null }[]
> {
  return tx
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
      backedUp: passkeys.backedUp,
      deviceType: passkeys.deviceType,
    })
    .from(passkeys)
    .where(forAccount(ref))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** Renames one of the account's passkeys; false when it has none with that id (or the name is blank). */
export async function renamePasskey(tx: Tx, ref: AccountRef, id: string, name: string): Promise<boolean> {
  if (!isUuid(id) || !name.trim()) return false;
  const rows = await tx
    .update(passkeys)
    .set({ name: passkeyName(name) })
    .where(and(forAccount(ref), eq(passkeys.id, id)))
    .returning({ id: passkeys.id });
  return rows.length > 0;
}

export async function removePasskey(tx: Tx, ref: AccountRef, id: string): Promise<{ name: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .delete(passkeys)
    .where(and(forAccount(ref), eq(passkeys.id, id)))
    .returning({ name: passkeys.name });
  return row ?? null;
}

export async function deletePasskeys(tx: Tx, ref: AccountRef): Promise<number> {
  const rows = await tx.delete(passkeys).where(forAccount(ref)).returning({ id: passkeys.id });
  return rows.length;
}

export async function passkeyCount(tx: Tx, ref: AccountRef): Promise<number> {
  const [row] = await tx.select({ count: count() }).from(passkeys).where(forAccount(ref));
  return row?.count ?? 0;
}
