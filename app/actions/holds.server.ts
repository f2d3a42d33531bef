// Legal holds: place one on chosen accounts or the whole organisation, change the accounts it names,
// release it. While a hold is active nothing of a covered account may be deleted (legal-hold.cedar): the
// account facts the engine decides from read the active holds. All three are destructive (a written
// reason, a fresh second factor). Every account a hold names is checked to be this organisation's before
// anything is written; a failure rolls the whole action back.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { legalHoldAccounts, legalHolds } from "~db/schema";
import {
  countHoldAccounts,
  existingAccountIds,
  HOLD_SCOPES,
  loadLegalHoldResource,
  lockHold,
} from "~/holds/holds.server";
import { ActionFailure, defineAction } from "./action";
import { reasonField } from "./fields";
import { syncErasureRequests } from "~/requests/requests.server";
import { loadOrganisationResource } from "./resources.server";

export const MAX_HOLD_ACCOUNTS = 1000;

const holdIdField = z.uuid({ error: "Choose a legal hold." });

const accountIdsField = z
  .array(z.uuid({ error: "That is not an account of this organisation." }), {
    error: "Choose the accounts by their ids.",
  })
  .max(MAX_HOLD_ACCOUNTS, `Choose at most ${MAX_HOLD_ACCOUNTS.toLocaleString("en-GB")} accounts at once.`)
  .default([])
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((value) => value || null);

function notHere(count: number): string {
  return count === 1
    ? "One of the chosen accounts is not an account of this organisation (was it deleted meanwhile?). Nothing was changed."
    : `${count} of the chosen accounts are not accounts of this organisation (were they deleted meanwhile?). Nothing was changed.`;
}

export const placeHoldInputSchema = z
  .object({
    name: z
      .string({ error: "Give the hold a name." })
      .trim()
      .min(1, "Give the hold a name.")
      .max(120, "Keep the name under 120 characters."),
    description: optionalText(2000, "Keep the description under 2,000 characters."),
    reference: optionalText(120, "Keep the reference under 120 characters."),
    scope: z.enum(HOLD_SCOPES, { error: "Choose what the hold covers: chosen accounts or the whole organisation." }),
    accountIds: accountIdsField,
    discloseToSubject: z.boolean({ error: "Say whether the held people may know." }).default(false),
    reason: reasonField,
  })
  .superRefine((input, ctx) => {
    if (input.scope === "accounts" && input.accountIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["accountIds"], message: "Choose at least one account to hold." });
    }
    if (input.scope === "organisation" && input.accountIds.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["accountIds"],
        message: "A hold on the whole organisation covers every account: choose no accounts for it.",
      });
    }
  });

export const placeHold = defineAction({
  id: "hold.place",
  input: placeHoldInputSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.reason,
  // A hold concerns many people; issue 6 decides what a held person learns of it.
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const { accountIds } = input;
    if (accountIds.length) {
      const found = await existingAccountIds(tx, tenantId, accountIds);
      const missing = accountIds.filter((id) => !found.has(id));
      if (missing.length) throw new ActionFailure(notHere(missing.length), "accountIds");
    }
    const [hold] = await tx
      .insert(legalHolds)
      .values({
        tenantId,
        name: input.name,
        description: input.description,
        reference: input.reference,
        scope: input.scope,
        discloseToSubject: input.discloseToSubject,
        createdBy: principal.accountId,
        createdAt: now,
      })
      .returning({ id: legalHolds.id });
    const holdId = hold!.id;
    if (accountIds.length) {
      await tx
        .insert(legalHoldAccounts)
        .values(
          accountIds.map((accountId) => ({ tenantId, holdId, accountId, addedBy: principal.accountId, addedAt: now })),
        );
    }
    const erasureRequests = await syncErasureRequests(tx, tenantId);
    return {
      output: { holdId, name: input.name, accountCount: accountIds.length, erasureRequests },
      target: { type: "legalHold", id: holdId, name: input.name },
      changes: {
        before: null,
        after: {
          scope: input.scope,
          accountCount: accountIds.length,
          accountIds,
          discloseToSubject: input.discloseToSubject,
        },
      },
    };
  },
});

