// Authentication events: the part of the action layer that runs before there is a principal to decide for
// (a sign-in attempt, a reset link) or that proves who the principal is (a second factor). The credential
// check and the throttle decide here, not the policy engine; what each event changes (a session, a
// throttle counter, a password, a spent code) and its audit entry commit in one transaction, like every
// other action. Entries are about the account and visible to its owner: "someone at 203.0.113.7 tried
// your password" is theirs to see. Nothing here writes a secret into the trail.
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import {
  accounts,
  organisations,
  passwordCredentials,
  passwordResetTokens,
  roleAssignments,
  sessions,
} from "~db/schema";
import { appendAuditEntry } from "~/audit/trail.server";
import type { AuditActor } from "~/audit/types";
import { createSession, endSessions, rotateSession, storePassword } from "~/auth/credentials.server";
import { confirmedTotpOfAccount, passkeyCountOfAccount } from "~/auth/factors.server";
import { verifyPassword } from "~/auth/password.server";
import { newPasswordProblem } from "~/auth/password-policy.server";
import { homePath } from "~/auth/principal.server";
import { spendRecoveryCode } from "~/auth/recovery-codes.server";
import type { PendingSignIn } from "~/auth/sealed-cookie.server";
import {
  RESET_LINKS_PER_WINDOW,
  issueResetLink,
  recentResetLinks,
  resetLinkUrl,
  tenantOfResetToken,
} from "~/auth/reset-links.server";
import { hashSessionToken, type AccountRef } from "~/auth/session-adapter.server";
import {
  checkThrottle,
  clearAccountFailures,
  holdThrottle,
  lockedMessage,
  recordFailure,
  type ThrottleKeys,
} from "~/auth/throttle.server";
import { spendTotpCode } from "~/auth/totp.server";
import { getLucia } from "~/auth/session.server";
import { directoryScope, tenantScope } from "~/db.server";
import { queueEmail } from "~/mail/outbox.server";
import type { AuthEventId } from "~/policy/types";
import { hashToken } from "~/security/secrets.server";
import type { RequestMetadata } from "./actor.server";

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

/** How a person proved who they are, as the trail and the sessions list name it. */
export type SignInMethod = "password" | "password+totp" | "password+recovery" | "password+passkey" | "passkey";
export type SecondFactorMethod = "totp" | "recovery" | "passkey";

interface SignInAccount {
  ref: AccountRef;
  email: string;
  displayName: string;
  status: "active" | "suspended" | "terminated";
  organisation: string;
  tenantSlug: string;
  tenantKind: "customer" | "reseller" | "operator";
  passwordHash: string | null;
  mustChangePassword: boolean;
  hasTotp: boolean;
  passkeyCount: number;
  roles: string[];
}

async function loadSignInAccount(tx: Tx, ref: AccountRef): Promise<SignInAccount | null> {
  const [row] = await tx
    .select({
      email: accounts.email,
      displayName: accounts.displayName,
      status: accounts.status,
      mustChangePassword: accounts.mustChangePassword,
      organisation: organisations.name,
      tenantSlug: organisations.slug,
      tenantKind: organisations.kind,
      passwordHash: passwordCredentials.hash,
      hasTotp: confirmedTotpOfAccount,
      passkeyCount: passkeyCountOfAccount,
      roles: sql<string[]>`array(select r.role::text from ${roleAssignments} r where r.tenant_id = ${accounts.tenantId}
        and r.account_id = ${accounts.id} order by 1)`,
    })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
    .leftJoin(
      passwordCredentials,
      and(eq(passwordCredentials.tenantId, accounts.tenantId), eq(passwordCredentials.accountId, accounts.id)),
    )
    .where(and(eq(accounts.tenantId, ref.tenantId), eq(accounts.id, ref.accountId)));
  if (!row) return null;
  return {
    ref,
    email: row.email ?? "",
    displayName: row.displayName,
    status: row.status,
    organisation: row.organisation,
    tenantSlug: row.tenantSlug,
    tenantKind: row.tenantKind,
    passwordHash: row.passwordHash,
    mustChangePassword: row.mustChangePassword,
    hasTotp: Boolean(row.hasTotp),
    passkeyCount: Number(row.passkeyCount),
    roles: parseRoles(row.roles),
  };
}

// postgres.js returns text[] as an array; PGlite may return the literal "{a,b}".
function parseRoles(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string")
    return value
      .replace(/^\{|\}$/g, "")
      .split(",")
      .filter(Boolean);
  return [];
}

