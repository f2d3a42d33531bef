// `npm run telemetry:simulate`: realistic app-install traffic from simulated devices, posted to a running
// server's events API (by default the local demo) with an ingestion key made at /t/<organisation>/apps/keys.
// It shows a progress line on stderr and ends with a summary: what was sent, accepted, counted as duplicate
// and rejected (and why), how often the server said 429, and the rate. Exit status 1 when the server cannot be
// reached, refuses the key or gives up on a batch; 2 for bad options. The events themselves come from
// scripts/telemetry-simulate/generate.ts; the client's retry rules are in scripts/telemetry-simulate/client.ts.
import { encodeBatch } from "./telemetry-simulate/client";
import { planBatches, startOfUtcDay, type SimulationSpec } from "./telemetry-simulate/generate";
import { eventsEndpoint, readOptions, USAGE, type SimulateOptions } from "./telemetry-simulate/options";
import { createProgress } from "./telemetry-simulate/progress";
import { sendBatches, type OutgoingBatch, type Tally } from "./telemetry-simulate/send";

function* outgoing(spec: SimulationSpec, format: SimulateOptions["format"]): Generator<OutgoingBatch> {
  for (const batch of planBatches(spec)) {
    yield { encoded: encodeBatch(batch.events, format), resend: batch.resend, invalid: batch.invalid };
  }
}

const fmt = (value: number) => Math.round(value).toLocaleString("en");

function summarise(tally: Tally, seconds: number, seed: string): string {
  const percentile = (q: number) => {
    const sorted = [...tally.batchMs].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  };
  const { expected } = tally;
  const lines = [
    "",
    `Sent        ${fmt(tally.sent)} events in ${fmt(tally.batches)} batches (${fmt(tally.resentBatches)} re-sent)`,
    `Accepted    ${fmt(tally.accepted)}`,
    `Duplicates  ${fmt(tally.duplicates)}`,
    `Rejected    ${fmt(tally.rejected)}`,
    ...tally.reasons.map((reason) => `              ${reason.slice(0, 160)}`),
    `429s        ${fmt(tally.throttled)}    retries ${fmt(tally.retries)}    batches given up ${fmt(tally.failedBatches)}`,
    `Elapsed     ${seconds.toFixed(1)} s, ${fmt(tally.sent / Math.max(seconds, 0.001))} events/s ` +
      `(per batch: p50 ${fmt(percentile(0.5))} ms, p95 ${fmt(percentile(0.95))} ms)`,
    `Expected    ${fmt(expected.accepted)} accepted, ${fmt(expected.duplicates)} duplicates, ${fmt(expected.rejected)} rejected ` +
      `(if the organisation had none of these events before)`,
    `Seed        ${seed}`,
  ];
  return lines.join("\n");
}

async function main(): Promise<number> {
  const read = readOptions(process.argv.slice(2), process.env);
  if ("help" in read) {
    console.log(USAGE);
    return 0;
  }
  if ("problems" in read) {
    console.error(`${read.problems.map((problem) => `telemetry:simulate: ${problem}`).join("\n")}\n\n${USAGE}`);
    return 2;
  }
  const { options } = read;
  const seed = options.seed ?? Math.random().toString(36).slice(2, 10);
  const spec: SimulationSpec = { ...options, seed, end: startOfUtcDay(new Date()) };
  const endpoint = eventsEndpoint(options.url);
  const progress = createProgress();
  const line = (tally: Tally) => (bar: (fraction: number) => string) =>
    `${bar(tally.fresh / options.events)} ${fmt(tally.fresh)}/${fmt(options.events)} events · ` +
    `${fmt(tally.sent / ((performance.now() - started) / 1000))}/s · accepted ${fmt(tally.accepted)} · ` +
    `dup ${fmt(tally.duplicates)} · rejected ${fmt(tally.rejected)} · 429s ${fmt(tally.throttled)}`;
  console.error(`Posting ${fmt(options.events)} events from ${fmt(options.devices)} devices to ${endpoint}`);
  const started = performance.now();
  try {
    const tally = await sendBatches(outgoing(spec, options.format), {
      client: { endpoint, key: options.key },
      concurrency: options.concurrency,
      rate: options.rate,
      onBatch: (current) => progress.update(line(current)),
    });
    progress.finish(line(tally));
    console.log(summarise(tally, (performance.now() - started) / 1000, seed));
    return tally.failedBatches > 0 ? 1 : 0;
  } catch (error) {
    console.error(`\ntelemetry:simulate: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
