// POST /api/v1/events: installed apps report install, uninstall and heartbeat events with an app key.
//
// Each refusal has its own status and a JSON body that says what to change: 401 (no key, a wrong one, or one
// revoked or past its rotation overlap), 415 (neither JSON nor NDJSON), 413 (over 1,000 events or 1 MiB, read no
// further than that), 400 (a body that is not JSON), 429 with Retry-After (past the key's rate), 503 with
// Retry-After (this server already has as many batches waiting as it holds: batch-slots). A batch that gets
// through is answered event by event: how many were stored, how many were already there, and for each rejected
// one its index, its id when it had one, and every field that is wrong. Valid events are stored even when their
// neighbours are not; a batch of nothing but bad events answers 422. Nothing here throws for bad input: an
// unexpected failure (the database unreachable, say) is logged by the route and answered 503 with Retry-After,
// as a batch that can be sent again unchanged.
import type { Db } from "~db/client";
import {
  checkEvents,
  LineError,
  MAX_BODY_BYTES,
  MAX_EVENTS_PER_BATCH,
  type FieldProblem,
  type RejectedEvent,
} from "./events";
import { retentionCutoff } from "~/actions/retention.server";
import { BUSY, type BatchSlots } from "./batch-slots.server";
import { findIngestionKey, hashIngestionKey, parseIngestionKey } from "./ingestion-keys.server";
import { storeEvents, takeIngestionKey, type RateLimit } from "./ingest.server";

export interface EventsApiOptions {
  db: Db;
  rate: RateLimit;
  /** How many batches this server stores at once (none: no limit). */
  slots?: BatchSlots;
  now?: () => Date;
}

export interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

const JSON_TYPE = "application/json";
const NDJSON_TYPES = new Set(["application/x-ndjson", "application/ndjson", "application/jsonl"]);

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function refusal(status: number, error: string, extra: Record<string, unknown> = {}, headers = {}): Response {
  return answer(status, { error, ...extra }, headers);
}

const UNAUTHORISED_HEADERS = { "WWW-Authenticate": 'Bearer realm="glasshouse-events"' };

export async function handleEventsRequest(request: Request, options: EventsApiOptions): Promise<Response> {
  const now = options.now?.() ?? new Date();
  const presented = bearerOf(request.headers.get("Authorization"));
  if (!presented) {
    return refusal(401, "Send your app key as Authorization: Bearer ghk_….", {}, UNAUTHORISED_HEADERS);
  }
  // Whose key, before a byte of the body is read: a wrong key is told so, whatever it sent.
  const refused = await refusedKey(options.db, presented, now);
  if (refused) return unauthorised(refused);
  const type = mediaTypeOf(request.headers.get("Content-Type"));
  if (type !== JSON_TYPE && !NDJSON_TYPES.has(type)) {
    return refusal(415, "Send events as application/json or application/x-ndjson.", {
      contentType: type || null,
    });
  }
  const body = await readBounded(request, MAX_BODY_BYTES);
  if (body === null) {
    return refusal(413, `A request may carry at most ${MAX_BODY_BYTES} bytes (1 MiB); split the batch.`, {
      maxBytes: MAX_BODY_BYTES,
    });
  }
  const items = type === JSON_TYPE ? parseJsonBody(body) : parseNdjsonBody(body);
  if ("error" in items) return refusal(400, items.error, { errors: items.errors });
  if (items.events.length > MAX_EVENTS_PER_BATCH) {
    return refusal(413, `A batch may carry at most ${MAX_EVENTS_PER_BATCH} events, not ${items.events.length}.`, {
      maxEvents: MAX_EVENTS_PER_BATCH,
    });
  }
  if (!items.events.length) {
    return refusal(400, "The batch has no events.", { errors: [{ field: "events", message: "must not be empty" }] });
  }

  const key = await takeIngestionKey(options.db, presented, items.events.length, options.rate);
  // Charged now, when the batch's size is known; a key revoked in between is refused here.
  if (key.kind === "unknown" || key.kind === "unusable") return unauthorised(key.kind);
  if (key.kind === "limited") {
    return refusal(
      429,
      `This app key is sending faster than ${options.rate.eventsPerSecond} events a second; retry after ${key.retryAfterSeconds} s.`,
      { retryAfterSeconds: key.retryAfterSeconds },
      { "Retry-After": String(key.retryAfterSeconds) },
    );
  }

  const checked = checkEvents(items.events, {
    now,
    keepsFrom: retentionCutoff(now, key.retentionMonths),
    retentionMonths: key.retentionMonths,
  });
  const store = () =>
    storeEvents(
      options.db,
      key.tenantId,
      checked.valid.map((item) => item.event),
    );
  const stored = options.slots ? await options.slots.run(store) : await store();
  if (stored === BUSY) {
    return refusal(
      503,
      "This server is storing as many batches as it can; send the same batch again in a second.",
      { retryAfterSeconds: 1 },
      { "Retry-After": "1" },
    );
  }
  const result: BatchAnswer = { ...stored, rejected: checked.rejected };
  return answer(checked.valid.length ? 200 : 422, result);
}

