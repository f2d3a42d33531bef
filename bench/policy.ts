// Policy engine benchmark: decisions per second over a mix of requests (one process, one thread, at
// least 2 s of work), and the time of one UI batch (50 account rows × 8 actions = 400 decisions).
// Run: npx tsx bench/policy.ts. `run()` returns the figures for bench/index.ts.
//
// Each figure is measured twice: with the decision cache (as the app runs) and without it (every
// decision evaluated by Cedar). Every request carries its own `now`, as in production, so answers that
// depend on the time are never served from the cache across requests.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AdminRole } from "~db/schema";
import { createPolicyEngine, type PolicyEngine } from "../app/policy/cedar.server";
import type {
  AccountResource,
  ActionId,
  DecisionRequest,
  DelegationResource,
  OrganisationResource,
  PrincipalFacts,
} from "../app/policy/types";

export interface PolicyBenchResult {
  /** The machine: other work on it slows every figure (load average over the last minute, per core). */
  machine: { cpus: number; loadPerCore: number };
  /** Rounds of `requests` fresh requests (new times, new second factors) until at least 2 s of work. */
  mix: { requests: number; cached: Throughput; uncached: Throughput };
  /** `cached`: answers remembered from earlier pages too; `coldCache`: only rows of the same page share. */
  batch: { size: number; batches: number; cached: BatchTimes; coldCache: BatchTimes; uncached: BatchTimes };
}

interface Throughput {
  decisionsPerSecond: number;
  microsecondsPerDecision: number;
  seconds: number;
  cacheHitRate: number;
  /** Policy-set slices first met (and preparsed) during the measurement, after warm-up. */
  slicesPreparsed: number;
  /** Slices preparsed since the engine was created (each is preparsed once, on first use). */
  slicesInAll: number;
}