function selfActor(account: Pick<SignInAccount, "ref" | "displayName">): AuditActor {
  return { accountId: account.ref.accountId, tenantId: account.ref.tenantId, name: account.displayName, role: "self" };
}

interface AuthEvent {
  event: AuthEventId;
  outcome: "allowed" | "denied" | "failed";
  sentence: string;
  /** Null when nobody has proven who they are (a wrong password). */
  actor: AuditActor | null;
  target?: Record<string, unknown> | null;
  changes?: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } | null;
}

async function recordAuthEvent(tx: Tx, ref: AccountRef, meta: RequestMetadata, event: AuthEvent): Promise<void> {
  await appendAuditEntry(tx, {
    tenantId: ref.tenantId,
    actor: event.actor,
    action: event.event,
    outcome: event.outcome,
    subjectAccountId: ref.accountId,
    target: event.target ?? null,
    policyIds: [],
    sentence: event.sentence,
    changes: event.changes ?? null,
    requestId: meta.requestId,
    ipAddress: meta.ipAddress,
    userAgent: meta.userAgent,
    visibility: "subject",
  });
}

// ─── Sessions ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Whatever session the browser brought to a sign-in ends: tokens are rotated at sign-in. It may belong to
 * another account, even another tenant, so it is found by its hash, not within this account's scope.
 */
async function endPreviousSession(token: string | null): Promise<void> {
  if (token) await getLucia().invalidateSession(token);
}

async function deleteSessionByToken(tx: Tx, ref: AccountRef, token: string | null): Promise<void> {
  if (!token) return;
  await tx.delete(sessions).where(and(eq(sessions.tenantId, ref.tenantId), eq(sessions.id, hashSessionToken(token))));
}

export interface SignedIn {
  kind: "signed_in";
  token: string;
  home: string;
  mustChangePassword: boolean;
}

/**
 * The last step of every sign-in: a new session, the sign-in time, the entry in the owner's activity. (The
 * session the browser brought has already ended: endPreviousSession, before this transaction.)
 */
async function finishSignIn(
  tx: Tx,
  account: SignInAccount,
  method: SignInMethod,
  meta: RequestMetadata,
  now: Date,
  passkey: { id: string; name: string } | null = null,
): Promise<SignedIn> {
  const secondFactor = method !== "password";
  const token = await createSession(tx, account.ref, meta, { secondFactorAt: secondFactor ? now : null }, now);
  if (account.email) await clearAccountFailures(tx, account.email);
  await tx
    .update(accounts)
    .set({ lastSignInAt: now })
    .where(and(eq(accounts.tenantId, account.ref.tenantId), eq(accounts.id, account.ref.accountId)));
  await recordAuthEvent(tx, account.ref, meta, {
    event: "auth.signIn",
    outcome: "allowed",
    actor: selfActor(account),
    sentence: `Signed in with ${methodWording(method)}${passkey ? ` (“${passkey.name}”)` : ""}.`,
    target: passkey ? { method, passkey: passkey.name, passkeyId: passkey.id } : { method },
  });
  return {
    kind: "signed_in",
    token,
    home: homePath({ tenantSlug: account.tenantSlug, tenantKind: account.tenantKind, roles: account.roles as never[] }),
    mustChangePassword: account.mustChangePassword,
  };
}

function methodWording(method: SignInMethod): string {
  switch (method) {
    case "password":
      return "a password";
    case "password+totp":
      return "a password and an authenticator code";
    case "password+recovery":
      return "a password and a recovery code";
    case "password+passkey":
      return "a password and a passkey";
    case "passkey":
      return "a passkey";
  }
}

// ─── Password sign-in ─────────────────────────────────────────────────────────────────────────────

export type PasswordSignInResult =
  | { kind: "refused"; message: string; retryAt?: Date }
  | { kind: "second_factor"; pending: PendingSignIn; methods: { totp: boolean; passkey: boolean } }
  | SignedIn;

async function findSignInAccount(email: string): Promise<AccountRef | null> {
  const [match] = await directoryScope((tx) =>
    queryRows<{ tenant_id: string; account_id: string }>(
      tx,
      sql`select tenant_id, account_id from glasshouse_find_sign_in(${email})`,
    ),
  );
  return match ? { tenantId: match.tenant_id, accountId: match.account_id } : null;
}

