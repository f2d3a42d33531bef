// What a person changes about themself on My account: their name and phone (unless an admin locked the
// field), their email address (the sign-in name: confirmed from the new address, with the current
// password), their language and time zone, which mailing lists they are on (each change a consent record),
// and that they have seen the latest privacy policy. Each is an action like any admin's: decided by the
// policy engine (a person acts on their own account only; a locked field is refused there, with the sentence
// saying who locked it and why) and recorded in the person's activity.
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, consentRecords, organisations, privacyPolicyVersions } from "~db/schema";
import { SELF_PROFILE_FIELDS, type SelfProfileField } from "~/accounts/profile-fields";
import { LOCALES } from "~/i18n/i18n";
import { MAILING_LISTS, type MailingList } from "~/me/mailing-lists";
import { queueEmail } from "~/mail/outbox.server";
import { seal, unseal } from "~/security/secrets.server";
import { canonicalTimeZone } from "~/time";
import { ActionFailure, defineAction, type MutationResult } from "./action";
import { isEmailClash, isEmailTaken, profileInputSchema } from "./account-profile.server";
import { accountIdField } from "./fields";
import { loadAccountResource } from "./resources.server";
import { currentPasswordField, requireCurrentPassword } from "./self-security.server";

/** The fields a person edits themself, validated as an admin's edit of them is. */
export const selfProfileInput = profileInputSchema.pick({
  accountId: true,
  displayName: true,
  givenName: true,
  familyName: true,
  phone: true,
});

/** The lockable settings a change touches: one per field present in the input. */
export function settingsTouched(input: Partial<Record<SelfProfileField, unknown>>): string[] {
  return SELF_PROFILE_FIELDS.filter((field) => input[field] !== undefined).map((field) => `profile.${field}`);
}

