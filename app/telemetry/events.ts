// What an installed app may send to the events API, checked one event at a time: a batch is never refused
// for one bad event, and each bad event is answered with its index and every field that is wrong. Text is
// trimmed and bounded, and control characters (a newline in a device identifier, a NUL byte) are refused
// rather than stored, because every one of these values is shown on an admin's page and in CSV exports.
// Times need an explicit offset: "2026-11-27T10:00:00" would mean a different instant on every server.
import { z } from "zod";

export const EVENT_KINDS = ["install", "uninstall", "heartbeat"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Events one request may carry, and the bytes its body may have. */
export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_BODY_BYTES = 1024 * 1024;
/** How far ahead of the server's clock an event may say it happened (clients' clocks drift). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

// C0 and C1 controls and DEL (tabs and newlines included), the line and paragraph separators, the bidi
// overrides and isolates (which make text on an admin's page read other than it is), and a half of a UTF-16
// pair with no other half (JSON.parse lets it through; PostgreSQL's JSON refuses the whole batch for it):
// none belongs in a name, a version or an identifier.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

// Each text field is one zod string with one check that trims it and names the first thing wrong with it.
// (A chain of .trim().min().max().refine() says the same at twice the cost, and this runs for every event
// of every batch: checking is a quarter of the server's CPU time per batch.)
function text(max: number) {
  return z
    .string({ error: "must be a string" })
    .overwrite((value) => value.trim())
    .check((payload) => {
      const value = payload.value;
      const message = !value
        ? "must not be empty"
        : value.length > max
          ? `must be at most ${max} characters`
          : CONTROL.test(value)
            ? "must not contain control characters"
            : undefined;
      if (message) payload.issues.push({ code: "custom", message, input: value });
    });
}

const eventSchema = z.object(
  {
    id: z.uuid({ error: "must be a UUID" }),
    installationNumber: text(128),
    kind: z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(", ")}` }),
    occurredAt: z.iso.datetime({
      offset: true,
      error: "must be an ISO 8601 time with a time zone, e.g. 2026-11-27T10:00:00Z",
    }),
    app: text(100),
    appVersion: text(64),
    os: text(64),
    osVersion: text(64).nullish(),
    deviceModel: text(128).nullish(),
    deviceIdentifier: text(128).nullish(),
    account: text(320).nullish(),
  },
  { error: "must be an object" },
);

/** A checked event: text trimmed, the id in lower case, absent optional fields null. */
export interface InstallEvent {
  id: string;
  installationNumber: string;
  kind: EventKind;
  occurredAt: Date;
  app: string;
  appVersion: string;
  os: string;
  osVersion: string | null;
  deviceModel: string | null;
  deviceIdentifier: string | null;
  account: string | null;
}

function installEventOf(parsed: z.output<typeof eventSchema>): InstallEvent {
  return {
    id: parsed.id.toLowerCase(),
    installationNumber: parsed.installationNumber,
    kind: parsed.kind,
    occurredAt: new Date(parsed.occurredAt),
    app: parsed.app,
    appVersion: parsed.appVersion,
    os: parsed.os,
    osVersion: parsed.osVersion ?? null,
    deviceModel: parsed.deviceModel ?? null,
    deviceIdentifier: parsed.deviceIdentifier ?? null,
    account: parsed.account ?? null,
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface RejectedEvent {
  index: number;
  /** The event's id when it had a readable one, so a client can match the answer to what it sent. */
  id?: string;
  errors: FieldProblem[];
}

export interface CheckedBatch {
  valid: { index: number; event: InstallEvent }[];
  rejected: RejectedEvent[];
}

export interface CheckOptions {
  now: Date;
  /** Events before this are past what the organisation keeps: they would be deleted at the next sweep. */
  keepsFrom: Date;
  retentionMonths: number;
}

/**
 * Checks each event of a batch. `items[i]` is either a parsed value or, for an NDJSON line that was not
 * JSON, a `LineError`. The same id twice with the same time is a retry inside the batch (kept once, counted
 * as a duplicate by the database); the same id with another time is refused, as it would otherwise count twice.
 */
export function checkEvents(items: unknown[], options: CheckOptions): CheckedBatch {
  const valid: CheckedBatch["valid"] = [];
  const rejected: RejectedEvent[] = [];
  const seen = new Map<string, { index: number; at: number }>();
  const latest = options.now.getTime() + MAX_FUTURE_MS;
  items.forEach((item, index) => {
    if (item instanceof LineError) {
      rejected.push({ index, errors: [{ field: "event", message: item.message }] });
      return;
    }
    const parsed = eventSchema.safeParse(item);
    const id = readableId(item);
    if (!parsed.success) {
      rejected.push({ index, ...(id ? { id } : {}), errors: problemsOf(parsed.error) });
      return;
    }
    const event = installEventOf(parsed.data);
    const at = event.occurredAt.getTime();
    const errors: FieldProblem[] = [];
    if (at > latest) errors.push({ field: "occurredAt", message: "is more than 24 hours in the future" });
    else if (at < options.keepsFrom.getTime()) {
      errors.push({
        field: "occurredAt",
        message: `is older than the ${options.retentionMonths} months this organisation keeps events`,
      });
    }
    const earlier = seen.get(event.id);
    if (earlier && earlier.at !== at) {
      errors.push({ field: "id", message: `repeats the id of event ${earlier.index} with a different time` });
    }
    if (errors.length) {
      rejected.push({ index, id: event.id, errors });
      return;
    }
    if (!earlier) seen.set(event.id, { index, at });
    valid.push({ index, event });
  });
  return { valid, rejected };
}

/** A line of an NDJSON body that is not JSON: rejected as that event, the other lines still count. */
export class LineError {
  constructor(readonly message: string) {}
}

function readableId(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === "string" && id.length <= 64 && !CONTROL.test(id) ? id : undefined;
}

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join(".") : "event",
    message: issue.message,
  }));
}
