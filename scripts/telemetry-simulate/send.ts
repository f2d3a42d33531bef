// Posts batches to the events API from a few concurrent workers, at a given pace, and keeps the tally the
// simulator's summary (and the benchmark) reads. A refused key or an unreachable server stops every worker.
import { FatalClientError, postBatch, type BatchOutcome, type ClientOptions, type EncodedBatch } from "./client";

export interface OutgoingBatch {
  encoded: EncodedBatch;
  resend: boolean;
  /** Events the generator made invalid. */
  invalid: number;
}

export interface Tally {
  batches: number;
  resentBatches: number;
  /** Events posted, re-sent batches included, and only those of fresh batches. */
  sent: number;
  fresh: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first few rejections and batch errors, as the server worded them. */
  reasons: string[];
  throttled: number;
  retries: number;
  /** Batches given up on (a 5xx after every retry, a 4xx other than 401/422, endless 429s). */
  failedBatches: number;
  /** What the server should answer when none of these events was there before. */
  expected: { accepted: number; duplicates: number; rejected: number };
  /** Each batch's time from first post to final answer, retries and waits included. */
  batchMs: number[];
}

export interface SendOptions {
  client: ClientOptions;
  concurrency: number;
  /** Events per second over the whole run; 0: as fast as the server answers. */
  rate: number;
  onBatch?: (tally: Tally, outcome: BatchOutcome) => void;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_REASONS = 5;

export function emptyTally(): Tally {
  return {
    batches: 0,
    resentBatches: 0,
    sent: 0,
    fresh: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    reasons: [],
    throttled: 0,
    retries: 0,
    failedBatches: 0,
    expected: { accepted: 0, duplicates: 0, rejected: 0 },
    batchMs: [],
  };
}

function record(tally: Tally, batch: OutgoingBatch, outcome: BatchOutcome): void {
  tally.batches++;
  if (batch.resend) tally.resentBatches++;
  tally.sent += batch.encoded.events;
  if (!batch.resend) tally.fresh += batch.encoded.events;
  tally.accepted += outcome.accepted;
  tally.duplicates += outcome.duplicates;
  tally.rejected += outcome.rejected.length;
  tally.throttled += outcome.throttled;
  tally.retries += outcome.retries;
  tally.batchMs.push(outcome.ms);
  const valid = batch.encoded.events - batch.invalid;
  tally.expected[batch.resend ? "duplicates" : "accepted"] += valid;
  tally.expected.rejected += batch.invalid;
  if (outcome.error) {
    tally.failedBatches++;
    if (tally.reasons.length < MAX_REASONS) tally.reasons.push(`batch refused: ${outcome.error}`);
  }
  for (const rejection of outcome.rejected) {
    if (tally.reasons.length >= MAX_REASONS) break;
    const fields = (rejection.errors ?? []).map((error) => `${error.field}: ${error.message}`).join("; ");
    tally.reasons.push(`event ${rejection.index}${rejection.id ? ` (${rejection.id})` : ""}: ${fields}`);
  }
}

/** Sends every batch; resolves with the tally, or rejects with a FatalClientError once nothing more can go. */
export async function sendBatches(batches: Iterable<OutgoingBatch>, options: SendOptions): Promise<Tally> {
  const tally = emptyTally();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const controller = new AbortController();
  const client: ClientOptions = { ...options.client, signal: controller.signal, sleep };
  const iterator = batches[Symbol.iterator]();
  const started = performance.now();
  let scheduled = 0;
  let fatal: unknown;

  const worker = async () => {
    while (!fatal) {
      const next = iterator.next();
      if (next.done) return;
      const batch = next.value;
      if (options.rate > 0) {
        // Each batch leaves when the events before it have had their share of the run's time.
        const due = started + (scheduled / options.rate) * 1000;
        scheduled += batch.encoded.events;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      try {
        const outcome = await postBatch(client, batch.encoded);
        record(tally, batch, outcome);
        options.onBatch?.(tally, outcome);
      } catch (error) {
        if (!fatal) fatal = error;
        controller.abort();
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (fatal) throw fatal instanceof FatalClientError ? fatal : new FatalClientError(String(fatal));
  return tally;
}