/**
 * Step one: email and password. Every answer a stranger could learn from (no such email, wrong password)
 * reads the same and costs the same argon2 time; only someone who knows the password learns more.
 */
export async function signInWithPassword(
  input: { email: string; password: string; redirectTo: string | null },
  meta: RequestMetadata,
  previousToken: string | null,
  now = new Date(),
): Promise<PasswordSignInResult> {
  const keys: ThrottleKeys = { email: input.email, ip: meta.ipAddress };
  const ref = await findSignInAccount(input.email);
  const account = ref ? await tenantScope(ref.tenantId, (tx) => loadSignInAccount(tx, ref)) : null;

  // Throttle check, password check and the failure's count in one transaction that holds the throttle:
  // parallel guesses queue up behind one another instead of all passing the check at once.
  const attempt = async (tx: Tx): Promise<{ kind: "refused"; message: string; retryAt?: Date } | null> => {
    await holdThrottle(tx, keys);
    const throttle = await checkThrottle(tx, keys, now);
    if (!throttle.allowed) {
      // Refused before the password is even looked at: the right password does not get through either.
      if (account) {
        await recordAuthEvent(tx, account.ref, meta, {
          event: "auth.signInFailed",
          outcome: "denied",
          actor: null,
          sentence: `A sign-in was refused: too many failed attempts (${throttle.scope === "ip" ? "from this address" : "on this account"}).`,
          target: { method: "password", lockedUntil: throttle.retryAt.toISOString(), scope: throttle.scope },
        });
      }
      return { kind: "refused", message: lockedMessage(throttle.retryAt, now), retryAt: throttle.retryAt };
    }
    const passwordMatches = await verifyPassword(account?.passwordHash ?? undefined, input.password);
    if (!account || !passwordMatches) {
      const failure = await recordFailure(tx, keys, now);
      if (account) {
        await recordAuthEvent(tx, account.ref, meta, {
          event: "auth.signInFailed",
          outcome: "failed",
          actor: null,
          sentence: failure.lockedUntil
            ? "Someone entered a wrong password; sign-in is paused for a while."
            : "Someone entered a wrong password.",
          target: {
            method: "password",
            failures: failure.failures,
            lockedUntil: failure.lockedUntil?.toISOString() ?? null,
          },
        });
      }
      return failure.lockedUntil
        ? { kind: "refused", message: lockedMessage(failure.lockedUntil, now), retryAt: failure.lockedUntil }
        : { kind: "refused", message: WRONG_CREDENTIALS };
    }
    if (account.status !== "active") {
      await recordAuthEvent(tx, account.ref, meta, {
        event: "auth.signInFailed",
        outcome: "denied",
        actor: null,
        sentence: `A sign-in was refused: the account is ${account.status}.`,
        target: { method: "password" },
      });
      return {
        kind: "refused",
        message:
          account.status === "suspended"
            ? `Your account at ${account.organisation} is suspended. Ask your organisation's administrator to restore it.`
            : `Your account at ${account.organisation} has been closed.`,
      };
    }
    return null;
  };
  const refused = account ? await tenantScope(account.ref.tenantId, attempt) : await directoryScope(attempt);
  if (refused || !account) return refused ?? { kind: "refused", message: WRONG_CREDENTIALS };

  // The account's failure count is cleared only once sign-in is complete (finishSignIn): a right password
  // alone must not wipe out the wrong second-factor codes before it.
  if (account.hasTotp || account.passkeyCount > 0) {
    return {
      kind: "second_factor",
      pending: { ...account.ref, email: account.email, redirectTo: input.redirectTo },
      methods: { totp: account.hasTotp, passkey: account.passkeyCount > 0 },
    };
  }
  await endPreviousSession(previousToken);
  return tenantScope(account.ref.tenantId, (tx) => finishSignIn(tx, account, "password", meta, now));
}

// ─── Second factor (at sign-in and at step-up) ────────────────────────────────────────────────────

export type FactorCheck = { ok: true } | { ok: false; message: string; field: "code"; retryAt?: Date };

const FACTOR_MESSAGES = {
  format: "Enter the 6-digit code from your authenticator app.",
  wrong: "That code is not right. Check your authenticator app's clock, or try the next code.",
  replayed: "That code has already been used. Wait for the next one.",
  recovery: "That recovery code is not right, or it has been used.",
  unreadable:
    "Your authenticator app cannot be checked at the moment. Use a passkey or a recovery code, or ask your " +
    "organisation's administrator to reset your two-step verification.",
} as const;

