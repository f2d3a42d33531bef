// Delivery of the outbox. Each round takes a tenant's unsent rows in small batches, locked FOR UPDATE SKIP
// LOCKED so that several app servers never take the same row, sends each through nodemailer and sets sent_at
// in the same transaction. That is at-least-once delivery: a message the mail server accepted whose commit
// then fails (a crash, a lost connection) is sent again next round, with the same Message-ID so that mail
// clients can fold the copies. A message the server refuses is tried again later, each wait twice the last
// (1 minute, 2, 4 … at most an hour); after MAX_DELIVERY_ATTEMPTS tries, or at once when the refusal is
// permanent (an SMTP 5xx to the recipient or the message: no such mailbox, say), it is given up on: failed_at
// is set, the outbox page shows it as failed with the server's answer, and it is never sent. A dead letter
// stays visible; it is not lost. When our own mail server is down or refuses our login, no message is to
// blame: the round stops and no message uses up a try (classifySendError).
import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { emailOutbox, organisations } from "~db/schema";
import { getConfig, type Config } from "~/config.server";
import { directoryScope, tenantScope } from "~/db.server";

export interface DeliveryOptions {
  /** Defaults to the configured transport (`createMailTransport`). */
  transport?: Transporter;
  /** Rows taken, and locked, per transaction. Small: the locks are held while the messages go out. */
  batchSize?: number;
  /** The round's clock (tests move it on to when a retry is due). */
  now?: Date;
}

/** Tries before a message is given up on: about two hours of retrying in all. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait after the `attempts`th failed try: 1 minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

type SendError = { code?: unknown; command?: unknown; responseCode?: unknown };

/**
 * What a refusal says about the message. "server": our mail server could not be reached or would not take
 * us (a connection, TLS or login error, or its refusal of our sender): the message is not at fault, its
 * tries are not used up, and the tenant's round ends. "permanent": the server refused this recipient or
 * this message for good (5xx to RCPT TO or DATA: no such mailbox): given up on at once. "temporary":
 * anything else about this message (a 4xx, say): tried again later.
 */
