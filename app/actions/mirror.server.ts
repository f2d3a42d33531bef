// Each side accounts for what crosses between organisations. An action a reseller's staff member takes in
// a client through a delegation (or an operator's staff member through an access request, or a reseller's
// admin asking a client for a delegation) is recorded in the client's trail, where the client and the
// person it touched see it; and the actor's own organisation's trail gets a copy that says which
// organisation, which entry there and through which delegation — and nothing personal of the client's,
// so a purge in the client never has to reach into another organisation's trail.
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "~db/client";
import { asTenant } from "~db/tenant-scope";
import { appendAuditEntries } from "~/audit/trail.server";
import type { AuditEntryInput } from "~/audit/types";
import type { Actor } from "./actor.server";

export interface RecordedEntry {
  entry: AuditEntryInput;
  /** Its place in its organisation's chain. */
  seq: number;
}

/**
 * Appends, in the actor's home organisation's trail and inside the caller's transaction, a copy of each
 * entry that went to another organisation's trail. The client's chain is always locked before the home
 * organisation's, so two such transactions never wait on each other in opposite orders.
 */
export async function appendMirrors(tx: Tx, actor: Actor, recorded: readonly RecordedEntry[]): Promise<void> {
  const home = actor.audit?.tenantId;
  if (!home) return;
  const away = recorded.filter(({ entry }) => entry.tenantId.toLowerCase() !== home.toLowerCase());
  if (away.length === 0) return;
  const names = await organisationNames(tx, actor, [...new Set(away.map(({ entry }) => entry.tenantId))]);
  const access = actor.facts.access;
  const mirrors = away.map(({ entry, seq }): AuditEntryInput => ({
    tenantId: home,
    actor: actor.audit,
    action: entry.action,
    outcome: entry.outcome,
    subjectAccountId: null,
    target: {
      type: "organisation",
      id: entry.tenantId,
      name: names.get(entry.tenantId) ?? null,
      seq,
      ...(access.kind === "delegation" ? { delegation: access.number } : {}),
      ...(access.kind === "operator" ? { ticket: access.ticketReference } : {}),
    },
    policyIds: entry.policyIds ?? [],
    requestId: entry.requestId ?? null,
    ipAddress: entry.ipAddress ?? null,
    userAgent: entry.userAgent ?? null,
    visibility: "admins",
  }));
  await asTenant(tx, home, (scoped) => appendAuditEntries(scoped, mirrors));
}

async function organisationNames(tx: Tx, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (actor.actingTenantName) names.set(actor.facts.actingTenantId, actor.actingTenantName);
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length) {
    const rows = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id::text as id, name from organisations where id::text in ${missing}`,
    );
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