/**
 * Checks a code (authenticator or recovery) for `ref` and records the outcome; a wrong code counts against
 * the account's throttle like a wrong password, so guessing six digits is as slow as guessing a password.
 */
export async function checkCodeFactor(
  ref: AccountRef,
  email: string,
  factor: { kind: "totp" | "recovery"; code: string },
  meta: RequestMetadata,
  purpose: "sign-in" | "step-up",
  now = new Date(),
): Promise<FactorCheck> {
  const keys: ThrottleKeys = { email, ip: meta.ipAddress };
  return tenantScope(ref.tenantId, async (tx) => {
    // As for passwords: check, spend and count in one transaction that holds the account's throttle.
    await holdThrottle(tx, keys);
    const throttle = await checkThrottle(tx, keys, now);
    if (!throttle.allowed) {
      return {
        ok: false as const,
        field: "code" as const,
        message: lockedMessage(throttle.retryAt, now),
        retryAt: throttle.retryAt,
      };
    }
    let problem: string | null = null;
    let malformed = false;
    if (factor.kind === "totp") {
      const check = await spendTotpCode(tx, ref, factor.code, now.getTime());
      if (!check.ok) problem = FACTOR_MESSAGES[check.reason];
      // A code of the wrong shape, or a secret the server cannot open, says nothing about the guesser.
      malformed = !check.ok && (check.reason === "format" || check.reason === "unreadable");
    } else if (!(await spendRecoveryCode(tx, ref, factor.code, now))) {
      problem = FACTOR_MESSAGES.recovery;
    }
    if (!problem) return { ok: true as const };
    // A code of the wrong shape can never match: recorded, but not counted towards a lock, so a typo does
    // not bring a person closer to being locked out.
    const failure = malformed ? { failures: null, lockedUntil: null } : await recordFailure(tx, keys, now);
    await recordAuthEvent(tx, ref, meta, {
      event: "auth.secondFactorFailed",
      outcome: "failed",
      actor: null,
      sentence: `A wrong ${factor.kind === "totp" ? "authenticator" : "recovery"} code was entered at ${purpose}.`,
      target: { method: factor.kind, purpose, failures: failure.failures },
    });
    if (failure.lockedUntil) {
      return {
        ok: false as const,
        field: "code" as const,
        message: lockedMessage(failure.lockedUntil, now),
        retryAt: failure.lockedUntil,
      };
    }
    return { ok: false as const, field: "code" as const, message: problem };
  });
}

/**
 * A passkey assertion to verify inside the sign-in's (or step-up's) own transaction: the spent challenge,
 * the new signature counter, the session and the audit entry naming the passkey commit together, and a
 * refused assertion is recorded in the same transaction that spends its challenge.
 */
export type PasskeyProof = (
  tx: Tx,
) => Promise<{ ok: true; passkeyId: string; name: string } | { ok: false; message: string }>;

async function checkPasskeyProof(
  tx: Tx,
  ref: AccountRef,
  meta: RequestMetadata,
  purpose: "sign-in" | "step-up",
  proof: PasskeyProof | undefined,
): Promise<{ ok: true; passkey: { id: string; name: string } | null } | { ok: false; message: string }> {
  if (!proof) return { ok: true, passkey: null };
  const proven = await proof(tx);
  if (proven.ok) return { ok: true, passkey: { id: proven.passkeyId, name: proven.name } };
  await recordAuthEvent(tx, ref, meta, {
    event: "auth.secondFactorFailed",
    outcome: "failed",
    actor: null,
    sentence: `A passkey response was refused at ${purpose}: ${proven.message}`,
    target: { method: "passkey", purpose },
  });
  return proven;
}

/** After the second factor (or a passkey alone) has been verified: the session starts. */
export async function completeSignIn(
  ref: AccountRef,
  method: Exclude<SignInMethod, "password">,
  meta: RequestMetadata,
  previousToken: string | null,
  options: { proof?: PasskeyProof; now?: Date } = {},
): Promise<SignedIn | { kind: "refused"; message: string }> {
  const now = options.now ?? new Date();
  return tenantScope(ref.tenantId, async (tx) => {
    const proven = await checkPasskeyProof(tx, ref, meta, "sign-in", options.proof);
    if (!proven.ok) return { kind: "refused" as const, message: proven.message };
    const account = await loadSignInAccount(tx, ref);
    if (!account || account.status !== "active") {
      return {
        kind: "refused" as const,
        message: "This account cannot sign in. Ask your organisation's administrator.",
      };
    }
    return finishSignIn(tx, account, method, meta, now, proven.passkey);
  }).then(async (result) => {
    // The session the browser brought ends once this one has begun (it may be another tenant's).
    if (result.kind === "signed_in") await endPreviousSession(previousToken);
    return result;
  });
}

