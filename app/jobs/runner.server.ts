// The job runner: work that outlives a request (a bulk run of 10,000 accounts) or runs on a clock (the
// purge sweep). On PostgreSQL it is pg-boss, a maintained queue kept in the database itself (schema
// `pgboss`): any number of servers may run it; each job goes to one of them, a job whose server dies is
// retried elsewhere, and the cron schedule fires once per period across all of them. The embedded
// database has one process by construction, so there the same handlers run in-process.
//
// The jobs themselves are safe to run twice or side by side: a bulk run resumes from its first pending
// account (app/bulk/process.server.ts), a purge erases an account only once, the access sweep sends
// each delegation reminder once and ends each delegation once (app/jobs/access-expiry.server.ts), and the
// retention sweep deletes a month's expired events once (app/jobs/telemetry-retention.server.ts).
import PgBoss from "pg-boss";
import { processBulkRun } from "~/bulk/process.server";
import { unfinishedBulkRuns } from "~/bulk/runs.server";
import { sweepAccess } from "./access-expiry.server";
import { sendPolicyNotices } from "./privacy-notice.server";
import { purgeDueAccounts } from "./purge-due.server";
import { sweepRetention } from "./telemetry-retention.server";

export const BULK_QUEUE = "bulk-run";
export const PURGE_QUEUE = "purge-sweep";

interface BulkJob {
  tenantId: string;
  runId: string;
}

export interface JobRunnerOptions {
  /** A PostgreSQL URL: jobs go through pg-boss there. Without one, they run in this process. */
  connectionString?: string;
  /** Minutes between purge sweeps; 0 turns the sweep off. */
  purgeSweepMinutes: number;
  /** Where the runner reports what it did and what failed (JSON lines on the console by default). */
  log?: (event: Record<string, unknown>) => void;
}

export interface JobRunner {
  kind: "pg-boss" | "in-process";
  /** Asks for the run to be carried out; answers once it is queued, not when it is done. */
  enqueueBulkRun(tenantId: string, runId: string): Promise<void>;
  stop(): Promise<void>;
}

const KEY = Symbol.for("glasshouse.jobRunner");
type Holder = { [KEY]?: JobRunner };
const holder = globalThis as Holder;

const defaultLog = (event: Record<string, unknown>) =>
  (event.error ? console.error : console.log)(JSON.stringify(event));

/** The cron expression for "every `minutes` minutes" (1…1440). */
export function everyMinutesCron(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new RangeError(`The purge sweep interval must be 1 to 1440 minutes, not ${minutes}.`);
  }
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  return hours >= 24 ? "0 3 * * *" : `0 */${hours} * * *`;
}

async function runBulk(job: BulkJob, log: NonNullable<JobRunnerOptions["log"]>): Promise<void> {
  const started = performance.now();
  const counts = await processBulkRun(job.tenantId, job.runId);
  log({ event: "bulk.run", ...job, ...counts, seconds: Math.round(performance.now() - started) / 1000 });
}

/**
 * The periodic sweep: purges whose grace period ended, privacy-policy notices not sent yet, then
 * delegation reminders and the delegations, requests and operator access the clock has ended, then raw
 * app events past their organisation's retention period (and the coming months' event partitions).
 */
async function sweepPurges(log: NonNullable<JobRunnerOptions["log"]>): Promise<void> {
  const sweep = await purgeDueAccounts();
  if (sweep.purged || sweep.refused.length) {
    log({ event: "purge.sweep", purged: sweep.purged, refused: sweep.refused.length });
  }
  const notices = await sendPolicyNotices();
  if (notices.queued) log({ event: "privacy.notices", version: notices.version, queued: notices.queued });
  const access = await sweepAccess();
  const { reminded, expired, lapsed, operatorAccessClosed, refused } = access;
  if (reminded.in14Days || reminded.in1Day || expired || lapsed || operatorAccessClosed || refused.length) {
    log({ event: "access.sweep", ...reminded, expired, lapsed, operatorAccessClosed, refused: refused.length });
  }
  const retention = await sweepRetention();
  if (retention.deletedEvents || retention.refused.length || retention.partitionsMade) {
    log({
      event: "retention.sweep",
      deletedEvents: retention.deletedEvents,
      accounts: retention.accounts,
      refused: retention.refused.length,
      partitionsMade: retention.partitionsMade,
    });
  }
}

