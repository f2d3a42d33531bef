// Ingestion speed (issue 9): events posted over HTTP to the events API, in batches of 1,000, against the
// rate at which PostgreSQL's own COPY loads the same kind of events into the same partitioned install_events
// table with the same indexes. Goal: HTTP at least 30% of COPY and at least 20,000 events/s.
//
//   npm run bench -- ingest                         200,000 events each way, 3 requests in flight
//   npm run bench -- ingest --events=50000 --concurrency=4
//
// Runs in a scratch PostgreSQL database it creates, migrates and drops (TEST_DATABASE_URL, DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/test), with one organisation, 1,000 accounts and an ingestion key.
// COPY runs on one connection, 1,000 rows a statement. HTTP goes through the real request path: express
// with the server's security middleware and Remix's request handler (a server build holding the events
// route, built here, so there is no `npm run build` to redo after a change), served in this process on a
// free port and posted to by the simulator's client with the simulator's events; request bodies are made
// before the clock starts. The key's rate is the server's (INGEST_EVENTS_PER_SECOND): 429s are counted.
import { randomUUID } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import { finished } from "node:stream/promises";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import postgres from "postgres";
import { openDatabase } from "~db/client";
import { migrateDatabase } from "~db/migrate";
import { accounts, ingestionKeys, organisations } from "~db/schema";
import { cpuTimes } from "./measure";
import { withDatabaseName } from "~db/testing-server";
import { getConfig } from "~/config.server";
import { setDatabase } from "~/db.server";
import { generateIngestionKey } from "~/telemetry/ingestion-keys.server";
import * as eventsRoute from "~/routes/api.v1.events";
import { securityHeaders } from "~/security/headers.server";
import { checkOrigin } from "~/security/origin";
import { encodeBatch, type EncodedBatch } from "../scripts/telemetry-simulate/client";
import {
  planBatches,
  startOfUtcDay,
  type SimulationSpec,
  type WireEvent,
} from "../scripts/telemetry-simulate/generate";
import { sendBatches } from "../scripts/telemetry-simulate/send";

export const GOAL_RATIO = 0.3;
export const GOAL_EVENTS_PER_SECOND = 20_000;
const BATCH = 1000;
const ACCOUNTS = 1000;

export interface IngestBenchOptions {
  url?: string;
  events?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface Rate {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Per batch (HTTP: request to answer, retries included; COPY: one COPY statement). */
  p50Ms: number;
  p95Ms: number;
}

export interface IngestBenchResult {
  copy: Rate;
  http: Rate & {
    concurrency: number;
    accepted: number;
    duplicates: number;
    rejected: number;
    throttled: number;
    failedBatches: number;
    reasons: string[];
    /**
     * CPU time per 1,000 events over the HTTP run: this process (the server and its load generator) and
     * every PostgreSQL process on the machine (null when PostgreSQL is elsewhere). The rate is bound by
     * their sum: two cores give 2,000 ms of CPU a second.
     */
    cpuMsPerThousand: { node: number | null; postgres: number | null };
  };
  ratio: number;
  /** Load average per core before and after: other work on the machine skews both rates. */
  loadPerCore: { before: number; after: number };
  /** The key's rate the server enforced. */
  keyRate: number;
  /** Rows in install_events, installations and devices after the HTTP run (a check that it stored them). */
  stored: { events: number; installations: number; devices: number };
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]! * 10) / 10
  );
}

function rateOf(events: number, seconds: number, samples: number[]): Rate {
  return {
    events,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    p50Ms: percentile(samples, 0.5),
    p95Ms: percentile(samples, 0.95),
  };
}

function spec(seed: string, events: number, emails: string[]): SimulationSpec {
  return {
    devices: Math.max(1, Math.round(events / 100)),
    events,
    batch: BATCH,
    duplicates: 0,
    bad: 0,
    accounts: emails,
    apps: [],
    seed,
    days: 30,
    end: startOfUtcDay(new Date()),
  };
}

const batchesOf = (options: SimulationSpec) => [...planBatches(options)].map((batch) => batch.events);

// ─── COPY ─────────────────────────────────────────────────────────────────────────────────────────