/**
 * Step-up: the signed-in person confirmed a second factor. The session is rotated (a privilege change: a
 * token stolen before this moment does not carry the fresh factor) and keeps its original start, so the
 * absolute lifetime still counts from sign-in.
 */
export async function confirmStepUp(
  ref: AccountRef,
  displayName: string,
  currentToken: string,
  method: SecondFactorMethod,
  meta: RequestMetadata,
  options: { proof?: PasskeyProof; now?: Date } = {},
): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
  const now = options.now ?? new Date();
  return tenantScope(ref.tenantId, async (tx) => {
    const proven = await checkPasskeyProof(tx, ref, meta, "step-up", options.proof);
    if (!proven.ok) return proven;
    const token = await rotateSession(tx, ref, hashSessionToken(currentToken), now, {
      secondFactorAt: now,
      origin: meta,
    });
    if (!token) return { ok: false as const, message: "Your session has ended. Sign in again." };
    const what = method === "totp" ? "an authenticator code" : method === "recovery" ? "a recovery code" : "a passkey";
    await recordAuthEvent(tx, ref, meta, {
      event: "auth.stepUp",
      outcome: "allowed",
      actor: { accountId: ref.accountId, tenantId: ref.tenantId, name: displayName, role: "self" },
      sentence: `Confirmed with ${what}${proven.passkey ? ` (“${proven.passkey.name}”)` : ""} before a sensitive action.`,
      target: proven.passkey ? { method, passkey: proven.passkey.name } : { method },
    });
    return { ok: true as const, token };
  });
}

export async function recordSignOut(ref: AccountRef, displayName: string, token: string, meta: RequestMetadata) {
  await tenantScope(ref.tenantId, async (tx) => {
    await deleteSessionByToken(tx, ref, token);
    await recordAuthEvent(tx, ref, meta, {
      event: "auth.signOut",
      outcome: "allowed",
      actor: { accountId: ref.accountId, tenantId: ref.tenantId, name: displayName, role: "self" },
      sentence: "Signed out.",
    });
  });
}

// ─── Password reset by link ───────────────────────────────────────────────────────────────────────

/**
 * "Forgot password": emails a single-use link valid for 30 minutes. The answer never says whether the
 * email has an account; a suspended or closed account gets no link.
 */