async function startPgBoss(options: JobRunnerOptions & { connectionString: string }): Promise<JobRunner> {
  const log = options.log ?? defaultLog;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: "pgboss",
    application_name: "glasshouse-jobs",
    max: 4,
  });
  boss.on("error", (error) => log({ event: "jobs.error", error: String(error) }));
  await boss.start();
  // Retried with backoff if a server dies mid-run or the database blips; each retry resumes the run.
  await boss.createQueue(BULK_QUEUE, {
    name: BULK_QUEUE,
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInMinutes: 60,
  });
  await boss.work<BulkJob>(BULK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await runBulk(job.data, log);
  });
  if (options.purgeSweepMinutes > 0) {
    await boss.createQueue(PURGE_QUEUE, { name: PURGE_QUEUE, policy: "singleton", retryLimit: 2 });
    await boss.schedule(PURGE_QUEUE, everyMinutesCron(options.purgeSweepMinutes));
    await boss.work(PURGE_QUEUE, async () => sweepPurges(log));
  } else {
    await boss.unschedule(PURGE_QUEUE).catch(() => {});
  }
  return {
    kind: "pg-boss",
    async enqueueBulkRun(tenantId, runId) {
      // One job per run: asking twice (a resumed run) does not start a second one while the first waits.
      await boss.send(BULK_QUEUE, { tenantId, runId } satisfies BulkJob, { singletonKey: runId });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** The embedded database's runner: one run at a time, in this process, retried a few times on error. */
function startInProcess(options: JobRunnerOptions): JobRunner {
  const log = options.log ?? defaultLog;
  const pending: BulkJob[] = [];
  let working: Promise<void> | null = null;
  let stopped = false;

  async function drain() {
    while (!stopped && pending.length) {
      const job = pending.shift()!;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await runBulk(job, log);
          break;
        } catch (error) {
          log({ event: "bulk.run.error", ...job, attempt, error: String(error) });
          if (attempt >= 3 || stopped) break;
          await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
      }
    }
    working = null;
  }

  let sweeping = false;
  const timer =
    options.purgeSweepMinutes > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sweepPurges(log)
            .catch((error) => log({ event: "purge.sweep.error", error: String(error) }))
            .finally(() => (sweeping = false));
        }, options.purgeSweepMinutes * 60_000).unref()
      : null;

  return {
    kind: "in-process",
    async enqueueBulkRun(tenantId, runId) {
      if (stopped) throw new Error("The job runner has stopped.");
      if (!pending.some((job) => job.runId === runId)) pending.push({ tenantId, runId });
      working ??= drain();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await working;
    },
  };
}

/**
 * Starts the process's job runner (once; later calls answer the same one) and queues again every bulk run
 * that a stopped server left unfinished.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  if (holder[KEY]) return holder[KEY];
  const runner = options.connectionString
    ? await startPgBoss({ ...options, connectionString: options.connectionString })
    : startInProcess(options);
  holder[KEY] = runner;
  for (const run of await unfinishedBulkRuns()) await runner.enqueueBulkRun(run.tenantId, run.id);
  return runner;
}

export async function stopJobRunner(): Promise<void> {
  const runner = holder[KEY];
  holder[KEY] = undefined;
  await runner?.stop();
}

/** The running job runner; in a process that started none (a script, a test), an in-process one. */
export function jobRunner(): JobRunner {
  return (holder[KEY] ??= startInProcess({ purgeSweepMinutes: 0 }));
}
