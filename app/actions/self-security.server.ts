// A person's own account security, from /me/security: password, authenticator app, recovery codes,
// passkeys and sessions. Each change is an action like any admin's: decided by the policy engine (a person
// acts only on their own account), recorded in their activity, and the person is emailed about changes an
// attacker would want to hide (a new factor, a removed one, a changed password).
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, passwordCredentials, sessions } from "~db/schema";
import { endSessions, rotateSession, storePassword } from "~/auth/credentials.server";
import { verifyPassword } from "~/auth/password.server";
import { checkThrottle, lockedMessage } from "~/auth/throttle.server";
import { newPasswordField, newPasswordProblem } from "~/auth/password-policy.server";
import {
  deleteRecoveryCodes,
  generateRecoveryCodes,
  recoveryCodeStatus,
  replaceRecoveryCodes,
} from "~/auth/recovery-codes.server";
import type { AccountRef } from "~/auth/session-adapter.server";
import { beginTotpEnrolment, confirmTotpEnrolment, deleteTotp, getTotpState, spendTotpCode } from "~/auth/totp.server";
import {
  passkeyCount,
  removePasskey as deletePasskey,
  renamePasskey as changePasskeyName,
  verifyPasskeyRegistration,
} from "~/auth/webauthn.server";
import { queueEmail, type EmailTemplate, type OutgoingEmail } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { accountIdField } from "./fields";
import { loadAccountResource } from "./resources.server";

const TOTP_MESSAGES = {
  format: "Enter the 6-digit code from your authenticator app.",
  wrong: "That code is not right. Check the time on your phone, or wait for the next code.",
  replayed: "That code has already been used. Wait for the next one.",
  unreadable:
    "Your authenticator app cannot be checked at the moment. Set it up again, or ask your administrator to " +
    "reset your two-step verification.",
} as const;

export const codeField = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .trim()
  .min(1, "Enter the 6-digit code from your authenticator app.")
  .max(20, "Enter the 6-digit code from your authenticator app.");

export const passkeyNameField = z
  .string({ error: "Give the passkey a name." })
  .trim()
  .min(1, "Give the passkey a name, such as “Work laptop”.")
  .max(60, "Keep the name under 60 characters.");

/** A session's id as the sessions list shows it: the SHA-256 hex the table stores, never the token. */
const sessionIdField = z.string().regex(/^[0-9a-f]{64}$/, "Choose a session.");

async function emailOf(tx: Tx, ref: AccountRef): Promise<string | null> {
  const [row] = await tx
    .select({ email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.tenantId, ref.tenantId), eq(accounts.id, ref.accountId)));
  return row?.email ?? null;
}

/** Tells the person about a change to how they sign in, so a change they did not make does not go unseen. */
async function notify(
  tx: Tx,
  ref: AccountRef,
  template: EmailTemplate,
  params: OutgoingEmail["params"] = {},
): Promise<void> {
  const email = await emailOf(tx, ref);
  if (!email) return;
  await queueEmail(tx, { tenantId: ref.tenantId, toAddress: email, toAccountId: ref.accountId, template, params });
}

const refOf = (tenantId: string, input: { accountId: string }): AccountRef => ({
  tenantId,
  accountId: input.accountId,
});

/**
 * The person's current password, checked as at sign-in: the account's throttle is consulted first, and a
 * wrong password counts against it (ActionFailure.wrongSecretFor). Asked before changing the password and
 * before adding a factor, so a session left open — or stolen — cannot do either on its own.
 */
export async function requireCurrentPassword(tx: Tx, ref: AccountRef, password: string, now: Date): Promise<void> {
  const email = (await emailOf(tx, ref)) ?? "";
  await refuseWhileThrottled(tx, email, "currentPassword", now);
  const [credential] = await tx
    .select({ hash: passwordCredentials.hash })
    .from(passwordCredentials)
    .where(and(eq(passwordCredentials.tenantId, ref.tenantId), eq(passwordCredentials.accountId, ref.accountId)));
  if (!(await verifyPassword(credential?.hash, password))) {
    throw new ActionFailure("That is not your current password.", "currentPassword", { email });
  }
}

async function refuseWhileThrottled(tx: Tx, email: string, field: string, now: Date): Promise<void> {
  const throttle = await checkThrottle(tx, { email, ip: null }, now);
  if (!throttle.allowed) throw new ActionFailure(lockedMessage(throttle.retryAt, now), field);
}

export const currentPasswordField = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(1024, "That password is too long.");

// ─── Password ─────────────────────────────────────────────────────────────────────────────────────

