// The events API's client, as an installed app should be: it re-sends the very same batch after a network
// error or a 5xx (the API is idempotent on event ids, so a retry never double counts), waits as long as a 429's
// Retry-After asks, and stops for good on a refused key or a server it cannot reach. Shared by
// `npm run telemetry:simulate` and the ingestion benchmark (bench/ingest.ts).
import http from "node:http";
import https from "node:https";
import type { WireEvent } from "./generate";

export type Format = "json" | "ndjson";

export interface EncodedBatch {
  body: string;
  contentType: string;
  events: number;
}

export function encodeBatch(events: readonly WireEvent[], format: Format): EncodedBatch {
  return format === "ndjson"
    ? {
        body: events.map((event) => JSON.stringify(event)).join("\n") + "\n",
        contentType: "application/x-ndjson",
        events: events.length,
      }
    : { body: JSON.stringify({ events }), contentType: "application/json", events: events.length };
}

export interface Rejection {
  index: number;
  id?: string;
  errors: { field: string; message: string }[];
}

export interface BatchOutcome {
  /** The final answer's status (0: none, the batch was given up after network errors). */
  status: number;
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** A 400/413/415 or a 5xx given up on: the message the server gave. */
  error?: string;
  /** 429s answered along the way, and retries after network errors or 5xx. */
  throttled: number;
  retries: number;
  ms: number;
}

/** The run cannot go on: the server is unreachable or refused the key. */
export class FatalClientError extends Error {
  override name = "FatalClientError";
}

export interface ClientOptions {
  /** The events endpoint, e.g. http://localhost:3000/api/v1/events */
  endpoint: string;
  key: string;
  /** Attempts after a network error or a 5xx before giving up (default 6: about 15 s of backoff). */
  maxAttempts?: number;
  /** 429s one batch waits through before it is given up (default 100). */
  maxThrottled?: number;
  /** Waits (tests and the bench pass their own). */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); 1 when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

const backoffMs = (attempt: number) => Math.min(8000, 250 * 2 ** attempt);

interface Answer {
  status: number;
  header(name: string): string | null;
  text: string;
}

// node:http with kept-alive connections rather than fetch: the simulator and the benchmark share the server's
// two cores, and undici's fetch spends several times more of them per request than the server's own parser.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/** POSTs `body` and reads the whole answer; rejects on a network error (or when `signal` aborts). */
function post(endpoint: URL, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<Answer> {
  const secure = endpoint.protocol === "https:";
  if (!secure && endpoint.protocol !== "http:") {
    return Promise.reject(new FatalClientError(`${endpoint.href} is not an http(s) address.`));
  }
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      endpoint,
      {
        method: "POST",
        agent: agents[secure ? "https:" : "http:"],
        headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("error", reject);
        response.once("end", () => {
          const value = (name: string) => {
            const header = response.headers[name.toLowerCase()];
            return header === undefined ? null : Array.isArray(header) ? header.join(", ") : header;
          };
          resolve({ status: response.statusCode ?? 0, header: value, text: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    request.once("error", reject);
    request.end(body);
  });
}

function readJson(response: Answer): Record<string, unknown> | undefined {
  const text = response.text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return { error: text.slice(0, 200) };
  }
}

function describeError(body: Record<string, unknown> | undefined, status: number): string {
  const error = body?.error;
  const text = typeof error === "string" ? error : error === undefined ? "" : JSON.stringify(error);
  return `${status}${text ? `: ${text}` : ""}`;
}

/** Posts one batch until the server has answered it (see the module comment for what is retried). */
export async function postBatch(options: ClientOptions, batch: EncodedBatch): Promise<BatchOutcome> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxThrottled = options.maxThrottled ?? 100;
  const started = performance.now();
  const outcome: BatchOutcome = {
    status: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    throttled: 0,
    retries: 0,
    ms: 0,
  };
  const done = () => ({ ...outcome, ms: performance.now() - started });
  const endpoint = new URL(options.endpoint);
  const headers = { Authorization: `Bearer ${options.key}`, "Content-Type": batch.contentType };
  for (let failures = 0; ;) {
    let response: Answer;
    try {
      response = await post(endpoint, headers, batch.body, options.signal);
    } catch (error) {
      if (options.signal?.aborted || error instanceof FatalClientError) throw error;
      if (++failures >= maxAttempts) {
        const cause = error instanceof Error ? error.message : String(error);
        throw new FatalClientError(`The server at ${options.endpoint} could not be reached (${cause}).`);
      }
      outcome.retries++;
      await sleep(backoffMs(failures));
      continue;
    }
    outcome.status = response.status;
    if (response.status === 429) {
      if (++outcome.throttled > maxThrottled) return { ...done(), error: "429: still throttled, given up" };
      await sleep(retryAfterMs(response.header("Retry-After")));
      continue;
    }
    const body = readJson(response);
    if (response.status === 401) throw new FatalClientError(`The key was refused (${describeError(body, 401)}).`);
    if (response.status >= 500) {
      if (++failures >= maxAttempts) return { ...done(), error: describeError(body, response.status) };
      outcome.retries++;
      await sleep(backoffMs(failures));
      continue;
    }
    if ((response.status === 200 || response.status === 422) && typeof body?.accepted === "number") {
      outcome.accepted = body.accepted;
      outcome.duplicates = typeof body.duplicates === "number" ? body.duplicates : 0;
      outcome.rejected = Array.isArray(body.rejected) ? (body.rejected as Rejection[]) : [];
      return done();
    }
    return { ...done(), error: describeError(body, response.status) };
  }
}
