// What `npm run telemetry:simulate` and the ingestion benchmark send: the events of simulated devices, as
// installed apps would report them. Pure and deterministic for a seed (and a window end), so a test can pin
// it down and a rerun with the same seed on the same day replays the very same events, which the server must
// count as duplicates. The shape follows the events API contract (app/routes/api.v1.events.ts).
//
// Each device has an OS, a model, an OS version and an identifier, and installs one to three apps (as many as
// exist for its OS). An installation reports its install first, then heartbeats; some upgrade along the way
// (the heartbeats after carry the new version) and some end with an uninstall. Events leave in time order
// across all installations, but each batch is shuffled and a few events arrive batches late, as from a
// device that was offline: the server must not rely on order.
import { APPS, OPERATING_SYSTEMS, type OsName } from "../../db/seed-data";

export type EventKind = "install" | "uninstall" | "heartbeat";

/** One event as the API receives it (camelCase JSON). */
export interface WireEvent {
  id: string;
  installationNumber: string;
  kind: EventKind;
  occurredAt: string;
  app: string;
  appVersion: string;
  os: string;
  osVersion?: string;
  deviceModel?: string;
  deviceIdentifier?: string;
  account?: string;
}

export interface SimulationSpec {
  devices: number;
  /** Events to generate (fresh ones; re-sent batches come on top). */
  events: number;
  batch: number;
  /** Fraction of batches sent a second time, with the same ids. */
  duplicates: number;
  /** Fraction of events made invalid. */
  bad: number;
  /** Emails the devices belong to; none: every event is unattributed. */
  accounts: readonly string[];
  /** App names, each on every OS; none: the demo's apps for each OS. */
  apps: readonly string[];
  seed: string;
  /** Events are spread over the `days` days before `end`. */
  days: number;
  end: Date;
}

export interface PlannedBatch {
  /** 0, 1, 2…; a re-sent batch keeps the number of the batch it repeats. */
  sequence: number;
  events: WireEvent[];
  /** How many of `events` were made invalid (the server should reject exactly these). */
  invalid: number;
  resend: boolean;
}

const DAY = 86_400_000;

/** The default end of the window: the start of the current UTC day, so a seed replays within a day. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY) * DAY);
}

// ─── A seeded PRNG (sfc32, 128-bit state: generated UUIDs do not collide as they would with 32 bits) ───

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // cyrb128: four 32-bit hashes of the seed
    let h1 = 1779033703,
      h2 = 3144134277,
      h3 = 1013904242,
      h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
    this.b = (h2 ^ h1) >>> 0;
    this.c = (h3 ^ h1) >>> 0;
    this.d = (h4 ^ h1) >>> 0;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()]
      .map((word) => word.toString(16).padStart(8, "0"))
      .join("");
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ─── Devices and installations ────────────────────────────────────────────────────────────────────

interface Device {
  os: OsName;
  osVersion: string;
  model: string;
  identifier: string;
  account?: string;
}

interface SimulatedApp {
  name: string;
  /** Oldest first. */
  versions: readonly string[];
}

/** An installation's events, produced one at a time in time order. */
interface Installation {
  number: string;
  device: Device;
  app: SimulatedApp;
  version: number;
  /** The event index from which the heartbeats report the upgraded version (never, if undefined). */
  upgradeAt?: number;
  upgradeTo: number;
  endsWithUninstall: boolean;
  count: number;
  emitted: number;
  /** When its next event happens (ms), and when its window ends. */
  at: number;
  end: number;
}

const OS_WEIGHTS = (Object.keys(OPERATING_SYSTEMS) as OsName[]).map(
  (os) => [os, OPERATING_SYSTEMS[os].weight] as const,
);

function appsFor(os: OsName, names: readonly string[]): SimulatedApp[] {
  if (names.length > 0) return names.map((name) => ({ name, versions: ["1.0.0", "1.1.0", "1.2.0", "2.0.0"] }));
  return APPS.filter((app) => app.os === os).map((app) => ({
    name: app.name,
    versions: app.releases.map((release) => release.version),
  }));
}

