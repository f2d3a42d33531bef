// What the platform operator's own pages read: every organisation's name, kind and size, and the operator's
// access requests across its customers. Both come from narrow definer functions (migration 0015) that
// answer only in the operator's own tenant scope and return nothing personal of another organisation.
import { eq, sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { organisations, type OrganisationKind } from "~db/schema";
import type { OperatorAccessMode, OperatorAccessStatus } from "~/policy/types";

export interface DirectoryOrganisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  primaryDomain: string | null;
  operatorAccessMode: OperatorAccessMode;
  accounts: number;
  activeAccounts: number;
}

export interface OperatorAccessListing {
  tenantId: string;
  id: string;
  number: number;
  operatorAccountId: string;
  operatorName: string;
  oneAccount: boolean;
  readOnly: boolean;
  actions: string[];
  ticketReference: string;
  justification: string;
  status: OperatorAccessStatus;
  mode: OperatorAccessMode;
  durationMinutes: number;
  requestedAt: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
}

type OrganisationRow = {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  primary_domain: string | null;
  operator_access_mode: OperatorAccessMode;
  accounts: number | string;
  active_accounts: number | string;
};

type AccessRow = {
  tenant_id: string;
  id: string;
  number: number;
  operator_account_id: string;
  operator_name: string;
  subject_account_id: string | null;
  read_only: boolean;
  actions: string[] | string;
  ticket_reference: string;
  justification: string;
  status: OperatorAccessStatus;
  mode: OperatorAccessMode;
  duration_minutes: number;
  requested_at: Date | string;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  ended_at: Date | string | null;
};

const dateOf = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** A text array from a raw query: postgres.js may hand back PostgreSQL's text form ("{a,b}"). */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((item) => item.replace(/^"|"$/g, "")) : [];
}

/** Every organisation, by kind and name, with its size; in the operator's own scope only. */
export async function listDirectoryOrganisations(tx: Tx, operatorId: string): Promise<DirectoryOrganisation[]> {
  const rows = await queryRows<OrganisationRow>(
    tx,
    sql`select id, slug, name, kind, primary_domain, operator_access_mode, accounts, active_accounts
          from glasshouse_operator_organisations(${operatorId}::uuid)`,
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    primaryDomain: row.primary_domain,
    operatorAccessMode: row.operator_access_mode,
    accounts: Number(row.accounts),
    activeAccounts: Number(row.active_accounts),
  }));
}

/** Every access request the operator's staff made, newest first; in the operator's own scope only. */
export async function listOperatorAccess(tx: Tx, operatorId: string): Promise<OperatorAccessListing[]> {
  const rows = await queryRows<AccessRow>(
    tx,
    sql`select tenant_id, id, number, operator_account_id, operator_name, subject_account_id, read_only, actions,
               ticket_reference, justification, status, mode, duration_minutes, requested_at, starts_at, ends_at,
               ended_at
          from glasshouse_operator_access_list(${operatorId}::uuid)`,
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    id: row.id,
    number: Number(row.number),
    operatorAccountId: row.operator_account_id,
    operatorName: row.operator_name,
    oneAccount: row.subject_account_id !== null,
    readOnly: row.read_only,
    actions: textArray(row.actions),
    ticketReference: row.ticket_reference,
    justification: row.justification,
    status: row.status,
    mode: row.mode,
    durationMinutes: Number(row.duration_minutes),
    requestedAt: new Date(row.requested_at),
    startsAt: dateOf(row.starts_at),
    endsAt: dateOf(row.ends_at),
    endedAt: dateOf(row.ended_at),
  }));
}

/** The organisation with this id, from the directory every scope may read; null when there is none. */
export async function findOrganisation(
  tx: Tx,
  id: string,
): Promise<{
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  operatorAccessMode: OperatorAccessMode;
} | null> {
  const [row] = await tx
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      operatorAccessMode: organisations.operatorAccessMode,
    })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row ?? null;
}

/** Whether an organisation already answers at /t/<slug>/. */
export async function isSlugTaken(tx: Tx, slug: string): Promise<boolean> {
  const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  return row !== undefined;
}
