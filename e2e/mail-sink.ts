// The e2e suite's mail server: the app under test delivers its outbox over SMTP (SMTP_URL) to this sink, which
// parses each message and writes it as one JSON file into a folder. The sink runs in Playwright's runner
// (global-setup.ts) and the specs in worker processes, so a folder is what they share: nothing to keep
// alive between them, and after a failed run the messages are still there to read.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message as the sink received it. */
export interface ReceivedEmail {
  /** Recipients of the SMTP envelope and of the To header, lower case. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** The Date header (ISO): when the app wrote the email, to the second. */
  date: string | null;
  /** When the sink received it (ISO, milliseconds). */
  receivedAt: string;
  messageId: string | null;
  headers: Record<string, string>;
}

/** Where global-setup.ts tells the specs (in other processes) that the sink writes. */
const MAIL_DIR_ENV = "E2E_MAIL_DIR";

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field ? (Array.isArray(field) ? field : [field]) : [];
  return objects.flatMap((object) => object.value.map((address) => address.address ?? "")).filter(Boolean);
}

function headerText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "text" in value) return String(value.text);
  if (value && typeof value === "object" && "value" in value && typeof value.value === "string") return value.value;
  return JSON.stringify(value);
}

export interface MailSink {
  port: number;
  dir: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port` (plain SMTP: no TLS, no authentication) and writes every message it accepts
 * into `dir`, emptied first. Each file is written under a temporary name and renamed, so a reader never
 * sees half a message.
 */
export async function startMailSink({ port, dir }: { port: number; dir: string }): Promise<MailSink> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
          const email: ReceivedEmail = {
            to: [...new Set([...envelopeTo, ...addressesOf(parsed.to)].map((address) => address.toLowerCase()))],
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
            date: parsed.date?.toISOString() ?? null,
            receivedAt: new Date().toISOString(),
            messageId: parsed.messageId ?? null,
            headers: Object.fromEntries([...parsed.headers].map(([name, value]) => [name, headerText(value)])),
          };
          const name = `${Date.now()}-${String(++count).padStart(5, "0")}.json`;
          const file = path.join(dir, name);
          await writeFile(`${file}.tmp`, JSON.stringify(email, null, 2));
          await rename(`${file}.tmp`, file);
        })
        .then(
          () => callback(),
          (error: Error) => callback(error),
        );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A broken connection from a client is the client's problem; the sink keeps listening.
  server.on("error", (error) => console.warn(`mail sink: ${error.message}`));
  return {
    port,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Tells specs (worker processes inherit the runner's environment) where the sink writes. */
export function announceMailDir(dir: string): void {
  process.env[MAIL_DIR_ENV] = dir;
}

function mailDir(): string {
  const dir = process.env[MAIL_DIR_ENV];
  if (!dir) throw new Error(`No mail sink: run the specs with "-c e2e", whose global setup starts it.`);
  return dir;
}

async function readReceived(dir: string): Promise<ReceivedEmail[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(path.join(dir, name), "utf8")) as ReceivedEmail),
  );
}

/**
 * The first email the sink received for `to` (and, if given, with a subject matching `subject`, received at
 * or after `since`), waiting up to `timeoutMs` for it to arrive. The app delivers at least once, so the same
 * message may come twice; this returns the first copy.
 */
export async function waitForEmail({
  to,
  subject,
  since,
  timeoutMs = 15_000,
}: {
  to: string;
  subject?: RegExp;
  since?: Date;
  timeoutMs?: number;
}): Promise<ReceivedEmail> {
  const dir = mailDir();
  const recipient = to.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readReceived(dir)).find(
      (email) =>
        email.to.includes(recipient) &&
        (!subject || subject.test(email.subject)) &&
        (!since || new Date(email.receivedAt) >= since),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = (await readReceived(dir)).map((email) => `${email.to.join(", ")}: ${email.subject}`);
      throw new Error(
        `No email to ${to}${subject ? ` with a subject matching ${subject}` : ""} within ${timeoutMs} ms. ` +
          `The sink has received: ${seen.length ? seen.join("; ") : "nothing"}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