function makeDevice(random: Random, accounts: readonly string[]): Device {
  const os = random.weighted(OS_WEIGHTS);
  const system = OPERATING_SYSTEMS[os];
  const uuid = random.uuid();
  return {
    os,
    osVersion: random.weighted(system.versions),
    model: random.pick(system.models),
    // What the OS gives an app: an Android ID (16 hex digits), elsewhere a vendor UUID or GUID.
    identifier: os === "Android" ? uuid.replaceAll("-", "").slice(0, 16) : uuid.toUpperCase(),
    // A few devices report no account (not signed in yet), so unattributed events happen even with --accounts.
    account: accounts.length > 0 && random.chance(0.95) ? random.pick(accounts) : undefined,
  };
}

function makeInstallations(random: Random, spec: SimulationSpec): Installation[] {
  const installations: Installation[] = [];
  for (let n = 0; n < spec.devices; n++) {
    const device = makeDevice(random, spec.accounts);
    const apps = random.shuffle(appsFor(device.os, spec.apps));
    const wanted = Math.min(
      apps.length,
      random.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ] as const),
    );
    for (const app of apps.slice(0, wanted)) {
      installations.push({
        number: random.uuid(),
        device,
        app,
        version: 0,
        upgradeTo: 0,
        endsWithUninstall: false,
        count: 0,
        emitted: 0,
        at: 0,
        end: spec.end.getTime(),
      });
    }
  }
  return random.shuffle(installations);
}

/** Shares `events` out over the installations (each gets its install event first) and sets their course. */
function scheduleInstallations(random: Random, installations: Installation[], spec: SimulationSpec): Installation[] {
  const used = installations.slice(0, Math.min(installations.length, spec.events));
  const end = spec.end.getTime();
  const start = end - spec.days * DAY;
  used.forEach((installation, index) => {
    installation.count = Math.floor(spec.events / used.length) + (index < spec.events % used.length ? 1 : 0);
    // Skewed towards the start of the window, so the installed base grows over it.
    installation.at = start + Math.floor(random.next() ** 2 * (end - start) * 0.9);
    const last = installation.app.versions.length - 1;
    installation.version = random.int(0, last);
    if (installation.version < last && installation.count > 2 && random.chance(0.6)) {
      installation.upgradeAt = random.int(1, installation.count - 1);
      installation.upgradeTo = random.int(installation.version + 1, last);
    }
    installation.endsWithUninstall = installation.count >= 2 && random.chance(0.1);
  });
  return used;
}

function eventOf(random: Random, installation: Installation): WireEvent {
  const { device, emitted, count } = installation;
  const kind: EventKind =
    emitted === 0 ? "install" : emitted === count - 1 && installation.endsWithUninstall ? "uninstall" : "heartbeat";
  const upgraded = installation.upgradeAt !== undefined && emitted >= installation.upgradeAt;
  const event: WireEvent = {
    id: random.uuid(),
    installationNumber: installation.number,
    kind,
    occurredAt: new Date(installation.at).toISOString(),
    app: installation.app.name,
    appVersion: installation.app.versions[upgraded ? installation.upgradeTo : installation.version]!,
    os: device.os,
    osVersion: device.osVersion,
    deviceModel: device.model,
    deviceIdentifier: device.identifier,
  };
  if (device.account) event.account = device.account;
  return event;
}

/** Moves the installation to its next event: the next of its remaining times, uniform over what is left. */
function advance(random: Random, installation: Installation): void {
  installation.emitted++;
  const remaining = installation.count - installation.emitted;
  if (remaining <= 0) return;
  // The smallest of `remaining` uniform times in (at, end]: the remaining order statistics, one at a time.
  const step = (installation.end - installation.at) * (1 - random.next() ** (1 / remaining));
  installation.at = Math.min(installation.end, installation.at + Math.max(1, Math.round(step)));
}

// ─── A min-heap of installations by the time of their next event ─────────────────────────────────

class Timeline {
  private heap: Installation[] = [];

  push(item: Installation): void {
    const heap = this.heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  pop(): Installation | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && heap[left]!.at < heap[least]!.at) least = left;
        if (right < heap.length && heap[right]!.at < heap[least]!.at) least = right;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i]!, heap[least]!];
        i = least;
      }
    }
    return top;
  }
}

