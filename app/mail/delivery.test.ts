// Delivery of the outbox with real nodemailer transports (stream and JSON) on a real database: each email
// goes out once and is marked, two deliveries at once never send one twice, and a failure sends nothing.
import { eq, isNull } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { emailOutbox } from "~db/schema";
import { createOrganisation } from "~db/test-fixtures";
import { getConfig } from "~/config.server";
import { tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import {
  MAX_DELIVERY_ATTEMPTS,
  classifySendError,
  createMailTransport,
  deliverPendingEmail,
  retryDelayMs,
} from "./delivery.server";
import { listOutbox } from "./outbox-read.server";

const database = setupTestDatabase();
let acme: { id: string; slug: string };
let globex: { id: string; slug: string };

beforeAll(async () => {
  acme = await createOrganisation(database.current.db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(database.current.db, { slug: "globex", name: "Globex" });
});

beforeEach(async () => {
  await database.current.db.delete(emailOutbox);
});

/** An outbox row as any action writes one (how it was written does not matter to delivery). */
async function queue(tenantId: string, toAddress: string, subject = `Hello ${toAddress}`) {
  await database.current.db
    .insert(emailOutbox)
    .values({ tenantId, toAddress, template: "test.hello", subject, bodyText: `Dear ${toAddress},\nhello.` });
}

async function queueMany(tenantId: string, count: number, prefix: string) {
  for (let i = 0; i < count; i++) await queue(tenantId, `${prefix}${i}@example.org`);
}

/** A stream transport that records every message it builds, after `delayMs`, or refuses some recipients. */
function recordingTransport(
  options: { delayMs?: number; refuse?: (to: string) => boolean; responseCode?: (to: string) => number } = {},
) {
  const transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const sent: { to: string; raw: string }[] = [];
  const attempts: string[] = [];
  transport.use("stream", (mail, done) => {
    const to = String(mail.data.to);
    attempts.push(to);
    setTimeout(() => {
      if (options.refuse?.(to)) {
        const code = options.responseCode?.(to) ?? 451;
        const error = Object.assign(new Error(`${code} Mailbox unavailable: ${to}`), {
          code: "EENVELOPE",
          responseCode: code,
        });
        return done(error);
      }
      mail.message.build().then(
        (raw) => {
          sent.push({ to, raw: raw.toString() });
          done();
        },
        (error: Error) => done(error),
      );
    }, options.delayMs ?? 0);
  });
  return { transport, sent, attempts };
}

/** The configuration a server would read from `env` (getConfig caches only the process's own). */
function configOf(env: Record<string, string>) {
  return getConfig({ NODE_ENV: "test", ...env });
}

function unsent() {
  return database.current.db.select().from(emailOutbox).where(isNull(emailOutbox.sentAt));
}

describe("delivering the outbox", () => {
  it("sends every pending email once, as a whole message, and marks it sent", async () => {
    await queueMany(acme.id, 3, "a");
    await queueMany(globex.id, 2, "g");
    const { transport, sent } = recordingTransport();

    const result = await deliverPendingEmail({ transport, batchSize: 2 });

    expect(result).toEqual({ tenants: 2, sent: 5, failed: 0, gaveUp: 0 });
    expect(sent.map((message) => message.to).sort()).toEqual([
      "a0@example.org",
      "a1@example.org",
      "a2@example.org",
      "g0@example.org",
      "g1@example.org",
    ]);
    expect(await unsent()).toEqual([]);
    const [row] = await database.current.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, "a0@example.org"));
    const raw = sent.find((message) => message.to === "a0@example.org")!.raw;
    expect(raw).toContain("From: Glasshouse <no-reply@glasshouse.invalid>");
    expect(raw).toContain(`Message-ID: <${row!.id}@glasshouse.invalid>`);
    expect(raw).toContain("Subject: Hello a0@example.org");
    expect(raw).toContain("X-Glasshouse-Template: test.hello");
    expect(raw).toContain("Auto-Submitted: auto-generated");
    expect(raw).toContain("Dear a0@example.org,");

    const again = await deliverPendingEmail({ transport });
    expect(again).toEqual({ tenants: 2, sent: 0, failed: 0, gaveUp: 0 });
    expect(sent).toHaveLength(5);
  });

  it("without SMTP_URL builds each email with the JSON transport, keeps it in the outbox and logs one line", async () => {
    await queue(acme.id, "alice@example.org", "Your password was reset");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});

    const result = await deliverPendingEmail({ transport: createMailTransport(configOf({})) });

    expect(result.sent).toBe(1);
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toEqual({
      event: "mail.stored",
      tenant: "acme",
      to: "alice@example.org",
      subject: "Your password was reset",
    });
    expect(await unsent()).toEqual([]);
  });

  it("sends each email exactly once when two deliveries run at the same time", async () => {
    await queueMany(acme.id, 12, "a");
    await queueMany(globex.id, 4, "g");
    const { transport, sent } = recordingTransport({ delayMs: 15 });

    const results = await Promise.all([
      deliverPendingEmail({ transport, batchSize: 2 }),
      deliverPendingEmail({ transport, batchSize: 2 }),
    ]);

    const recipients = sent.map((message) => message.to);
    expect(recipients).toHaveLength(16);
    expect(new Set(recipients).size).toBe(16);
    expect(results[0]!.sent + results[1]!.sent).toBe(16);
    if (database.current.driver === "postgres") {
      // On PostgreSQL the two really overlap: each took rows the other had not locked.
      expect(results[0]!.sent).toBeGreaterThan(0);
      expect(results[1]!.sent).toBeGreaterThan(0);
    }
    expect(await unsent()).toEqual([]);
  });

  it("leaves the emails unsent when the transport fails, and sends them when their retry is due", async () => {
    await queueMany(acme.id, 3, "a");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = recordingTransport({ refuse: () => true });

    const result = await deliverPendingEmail({ transport: failing.transport, batchSize: 2 });

    expect(result).toEqual({ tenants: 2, sent: 0, failed: 3, gaveUp: 0 });
    expect(await unsent()).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({
      event: "mail.failed",
      tenant: "acme",
      attempt: 1,
      error: expect.stringContaining("451 Mailbox unavailable"),
    });

    // Not before the minute's wait is over; then all three go.
    const working = recordingTransport();
    expect(await deliverPendingEmail({ transport: working.transport })).toMatchObject({ sent: 0, failed: 0 });
    const later = new Date(Date.now() + retryDelayMs(1) + 1_000);
    expect(await deliverPendingEmail({ transport: working.transport, now: later })).toMatchObject({ sent: 3 });
    expect(await unsent()).toEqual([]);
    const rows = await database.current.db.select().from(emailOutbox);
    for (const row of rows) expect(row).toMatchObject({ attempts: 2, deliveredVia: "smtp", failedAt: null });
  });

  it("waits twice as long after each refusal and gives up after the last try, keeping the message as failed", async () => {
    await queue(acme.id, "full@example.org");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { transport, attempts } = recordingTransport({ refuse: () => true });
    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const result = await deliverPendingEmail({ transport, now });
      expect(result).toMatchObject({ failed: 1, gaveUp: attempt === MAX_DELIVERY_ATTEMPTS ? 1 : 0 });
      const [row] = await database.current.db.select().from(emailOutbox);
      expect(row!.attempts).toBe(attempt);
      if (row!.nextAttemptAt) {
        waits.push(row!.nextAttemptAt.getTime() - now.getTime());
        now = row!.nextAttemptAt;
      }
    }
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    const [row] = await database.current.db.select().from(emailOutbox);
    expect(row).toMatchObject({ sentAt: null, nextAttemptAt: null, attempts: MAX_DELIVERY_ATTEMPTS });
    expect(row!.failedAt).toBeInstanceOf(Date);
    expect(row!.lastError).toMatch(/451 Mailbox unavailable: full@example.org/);
    // A dead letter is never tried again, however late it gets.
    await deliverPendingEmail({ transport, now: new Date(now.getTime() + 86_400_000) });
    expect(attempts).toHaveLength(MAX_DELIVERY_ATTEMPTS);

    const { emails } = await tenantScope(acme.id, (tx) => listOutbox(tx, acme.id, {}, { limit: 10, mode: "smtp" }));
    expect(emails[0]).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS, lastError: row!.lastError });
  });

  it("gives up at once when the mail server's refusal is permanent (5xx), and says so in the outbox", async () => {
    await queue(acme.id, "nobody@example.org");
    await queue(acme.id, "busy@example.org");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const refusing = recordingTransport({
      refuse: () => true,
      responseCode: (to) => (to === "nobody@example.org" ? 550 : 421),
    });
    const result = await deliverPendingEmail({ transport: refusing.transport });
    expect(result).toMatchObject({ failed: 2, gaveUp: 1 });
    // One line each (the two were queued in the same instant, so in either order).
    const events = warn.mock.calls.map((call) => JSON.parse(String(call[0])) as { event: string; to: string });
    expect(Object.fromEntries(events.map((line) => [line.to, line.event]))).toEqual({
      "nobody@example.org": "mail.gave_up",
      "busy@example.org": "mail.failed",
    });

    const { emails } = await tenantScope(acme.id, (tx) => listOutbox(tx, acme.id, {}, { limit: 10, mode: "smtp" }));
    const byAddress = Object.fromEntries(emails.map((email) => [email.toAddress, email]));
    expect(byAddress["nobody@example.org"]).toMatchObject({ status: "failed", attempts: 1 });
    expect(byAddress["nobody@example.org"]!.lastError).toMatch(/^550 /);
    expect(byAddress["busy@example.org"]).toMatchObject({ status: "retrying", attempts: 1 });
    expect(byAddress["busy@example.org"]!.nextAttemptAt).not.toBeNull();
  });

  it("does not let one refused email hold back the others, nor try it twice in one round", async () => {
    await queue(acme.id, "bounce@example.org");
    await queueMany(acme.id, 3, "a");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { transport, sent, attempts } = recordingTransport({ refuse: (to) => to === "bounce@example.org" });

    const result = await deliverPendingEmail({ transport, batchSize: 1 });

    expect(result).toMatchObject({ sent: 3, failed: 1, gaveUp: 0 });
    expect(sent).toHaveLength(3);
    expect(attempts.filter((to) => to === "bounce@example.org")).toHaveLength(1);
    expect((await unsent()).map((row) => row.toAddress)).toEqual(["bounce@example.org"]);
  });
});