export const selfUpdateProfile = defineAction({
  id: "self.updateProfile",
  input: selfProfileInput,
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  // Only the fields sent count: a form leaves a locked field out, and sending it anyway is refused.
  context: (input) => ({ settings: settingsTouched(input) }),
  async mutate({ tx, tenantId, input, now }) {
    const [current] = await tx
      .select({
        displayName: accounts.displayName,
        givenName: accounts.givenName,
        familyName: accounts.familyName,
        phone: accounts.phone,
      })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (!current) throw new ActionFailure("Your account is not there any more.");
    const before: Partial<Record<SelfProfileField, string | null>> = {};
    const after: Partial<Record<SelfProfileField, string | null>> = {};
    for (const field of SELF_PROFILE_FIELDS) {
      const wanted = input[field];
      if (wanted === undefined || wanted === current[field]) continue;
      before[field] = current[field];
      after[field] = wanted;
    }
    if (Object.keys(after).length === 0) throw new ActionFailure("Nothing to save: no detail was changed.");
    await tx
      .update(accounts)
      .set({ ...after, displayName: after.displayName ?? undefined, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    return { output: { changed: Object.keys(after) as SelfProfileField[] }, changes: { before, after } };
  },
});

// ─── Email address ────────────────────────────────────────────────────────────────────────────────

/** How long the link to confirm a new address works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;
const EMAIL_CHANGE_CONTEXT = "glasshouse.email-change.v1";

const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "Keep the email address under 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

const emailChangeToken = z.object({
  tenantId: z.string(),
  accountId: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  expiresAt: z.number(),
});
type EmailChange = z.infer<typeof emailChangeToken>;

/**
 * The link's token: the change sealed (AES-256-GCM), so it can be neither read nor forged. It names the
 * address it replaces, so it works once: after the change (or any other), it no longer matches.
 */
export function sealEmailChange(change: EmailChange): string {
  return seal(JSON.stringify(change), EMAIL_CHANGE_CONTEXT);
}

export function openEmailChange(token: string): EmailChange | null {
  if (token.length > 2000) return null;
  const text = unseal(token, EMAIL_CHANGE_CONTEXT);
  if (!text) return null;
  try {
    const parsed = emailChangeToken.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const EMAIL_CHANGE_PATH = "/me/email";
const EMAIL_TAKEN = "That email address is already in use by another account.";
const LINK_INVALID = "This link does not work any more. Ask for a new one from My account.";

export const changeEmail = defineAction({
  id: "self.changeEmail",
  input: z.discriminatedUnion("step", [
    z.object({
      accountId: accountIdField,
      step: z.literal("request"),
      email: emailField,
      currentPassword: currentPasswordField,
      /** Where the confirmation link points (the app's public origin). */
      origin: z.url(),
    }),
    z.object({ accountId: accountIdField, step: z.literal("confirm"), token: z.string().min(1).max(2000) }),
  ]),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }): Promise<MutationResult<{ pending?: string; email?: string }>> {
    const ref = { tenantId, accountId: input.accountId };
    const [current] = await tx
      .select({ email: accounts.email, organisation: organisations.name })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (!current) throw new ActionFailure("Your account is not there any more.");

    if (input.step === "request") {
      await requireCurrentPassword(tx, ref, input.currentPassword, now);
      if (current.email?.toLowerCase() === input.email.toLowerCase()) {
        throw new ActionFailure("That is already your email address.", "email");
      }
      if (await isEmailTaken(tx, input.email, input.accountId)) throw new ActionFailure(EMAIL_TAKEN, "email");
      const token = sealEmailChange({
        tenantId,
        accountId: input.accountId,
        from: current.email,
        to: input.email,
        expiresAt: now.getTime() + EMAIL_CHANGE_TTL_MS,
      });
      // The new address proves it is theirs by opening the link; until then they sign in as before.
      await queueEmail(tx, {
        tenantId,
        toAddress: input.email,
        template: "self.confirmEmail",
        params: { organisation: current.organisation, link: `${input.origin}${EMAIL_CHANGE_PATH}?token=${token}` },
      });
      return { output: { pending: input.email }, changes: { after: { pendingEmail: input.email } } };
    }

    const change = openEmailChange(input.token);
    if (
      !change ||
      change.tenantId !== tenantId ||
      change.accountId !== input.accountId ||
      change.expiresAt < now.getTime() ||
      (change.from ?? "").toLowerCase() !== (current.email ?? "").toLowerCase()
    ) {
      throw new ActionFailure(LINK_INVALID, "token");
    }
    if (await isEmailTaken(tx, change.to, input.accountId)) throw new ActionFailure(EMAIL_TAKEN, "token");
    try {
      // Only from the address the link replaces: of two confirmations at once, the second changes nothing.
      const [changed] = await tx
        .update(accounts)
        .set({ email: change.to, updatedAt: now })
        .where(
          and(
            eq(accounts.tenantId, tenantId),
            eq(accounts.id, input.accountId),
            change.from ? sql`lower(${accounts.email}) = lower(${change.from})` : sql`${accounts.email} is null`,
          ),
        )
        .returning({ id: accounts.id });
      if (!changed) throw new ActionFailure(LINK_INVALID, "token");
    } catch (error) {
      if (isEmailClash(error)) throw new ActionFailure(EMAIL_TAKEN, "token");
      throw error;
    }
    // The old address hears of it, in case the change was not wanted.
    if (change.from) {
      await queueEmail(tx, {
        tenantId,
        toAddress: change.from,
        toAccountId: input.accountId,
        template: "self.emailChanged",
        params: { organisation: current.organisation, from: change.from, to: change.to },
      });
    }
    return { output: { email: change.to }, changes: { before: { email: change.from }, after: { email: change.to } } };
  },
});

// ─── Language and time zone ───────────────────────────────────────────────────────────────────────

export const localeField = z.enum(LOCALES, { error: "Choose one of the languages offered." });
export const timeZoneField = z
  .string({ error: "Choose a time zone." })
  .trim()
  .transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (!zone) context.addIssue({ code: "custom", message: "Choose a time zone from the list, like Europe/Berlin." });
    return zone ?? value;
  });

