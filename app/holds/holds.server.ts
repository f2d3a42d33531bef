// Legal holds as the console reads them: the list of matters, one matter with the accounts it names, who
// is held, and the facts the policy engine decides hold.update / hold.release from. Every function runs
// inside the tenant's transaction (tenantScope), so a hold or an account of another tenant is not found.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import { accounts, holdScope, legalHoldAccounts, legalHolds, type AccountStatus } from "~db/schema";
import { isUuid } from "~db/tenant-scope";
import type { LegalHoldResource } from "~/policy/types";

export const HOLD_SCOPES = holdScope.enumValues;
export type HoldScope = (typeof HOLD_SCOPES)[number];

export interface HoldListRow {
  id: string;
  name: string;
  reference: string | null;
  scope: HoldScope;
  discloseToSubject: boolean;
  placedAt: Date;
  placedByName: string | null;
  releasedAt: Date | null;
  releasedByName: string | null;
  /** The accounts the hold names (always 0 for a hold on the whole organisation). */
  accountCount: number;
  /** The accounts it covers: those it names, or every account of the organisation. */
  accountsCovered: number;
}

export interface HoldAccount {
  id: string;
  name: string;
  email: string | null;
  status: AccountStatus;
  addedAt: Date;
  addedByName: string | null;
}

export interface HoldDetail extends Omit<HoldListRow, "accountCount" | "accountsCovered"> {
  description: string | null;
  releaseReason: string | null;
  accounts: HoldAccount[];
  accountsCovered: number;
}

const placedBy = alias(accounts, "placed_by");
const releasedBy = alias(accounts, "released_by");

const holdColumns = {
  id: legalHolds.id,
  name: legalHolds.name,
  reference: legalHolds.reference,
  scope: legalHolds.scope,
  discloseToSubject: legalHolds.discloseToSubject,
  placedAt: legalHolds.createdAt,
  placedByName: placedBy.displayName,
  releasedAt: legalHolds.releasedAt,
  releasedByName: releasedBy.displayName,
};

async function countAccounts(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(accounts)
    .where(eq(accounts.tenantId, tenantId));
  return row?.n ?? 0;
}

/** Every hold of the organisation: active ones first, newest first, with how many accounts each covers. */
export async function listHolds(tx: Tx, tenantId: string): Promise<HoldListRow[]> {
  const [rows, everyone] = await Promise.all([
    tx
      .select({
        ...holdColumns,
        accountCount: sql<number>`(select count(*) from ${legalHoldAccounts} ha
          where ha.tenant_id = ${legalHolds.tenantId} and ha.hold_id = ${legalHolds.id})`.mapWith(Number),
      })
      .from(legalHolds)
      .leftJoin(placedBy, and(eq(placedBy.tenantId, legalHolds.tenantId), eq(placedBy.id, legalHolds.createdBy)))
      .leftJoin(releasedBy, and(eq(releasedBy.tenantId, legalHolds.tenantId), eq(releasedBy.id, legalHolds.releasedBy)))
      .where(eq(legalHolds.tenantId, tenantId))
      .orderBy(sql`${legalHolds.releasedAt} is not null`, desc(legalHolds.createdAt), asc(legalHolds.id)),
    countAccounts(tx, tenantId),
  ]);
  return rows.map((row) => ({
    ...row,
    accountsCovered: row.scope === "organisation" ? everyone : row.accountCount,
  }));
}