interface BatchTimes {
  medianMs: number;
  p95Ms: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const policyDir = path.join(here, "..", "app", "policy");

function loadEngine(decisionCacheSize?: number): PolicyEngine {
  const files = readdirSync(path.join(policyDir, "policies")).filter((file) => file.endsWith(".cedar"));
  return createPolicyEngine({
    schemaText: readFileSync(path.join(policyDir, "glasshouse.cedarschema"), "utf8"),
    policyFiles: Object.fromEntries(
      files.map((file) => [file, readFileSync(path.join(policyDir, "policies", file), "utf8")]),
    ),
    decisionCacheSize,
  });
}

// ---------------------------------------------------------------------------------------------------
// A world of two customers with 300 accounts each and a reseller, built from a fixed seed

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
let next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const BASE = new Date("2026-11-03T10:00:00Z").getTime();
const tenants = ["acme", "globex"] as const;

function organisation(id: string): OrganisationResource {
  return {
    type: "Organisation",
    id,
    name: id,
    kind: "customer",
    linkedResellerIds: id === "acme" ? ["northwind"] : [],
  };
}

function makeAccounts(tenantId: string): AccountResource[] {
  return Array.from({ length: 300 }, (_, index) => {
    const roles: AdminRole[] =
      index < 3
        ? ["domain_admin"]
        : index < 10
          ? ["helpdesk_admin"]
          : index < 13
            ? ["compliance_officer"]
            : index < 15
              ? ["auditor"]
              : [];
    const held = next() < 0.05;
    const locked = next() < 0.1;
    return {
      type: "Account",
      id: `${tenantId}-${index}`,
      tenantId,
      name: `Person ${index}`,
      status: next() < 0.9 ? "active" : "suspended",
      roles,
      managerId: index >= 15 && next() < 0.7 ? `${tenantId}-${15 + Math.floor(next() * 20)}` : null,
      holds: held
        ? [{ id: "hold", name: "Matter 2026-14", placedByName: "Dana Okafor", placedAt: new Date(BASE) }]
        : [],
      locks: locked
        ? [{ setting: "marketing_consent", lockedByName: "Dana Okafor", lockedAt: new Date(BASE), reason: "Policy" }]
        : [],
    };
  });
}

const accounts = Object.fromEntries(tenants.map((tenant) => [tenant, makeAccounts(tenant)])) as Record<
  (typeof tenants)[number],
  AccountResource[]
>;

function principalFor(account: AccountResource, now: number): PrincipalFacts {
  return {
    accountId: account.id,
    name: account.name,
    homeTenantId: account.tenantId,
    homeTenantKind: "customer",
    actingTenantId: account.tenantId,
    roles: account.roles,
    access: { kind: "member" },
    secondFactorAt: next() < 0.8 ? new Date(now - next() * 15 * 60_000) : null,
  };
}

function resellerStaff(now: number): PrincipalFacts {
  const expired = next() < 0.2;
  return {
    accountId: `northwind-${Math.floor(next() * 10)}`,
    name: "Ned Park",
    homeTenantId: "northwind",
    homeTenantKind: "reseller",
    actingTenantId: "acme",
    roles: ["helpdesk_admin"],
    access: {
      kind: "delegation",
      delegationId: "delegation-1",
      number: 1,
      resellerId: "northwind",
      resellerName: "Northwind",
      status: "active",
      expiresAt: new Date(now + (expired ? -1 : 1) * 86_400_000),
      roles: ["helpdesk_admin"],
      assigned: true,
    },
    secondFactorAt: new Date(now - 60_000),
  };
}

const accountActions = (
  Object.keys({
    "account.view": 0,
    "account.viewApps": 0,
    "account.updateProfile": 0,
    "account.resetPassword": 0,
    "account.revokeSessions": 0,
    "account.resetMfa": 0,
    "account.suspend": 0,
    "account.unsuspend": 0,
    "account.terminate": 0,
    "account.purge": 0,
    "account.export": 0,
    "account.assignRole": 0,
    "lock.set": 0,
    "dataRequest.fulfilErasure": 0,
  }) as ActionId[]
).concat(["account.view", "account.view", "account.viewApps"]);
const selfActions: ActionId[] = [
  "self.updateProfile",
  "self.setMarketing",
  "self.requestErasure",
  "self.requestExport",
];
const organisationActions: ActionId[] = ["audit.view", "audit.export", "policy.view", "policy.update", "hold.place"];
const pendingDelegation: DelegationResource = {
  type: "Delegation",
  id: "delegation-7",
  tenantId: "acme",
  number: 7,
  resellerId: "northwind",
  resellerName: "Northwind",
  status: "requested",
  roles: ["helpdesk_admin"],
  durationDays: 90,
};

/** Round `round` of the mix: 20,000 requests, `now` advancing a millisecond per request across rounds. */
function mixRound(round: number): DecisionRequest[] {
  next = random(1_000 + round);
  return Array.from({ length: MIX_ROUND }, (_, index) => mixedRequest(round * MIX_ROUND + index));
}
const MIX_ROUND = 20_000;

function mixedRequest(index: number): DecisionRequest {
  const now = BASE + index;
  const context = { now: new Date(now), reason: next() < 0.9 ? "Ticket 4711" : "" };
  const roll = next();
  const tenant = pick(tenants);
  const people = accounts[tenant];
  if (roll < 0.55) {
    const actor = principalFor(people[Math.floor(next() * 15)]!, now);
    return { principal: actor, action: pick(accountActions), resource: pick(people), context };
  }
  if (roll < 0.7) {
    const person = pick(people);
    const action = pick(selfActions);
    return {
      principal: principalFor(person, now),
      action,
      resource: person,
      context: { ...context, setting: "profile.phone" },
    };
  }
  if (roll < 0.8) {
    const manager = people[15 + Math.floor(next() * 20)]!;
    return {
      principal: principalFor(manager, now),
      action: pick(["account.view", "account.viewApps"]),
      resource: pick(people),
      context,
    };
  }
  if (roll < 0.9) {
    return { principal: resellerStaff(now), action: pick(accountActions), resource: pick(accounts.acme), context };
  }
  if (roll < 0.97) {
    const actor = principalFor(people[Math.floor(next() * 15)]!, now);
    return { principal: actor, action: pick(organisationActions), resource: organisation(tenant), context };
  }
  const admin = principalFor(accounts.acme[0]!, now);
  return {
    principal: admin,
    action: "delegation.approve",
    resource: pendingDelegation,
    context: { ...context, roles: ["helpdesk_admin"] },
  };
}

/** The accounts page: 50 rows, 8 buttons each, decided for one admin at one instant. */
const batchActions: ActionId[] = [
  "account.view",
  "account.resetPassword",
  "account.revokeSessions",
  "account.resetMfa",
  "account.suspend",
  "account.terminate",
  "account.export",
  "lock.set",
];

function uiBatch(page: number): DecisionRequest[] {
  const now = BASE + page * 1_000;
  const tenant = tenants[page % 2]!;
  const people = accounts[tenant];
  const admin = principalFor(people[page % 10]!, now);
  const rows = Array.from({ length: 50 }, (_, row) => people[(page * 50 + row) % people.length]!);
  const context = { now: new Date(now), reason: "Ticket 4711" };
  return rows.flatMap((resource) => batchActions.map((action) => ({ principal: admin, action, resource, context })));
}

// ---------------------------------------------------------------------------------------------------

function measureMix(engine: PolicyEngine, minimumMs: number): Throughput {
  for (const request of mixRound(999)) engine.decide(request); // warm the slices
  const before = engine.stats();
  let decisions = 0;
  let elapsed = 0;
  for (let round = 0; elapsed < minimumMs; round++) {
    const requests = mixRound(round);
    const started = performance.now();
    for (const request of requests) engine.decide(request);
    elapsed += performance.now() - started;
    decisions += requests.length;
  }
  const after = engine.stats();
  const hits = after.cacheHits - before.cacheHits;
  return {
    decisionsPerSecond: Math.round((decisions / elapsed) * 1_000),
    microsecondsPerDecision: Number(((elapsed * 1_000) / decisions).toFixed(1)),
    seconds: Number((elapsed / 1_000).toFixed(2)),
    cacheHitRate: Number((hits / (hits + after.evaluations - before.evaluations)).toFixed(3)),
    slicesPreparsed: after.slicesPreparsed - before.slicesPreparsed,
    slicesInAll: after.slicesPreparsed,
  };
}

function measureBatches(engine: PolicyEngine, batches: DecisionRequest[][], coldCache = false): BatchTimes {
  for (const batch of batches.slice(0, 3)) engine.decideMany(batch); // warm the slices
  const times = batches.slice(3).map((batch) => {
    if (coldCache) engine.clearDecisionCache();
    const started = performance.now();
    engine.decideMany(batch);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  const at = (fraction: number) => times[Math.min(times.length - 1, Math.floor(fraction * times.length))]!;
  return { medianMs: Number(at(0.5).toFixed(2)), p95Ms: Number(at(0.95).toFixed(2)) };
}

export async function run(options: { minimumMs?: number } = {}): Promise<PolicyBenchResult> {
  const minimumMs = options.minimumMs ?? 2_000;
  const cached = loadEngine();
  const uncached = loadEngine(0);
  const batches = Array.from({ length: 53 }, (_, page) => uiBatch(page));
  return {
    machine: { cpus: cpus().length, loadPerCore: Number((loadavg()[0]! / cpus().length).toFixed(2)) },
    mix: {
      requests: MIX_ROUND,
      cached: measureMix(cached, minimumMs),
      uncached: measureMix(uncached, minimumMs),
    },
    batch: {
      size: batches[0]!.length,
      batches: batches.length - 3,
      cached: measureBatches(cached, batches),
      coldCache: measureBatches(cached, batches, true),
      uncached: measureBatches(uncached, batches),
    },
  };
}

/** The figures as a small table, for `npx tsx bench/policy.ts` and bench/index.ts. */
export function printPolicyBench(result: PolicyBenchResult): void {
  const { mix, batch } = result;
  const rows = [
    [
      "mix, decision cache on",
      `${mix.cached.decisionsPerSecond.toLocaleString("en-GB")}/s`,
      `${mix.cached.microsecondsPerDecision} µs`,
      `${(mix.cached.cacheHitRate * 100).toFixed(0)}% cached; ${mix.cached.slicesInAll} slices`,
    ],
    [
      "mix, every decision by Cedar",
      `${mix.uncached.decisionsPerSecond.toLocaleString("en-GB")}/s`,
      `${mix.uncached.microsecondsPerDecision} µs`,
      "",
    ],
    [
      `batch of ${batch.size}, cache on`,
      `median ${batch.cached.medianMs} ms`,
      `p95 ${batch.cached.p95Ms} ms`,
      `${batch.batches} batches`,
    ],
    [
      `batch of ${batch.size}, cache emptied first`,
      `median ${batch.coldCache.medianMs} ms`,
      `p95 ${batch.coldCache.p95Ms} ms`,
      `${batch.batches} batches`,
    ],
    [
      `batch of ${batch.size}, by Cedar`,
      `median ${batch.uncached.medianMs} ms`,
      `p95 ${batch.uncached.p95Ms} ms`,
      `${batch.batches} batches`,
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const { cpus: cores, loadPerCore } = result.machine;
  console.log(`Policy engine (one process, one thread; ${cores} cores, load ${loadPerCore} per core)`);
  for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("   ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(printPolicyBench, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