const COPY_COLUMNS = [
  "tenant_id",
  "occurred_at",
  "id",
  "installation_number",
  "kind",
  "account_id",
  "account_ref",
  "app",
  "app_version",
  "os",
  "os_version",
  "device_model",
  "device_identifier",
  "received_at",
] as const;

/** A value in COPY's text format: \N for null, backslash escapes for the characters that would break a row. */
function copyValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}

function copyRows(tenantId: string, events: WireEvent[], accountIds: Map<string, string>, receivedAt: string) {
  return events
    .map((event) =>
      [
        tenantId,
        event.occurredAt,
        event.id,
        event.installationNumber,
        event.kind,
        event.account ? accountIds.get(event.account) : null,
        event.account,
        event.app,
        event.appVersion,
        event.os,
        event.osVersion,
        event.deviceModel,
        event.deviceIdentifier,
        receivedAt,
      ]
        .map(copyValue)
        .join("\t"),
    )
    .join("\n")
    .concat("\n");
}

async function copyChunk(sql: postgres.Sql, rows: string): Promise<void> {
  const writable = await sql`copy install_events (${sql.unsafe(COPY_COLUMNS.join(", "))}) from stdin`.writable();
  writable.end(rows);
  await finished(writable);
}

async function measureCopy(sql: postgres.Sql, chunks: string[], events: number): Promise<Rate> {
  await copyChunk(sql, chunks[0]!); // warm-up, removed below
  await sql`truncate install_events`;
  const samples: number[] = [];
  const started = performance.now();
  for (const rows of chunks) {
    const at = performance.now();
    await copyChunk(sql, rows);
    samples.push(performance.now() - at);
  }
  return rateOf(events, (performance.now() - started) / 1000, samples);
}

// ─── HTTP ─────────────────────────────────────────────────────────────────────────────────────────

/** The events route behind Remix's request handler, as the built server serves it. */
function serverBuild(): ServerBuild {
  const module = (id: string, path: string, parentId: string | undefined, routeModule: object) => ({
    id,
    path,
    parentId,
    index: undefined,
    caseSensitive: undefined,
    module: routeModule as ServerBuild["routes"][string]["module"],
  });
  return {
    mode: "production",
    entry: { module: { default: () => new Response("Not found", { status: 404 }) } },
    routes: {
      root: module("root", "", undefined, { default: () => null }),
      "routes/api.v1.events": module("routes/api.v1.events", "api/v1/events", "root", eventsRoute),
    },
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "bench" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    } as unknown as ServerBuild["future"],
    isSpaMode: false,
  } as unknown as ServerBuild;
}