export const changePassword = defineAction({
  id: "self.changePassword",
  input: z
    .object({
      accountId: accountIdField,
      currentPassword: currentPasswordField,
      newPassword: newPasswordField,
      confirmPassword: z.string({ error: "Type the new password again." }),
      /** The session that made the change stays; every other one ends. */
      currentSessionId: sessionIdField,
    })
    .refine((input) => input.newPassword === input.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two new passwords are not the same.",
    })
    .refine((input) => input.newPassword !== input.currentPassword, {
      path: ["newPassword"],
      message: "Choose a password different from your current one.",
    }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, now }) {
    const ref = refOf(tenantId, input);
    await requireCurrentPassword(tx, ref, input.currentPassword, now);
    const email = await emailOf(tx, ref);
    const problem = newPasswordProblem(input.newPassword, { email, displayName: resource.name });
    if (problem) throw new ActionFailure(problem, "newPassword");
    await storePassword(tx, ref, input.newPassword, { mustChange: false, now });
    const otherSessionsEnded = await endSessions(tx, ref, input.currentSessionId);
    // This session stays, under a new token: a change of credentials (and, after an admin's reset, of
    // what the session may do) is a change of privilege.
    const sessionToken = await rotateSession(tx, ref, input.currentSessionId, now);
    await notify(tx, ref, "self.passwordChanged", { count: otherSessionsEnded });
    return {
      output: { otherSessionsEnded, sessionToken },
      changes: { after: { passwordChanged: true, otherSessionsEnded } },
    };
  },
});

// ─── Authenticator app (TOTP) ─────────────────────────────────────────────────────────────────────

async function freshRecoveryCodes(tx: Tx, ref: AccountRef): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await replaceRecoveryCodes(tx, ref, codes);
  return codes;
}

export const enrolTotp = defineAction({
  id: "self.enrolTotp",
  input: z.discriminatedUnion("step", [
    z.object({ accountId: accountIdField, step: z.literal("begin"), currentPassword: currentPasswordField }),
    z.object({ accountId: accountIdField, step: z.literal("confirm"), code: codeField }),
  ]),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    const ref = refOf(tenantId, input);
    const state = await getTotpState(tx, ref);
    if (state?.confirmed) throw new ActionFailure("An authenticator app is already set up. Turn it off first.");
    if (input.step === "begin") {
      await requireCurrentPassword(tx, ref, input.currentPassword, now);
      await beginTotpEnrolment(tx, ref);
      return { output: { recoveryCodes: null }, changes: { after: { totp: "set-up started" } } };
    }
    if (!state) throw new ActionFailure("Start again: the set-up has expired.", "code");
    const check = await confirmTotpEnrolment(tx, ref, input.code, now.getTime());
    if (!check.ok) throw new ActionFailure(TOTP_MESSAGES[check.reason], "code");
    // Recovery codes come with the first factor; a person who already has some keeps them.
    const existing = await recoveryCodeStatus(tx, ref);
    const recoveryCodes = existing.remaining > 0 ? null : await freshRecoveryCodes(tx, ref);
    await notify(tx, ref, "self.totpEnabled");
    return { output: { recoveryCodes }, changes: { after: { totp: "on" } } };
  },
});