describe("when the mail server itself fails", () => {
  it("uses up no message's tries when our server cannot be reached or refuses our login, and stops the round", async () => {
    await queueMany(acme.id, 3, "a");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const transport: Transporter = nodemailer.createTransport({ streamTransport: true });
    let tried = 0;
    transport.use("stream", (_mail, done) => {
      tried++;
      done(Object.assign(new Error("Invalid login: 535 Authentication failed"), { code: "EAUTH", responseCode: 535 }));
    });
    const result = await deliverPendingEmail({ transport });
    expect(result).toMatchObject({ sent: 0, gaveUp: 0 });
    // One try per tenant with email waiting, then the round moves on.
    expect(tried).toBe(1);
    const rows = await unsent();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ attempts: 0, failedAt: null, nextAttemptAt: null });
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({ event: "mail.unavailable", tenant: "acme" });
  });

  it("tells a refusal of the message from a failure of the server", () => {
    const refusal = (fields: Record<string, unknown>) => Object.assign(new Error("refused"), fields);
    expect(classifySendError(refusal({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550 }))).toBe("permanent");
    expect(classifySendError(refusal({ code: "EMESSAGE", command: "DATA", responseCode: 552 }))).toBe("permanent");
    expect(classifySendError(refusal({ code: "EENVELOPE", command: "RCPT TO", responseCode: 452 }))).toBe("temporary");
    expect(classifySendError(refusal({ code: "EAUTH", command: "AUTH PLAIN", responseCode: 535 }))).toBe("server");
    expect(classifySendError(refusal({ code: "ECONNECTION" }))).toBe("server");
    expect(classifySendError(refusal({ code: "ETIMEDOUT" }))).toBe("server");
    expect(classifySendError(refusal({ command: "MAIL FROM", responseCode: 553 }))).toBe("server");
    expect(classifySendError(new Error("something odd"))).toBe("temporary");
  });
});