/** One hold with the accounts it names, or null (not this organisation's, or not a hold id at all). */
export async function getHold(tx: Tx, tenantId: string, holdId: string): Promise<HoldDetail | null> {
  if (!isUuid(holdId)) return null;
  const [hold] = await tx
    .select({ ...holdColumns, description: legalHolds.description, releaseReason: legalHolds.releaseReason })
    .from(legalHolds)
    .leftJoin(placedBy, and(eq(placedBy.tenantId, legalHolds.tenantId), eq(placedBy.id, legalHolds.createdBy)))
    .leftJoin(releasedBy, and(eq(releasedBy.tenantId, legalHolds.tenantId), eq(releasedBy.id, legalHolds.releasedBy)))
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, holdId)));
  if (!hold) return null;
  const addedBy = alias(accounts, "added_by");
  const [named, everyone] = await Promise.all([
    tx
      .select({
        id: accounts.id,
        name: accounts.displayName,
        email: accounts.email,
        status: accounts.status,
        addedAt: legalHoldAccounts.addedAt,
        addedByName: addedBy.displayName,
      })
      .from(legalHoldAccounts)
      .innerJoin(
        accounts,
        and(eq(accounts.tenantId, legalHoldAccounts.tenantId), eq(accounts.id, legalHoldAccounts.accountId)),
      )
      .leftJoin(
        addedBy,
        and(eq(addedBy.tenantId, legalHoldAccounts.tenantId), eq(addedBy.id, legalHoldAccounts.addedBy)),
      )
      .where(and(eq(legalHoldAccounts.tenantId, tenantId), eq(legalHoldAccounts.holdId, holdId)))
      .orderBy(asc(accounts.displayName), asc(accounts.id)),
    hold.scope === "organisation" ? countAccounts(tx, tenantId) : Promise.resolve(0),
  ]);
  return { ...hold, accounts: named, accountsCovered: hold.scope === "organisation" ? everyone : named.length };
}

/** The facts the policy engine decides hold.update and hold.release from. */
export async function loadLegalHoldResource(
  tx: Tx,
  tenantId: string,
  holdId: string,
): Promise<LegalHoldResource | null> {
  if (!isUuid(holdId)) return null;
  const [hold] = await tx
    .select({ id: legalHolds.id, name: legalHolds.name, releasedAt: legalHolds.releasedAt })
    .from(legalHolds)
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, holdId)));
  if (!hold) return null;
  return { type: "LegalHold", id: hold.id, tenantId, name: hold.name, released: hold.releasedAt !== null };
}

/**
 * The hold, locked until the transaction ends: a release and a change of the same hold at the same time
 * queue up, so neither acts on a hold the other has just released.
 */
export async function lockHold(tx: Tx, tenantId: string, holdId: string) {
  const [hold] = await tx
    .select({
      id: legalHolds.id,
      name: legalHolds.name,
      scope: legalHolds.scope,
      releasedAt: legalHolds.releasedAt,
    })
    .from(legalHolds)
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, holdId)))
    .for("update");
  return hold ?? null;
}

export async function countHoldAccounts(tx: Tx, tenantId: string, holdId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(legalHoldAccounts)
    .where(and(eq(legalHoldAccounts.tenantId, tenantId), eq(legalHoldAccounts.holdId, holdId)));
  return row?.n ?? 0;
}

/**
 * Which of `ids` are accounts of this organisation. They stay locked against deletion (KEY SHARE, as a
 * foreign key check takes) until the transaction ends, so a hold never names an account deleted meanwhile.
 */
export async function existingAccountIds(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Set();
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, wanted)))
    .for("key share");
  return new Set(rows.map((row) => row.id));
}

/**
 * Resolves sign-in names to accounts of this organisation. `ids` keeps the order typed (without repeats);
 * `unknown` lists what was typed and matched no account here, as typed (another organisation's people
 * are unknown too: the answer reveals nothing about them).
 */
export async function resolveAccountEmails(
  tx: Tx,
  tenantId: string,
  emails: string[],
): Promise<{ ids: string[]; unknown: string[] }> {
  const lowered = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (lowered.length === 0) return { ids: [], unknown: [] };
  const rows = await tx
    .select({ id: accounts.id, email: sql<string>`lower(${accounts.email})` })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(sql`lower(${accounts.email})`, lowered)));
  const byEmail = new Map(rows.map((row) => [row.email, row.id]));
  const ids = new Set<string>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const email of emails) {
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const id = byEmail.get(key);
    if (id) ids.add(id);
    else unknown.push(email);
  }
  return { ids: [...ids], unknown };
}

/**
 * Which of `ids` are covered by an active legal hold (one naming them, or one on the whole organisation):
 * for flagging held accounts in lists. One query, whatever the number of ids.
 */
export async function heldAccountIds(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Set();
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        inArray(accounts.id, wanted),
        sql`exists (select 1 from ${legalHolds} h
          where h.tenant_id = ${accounts.tenantId} and h.released_at is null
            and (h.scope = 'organisation' or exists (select 1 from ${legalHoldAccounts} ha
              where ha.tenant_id = h.tenant_id and ha.hold_id = h.id and ha.account_id = ${accounts.id})))`,
      ),
    );
  return new Set(rows.map((row) => row.id));
}
