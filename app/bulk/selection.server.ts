// The accounts a bulk action is about, as the accounts list hands them over in the confirm page's URL:
// `operation`, then either `selection=ids` with an `accountId` per ticked row, or `selection=filter` with
// the list's filter fields and `expected`, the count the admin saw.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts } from "~db/schema";
import { accountIdsMatching, countAccounts } from "~/accounts/directory.server";
import { readAccountFilter, type AccountFilter } from "~/accounts/filters";
import { isBulkOperation, MAX_CHOSEN_ACCOUNTS, type BulkOperation } from "./operations";
import { bulkSelectionSchema, type BulkSelection } from "./start.server";

/** As the URL names it: "all that match" may come without a count (the list counts only so far). */
export type RequestedSelection =
  Extract<BulkSelection, { kind: "ids" }> | { kind: "filter"; filter: AccountFilter; expected: number | null };

export type SelectionRequest =
  | { ok: true; operation: BulkOperation; selection: RequestedSelection }
  | { ok: false; operation: BulkOperation | null; problem: string };

/** The operation and selection a confirm page's URL names, or what is wrong with them. */
export function readSelection(params: URLSearchParams): SelectionRequest {
  const rawOperation = params.get("operation");
  const operation = isBulkOperation(rawOperation) ? rawOperation : null;
  if (!operation) return { ok: false, operation, problem: "Choose what to do to the accounts from the list." };
  if (params.get("selection") === "filter") {
    const filter = readAccountFilter(params);
    if (!filter.ok) {
      return { ok: false, operation, problem: "The filter is not one the accounts list makes; filter the list again." };
    }
    const rawExpected = params.get("expected");
    if (!rawExpected)
      return { ok: true, operation, selection: { kind: "filter", filter: filter.filter, expected: null } };
    const parsed = bulkSelectionSchema.safeParse({ kind: "filter", filter: filter.filter, expected: rawExpected });
    if (!parsed.success) return { ok: false, operation, problem: parsed.error.issues[0]!.message };
    return { ok: true, operation, selection: parsed.data as RequestedSelection };
  }
  const ids = params.getAll("accountId");
  if (ids.length > MAX_CHOSEN_ACCOUNTS) {
    return {
      ok: false,
      operation,
      problem: `Tick at most ${MAX_CHOSEN_ACCOUNTS} accounts, or select all that match a filter.`,
    };
  }
  const parsed = bulkSelectionSchema.safeParse({ kind: "ids", accountIds: ids });
  if (!parsed.success) return { ok: false, operation, problem: parsed.error.issues[0]!.message };
  return { ok: true, operation, selection: parsed.data };
}

export interface SelectionPreview {
  /** How many accounts the run would cover now. */
  count: number;
  /** The first of them, by name (chosen ones that are not this organisation's are counted in `missing`). */
  sample: { id: string; displayName: string; email: string | null; status: string }[];
  /** Chosen ids that are not accounts of this organisation (deleted since, or never were). */
  missing: number;
  filter: AccountFilter | null;
}

export const PREVIEW_SIZE = 50;

export async function previewSelection(
  tx: Tx,
  tenantId: string,
  selection: RequestedSelection,
): Promise<SelectionPreview> {
  const ids =
    selection.kind === "ids"
      ? selection.accountIds
      : await accountIdsMatching(tx, tenantId, selection.filter, PREVIEW_SIZE);
  const rows = ids.length
    ? await tx
        .select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email, status: accounts.status })
        .from(accounts)
        .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, ids.slice(0, MAX_CHOSEN_ACCOUNTS))))
        .orderBy(accounts.displayName, accounts.id)
    : [];
  if (selection.kind === "ids") {
    return { count: ids.length, sample: rows.slice(0, PREVIEW_SIZE), missing: ids.length - rows.length, filter: null };
  }
  const count = await countAccounts(tx, tenantId, selection.filter);
  return { count, sample: rows, missing: 0, filter: selection.filter };
}