async function startServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders({ isProduction: true, appOrigin: undefined }));
  app.use((req, res, next) => {
    const result = checkOrigin({
      method: req.method,
      path: req.path,
      origin: req.get("Origin"),
      referer: req.get("Referer"),
      expectedOrigin: `${req.protocol}://${req.get("Host")}`,
    });
    if (result.ok) return next();
    res.status(403).type("text/plain").send(`Forbidden: ${result.reason}`);
  });
  app.all(
    "*",
    createRequestHandler({
      build: serverBuild(),
      mode: "production",
      getLoadContext: (): AppLoadContext => ({ requestId: randomUUID(), clientIp: "127.0.0.1", cspNonce: "" }),
    }),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function measureHttp(endpoint: string, key: string, bodies: EncodedBatch[], concurrency: number) {
  const outgoing = bodies.map((encoded) => ({ encoded, resend: false, invalid: 0 }));
  const cpuBefore = cpuTimes();
  const started = performance.now();
  const tally = await sendBatches(outgoing, { client: { endpoint, key }, concurrency, rate: 0 });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuTimes();
  const perThousand = (before: number | null, after: number | null) =>
    before === null || after === null ? null : Math.round(((after - before) / tally.sent) * 1000 * 10) / 10;
  return {
    ...rateOf(tally.sent, seconds, tally.batchMs),
    cpuMsPerThousand: {
      node: perThousand(cpuBefore.node, cpuAfter.node),
      postgres: perThousand(cpuBefore.postgres, cpuAfter.postgres),
    },
    concurrency,
    accepted: tally.accepted,
    duplicates: tally.duplicates,
    rejected: tally.rejected,
    throttled: tally.throttled,
    failedBatches: tally.failedBatches,
    reasons: tally.reasons,
  };
}

// ─── The run ──────────────────────────────────────────────────────────────────────────────────────

export async function run(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const serverUrl =
    options.url ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const events = options.events ?? 200_000;
  const concurrency = options.concurrency ?? 3;
  const log = options.log ?? (() => {});
  const loadPerCore = () => Math.round((os.loadavg()[0]! / os.cpus().length) * 100) / 100;
  const loadBefore = loadPerCore();
  const name = `glasshouse_bench_ingest_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const scratchUrl = withDatabaseName(serverUrl, name);
  const database = await openDatabase({ url: scratchUrl });
  // TCP_NODELAY for the COPY connection: postgres.js writes a COPY's data and its CopyDone as two small
  // writes, and with Nagle's algorithm on the second waits for the server's delayed ACK (about 40 ms a
  // statement), which would make the baseline postgres.js's stall instead of PostgreSQL's COPY.
  // (`socket` is a postgres.js option its types leave out.)
  const copySql = postgres(scratchUrl, {
    max: 1,
    onnotice: () => {},
    ...({ socket: connectedWithoutDelay } as Record<string, unknown>),
  });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await migrateDatabase(database);
    setDatabase(database);
    const db = database.db;
    const [tenant] = await db
      .insert(organisations)
      .values({ slug: "bench-ingest", name: "Bench Ingest Ltd", kind: "customer" })
      .returning({ id: organisations.id });
    const tenantId = tenant!.id;
    const people = Array.from({ length: ACCOUNTS }, (_, index) => ({
      tenantId,
      id: randomUUID(),
      email: `person-${index}@bench-ingest.example`,
      displayName: `Person ${index}`,
    }));
    await db.insert(accounts).values(people);
    const { key, prefix, hash } = generateIngestionKey();
    await db.insert(ingestionKeys).values({ tenantId, name: "bench", prefix, keyHash: hash, createdBy: people[0]!.id });
    const emails = people.map((person) => person.email);
    const accountIds = new Map(people.map((person) => [person.email, person.id]));

    log(`  generating 2 × ${events.toLocaleString("en")} events…`);
    const receivedAt = new Date().toISOString();
    const copyChunks = batchesOf(spec("copy", events, emails)).map((batch) =>
      copyRows(tenantId, batch, accountIds, receivedAt),
    );
    const httpBodies = batchesOf(spec("http", events, emails)).map((batch) => encodeBatch(batch, "json"));
    const warmUp = batchesOf(spec("warm-up", 5 * BATCH, emails)).map((batch) => encodeBatch(batch, "json"));

    log("  COPY…");
    const copy = await measureCopy(copySql, copyChunks, events);
    await copySql`truncate install_events`;
    await copySql`vacuum analyze install_events`;

    log(`  HTTP, ${concurrency} requests in flight…`);
    server = await startServer();
    const endpoint = `${server.origin}/api/v1/events`;
    await measureHttp(endpoint, key, warmUp, concurrency);
    await copySql`truncate install_events, app_installations, devices, install_daily_rollups`;
    await copySql`vacuum analyze install_events, app_installations, devices, install_daily_rollups`;
    const http = await measureHttp(endpoint, key, httpBodies, concurrency);

    const [stored] = await copySql<{ events: number; installations: number; devices: number }[]>`
      select (select count(*)::int from install_events) as events,
             (select count(*)::int from app_installations) as installations,
             (select count(*)::int from devices) as devices`;
    return {
      copy,
      http,
      ratio: Math.round((http.eventsPerSecond / copy.eventsPerSecond) * 1000) / 1000,
      loadPerCore: { before: loadBefore, after: loadPerCore() },
      keyRate: getConfig().INGEST_EVENTS_PER_SECOND,
      stored: stored!,
    };
  } finally {
    await server?.close();
    setDatabase(undefined);
    await copySql.end({ timeout: 5 });
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/** A TCP connection to the first host of a postgres.js connection's options, Nagle's algorithm off. */
function connectedWithoutDelay(options: { host: string[]; port: number[] }): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: options.host[0], port: options.port[0] ?? 5432, noDelay: true });
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}