// Keys found usable in the last few seconds, by hash, with when that answer ends. The check before the body is
// read is a courtesy (a wrong key is told so before it uploads a megabyte); the decision is takeIngestionKey's,
// which reads the key's row for every batch. So an app posting batch after batch costs one lookup of its key
// per batch, not two, and a key revoked a moment ago is still refused at once, after its body is read.
const recentlyUsable = new Map<string, number>();
const RECENTLY_USABLE_MS = 10_000;
const RECENTLY_USABLE_MAX = 10_000;

async function refusedKey(db: Db, presented: string, now: Date): Promise<"unknown" | "unusable" | null> {
  const trimmed = presented.trim();
  if (!parseIngestionKey(trimmed)) return "unknown";
  const hash = hashIngestionKey(trimmed);
  if ((recentlyUsable.get(hash) ?? 0) > now.getTime()) return null;
  const found = await findIngestionKey(db, trimmed);
  if (!found) return "unknown";
  if (!found.usable) return "unusable";
  if (recentlyUsable.size >= RECENTLY_USABLE_MAX) recentlyUsable.clear();
  recentlyUsable.set(hash, now.getTime() + RECENTLY_USABLE_MS);
  return null;
}

function unauthorised(kind: "unknown" | "unusable"): Response {
  const error =
    kind === "unknown"
      ? "That app key is not one Glasshouse knows."
      : "That app key was revoked or has ended; use the key that replaced it.";
  return refusal(401, error, {}, UNAUTHORISED_HEADERS);
}

function bearerOf(header: string | null): string | null {
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

function mediaTypeOf(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The body as text, or null as soon as it passes `limit` bytes (the rest is not read). */
async function readBounded(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

type Parsed = { events: unknown[] } | { error: string; errors: FieldProblem[] };

function parseJsonBody(body: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "not JSON";
    return { error: "The body is not valid JSON.", errors: [{ field: "body", message: detail }] };
  }
  if (Array.isArray(value)) return { events: value };
  if (value && typeof value === "object" && Array.isArray((value as { events?: unknown }).events)) {
    return { events: (value as { events: unknown[] }).events };
  }
  return {
    error: 'Send {"events": [ … ]} or an array of events.',
    errors: [{ field: "events", message: "must be an array of events" }],
  };
}

/** One event per line; blank lines are skipped. A line that is not JSON is that event's rejection. */
function parseNdjsonBody(body: string): Parsed {
  const events: unknown[] = [];
  for (const line of body.split("\n")) {
    const text = line.trim();
    if (!text) continue;
    try {
      events.push(JSON.parse(text));
    } catch (error) {
      events.push(new LineError(`is not JSON (${error instanceof SyntaxError ? error.message : "unreadable"})`));
    }
    if (events.length > MAX_EVENTS_PER_BATCH) break;
  }
  return { events };
}