export const updateHoldInputSchema = z
  .object({
    holdId: holdIdField,
    addAccountIds: accountIdsField,
    removeAccountIds: accountIdsField,
    reason: reasonField,
  })
  .superRefine((input, ctx) => {
    if (input.addAccountIds.length === 0 && input.removeAccountIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["addAccountIds"], message: "Choose accounts to add or to remove." });
    }
    const adding = new Set(input.addAccountIds);
    if (input.removeAccountIds.some((id) => adding.has(id))) {
      ctx.addIssue({
        code: "custom",
        path: ["removeAccountIds"],
        message: "An account cannot be added and removed at once.",
      });
    }
  });

export const updateHold = defineAction({
  id: "hold.update",
  input: updateHoldInputSchema,
  loadResource: (tx, tenantId, input) => loadLegalHoldResource(tx, tenantId, input.holdId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const hold = await lockHold(tx, tenantId, input.holdId);
    if (!hold) throw new ActionFailure("There is no such legal hold in this organisation.");
    if (hold.releasedAt) {
      throw new ActionFailure(`Legal hold '${hold.name}' has been released; a released hold cannot be changed.`);
    }
    if (hold.scope === "organisation") {
      throw new ActionFailure(
        `Legal hold '${hold.name}' covers the whole organisation: it names no accounts to add or remove.`,
        input.addAccountIds.length ? "addAccountIds" : "removeAccountIds",
      );
    }
    const before = await countHoldAccounts(tx, tenantId, hold.id);
    let added: string[] = [];
    if (input.addAccountIds.length) {
      const found = await existingAccountIds(tx, tenantId, input.addAccountIds);
      const missing = input.addAccountIds.filter((id) => !found.has(id));
      if (missing.length) throw new ActionFailure(notHere(missing.length), "addAccountIds");
      // An account the hold already names stays as it was (who added it, and when).
      const inserted = await tx
        .insert(legalHoldAccounts)
        .values(
          input.addAccountIds.map((accountId) => ({
            tenantId,
            holdId: hold.id,
            accountId,
            addedBy: principal.accountId,
            addedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ accountId: legalHoldAccounts.accountId });
      added = inserted.map((row) => row.accountId);
    }
    let removed: string[] = [];
    if (input.removeAccountIds.length) {
      const deleted = await tx
        .delete(legalHoldAccounts)
        .where(
          and(
            eq(legalHoldAccounts.tenantId, tenantId),
            eq(legalHoldAccounts.holdId, hold.id),
            inArray(legalHoldAccounts.accountId, input.removeAccountIds),
          ),
        )
        .returning({ accountId: legalHoldAccounts.accountId });
      removed = deleted.map((row) => row.accountId);
    }
    const after = before + added.length - removed.length;
    const erasureRequests = await syncErasureRequests(tx, tenantId);
    return {
      output: {
        holdId: hold.id,
        name: hold.name,
        added: added.length,
        removed: removed.length,
        alreadyHeld: input.addAccountIds.length - added.length,
        notHeld: input.removeAccountIds.length - removed.length,
        accountCount: after,
        erasureRequests,
      },
      target: { type: "legalHold", id: hold.id, name: hold.name },
      changes: {
        before: { accountCount: before },
        after: { accountCount: after, addedAccountIds: added, removedAccountIds: removed },
      },
    };
  },
});

export const releaseHoldInputSchema = z.object({ holdId: holdIdField, reason: reasonField });

export const releaseHold = defineAction({
  id: "hold.release",
  input: releaseHoldInputSchema,
  loadResource: (tx, tenantId, input) => loadLegalHoldResource(tx, tenantId, input.holdId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    const hold = await lockHold(tx, tenantId, input.holdId);
    if (!hold) throw new ActionFailure("There is no such legal hold in this organisation.");
    if (hold.releasedAt) throw new ActionFailure(`Legal hold '${hold.name}' has already been released.`);
    await tx
      .update(legalHolds)
      .set({ releasedAt: now, releasedBy: principal.accountId, releaseReason: input.reason })
      .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, hold.id)));
    const accountCount = await countHoldAccounts(tx, tenantId, hold.id);
    const erasureRequests = await syncErasureRequests(tx, tenantId);
    return {
      output: { holdId: hold.id, name: hold.name, erasureRequests },
      target: { type: "legalHold", id: hold.id, name: hold.name },
      changes: {
        before: { released: false, scope: hold.scope, accountCount },
        after: { released: true, scope: hold.scope, accountCount },
      },
    };
  },
});
