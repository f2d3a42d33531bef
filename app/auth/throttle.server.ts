// Brute-force limits on sign-in, kept in the database so every app server counts the same failures. Each
// failure is counted by one INSERT … ON CONFLICT DO UPDATE per key, which PostgreSQL serialises on the row:
// two servers recording at once are both counted. Reading the count first and writing it back would lose
// one of them. Keys are SHA-256 hashes, so the table holds no email or address.
import { createHash } from "node:crypto";
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { signInThrottles } from "~db/schema";

export interface ThrottleKeys {
  email: string;
  ip: string | null;
}

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAt: Date; scope: "account" | "ip" };

type Scope = "account" | "ip";

interface ThrottleRule {
  /** Failures that may follow one another without waiting; the one that reaches this count starts a delay. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const THROTTLE_RULES: { account: ThrottleRule; ip: ThrottleRule; forgetAfterMs: number } = {
  // Five tries cover a forgotten password and a few typos. Doubling from 30 s slows a guesser to a few
  // dozen guesses an hour, and the 15 min cap keeps someone whose address an attacker knows from being shut
  // out for long.
  account: { freeFailures: 5, baseDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE },
  // One address trying many accounts (password spraying). Twenty is lenient because an office or a mobile
  // carrier puts many people behind one address; the cap is longer because the per-account limit does not
  // stop an attacker who spreads guesses across accounts.
  ip: { freeFailures: 20, baseDelayMs: 30 * SECOND, maxDelayMs: HOUR },
  // A person who comes back after an hour starts afresh. No delay outlasts this, so forgetting never ends a
  // lock early.
  forgetAfterMs: HOUR,
};

/**
 * Holds the throttle of these keys until the transaction ends (transaction-scoped advisory locks, account
 * first, then address, so two attempts never wait on each other crosswise). An attempt that checks the
 * throttle, verifies the secret and records the failure inside one transaction after this call is
 * serialised with every other attempt on the same keys, on every app server: a burst of parallel guesses
 * cannot all pass the check before the first failure is counted.
 */
export async function holdThrottle(tx: Tx, keys: ThrottleKeys): Promise<void> {
  for (const key of keysFor(keys)) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key.hash}, 0))`);
  }
}

/** "in 30 seconds", "in 4 minutes": when a locked-out person may try again. */
export function retryWording(retryAt: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The Retry-After header of a 429 for a lock that ends at `retryAt`. */
export function retryAfterHeader(retryAt: Date, now = new Date()): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))) };
}

export function lockedMessage(retryAt: Date, now = new Date()): string {
  return `Too many failed attempts. For your security, try again ${retryWording(retryAt, now)}.`;
}

/** Whether an attempt may be tried now. Read-only. */
export async function checkThrottle(tx: Tx, keys: ThrottleKeys, now: Date = new Date()): Promise<ThrottleCheck> {
  const wanted = keysFor(keys);
  const rows = await tx
    .select({ key: signInThrottles.key, lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(
      inArray(
        signInThrottles.key,
        wanted.map((k) => k.hash),
      ),
    );
  // When both keys are locked the person must wait for the later one, so that is the one to tell them.
  let refusal: ThrottleCheck = { allowed: true };
  for (const row of rows) {
    if (!row.lockedUntil || row.lockedUntil <= now) continue;
    if (!refusal.allowed && refusal.retryAt >= row.lockedUntil) continue;
    const scope = wanted.find((k) => k.hash === row.key)!.scope;
    refusal = { allowed: false, retryAt: row.lockedUntil, scope };
  }
  return refusal;
}

/**
 * Counts one failed attempt against both keys; returns the lock it caused, if any: the later of the two
 * locks, with the account's failure count.
 */
export async function recordFailure(
  tx: Tx,
  keys: ThrottleKeys,
  now: Date = new Date(),
): Promise<{ lockedUntil: Date | null; failures: number }> {
  let lockedUntil: Date | null = null;
  let failures = 0;
  // Always the account row, then the address row: concurrent transactions take the row locks in the same
  // order, so they wait for one another and never deadlock.
  for (const key of keysFor(keys)) {
    const row = await countFailure(tx, key.hash, THROTTLE_RULES[key.scope], now);
    if (key.scope === "account") failures = row.failures;
    if (row.lockedUntil && (!lockedUntil || row.lockedUntil > lockedUntil)) lockedUntil = row.lockedUntil;
  }
  return { lockedUntil, failures };
}

/**
 * After a successful sign-in: forget the account's failures (not the IP's: a valid account of one's own must
 * not wash an attacker's IP clean).
 */
export async function clearAccountFailures(tx: Tx, email: string): Promise<void> {
  await tx.delete(signInThrottles).where(eq(signInThrottles.key, accountKey(email)));
}

async function countFailure(
  tx: Tx,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  // `now` comes from the caller, not the database clock, so tests can move time.
  const at = sql`${now.toISOString()}::timestamptz`;
  const stale = sql`${signInThrottles.lastFailedAt} < ${at} - ${THROTTLE_RULES.forgetAfterMs}::int * interval '1 millisecond'`;
  const next = sql`case when ${stale} then 1 else ${signInThrottles.failures} + 1 end`;
  const [row] = await tx
    .insert(signInThrottles)
    .values({ key, failures: 1, lastFailedAt: now, lockedUntil: lockAfter(sql`1`, rule, at) })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: { failures: next, lastFailedAt: now, lockedUntil: lockAfter(next, rule, at) },
    })
    .returning({ failures: signInThrottles.failures, lockedUntil: signInThrottles.lockedUntil });
  return row!;
}

/** The end of the delay `failures` earns, or null while they are still free: base × 2^(failures − free), capped. */
function lockAfter(failures: SQL, rule: ThrottleRule, at: SQL): SQL {
  // The exponent is clamped so a long-running attack cannot overflow power(); the cap is reached long before.
  return sql`case when ${failures} >= ${rule.freeFailures}::int then ${at} + least(
    ${rule.maxDelayMs}::double precision,
    ${rule.baseDelayMs}::double precision * power(2, least(${failures} - ${rule.freeFailures}::int, 30))
  ) * interval '1 millisecond' end`;
}

function keysFor(keys: ThrottleKeys): { scope: Scope; hash: string }[] {
  const result: { scope: Scope; hash: string }[] = [{ scope: "account", hash: accountKey(keys.email) }];
  if (keys.ip) result.push({ scope: "ip", hash: hashKey(`ip:${keys.ip}`) });
  return result;
}

function accountKey(email: string): string {
  return hashKey(`account:${email.trim().toLowerCase()}`);
}

function hashKey(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