describe("mail configuration", () => {
  it("accepts smtp:// and smtps:// URLs for SMTP_URL and refuses anything else", () => {
    expect(configOf({ SMTP_URL: "smtp://mail.example.org:2525" }).SMTP_URL).toBe("smtp://mail.example.org:2525");
    expect(configOf({ SMTP_URL: "smtps://user:secret@mail.example.org" }).SMTP_URL).toBe(
      "smtps://user:secret@mail.example.org",
    );
    expect(configOf({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(() => configOf({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => configOf({ SMTP_URL: "mail.example.org:25" })).toThrow(/SMTP_URL/);
    expect(() => configOf({ SMTP_URL: "smtp://" })).toThrow(/SMTP_URL/);
  });

  it("defaults the sender and the delivery interval, and lets 0 turn delivery off", () => {
    const defaults = configOf({});
    expect(defaults.MAIL_FROM).toBe("Glasshouse <no-reply@glasshouse.invalid>");
    expect(defaults.MAIL_DELIVERY_SECONDS).toBe(10);
    expect(configOf({ MAIL_DELIVERY_SECONDS: "0" }).MAIL_DELIVERY_SECONDS).toBe(0);
    expect(() => configOf({ MAIL_DELIVERY_SECONDS: "-1" })).toThrow(/MAIL_DELIVERY_SECONDS/);
    expect(() => configOf({ MAIL_FROM: "Glasshouse" })).toThrow(/MAIL_FROM/);
  });

  it("uses the SMTP server at SMTP_URL when it is set, and the JSON transport otherwise", () => {
    const smtp = createMailTransport(configOf({ SMTP_URL: "smtp://mail.example.org:2525" }));
    expect(smtp.transporter.name).toBe("SMTP");
    expect(smtp.options).toMatchObject({ host: "mail.example.org", port: 2525, connectionTimeout: 15_000 });
    expect(createMailTransport(configOf({})).transporter.name).toBe("JSONTransport");
  });
});
