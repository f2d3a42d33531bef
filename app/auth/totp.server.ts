// Authenticator-app codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). A code is accepted in the current step
// or one either side, and never twice: each use advances last_used_step in one conditional UPDATE, so two
// requests racing with the same code cannot both win. The shared secret is stored sealed, bound to its
// account; removing the step check or storing the secret in the clear would make a code (or a database
// copy) replayable.
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { generateSecret, verify } from "otplib";
import QRCode from "qrcode";
import type { Tx } from "~db/client";
import { totpCredentials } from "~db/schema";
import { seal, unseal } from "~/security/secrets.server";
import { toUserId, type AccountRef } from "./session-adapter.server";

export const TOTP_ISSUER = "Glasshouse";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;

/**
 * "unreadable": the stored secret does not open — SECRETS_KEY changed, or the row was tampered with. Not
 * "wrong": every code would fail and the person could not tell why.
 */
export type TotpCheck =
  { ok: true; step: number } | { ok: false; reason: "format" | "wrong" | "replayed" | "unreadable" };

export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(accountName)}`;
  // Written out in full: some apps assume other defaults when algorithm, digits or period are missing.
  const query = new URLSearchParams({
    secret,
    issuer: TOTP_ISSUER,
    algorithm: "SHA1",
    digits: String(DIGITS),
    period: String(PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The code as typed, without spaces; null unless it is six digits. */
function normaliseCode(code: string): string | null {
  if (typeof code !== "string" || code.length > 64) return null;
  const digits = code.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * Checks a 6-digit code: the current 30 s step and one either side; a step at or before lastUsedStep is
 * "replayed". `now` is in milliseconds.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  now: number = Date.now(),
): Promise<TotpCheck> {
  const token = normaliseCode(code);
  if (!token) return { ok: false, reason: "format" };
  const epoch = Math.floor(now / 1000);
  const options = { secret, token, epoch, period: PERIOD_SECONDS, digits: DIGITS, epochTolerance: PERIOD_SECONDS };
  const currentStep = Math.floor(epoch / PERIOD_SECONDS);
  const latestStep = currentStep + 1;
  // otplib throws when afterTimeStep lies beyond the window; then every step in the window is used already.
  if (lastUsedStep === null || lastUsedStep < latestStep) {
    const fresh = await verify({ ...options, afterTimeStep: lastUsedStep ?? undefined });
    // The functional API's result type also covers HOTP, which has no timeStep; delta is common to both.
    if (fresh.valid) return { ok: true, step: currentStep + fresh.delta };
  }
  if (lastUsedStep === null) return { ok: false, reason: "wrong" };
  // Only to tell the person why: a code that matched an already-used step.
  const any = await verify(options);
  return { ok: false, reason: any.valid ? "replayed" : "wrong" };
}

function sealContext(ref: AccountRef): string {
  return `totp:${toUserId(ref)}`;
}

export function sealTotpSecret(secret: string, ref: AccountRef): string {
  return seal(secret, sealContext(ref));
}

export function openTotpSecret(sealed: string, ref: AccountRef): string | null {
  return unseal(sealed, sealContext(ref));
}

/** The secret, or null (and a line in the server log for the operator) when it does not open. */
function openOrWarn(sealed: string, ref: AccountRef): string | null {
  const secret = openTotpSecret(sealed, ref);
  if (secret === null) {
    console.warn(
      JSON.stringify({ event: "totp.unreadable", account: toUserId(ref), hint: "has SECRETS_KEY changed?" }),
    );
  }
  return secret;
}

function forAccount(ref: AccountRef) {
  return and(eq(totpCredentials.tenantId, ref.tenantId), eq(totpCredentials.accountId, ref.accountId));
}

export interface TotpState {
  confirmed: boolean;
  confirmedAt: Date | null;
}

export async function getTotpState(tx: Tx, ref: AccountRef): Promise<TotpState | null> {
  const [row] = await tx
    .select({ confirmedAt: totpCredentials.confirmedAt })
    .from(totpCredentials)
    .where(forAccount(ref));
  if (!row) return null;
  return { confirmed: row.confirmedAt !== null, confirmedAt: row.confirmedAt };
}

export class TotpAlreadyConfirmedError extends Error {
  override name = "TotpAlreadyConfirmedError";
}

/**
 * Starts (or restarts) an enrolment: an unconfirmed credential with a new sealed secret; returns the secret.
 * Refuses (throws TotpAlreadyConfirmedError) when a confirmed one exists: remove that first.
 */
export async function beginTotpEnrolment(tx: Tx, ref: AccountRef): Promise<string> {
  const secret = newTotpSecret();
  const secretEncrypted = sealTotpSecret(secret, ref);
  // One statement: a confirmed credential is never overwritten, even by a concurrent request.
  const rows = await tx
    .insert(totpCredentials)
    .values({ tenantId: ref.tenantId, accountId: ref.accountId, secretEncrypted })
    .onConflictDoUpdate({
      target: [totpCredentials.tenantId, totpCredentials.accountId],
      set: { secretEncrypted, confirmedAt: null, lastUsedStep: null, createdAt: sql`now()` },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning({ accountId: totpCredentials.accountId });
  if (rows.length === 0)
    throw new TotpAlreadyConfirmedError("An authenticator app is already set up for this account.");
  return secret;
}

/** The pending (unconfirmed) secret, to show the QR again. */
export async function pendingTotpSecret(tx: Tx, ref: AccountRef): Promise<string | null> {
  const [row] = await tx
    .select({ secretEncrypted: totpCredentials.secretEncrypted })
    .from(totpCredentials)
    .where(and(forAccount(ref), isNull(totpCredentials.confirmedAt)));
  // An unreadable pending secret is as good as none: setting up again replaces it.
  return row ? openOrWarn(row.secretEncrypted, ref) : null;
}

/**
 * Checks `code` against the account's pending (`confirmed: false`) or confirmed credential and, if it is
 * good, advances last_used_step in the same UPDATE that re-checks it: the same code cannot be used twice,
 * even by two requests at once. Confirming also marks the credential confirmed.
 */
async function checkAndSpend(
  tx: Tx,
  ref: AccountRef,
  code: string,
  now: number,
  confirmed: boolean,
): Promise<TotpCheck> {
  if (!normaliseCode(code)) return { ok: false, reason: "format" };
  const state = confirmed ? isNotNull(totpCredentials.confirmedAt) : isNull(totpCredentials.confirmedAt);
  const [row] = await tx
    .select({ secretEncrypted: totpCredentials.secretEncrypted, lastUsedStep: totpCredentials.lastUsedStep })
    .from(totpCredentials)
    .where(and(forAccount(ref), state));
  if (!row) return { ok: false, reason: "wrong" };
  const secret = openOrWarn(row.secretEncrypted, ref);
  if (secret === null) return { ok: false, reason: "unreadable" };
  const check = await checkTotpCode(secret, code, row.lastUsedStep, now);
  if (!check.ok) return check;
  const updated = await tx
    .update(totpCredentials)
    .set(confirmed ? { lastUsedStep: check.step } : { confirmedAt: new Date(now), lastUsedStep: check.step })
    .where(
      and(
        forAccount(ref),
        state,
        // A restarted enrolment replaces the secret: confirm only the one the code was checked against.
        eq(totpCredentials.secretEncrypted, row.secretEncrypted),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, check.step)),
      ),
    )
    .returning({ accountId: totpCredentials.accountId });
  return updated.length ? check : { ok: false, reason: "replayed" };
}

/** Confirms a pending enrolment with a current code; marks it confirmed and records the step. */
export function confirmTotpEnrolment(tx: Tx, ref: AccountRef, code: string, now: number = Date.now()) {
  return checkAndSpend(tx, ref, code, now, false);
}

/**
 * Uses a code of a confirmed credential: checks it and advances last_used_step atomically, so the same code
 * cannot be used twice, even by two requests at once. No confirmed credential → "wrong".
 */
export function spendTotpCode(tx: Tx, ref: AccountRef, code: string, now: number = Date.now()) {
  return checkAndSpend(tx, ref, code, now, true);
}

export async function deleteTotp(tx: Tx, ref: AccountRef): Promise<boolean> {
  const rows = await tx
    .delete(totpCredentials)
    .where(forAccount(ref))
    .returning({ accountId: totpCredentials.accountId });
  return rows.length > 0;
}