/** Every fresh event, in time order across the installations (install first for each). */
export function* generateEvents(spec: SimulationSpec): Generator<WireEvent> {
  const random = new Random(`events:${spec.seed}`);
  const timeline = new Timeline();
  for (const installation of scheduleInstallations(random, makeInstallations(random, spec), spec)) {
    timeline.push(installation);
  }
  for (let installation = timeline.pop(); installation; installation = timeline.pop()) {
    yield eventOf(random, installation);
    advance(random, installation);
    if (installation.emitted < installation.count) timeline.push(installation);
  }
}

// ─── Invalid events ───────────────────────────────────────────────────────────────────────────────

/** Ways an event breaks the contract, each one the API must reject with a field error. */
const CORRUPTIONS: readonly ((event: WireEvent, end: Date) => Record<string, unknown>)[] = [
  (event) => ({ ...event, kind: "reinstall" }),
  (event) => ({ ...event, id: "not-a-uuid" }),
  (event) => ({ ...event, occurredAt: "9999-12-31T23:59:59Z" }),
  // More than 24 hours ahead, as the window ends no later than now.
  (event, end) => ({ ...event, occurredAt: new Date(end.getTime() + 3 * DAY).toISOString() }),
  (event) => ({ ...event, occurredAt: "yesterday" }),
  (event) => ({ ...event, deviceIdentifier: `${event.deviceIdentifier ?? "device"}\u0000\u0007` }),
  (event) => ({ ...event, installationNumber: "" }),
  ({ app: _app, ...event }) => event,
  // Last, and at most once per batch: ten of these would take a batch of 1,000 past the 1 MiB limit.
  (event) => ({ ...event, appVersion: "1.".padEnd(10_000, "0") }),
];

function corrupt(random: Random, event: WireEvent, end: Date, allowLong: boolean): WireEvent {
  const choices = allowLong ? CORRUPTIONS.length : CORRUPTIONS.length - 1;
  return CORRUPTIONS[Math.floor(random.next() * choices)]!(event, end) as unknown as WireEvent;
}

// ─── Batches ──────────────────────────────────────────────────────────────────────────────────────

/** The latest a held-back event arrives, in batches. */
const MAX_LATE_BATCHES = 5;

/**
 * The batches to send, in order: the fresh events in batches of `spec.batch` (shuffled; about 1% of events
 * held back a few batches, as from an offline device; `spec.bad` of them made invalid), and, for about
 * `spec.duplicates` of them, the same batch again zero to three batches later, as a client retrying after a
 * lost answer would (zero: the retry races the original when posting concurrently).
 */
export function* planBatches(spec: SimulationSpec): Generator<PlannedBatch> {
  const random = new Random(`batches:${spec.seed}`);
  const late: { due: number; event: WireEvent }[] = [];
  const resends: { due: number; batch: PlannedBatch }[] = [];
  let sequence = 0;
  const pending: WireEvent[] = [];

  function* flush(final: boolean): Generator<PlannedBatch> {
    while (pending.length >= spec.batch || (final && (pending.length > 0 || late.length > 0))) {
      for (let i = late.length - 1; i >= 0; i--) {
        if (late[i]!.due <= sequence || final) pending.push(late.splice(i, 1)[0]!.event);
      }
      const taken = pending.splice(0, spec.batch);
      const batch = makeBatch(random, spec, sequence, taken);
      yield batch;
      sequence++;
      if (random.chance(spec.duplicates)) resends.push({ due: sequence + random.int(0, 3), batch });
      for (let i = 0; i < resends.length; i++) {
        if (resends[i]!.due > sequence) continue;
        yield { ...resends[i]!.batch, resend: true };
        resends.splice(i--, 1);
      }
    }
  }

  for (const event of generateEvents(spec)) {
    if (random.chance(0.01)) late.push({ due: sequence + random.int(1, MAX_LATE_BATCHES), event });
    else pending.push(event);
    yield* flush(false);
  }
  yield* flush(true);
  for (const { batch } of resends) yield { ...batch, resend: true };
}

function makeBatch(random: Random, spec: SimulationSpec, sequence: number, events: WireEvent[]): PlannedBatch {
  let invalid = 0;
  let allowLong = true;
  const out = random.shuffle(events).map((event) => {
    if (!random.chance(spec.bad)) return event;
    invalid++;
    const bad = corrupt(random, event, spec.end, allowLong);
    if (bad.appVersion.length > 1000) allowLong = false;
    return bad;
  });
  return { sequence, events: out, invalid, resend: false };
}
