// `bulk.start`: an admin asks for one operation over many accounts. This action decides whether they may
// start a bulk run at all (an admin role, a written reason, a fresh second factor), fixes the accounts it
// covers (the ticked ones, or every account the filter matches now) and records the run. The run itself is
// the job runner's (app/bulk/process.server.ts): each account is then decided and audited on its own, as
// the admin, so a held account, the admin's own account or one the admin may not touch is refused there.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, bulkRunItems, bulkRuns, legalHolds } from "~db/schema";
import { accountFilterConditions, countAccounts, directorySource } from "~/accounts/directory.server";
import { accountFilterSchema } from "~/accounts/filters";
import { ActionFailure, defineAction } from "~/actions/action";
import { reasonField } from "~/actions/fields";
import { loadOrganisationResource } from "~/actions/resources.server";
import { formatCount } from "~/format";
import { settingField } from "~/locks/settings";
import { BULK_OPERATIONS, BULK_OPERATION_IDS, MAX_BULK_ACCOUNTS, MAX_CHOSEN_ACCOUNTS } from "./operations";

const tooMany = `A bulk action covers at most ${formatCount(MAX_BULK_ACCOUNTS)} accounts: narrow the filter.`;

export const bulkSelectionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("ids"),
      accountIds: z
        .array(z.uuid({ error: "One of the chosen accounts is not an account id." }))
        .min(1, "Choose at least one account.")
        .max(
          MAX_CHOSEN_ACCOUNTS,
          `Choose at most ${formatCount(MAX_CHOSEN_ACCOUNTS)} accounts one by one, or use a filter.`,
        )
        .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
    }),
    z.object({
      kind: z.literal("filter"),
      filter: accountFilterSchema,
      /** How many accounts the admin saw the filter match: the run covers them only if that still holds. */
      expected: z.coerce
        .number({ error: "Select the accounts from the list again." })
        .int()
        .min(1, "The filter matches no accounts.")
        .max(MAX_BULK_ACCOUNTS, tooMany),
    }),
  ],
  { error: "Choose the accounts: tick them in the list, or select all that match." },
);
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;

export const bulkStartSchema = z
  .object({
    operation: z.enum(BULK_OPERATION_IDS, { error: "Choose what to do to the accounts." }),
    reason: reasonField,
    selection: bulkSelectionSchema,
    /** hold: the matter to add the accounts to. */
    holdId: z.uuid({ error: "Choose a legal hold." }).optional(),
    /** lock: the setting to lock. */
    setting: settingField.optional(),
    /** resetPassword: where the emailed links point (the console's public origin), set by the route. */
    origin: z.url().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.operation === "hold" && !input.holdId) {
      ctx.addIssue({ code: "custom", path: ["holdId"], message: "Choose the legal hold to add the accounts to." });
    }
    if (input.operation === "lock" && !input.setting) {
      ctx.addIssue({ code: "custom", path: ["setting"], message: "Choose the setting to lock." });
    }
    if (input.operation === "resetPassword" && !input.origin) {
      ctx.addIssue({ code: "custom", path: ["origin"], message: "The reset links need the console's address." });
    }
  });
export type BulkStartInput = z.infer<typeof bulkStartSchema>;

/** What each account's action gets besides its id; stored with the run. */
export type BulkOptions = { holdId?: string; setting?: string; origin?: string };

/** Checks the legal hold named for a `hold` run: there, not released, and naming accounts. */
async function checkHold(tx: Tx, tenantId: string, holdId: string) {
  const [hold] = await tx
    .select({ name: legalHolds.name, scope: legalHolds.scope, releasedAt: legalHolds.releasedAt })
    .from(legalHolds)
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, holdId)));
  if (!hold) throw new ActionFailure("There is no such legal hold in this organisation.", "holdId");
  if (hold.releasedAt) throw new ActionFailure(`Legal hold '${hold.name}' has been released.`, "holdId");
  if (hold.scope === "organisation") {
    throw new ActionFailure(`Legal hold '${hold.name}' already covers the whole organisation.`, "holdId");
  }
  return hold;
}

export const startBulkRun = defineAction({
  id: "bulk.start",
  input: bulkStartSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, request, now }) {
    const operation = BULK_OPERATIONS[input.operation];
    const hold = input.holdId ? await checkHold(tx, tenantId, input.holdId) : null;
    const options: BulkOptions = {
      ...(input.operation === "hold" && { holdId: input.holdId }),
      ...(input.operation === "lock" && { setting: input.setting }),
      ...(input.operation === "resetPassword" && { origin: input.origin }),
    };
    const selection = input.selection;
    let total: number;
    if (selection.kind === "filter") {
      total = await countAccounts(tx, tenantId, selection.filter);
      if (total > MAX_BULK_ACCOUNTS) throw new ActionFailure(tooMany, "selection");
      if (total !== selection.expected) {
        throw new ActionFailure(
          `The filter now matches ${formatCount(total)} accounts, not the ${formatCount(selection.expected)} you saw. ` +
            `Look at the list again, then confirm.`,
          "selection",
        );
      }
    } else {
      total = selection.accountIds.length;
    }

    const [run] = await tx
      .insert(bulkRuns)
      .values({
        tenantId,
        operation: input.operation,
        action: operation.action,
        options,
        reason: input.reason,
        selection: selection.kind === "filter" ? { kind: "filter", filter: selection.filter } : { kind: "ids" },
        requestedBy: principal.accountId,
        requestId: request.requestId,
        ipAddress: request.ipAddress,
        userAgent: request.userAgent,
        total,
        createdAt: now,
      })
      .returning({ id: bulkRuns.id });
    const runId = run!.id;

    if (selection.kind === "filter") {
      // Fixed now, in the list's order: accounts that match later are not part of what the admin confirmed.
      await tx.execute(sql`
        insert into ${bulkRunItems} (tenant_id, run_id, position, account_id)
        select ${tenantId}::uuid, ${runId}::uuid,
               row_number() over (order by ${accounts.displayName}, ${accounts.id}), ${accounts.id}
        from ${directorySource}
        where ${and(...accountFilterConditions(tenantId, selection.filter))}`);
    } else {
      // Chosen one by one, in the order chosen. An id that is not this organisation's account is kept
      // as an item too: its turn records "no such account", so the admin sees what became of each choice.
      await tx
        .insert(bulkRunItems)
        .values(selection.accountIds.map((accountId, index) => ({ tenantId, runId, position: index + 1, accountId })));
    }

    const found =
      selection.kind === "ids"
        ? (
            await tx
              .select({ n: sql<number>`count(*)::int` })
              .from(accounts)
              .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, selection.accountIds)))
          )[0]!.n
        : total;

    return {
      output: { runId, total },
      target: { type: "bulkRun", id: runId, operation: input.operation, ...(hold && { hold: hold.name }) },
      changes: {
        before: null,
        after: {
          operation: input.operation,
          action: operation.action,
          accounts: total,
          ...(found !== total && { notInOrganisation: total - found }),
          ...(selection.kind === "filter" && { filter: selection.filter }),
          ...(input.setting && { setting: input.setting }),
        },
      },
    };
  },
});