export async function requestPasswordReset(
  email: string,
  origin: string,
  meta: RequestMetadata,
  now = new Date(),
): Promise<void> {
  // Same answer, and about the same time, whether or not the email has an account: the work for a real
  // one (a link, an email, an audit entry) is hidden under a fixed floor.
  const answerNoSoonerThan = performance.now() + RESET_REQUEST_FLOOR_MS;
  try {
    await issueResetFor(email, origin, meta, now);
  } finally {
    const wait = answerNoSoonerThan - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** How long a "forgot password" request takes at the least. */
export const RESET_REQUEST_FLOOR_MS = 250;

async function issueResetFor(email: string, origin: string, meta: RequestMetadata, now: Date): Promise<void> {
  const ref = await findSignInAccount(email);
  if (!ref) return;
  await tenantScope(ref.tenantId, async (tx) => {
    const account = await loadSignInAccount(tx, ref);
    if (!account || account.status !== "active" || !account.email) return;
    // Anyone can ask for someone else's reset: a few links per half hour are enough for the person, and
    // the cap keeps their inbox (and this table) from being flooded. The answer is the same either way.
    if ((await recentResetLinks(tx, ref, now)) >= RESET_LINKS_PER_WINDOW) return;
    const token = await issueResetLink(tx, ref, now);
    await queueEmail(tx, {
      tenantId: ref.tenantId,
      toAddress: account.email,
      toAccountId: ref.accountId,
      template: "auth.passwordReset",
      params: { organisation: account.organisation, link: resetLinkUrl(origin, token) },
    });
    await recordAuthEvent(tx, ref, meta, {
      event: "auth.passwordResetRequested",
      outcome: "allowed",
      actor: null,
      sentence: "A password reset link was emailed to the account's address.",
    });
  });
}

export type ResetTokenState = { ok: true; ref: AccountRef; email: string } | { ok: false; message: string };

const LINK_SPENT = "This reset link has expired or has already been used. Ask for a new one.";

/** Whether a reset link can still be used (for the page that asks for the new password). */
export async function checkResetToken(token: string, now = new Date()): Promise<ResetTokenState> {
  const tenantId = tenantOfResetToken(token);
  if (!tenantId) return { ok: false, message: LINK_SPENT };
  const [row] = await tenantScope(tenantId, (tx) =>
    tx
      .select({
        accountId: passwordResetTokens.accountId,
        usedAt: passwordResetTokens.usedAt,
        expiresAt: passwordResetTokens.expiresAt,
        email: accounts.email,
        status: accounts.status,
      })
      .from(passwordResetTokens)
      .innerJoin(
        accounts,
        and(eq(accounts.tenantId, passwordResetTokens.tenantId), eq(accounts.id, passwordResetTokens.accountId)),
      )
      .where(and(eq(passwordResetTokens.tenantId, tenantId), eq(passwordResetTokens.tokenHash, hashToken(token)))),
  );
  if (!row || row.usedAt || row.expiresAt <= now || row.status !== "active") return { ok: false, message: LINK_SPENT };
  return { ok: true, ref: { tenantId, accountId: row.accountId }, email: row.email ?? "" };
}

export type ResetResult = { ok: true } | { ok: false; message: string; field?: "password" };

/**
 * Sets a new password from a reset link: spends the link (and every other link of the account), ends every
 * session of the account, tells the person by email — one transaction. A spent or expired link is refused
 * and the attempt recorded.
 */
export async function resetPasswordWithToken(
  token: string,
  newPassword: string,
  meta: RequestMetadata,
  now = new Date(),
): Promise<ResetResult> {
  const tenantId = tenantOfResetToken(token);
  if (!tenantId) return { ok: false, message: LINK_SPENT };
  const tokenHash = hashToken(token);
  return tenantScope(tenantId, async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tenantId, tenantId),
          eq(passwordResetTokens.tokenHash, tokenHash),
          sql`${passwordResetTokens.usedAt} is null`,
          sql`${passwordResetTokens.expiresAt} > ${now.toISOString()}`,
        ),
      )
      .returning({ accountId: passwordResetTokens.accountId });
    if (!spent) {
      const [known] = await tx
        .select({ accountId: passwordResetTokens.accountId })
        .from(passwordResetTokens)
        .where(and(eq(passwordResetTokens.tenantId, tenantId), eq(passwordResetTokens.tokenHash, tokenHash)));
      if (known) {
        await recordAuthEvent(tx, { tenantId, accountId: known.accountId }, meta, {
          event: "auth.passwordReset",
          outcome: "denied",
          actor: null,
          sentence: "A password reset link was refused: it had expired or had already been used.",
        });
      }
      return { ok: false as const, message: LINK_SPENT };
    }
    const ref = { tenantId, accountId: spent.accountId };
    const account = await loadSignInAccount(tx, ref);
    if (!account || account.status !== "active") return { ok: false as const, message: LINK_SPENT };
    const problem = newPasswordProblem(newPassword, { email: account.email, displayName: account.displayName });
    // Throwing rolls the spent link back: a weak password does not cost the person their link.
    if (problem) throw new PasswordRefused(problem);
    await storePassword(tx, ref, newPassword, { mustChange: false, now });
    const sessionsEnded = await endSessions(tx, ref);
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tenantId, tenantId),
          eq(passwordResetTokens.accountId, ref.accountId),
          sql`${passwordResetTokens.usedAt} is null`,
        ),
      );
    if (account.email) {
      await queueEmail(tx, {
        tenantId,
        toAddress: account.email,
        toAccountId: ref.accountId,
        template: "auth.passwordChanged",
        params: { organisation: account.organisation },
      });
    }
    await recordAuthEvent(tx, ref, meta, {
      event: "auth.passwordReset",
      outcome: "allowed",
      actor: selfActor(account),
      sentence: `The password was reset with an emailed link; ${sessionsEnded} session(s) ended.`,
      changes: { after: { passwordChanged: true, sessionsEnded } },
    });
    return { ok: true as const };
  }).catch((error: unknown) => {
    if (error instanceof PasswordRefused)
      return { ok: false as const, message: error.message, field: "password" as const };
    throw error;
  });
}

class PasswordRefused extends Error {}
