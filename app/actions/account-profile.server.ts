// An admin edits someone's profile and contact details, or sets their line manager. Only the fields that
// change are written and recorded (before and after). The email address is the sign-in name, unique across
// every organisation: a clash is the admin's to fix, answered next to the field, never a 500. A manager
// is an account of the same organisation, never the account itself nor anyone who reports to it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "~db/client";
import { accounts, organisations } from "~db/schema";
import { PROFILE_FIELDS, type ProfileField } from "~/accounts/profile-fields";
import { queueEmail } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, optionalReasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

const EMAIL_TAKEN = "That email address is already in use by another account.";

/** Blank means "clear it"; absent means "leave it as it is". */
function optionalText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `Keep the ${label} under ${max} characters.`)
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null));
}

const PHONE_CHARACTERS = /^\+?[0-9][0-9 ()./-]*$/;

export const phoneField = z
  .string()
  .trim()
  .max(40, "Keep the phone number under 40 characters.")
  .refine(
    (value) => {
      if (value === "") return true;
      const digits = value.replace(/\D/g, "").length;
      return PHONE_CHARACTERS.test(value) && digits >= 5 && digits <= 20;
    },
    { message: "Enter a phone number of digits, with an optional leading + and spaces, ( ) . / or -." },
  )
  .optional()
  .transform((value) => (value === undefined ? undefined : value || null));

export const profileInputSchema = z.object({
  accountId: accountIdField,
  displayName: z
    .string()
    .trim()
    .min(1, "Enter a display name.")
    .max(200, "Keep the display name under 200 characters.")
    .optional(),
  givenName: optionalText(200, "given name"),
  familyName: optionalText(200, "family name"),
  phone: phoneField,
  jobTitle: optionalText(200, "job title"),
  department: optionalText(200, "department"),
  email: z
    .string()
    .trim()
    .min(1, "Enter an email address.")
    .max(254, "Keep the email address under 254 characters.")
    .pipe(z.email("Enter a valid email address, like name@example.com."))
    .optional(),
  reason: optionalReasonField,
});

type Profile = Record<ProfileField, string | null>;

const profileColumns = {
  displayName: accounts.displayName,
  givenName: accounts.givenName,
  familyName: accounts.familyName,
  phone: accounts.phone,
  jobTitle: accounts.jobTitle,
  department: accounts.department,
  email: accounts.email,
};

/** Whether `error` (or what it wraps: drizzle wraps driver errors) is a clash on the email index. */
export function isEmailClash(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    const constraint = candidate.constraint_name ?? candidate.constraint;
    if (candidate.code === "23505" && constraint === "accounts_email_key") return true;
    current = candidate.cause;
  }
  return false;
}

/** Whether another account, in any organisation, signs in with `email` (the narrow lookup of migration 0002). */
export async function isEmailTaken(tx: Tx, email: string, accountId: string): Promise<boolean> {
  const rows = await queryRows<{ account_id: string }>(
    tx,
    sql`select account_id from glasshouse_find_sign_in(${email})`,
  );
  return rows.some((row) => row.account_id !== accountId);
}