export function classifySendError(error: unknown): "server" | "permanent" | "temporary" {
  const { code, command, responseCode } = (error ?? {}) as SendError;
  const aboutMessage =
    code === "EENVELOPE" ||
    code === "EMESSAGE" ||
    command === "RCPT TO" ||
    command === "DATA" ||
    command === "DATA END";
  if (!aboutMessage) {
    if (typeof code === "string" && /^E(CONNECTION|TIMEDOUT|SOCKET|DNS|TLS|AUTH|PROTOCOL)$/.test(code)) return "server";
    if (command === "MAIL FROM" || command === "CONN" || command === "EHLO" || command === "HELO") return "server";
  }
  return aboutMessage && typeof responseCode === "number" && responseCode >= 500 && responseCode < 600
    ? "permanent"
    : "temporary";
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export interface DeliveryResult {
  /** Organisations looked at. */
  tenants: number;
  /** Messages handed to the transport and marked sent (with the JSON transport: stored and logged). */
  sent: number;
  /** Messages the transport refused this round: tried again later, or given up on. */
  failed: number;
  /** Of those, the ones given up on (failed_at set). */
  gaveUp: number;
}

type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * SMTP_URL set: that server, with timeouts shorter than nodemailer's (2 minutes to connect) because a
 * batch's transaction stays open while it sends; the URL's own query parameters win. Without SMTP_URL:
 * nodemailer's JSON transport, so the message is still built, headers and all, but goes nowhere: the outbox
 * row is the message, and a log line says it was stored.
 */
export function createMailTransport(config: Config = getConfig()): Transporter {
  if (config.SMTP_URL) {
    return nodemailer.createTransport({
      url: config.SMTP_URL,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }
  return nodemailer.createTransport({ jsonTransport: true });
}

let configuredTransport: Transporter | undefined;

function isStoredOnly(transport: Transporter): boolean {
  return transport.transporter.name === "JSONTransport";
}

function domainOf(address: string): string {
  return /@([^@\s>]+)>?\s*$/.exec(address)?.[1] ?? "glasshouse.invalid";
}

function messageOf(row: OutboxRow, from: string): SendMailOptions {
  return {
    from,
    to: row.toAddress,
    subject: row.subject,
    text: row.bodyText,
    html: row.bodyHtml ?? undefined,
    // Fixed per row, so a message sent twice (at-least-once) is the same message twice.
    messageId: `<${row.id}@${domainOf(from)}>`,
    date: row.createdAt,
    headers: { "Auto-Submitted": "auto-generated", "X-Glasshouse-Template": row.template },
  };
}

function logLine(event: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ event, ...fields });
}

async function deliverTenant(
  tenant: { id: string; slug: string },
  transport: Transporter,
  from: string,
  batchSize: number,
  now: Date,
): Promise<{ sent: number; failed: number; gaveUp: number }> {
  const storedOnly = isStoredOnly(transport);
  const via = storedOnly ? "outbox" : "smtp";
  let sent = 0;
  let failed = 0;
  let gaveUp = 0;
  let unavailable = false;
  for (;;) {
    const batch = await tenantScope(tenant.id, async (tx) => {
      const rows = await tx
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.tenantId, tenant.id),
            isNull(emailOutbox.sentAt),
            isNull(emailOutbox.failedAt),
            // A row that failed this round is due again only later, so no batch takes it twice.
            or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      const delivered: OutboxRow[] = [];
      for (const row of rows) {
        const where = and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.id, row.id));
        const attempts = row.attempts + 1;
        try {
          await transport.sendMail(messageOf(row, from));
        } catch (error) {
          failed++;
          const kind = classifySendError(error);
          if (kind === "server") {
            // Nothing is wrong with this message: leave it (and the rest) as they are for the next round.
            console.warn(logLine("mail.unavailable", { tenant: tenant.slug, error: errorText(error) }));
            unavailable = true;
            break;
          }
          const giveUp = kind === "permanent" || attempts >= MAX_DELIVERY_ATTEMPTS;
          if (giveUp) gaveUp++;
          const lastError = errorText(error);
          await tx
            .update(emailOutbox)
            .set({
              attempts,
              lastError,
              nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
              failedAt: giveUp ? now : null,
            })
            .where(where);
          console.warn(
            logLine(giveUp ? "mail.gave_up" : "mail.failed", {
              tenant: tenant.slug,
              id: row.id,
              to: row.toAddress,
              attempt: attempts,
              error: lastError,
            }),
          );
          continue;
        }
        await tx
          .update(emailOutbox)
          .set({ sentAt: new Date(), deliveredVia: via, attempts, nextAttemptAt: null })
          .where(where);
        delivered.push(row);
      }
      return { taken: rows.length, delivered };
    });
    // Logged once committed: a line means the row is marked.
    if (storedOnly) {
      for (const row of batch.delivered) {
        console.log(logLine("mail.stored", { tenant: tenant.slug, to: row.toAddress, subject: row.subject }));
      }
    }
    sent += batch.delivered.length;
    if (unavailable || batch.taken < batchSize) break;
  }
  return { sent, failed, gaveUp };
}

/** One delivery round over every organisation's outbox. A tenant whose round fails is logged and skipped. */
export async function deliverPendingEmail(options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const config = getConfig();
  const transport = options.transport ?? (configuredTransport ??= createMailTransport(config));
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer`);
  // Per tenant, as row-level security sees them: the outbox is not readable without one.
  const tenants = await directoryScope((tx) =>
    tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations),
  );
  const result: DeliveryResult = { tenants: tenants.length, sent: 0, failed: 0, gaveUp: 0 };
  const now = options.now ?? new Date();
  for (const tenant of tenants) {
    try {
      const counts = await deliverTenant(tenant, transport, config.MAIL_FROM, batchSize, now);
      result.sent += counts.sent;
      result.failed += counts.failed;
      result.gaveUp += counts.gaveUp;
    } catch (error) {
      console.error(`Email of ${tenant.slug} could not be delivered:`, error);
    }
  }
  return result;
}