export const setPreferences = defineAction({
  id: "self.setPreferences",
  input: z.object({ accountId: accountIdField, locale: localeField, timeZone: timeZoneField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    const [current] = await tx
      .select({ locale: accounts.locale, timeZone: accounts.timeZone })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (!current) throw new ActionFailure("Your account is not there any more.");
    if (current.locale === input.locale && current.timeZone === input.timeZone) {
      throw new ActionFailure("Nothing to save: no preference was changed.");
    }
    await tx
      .update(accounts)
      .set({ locale: input.locale, timeZone: input.timeZone, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    return { output: null, changes: { before: current, after: { locale: input.locale, timeZone: input.timeZone } } };
  },
});

// ─── Marketing ────────────────────────────────────────────────────────────────────────────────────

/** The privacy policy in force: the one a consent given now is given under. */
export async function currentPolicyVersion(tx: Tx, now = new Date()): Promise<string | null> {
  const [row] = await tx
    .select({ version: privacyPolicyVersions.version })
    .from(privacyPolicyVersions)
    .where(sql`${privacyPolicyVersions.publishedAt} <= ${now.toISOString()}`)
    .orderBy(desc(privacyPolicyVersions.publishedAt))
    .limit(1);
  return row?.version ?? null;
}

/** Each list's latest choice (a list never chosen is off). */
export async function mailingListChoices(tx: Tx, tenantId: string, accountId: string) {
  const rows = await tx
    .selectDistinctOn([consentRecords.purpose], { purpose: consentRecords.purpose, granted: consentRecords.granted })
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.accountId, accountId)))
    .orderBy(consentRecords.purpose, desc(consentRecords.recordedAt), desc(consentRecords.id));
  const granted = new Set(rows.filter((row) => row.granted).map((row) => row.purpose));
  return Object.fromEntries(MAILING_LISTS.map((list) => [list, granted.has(list)])) as Record<MailingList, boolean>;
}

export const setMarketing = defineAction({
  id: "self.setMarketing",
  input: z.object({
    accountId: accountIdField,
    list: z.enum(MAILING_LISTS, { error: "Choose one of the mailing lists." }),
    subscribed: z.enum(["on", "off"], { error: "Choose on or off." }).transform((value) => value === "on"),
  }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    // One choice at a time per person, so two tabs cannot both record the same change.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`glasshouse.consent:${input.accountId}`}))`);
    const choices = await mailingListChoices(tx, tenantId, input.accountId);
    if (choices[input.list] === input.subscribed) {
      throw new ActionFailure(
        input.subscribed ? "You are already on that list." : "You are not on that list.",
        "subscribed",
      );
    }
    const policyVersion = await currentPolicyVersion(tx, now);
    const [record] = await tx
      .insert(consentRecords)
      .values({
        tenantId,
        accountId: input.accountId,
        purpose: input.list,
        granted: input.subscribed,
        method: "my-account",
        policyVersion,
        recordedAt: now,
      })
      .returning({ id: consentRecords.id });
    const anyList = Object.values({ ...choices, [input.list]: input.subscribed }).some(Boolean);
    await tx
      .update(accounts)
      .set({ marketingConsent: anyList, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    return {
      output: { consentRecordId: record!.id },
      target: { type: "mailingList", id: input.list },
      changes: {
        before: { list: input.list, subscribed: choices[input.list] },
        after: { list: input.list, subscribed: input.subscribed, policyVersion, method: "my-account" },
      },
    };
  },
});

// ─── Privacy policy notice ────────────────────────────────────────────────────────────────────────

export const acknowledgePolicy = defineAction({
  id: "self.acknowledgePolicy",
  input: z.object({ accountId: accountIdField, version: z.string().trim().min(1).max(40) }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, now }) {
    // The version the notice showed, or any later one: only a significant version published after it
    // needs reading first.
    const [acknowledged] = await tx
      .select({ publishedAt: privacyPolicyVersions.publishedAt })
      .from(privacyPolicyVersions)
      .where(and(eq(privacyPolicyVersions.version, input.version), lte(privacyPolicyVersions.publishedAt, now)));
    if (!acknowledged) throw new ActionFailure("There is no such version of the privacy policy.", "version");
    const [newer] = await tx
      .select({ version: privacyPolicyVersions.version })
      .from(privacyPolicyVersions)
      .where(
        and(
          eq(privacyPolicyVersions.significant, true),
          gt(privacyPolicyVersions.publishedAt, acknowledged.publishedAt),
          lte(privacyPolicyVersions.publishedAt, now),
        ),
      )
      .limit(1);
    if (newer) {
      throw new ActionFailure("A newer privacy policy has been published since; read that one.", "version");
    }
    await tx
      .update(accounts)
      .set({ privacyPolicySeen: input.version, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    return { output: null, changes: { after: { privacyPolicySeen: input.version } } };
  },
});
