// What the page benchmarks share: latency figures from samples, a timer, the app's database with its
// statements recorded, and the plans of a request's reads (bench/console.ts, bench/apps.ts).
import { readdirSync, readFileSync } from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { redactUrl, type Database, type Db } from "~db/client";
import * as schema from "~db/schema";

export interface Latency {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface StatementPlan {
  query: string;
  params: unknown[];
  executionMs: number;
  plan: string;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    requests: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** The app's database on postgres.js, as db/client.ts opens it, with drizzle's statements recorded on demand. */
export function openRecordedDatabase(url: string) {
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: "glasshouse-bench" } });
  const recorder = { recording: false, statements: [] as { query: string; params: unknown[] }[] };
  const db = drizzle(client, {
    schema,
    logger: {
      logQuery: (query, params) => {
        if (recorder.recording) recorder.statements.push({ query, params });
      },
    },
  }) as unknown as Db;
  const database: Database = {
    db,
    driver: "postgres",
    location: redactUrl(url),
    close: () => client.end({ timeout: 5 }),
  };
  return { database, client, recorder };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each read a request made, as the app role with the tenant set (row-level
 * security changes plans) and with the planner settings the request set for itself, in a transaction that
 * is rolled back. Slowest first.
 */
export async function explainStatements(
  client: postgres.Sql,
  tenantId: string,
  statements: { query: string; params: unknown[] }[],
): Promise<StatementPlan[]> {
  const reads = statements.filter(
    ({ query }) => /^\s*(select|with)\b/i.test(query) && !/^\s*select set_config\(/i.test(query),
  );
  // What the request's transactions set besides role and tenant (useListPlanSettings, say).
  const settings = statements.filter(
    ({ query }) => /^\s*select set_config\(/i.test(query) && !/'role'|'app\.tenant_id'/.test(query),
  );
  const connection = await client.reserve();
  const plans: StatementPlan[] = [];
  try {
    for (const { query, params } of reads) {
      await connection.unsafe(`begin`);
      try {
        await connection.unsafe(
          `select set_config('role', 'glasshouse_app', true), set_config('app.tenant_id', $1, true)`,
          [tenantId],
        );
        for (const setting of settings) {
          await connection.unsafe(setting.query, setting.params as postgres.ParameterOrJSON<never>[]);
        }
        const rows = await connection.unsafe<{ "QUERY PLAN": string }[]>(
          `explain (analyze, buffers) ${query}`,
          params as postgres.ParameterOrJSON<never>[],
        );
        const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
        const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
        plans.push({ query, params, executionMs, plan });
      } finally {
        await connection.unsafe(`rollback`);
      }
    }
  } finally {
    connection.release();
  }
  return plans.sort((a, b) => b.executionMs - a.executionMs);
}

/**
 * CPU time (user + system, ms) used so far by this process and by every PostgreSQL process on this machine
 * (its backends and background workers), read from /proc: where a CPU-bound benchmark's time goes. Null
 * for PostgreSQL off Linux, or when the server is on another machine (no postgres process here).
 */
export function cpuTimes(): { node: number; postgres: number | null } {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1000, postgres: postgresCpuMs() };
}

function postgresCpuMs(): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let ticks = 0;
  let found = false;
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    const close = stat.lastIndexOf(")");
    if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
    const fields = stat.slice(close + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    found = true;
  }
  return found ? ticks / ticksPerMs : null;
}