export const updateProfile = defineAction({
  id: "account.updateProfile",
  input: profileInputSchema,
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const [current] = await tx
      .select({ ...profileColumns, organisation: organisations.name })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.tenantId))
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    if (!current) throw new ActionFailure(`${resource.name}'s account is not there any more.`);

    const before: Partial<Profile> = {};
    const after: Partial<Profile> = {};
    for (const field of PROFILE_FIELDS) {
      const wanted = input[field];
      if (wanted === undefined || wanted === current[field]) continue;
      before[field] = current[field];
      after[field] = wanted;
    }
    if (Object.keys(after).length === 0) throw new ActionFailure("Nothing to save: no detail was changed.");

    const emailChanged = after.email !== undefined;
    // Only a change of letter case keeps the same sign-in name; anything else must be free everywhere.
    if (emailChanged && (await isEmailTaken(tx, after.email!, input.accountId))) {
      throw new ActionFailure(EMAIL_TAKEN, "email");
    }
    try {
      await tx
        .update(accounts)
        .set({ ...after, displayName: after.displayName ?? undefined, updatedAt: now })
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId)));
    } catch (error) {
      // Taken by another organisation's admin between the check and the write.
      if (isEmailClash(error)) throw new ActionFailure(EMAIL_TAKEN, "email");
      throw error;
    }

    if (emailChanged) {
      // Both addresses hear of it: the old one in case the change was not wanted.
      const addresses = [before.email, after.email].filter(
        (address, index, all): address is string =>
          Boolean(address) && all.findIndex((other) => other?.toLowerCase() === address!.toLowerCase()) === index,
      );
      for (const address of addresses) {
        await queueEmail(tx, {
          tenantId,
          toAddress: address,
          toAccountId: input.accountId,
          template: "account.emailChanged",
          variant: before.email ? "body" : "bodyNoPrevious",
          params: {
            actor: principal.name,
            organisation: current.organisation,
            to: after.email ?? "",
            ...(before.email ? { from: before.email } : {}),
          },
        });
      }
    }
    return {
      output: { changed: Object.keys(after) as ProfileField[] },
      changes: { before, after },
    };
  },
});

/** A form's empty choice is "no manager". */
const managerIdField = z.preprocess(
  (value) => (value === "" ? null : value),
  z.uuid({ error: "Choose an account of this organisation." }).nullable(),
);

export const setManager = defineAction({
  id: "account.setManager",
  input: z.object({ accountId: accountIdField, managerId: managerIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, now }) {
    const { accountId, managerId } = input;
    if (managerId === accountId) {
      throw new ActionFailure(`${resource.name} cannot be their own manager.`, "managerId");
    }
    if (managerId === resource.managerId) {
      throw new ActionFailure(
        managerId ? `That is already ${resource.name}'s manager.` : `${resource.name} has no manager already.`,
        "managerId",
      );
    }
    // Two changes at once could each pass the cycle check and make a loop together: one at a time per tenant.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`glasshouse.manager:${tenantId}`}))`);

    const ids = [resource.managerId, managerId].filter((id): id is string => id !== null);
    const named = ids.length
      ? await tx
          .select({ id: accounts.id, name: accounts.displayName, status: accounts.status })
          .from(accounts)
          .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, ids)))
      : [];
    const nameOf = (id: string | null) => (id ? (named.find((row) => row.id === id)?.name ?? null) : null);

    if (managerId) {
      const manager = named.find((row) => row.id === managerId);
      if (!manager) throw new ActionFailure("There is no such account in this organisation.", "managerId");
      if (manager.status === "terminated") {
        throw new ActionFailure(`${manager.name}'s account is terminated; choose an active manager.`, "managerId");
      }
      // Walk up from the new manager: meeting the account on the way means it would manage itself.
      const [loop] = await queryRows<{ cycle: boolean }>(
        tx,
        sql`with recursive chain(id, manager_id) as (
              select a.id, a.manager_id from accounts a where a.tenant_id = ${tenantId} and a.id = ${managerId}
              union
              select a.id, a.manager_id from accounts a
                join chain c on a.tenant_id = ${tenantId} and a.id = c.manager_id
            )
            select exists (select 1 from chain where id = ${accountId}) as cycle`,
      );
      if (loop?.cycle) {
        throw new ActionFailure(
          `${manager.name} reports to ${resource.name}, directly or through others; that would make a loop.`,
          "managerId",
        );
      }
    }

    await tx
      .update(accounts)
      .set({ managerId, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)));
    return {
      output: { managerName: nameOf(managerId) },
      changes: {
        before: { managerId: resource.managerId, manager: nameOf(resource.managerId) },
        after: { managerId, manager: nameOf(managerId) },
      },
      target: { managerId },
    };
  },
});
