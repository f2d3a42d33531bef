// Reading what the product emailed: one tenant's outbox for its admins, and every tenant's newest email for
// the development-only page. Reset links are bearer credentials: the admin listing replaces them before they
// leave the server, so reading the outbox never lets an admin open someone else's reset link.
import { and, desc, eq, ilike, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { escapeLike, type Tx } from "~db/client";
import { emailOutbox, organisations } from "~db/schema";
import { getConfig, type Config } from "~/config.server";
import { directoryScope, tenantScope } from "~/db.server";
import { notFound } from "~/tenancy/access.server";

/**
 * Queued: not tried yet. Retrying: refused at least once, tried again later. Failed: given up on (a dead
 * letter). Sent: accepted by the SMTP server. Stored: kept here only (no SMTP server configured).
 */
export type OutboxStatus = "queued" | "retrying" | "failed" | "sent" | "stored";

/** How this server delivers email: through the SMTP server at SMTP_URL, or into the outbox only. */
export function mailDeliveryMode(config: Config = getConfig()): "smtp" | "outbox" {
  return config.SMTP_URL ? "smtp" : "outbox";
}

/** A row delivered before delivered_via was recorded reads as the server's current mode. */
function statusOf(row: Pick<RawRow, "sentAt" | "deliveredVia" | "failedAt" | "attempts">, mode: "smtp" | "outbox") {
  if (row.sentAt) return (row.deliveredVia ?? mode) === "smtp" ? "sent" : "stored";
  if (row.failedAt) return "failed";
  return row.attempts > 0 ? "retrying" : "queued";
}

/** The query string of the outbox page; bad values are dropped, not thrown. */
export const outboxQuerySchema = z.object({
  to: z.string().trim().max(200).optional().catch(undefined),
  before: z.uuid().optional().catch(undefined),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

const RESET_LINK = /\bhttps?:\/\/\S*\/reset-password\/\S+/g;
export const HIDDEN_RESET_LINK = "[reset link hidden: only the recipient may open it]";

export function hideResetLinks(text: string): string {
  return text.replace(RESET_LINK, HIDDEN_RESET_LINK);
}

const columns = {
  id: emailOutbox.id,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  toAddress: emailOutbox.toAddress,
  template: emailOutbox.template,
  subject: emailOutbox.subject,
  bodyText: emailOutbox.bodyText,
  deliveredVia: emailOutbox.deliveredVia,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  failedAt: emailOutbox.failedAt,
};

export interface OutboxEmail {
  id: string;
  createdAt: string;
  sentAt: string | null;
  status: OutboxStatus;
  toAddress: string;
  template: string;
  subject: string;
  bodyText: string;
  /** Tries so far, and what the mail server answered to the last refused one. */
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  failedAt: string | null;
}

interface RawRow {
  id: string;
  createdAt: Date;
  sentAt: Date | null;
  toAddress: string;
  template: string;
  subject: string;
  bodyText: string;
  deliveredVia: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  failedAt: Date | null;
}

function toEmail(row: RawRow, mode: "smtp" | "outbox"): OutboxEmail {
  const { deliveredVia: _via, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    failedAt: row.failedAt?.toISOString() ?? null,
    status: statusOf(row, mode),
  };
}

/**
 * One page of a tenant's outbox, newest first, with reset links hidden. Keyset paging on (created_at, id):
 * the cursor is the id of the last row shown, compared in the database at full timestamp precision.
 */
export async function listOutbox(
  tx: Tx,
  tenantId: string,
  query: OutboxQuery,
  options: { limit: number; mode?: "smtp" | "outbox" },
): Promise<{ emails: OutboxEmail[]; nextBefore: string | null }> {
  const where: SQL[] = [eq(emailOutbox.tenantId, tenantId)];
  if (query.to) where.push(ilike(emailOutbox.toAddress, `%${escapeLike(query.to)}%`));
  if (query.before) {
    where.push(
      sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (select cursor.created_at, cursor.id from email_outbox cursor
            where cursor.tenant_id = ${tenantId} and cursor.id = ${query.before})`,
    );
  }
  const rows = await tx
    .select(columns)
    .from(emailOutbox)
    .where(and(...where))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(options.limit + 1);
  const mode = options.mode ?? mailDeliveryMode();
  const page = rows.slice(0, options.limit);
  return {
    emails: page.map((row) => ({ ...toEmail(row, mode), bodyText: hideResetLinks(row.bodyText) })),
    nextBefore: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** `listOutbox` in the tenant's own scope, for the admin page. */
export function readTenantOutbox(tenantId: string, query: OutboxQuery, limit: number) {
  return tenantScope(tenantId, (tx) => listOutbox(tx, tenantId, query, { limit }));
}

/**
 * Answers 404 in production. The development outbox shows every tenant's email, reset links included, to
 * anyone: it exists so the demo's reset links can be opened without an admin. A function of the config
 * (rather than a check inside the loader) so a test can ask it about production.
 */
export function requireDevelopment(config: Config = getConfig()): void {
  if (config.NODE_ENV === "production") throw notFound();
}

export interface TenantEmail extends OutboxEmail {
  tenantSlug: string;
  tenantName: string;
}

/** The newest `limit` emails of every tenant, read through each tenant's own scope. Development only. */
export async function listNewestEmailEverywhere(limit = 100): Promise<TenantEmail[]> {
  const tenants = await directoryScope((tx) =>
    tx.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations),
  );
  const mode = mailDeliveryMode();
  const emails: TenantEmail[] = [];
  for (const tenant of tenants) {
    const rows = await tenantScope(tenant.id, (tx) =>
      tx
        .select(columns)
        .from(emailOutbox)
        .where(eq(emailOutbox.tenantId, tenant.id))
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(limit),
    );
    for (const row of rows) emails.push({ ...toEmail(row, mode), tenantSlug: tenant.slug, tenantName: tenant.name });
  }
  emails.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  return emails.slice(0, limit);
}