export const disableTotp = defineAction({
  id: "self.disableTotp",
  input: z.object({ accountId: accountIdField, code: codeField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    const ref = refOf(tenantId, input);
    const state = await getTotpState(tx, ref);
    if (!state?.confirmed) throw new ActionFailure("No authenticator app is set up.");
    // A fresh code, so a session left open on someone else's screen cannot turn the second factor off;
    // wrong codes count against the account's throttle, as at sign-in.
    const email = (await emailOf(tx, ref)) ?? "";
    await refuseWhileThrottled(tx, email, "code", now);
    const check = await spendTotpCode(tx, ref, input.code, now.getTime());
    if (!check.ok) {
      const countable = check.reason === "wrong" || check.reason === "replayed";
      throw new ActionFailure(TOTP_MESSAGES[check.reason], "code", countable ? { email } : undefined);
    }
    await deleteTotp(tx, ref);
    const remainingPasskeys = await passkeyCount(tx, ref);
    if (remainingPasskeys === 0) await deleteRecoveryCodes(tx, ref);
    await notify(tx, ref, "self.totpDisabled");
    return { output: null, changes: { before: { totp: "on" }, after: { totp: "off" } } };
  },
});

export const regenerateRecoveryCodes = defineAction({
  id: "self.regenerateRecoveryCodes",
  input: z.object({ accountId: accountIdField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    const ref = refOf(tenantId, input);
    const hasFactor = Boolean((await getTotpState(tx, ref))?.confirmed) || (await passkeyCount(tx, ref)) > 0;
    if (!hasFactor) throw new ActionFailure("Set up an authenticator app or a passkey first.");
    const recoveryCodes = await freshRecoveryCodes(tx, ref);
    // "recoveryCount": the trail redacts anything named like a code.
    return { output: { recoveryCodes }, changes: { after: { recoveryCount: recoveryCodes.length } } };
  },
});

// ─── Passkeys ─────────────────────────────────────────────────────────────────────────────────────

const relyingPartyInput = z.object({ rpID: z.string(), rpName: z.string(), origin: z.string() });

export const addPasskey = defineAction({
  id: "self.addPasskey",
  input: z.object({
    accountId: accountIdField,
    name: passkeyNameField,
    /** The browser's registration response, as JSON text. */
    response: z.string().min(2, "The browser sent no passkey. Try again.").max(20_000),
    currentPassword: currentPasswordField,
    relyingParty: relyingPartyInput,
    email: z.string(),
    displayName: z.string(),
  }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    const ref = refOf(tenantId, input);
    await requireCurrentPassword(tx, ref, input.currentPassword, now);
    let response: unknown;
    try {
      response = JSON.parse(input.response);
    } catch {
      throw new ActionFailure("The browser sent no passkey. Try again.", "name");
    }
    const hadFactor = Boolean((await getTotpState(tx, ref))?.confirmed) || (await passkeyCount(tx, ref)) > 0;
    const result = await verifyPasskeyRegistration(
      tx,
      input.relyingParty,
      { ...ref, email: input.email, displayName: input.displayName },
      response,
      input.name,
    );
    if (!result.ok) throw new ActionFailure(result.message, "name");
    const existing = await recoveryCodeStatus(tx, ref);
    const recoveryCodes = hadFactor || existing.remaining > 0 ? null : await freshRecoveryCodes(tx, ref);
    await notify(tx, ref, "self.passkeyAdded", { name: result.value.name });
    return {
      output: { passkey: result.value, recoveryCodes },
      target: { type: "passkey", id: result.value.id, name: result.value.name },
      changes: { after: { passkey: result.value.name } },
    };
  },
});

export const renamePasskey = defineAction({
  id: "self.renamePasskey",
  input: z.object({
    accountId: accountIdField,
    passkeyId: z.uuid({ error: "Choose a passkey." }),
    name: passkeyNameField,
  }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    const renamed = await changePasskeyName(tx, refOf(tenantId, input), input.passkeyId, input.name);
    if (!renamed) throw new ActionFailure("That passkey is not on your account.");
    return {
      output: null,
      target: { type: "passkey", id: input.passkeyId },
      changes: { after: { name: input.name } },
    };
  },
});

export const removePasskey = defineAction({
  id: "self.removePasskey",
  input: z.object({ accountId: accountIdField, passkeyId: z.uuid({ error: "Choose a passkey." }) }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    const ref = refOf(tenantId, input);
    const removed = await deletePasskey(tx, ref, input.passkeyId);
    if (!removed) throw new ActionFailure("That passkey is not on your account.");
    const hasFactor = Boolean((await getTotpState(tx, ref))?.confirmed) || (await passkeyCount(tx, ref)) > 0;
    if (!hasFactor) await deleteRecoveryCodes(tx, ref);
    await notify(tx, ref, "self.passkeyRemoved", { name: removed.name });
    return {
      output: null,
      target: { type: "passkey", id: input.passkeyId, name: removed.name },
      changes: { before: { passkey: removed.name }, after: null },
    };
  },
});

// ─── Sessions ─────────────────────────────────────────────────────────────────────────────────────

export const endSession = defineAction({
  id: "self.endSession",
  input: z.object({ accountId: accountIdField, sessionId: sessionIdField, currentSessionId: sessionIdField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    if (input.sessionId === input.currentSessionId) {
      throw new ActionFailure("That is this browser's session: sign out instead.");
    }
    const [ended] = await tx
      .delete(sessions)
      .where(
        and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, input.accountId), eq(sessions.id, input.sessionId)),
      )
      .returning({ userAgent: sessions.userAgent, ipAddress: sessions.ipAddress });
    if (!ended) throw new ActionFailure("That session has already ended.");
    return {
      output: null,
      target: { type: "session", ipAddress: ended.ipAddress, userAgent: ended.userAgent },
      changes: { after: { sessionsEnded: 1 } },
    };
  },
});

export const endOtherSessions = defineAction({
  id: "self.endOtherSessions",
  input: z.object({ accountId: accountIdField, currentSessionId: sessionIdField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    const sessionsEnded = await endSessions(tx, refOf(tenantId, input), input.currentSessionId);
    return { output: { sessionsEnded }, changes: { after: { sessionsEnded } } };
  },
});
