// `npm run bench`: the speed goals of the policy engine, the audit trail and the console, measured, not
// asserted. Runs under vite-node (the engine loads its Cedar files through Vite), against the PostgreSQL server
// of TEST_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test (scratch databases only).
// `--explain` prints the plans of every console or app statistics query, not only of those that miss their
// goal; `ingest` takes `--events=N` and `--concurrency=N`, `apps` takes `--events=N`.
import os from "node:os";

const args = process.argv.slice(2);
const VALUED = ["--events", "--concurrency"];
const only = args.filter((arg, index) => !arg.startsWith("-") && !VALUED.includes(args[index - 1] ?? ""));
/** `--name=value` or `--name value`, as a positive whole number. */
function numberOption(name: string): number | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const text = args[index]!.includes("=") ? args[index]!.slice(name.length + 1) : args[index + 1];
  const value = Number(text?.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench: ${name} must be a positive whole number`);
  return value;
}
const wants = (name: string) => only.length === 0 || only.includes(name);
const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Glasshouse benchmarks — ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`,
);

if (wants("policy")) {
  const { run: runPolicy } = await import("./policy");
  const policy = await runPolicy();
  console.log(JSON.stringify(policy, null, 2));
}
if (wants("actions")) {
  const { run: runActions } = await import("./actions");
  const actions = await runActions();
  console.log(
    "Audited actions on PostgreSQL, one tenant (account.suspend, %d accounts, %d at a time)",
    actions.accounts,
    actions.concurrency,
  );
  console.log(`  same mutation, no policy or audit : ${fmt(actions.rawPerSecond)} /s`);
  console.log(`  through the action layer         : ${fmt(actions.auditedPerSecond)} /s`);
  console.log(`  ratio                             : ${fmt(actions.ratio, 2)}`);
  const share = ({ node, postgres }: { node: number; postgres: number | null }) =>
    `${fmt(node, 2)} ms this process, ${postgres === null ? "PostgreSQL not on this machine" : `${fmt(postgres, 2)} ms PostgreSQL`}`;
  console.log(`  CPU per action, bare mutation     : ${share(actions.cpuMsPerAction.raw)}`);
  console.log(`  CPU per action, action layer      : ${share(actions.cpuMsPerAction.audited)}\n`);
}
if (wants("access")) {
  const { run: runAccess, GOAL_MS: ACCESS_GOAL_MS } = await import("./access");
  const access = await runAccess();
  const line = (label: string, figures: { requests: number; p50Ms: number; p95Ms: number; meanMs: number }) =>
    `  ${label.padEnd(38)} ${String(figures.requests).padStart(5)} ${fmt(figures.p50Ms, 3).padStart(8)} ms ${fmt(figures.p95Ms, 3).padStart(8)} ms`;
  console.log(
    `Acting through a delegation (session → delegation → roles → decision; goal: adds ≤ ${ACCESS_GOAL_MS} ms)`,
  );
  console.log(`  ${"".padEnd(38)}     n      p50         p95`);
  console.log(line("helpdesk admin of the client", access.member));
  console.log(line("reseller staff through delegation", access.delegated));
  console.log(`  added: ${fmt(access.addedP50Ms, 3)} ms at p50, ${fmt(access.addedP95Ms, 3)} ms at p95\n`);
}
if (wants("audit-verify")) {
  const { run: runAuditVerify } = await import("./audit-verify");
  const verify = await runAuditVerify({ entries: 1_000_000, driver: "postgres" });
  console.log(JSON.stringify(verify, null, 2));
}
if (wants("console")) {
  const { run: runConsole, GOAL_MS, BULK_GOAL_SECONDS } = await import("./console");
  const result = await runConsole({ explain: process.argv.includes("--explain"), log: (line) => console.log(line) });
  const { seed, list, detail, bulk, machine } = result;
  const ms = (value: number) => `${fmt(value, 1)} ms`.padStart(9);
  const row = (label: string, figures: { requests: number; p50Ms: number; p95Ms: number; p99Ms: number }) =>
    `  ${label.padEnd(28)} ${String(figures.requests).padStart(4)} ${ms(figures.p50Ms)} ${ms(figures.p95Ms)} ${ms(figures.p99Ms)}`;
  console.log(
    `\nThe console on PostgreSQL: ${fmt(seed.accounts)} accounts in one organisation (${fmt(seed.otherTenantAccounts)} in ` +
      `another), ${fmt(seed.installEvents)} install events, ${fmt(seed.auditEntries)} audit entries; seeded in ${fmt(seed.seconds, 1)} s`,
  );
  console.log(
    `  load per core ${fmt(machine.loadPerCoreBefore, 2)} before, ${fmt(machine.loadPerCoreAfter, 2)} after (${machine.cpus} cores)`,
  );
  console.log(
    `  search indexes on accounts: ${result.accountIndexes.filter((index) => /gin|trgm/i.test(index)).length || "none"}`,
  );
  console.log(`\n  accounts list (goal: p95 ≤ ${GOAL_MS} ms)   n       p50       p95       p99   rows`);
  for (const kind of list.kinds) {
    console.log(
      `${row(kind.kind, kind)}   ${String(kind.rows).padStart(4)}${kind.rowsMatch ? "" : "  (rows ignore part of the query)"}`,
    );
  }
  console.log(row("all", list.overall));
  console.log(`\n  account page (goal: p95 ≤ ${GOAL_MS} ms)`);
  console.log(row(`${detail.accounts} accounts`, detail));
  console.log(
    `  (on average ${fmt(detail.meanInstallations, 1)} apps and ${fmt(detail.meanAuditEntries, 1)} audit entries shown)`,
  );
  const { purgeSearch } = result;
  console.log(
    `\n  a purge's search of the trail for entries naming the person (${fmt(purgeSearch.trailEntries)} entries, no goal)`,
  );
  console.log(row(`${purgeSearch.requests} accounts`, purgeSearch));
  console.log(`  (on average ${fmt(purgeSearch.meanEntriesFound, 1)} entries found per person)`);
  // Each statement's plan once (the managers' query, say, is the same in every kind).
  const shown = new Set<string>();
  for (const explained of result.plans) {
    const inDatabase = explained.statements.reduce((sum, statement) => sum + statement.executionMs, 0);
    console.log(
      `\n  ${explained.kind}: one request took ${fmt(explained.requestMs, 1)} ms and sent ${explained.sent} statements besides BEGIN and COMMIT; ` +
        `its ${explained.statements.length} reads take ${fmt(inDatabase, 1)} ms in PostgreSQL, the slowest:`,
    );
    for (const statement of explained.statements.filter((entry) => entry.executionMs >= 1).slice(0, 4)) {
      console.log(`    ${fmt(statement.executionMs, 2)} ms  ${statement.query.replace(/\s+/g, " ").slice(0, 150)}`);
    }
    for (const statement of explained.statements.filter((entry) => entry.executionMs >= 5)) {
      const key = `${statement.query}\n${JSON.stringify(statement.params)}`;
      if (shown.has(key)) continue;
      shown.add(key);
      console.log(`\n    ${statement.query}\n    params: ${JSON.stringify(statement.params)}`);
      console.log(statement.plan.replace(/^/gm, "      "));
    }
  }
  console.log(`\n  bulk suspend (goal: ≤ ${BULK_GOAL_SECONDS} s for 10,000)`);
  if (bulk.status === "done") {
    console.log(
      `  ${fmt(bulk.accounts)} accounts in ${fmt(bulk.seconds ?? 0, 2)} s = ${fmt(bulk.accountsPerSecond ?? 0)} /s ` +
        `(bulk.start ${fmt(bulk.startSeconds ?? 0, 2)} s): ${bulk.succeeded} succeeded, ${bulk.refused} refused, ${bulk.failed} failed`,
    );
    console.log(
      `  the selection held ${bulk.selection.held} accounts under legal hold, the admin's own, and ${bulk.selection.alreadySuspended} ` +
        `already suspended; afterwards ${bulk.check?.suspendedAfter} were suspended and ${bulk.check?.auditEntriesAdded} audit entries written`,
    );
  } else {
    console.log(`  not run: ${bulk.note}`);
  }
  console.log("");
}
if (wants("ingest")) {
  const { run: runIngest, GOAL_RATIO, GOAL_EVENTS_PER_SECOND } = await import("./ingest");
  console.log("Ingestion on PostgreSQL: COPY against the events API over HTTP, batches of 1,000");
  const ingest = await runIngest({
    events: numberOption("--events"),
    concurrency: numberOption("--concurrency"),
    log: (line) => console.log(line),
  });
  const { copy, http } = ingest;
  const ms = (value: number) => `${fmt(value, 1)} ms`.padStart(10);
  const rate = (label: string, figures: typeof copy) =>
    `  ${label.padEnd(34)} ${fmt(figures.events).padStart(9)} in ${fmt(figures.seconds, 2).padStart(6)} s = ` +
    `${fmt(figures.eventsPerSecond).padStart(7)} /s   p50 ${ms(figures.p50Ms)}   p95 ${ms(figures.p95Ms)}`;
  console.log(rate("COPY, one connection", copy));
  console.log(rate(`HTTP, ${http.concurrency} requests in flight`, http));
  console.log(
    `  ratio ${fmt(ingest.ratio * 100, 1)}% (goal ≥ ${GOAL_RATIO * 100}%), HTTP ${fmt(http.eventsPerSecond)} /s ` +
      `(goal ≥ ${fmt(GOAL_EVENTS_PER_SECOND)} /s): ${ingest.ratio >= GOAL_RATIO && http.eventsPerSecond >= GOAL_EVENTS_PER_SECOND ? "met" : "MISSED"}`,
  );
  const { node, postgres } = http.cpuMsPerThousand;
  console.log(
    `  CPU per 1,000 events over HTTP: ${fmt(node ?? Number.NaN, 1)} ms this process (server and load generator), ` +
      `${postgres === null ? "PostgreSQL not on this machine" : `${fmt(postgres, 1)} ms PostgreSQL`}`,
  );
  console.log(
    `  answers: ${fmt(http.accepted)} accepted, ${fmt(http.duplicates)} duplicates, ${fmt(http.rejected)} rejected, ` +
      `${fmt(http.throttled)} 429s (key rate ${fmt(ingest.keyRate)} /s), ${fmt(http.failedBatches)} batches given up`,
  );
  for (const reason of http.reasons) console.log(`    ${reason}`);
  console.log(
    `  load per core ${fmt(ingest.loadPerCore.before, 2)} before, ${fmt(ingest.loadPerCore.after, 2)} after (above ~0.5 the figures are skewed)`,
  );
  console.log(
    `  stored: ${fmt(ingest.stored.events)} events, ${fmt(ingest.stored.installations)} installations, ${fmt(ingest.stored.devices)} devices\n`,
  );
}
if (wants("apps")) {
  const { run: runApps, GOAL_MS: APPS_GOAL_MS } = await import("./apps");
  const apps = await runApps({
    events: numberOption("--events"),
    explain: process.argv.includes("--explain"),
    log: (line) => console.log(line),
  });
  const { seed, machine } = apps;
  const ms = (value: number) => `${fmt(value, 1)} ms`.padStart(9);
  const load = (values: number[]) => values.map((value) => fmt(value, 2)).join(" ");
  console.log(
    `\nThe app statistics page on PostgreSQL: ${fmt(seed.events)} install events, ${fmt(seed.installations)} installations, ` +
      `${fmt(seed.devices)} devices, ${fmt(seed.rollupRows)} rollup rows in one organisation of ${fmt(seed.accounts)} accounts ` +
      `(${fmt(seed.otherTenantAccounts)} in another)`,
  );
  console.log(
    `  seeded in ${fmt(seed.seconds, 1)} s, rollups in ${fmt(seed.rollupSeconds, 1)} s, vacuum analyze in ${fmt(seed.analyzeSeconds, 1)} s`,
  );
  console.log(
    `  load average ${load(machine.loadBefore)} before, ${load(machine.loadAfter)} after (${machine.cpus} cores)`,
  );
  console.log(
    `\n  loader (goal: p95 ≤ ${APPS_GOAL_MS} ms)           n       p50       p95       p99       max  goal  ` +
      `  access alone p50/p95  queries alone p50/p95`,
  );
  for (const entry of apps.cases) {
    console.log(
      `  ${entry.name.padEnd(33)} ${String(entry.requests).padStart(4)} ${ms(entry.p50Ms)} ${ms(entry.p95Ms)} ${ms(entry.p99Ms)} ` +
        `${ms(entry.maxMs)}  ${entry.met ? "met   " : "MISSED"}  ${ms(entry.access.p50Ms)} ${ms(entry.access.p95Ms)}  ` +
        `  ${ms(entry.queries.p50Ms)} ${ms(entry.queries.p95Ms)}`,
    );
  }
  console.log("\n  what each case showed");
  for (const { name, query, shown } of apps.cases) {
    console.log(
      `  ${name.padEnd(33)} ${shown.app ?? "no app"}: ${fmt(shown.active)} active, ${fmt(shown.installs)} installs over ` +
        `${shown.days} days${shown.reports === null ? "" : `, ${shown.reports} reports`}  (?${query})`,
    );
  }
  for (const explained of apps.plans) {
    const reads = explained.statements.reduce((sum, statement) => sum + statement.executionMs, 0);
    console.log(
      `\n  ${explained.name}: one request took ${fmt(explained.requestMs, 1)} ms and sent ${explained.sent} statements besides ` +
        `BEGIN and COMMIT; its ${explained.statements.length} reads take ${fmt(reads, 1)} ms in PostgreSQL, the slowest:`,
    );
    const oneLine = (statement: { executionMs: number; query: string }) =>
      `    ${fmt(statement.executionMs, 2).padStart(6)} ms  ${statement.query.replace(/\s+/g, " ").slice(0, 150)}`;
    for (const statement of explained.statements.slice(0, 4)) console.log(oneLine(statement));
    const statsMs = explained.stats.reduce((sum, statement) => sum + statement.executionMs, 0);
    console.log(`  its statistics queries alone (loadAppStats), ${fmt(statsMs, 1)} ms in PostgreSQL:`);
    for (const statement of explained.stats) console.log(oneLine(statement));
    // Plans of the slowest statistics query and of any statement of 5 ms or more.
    const slow = [
      ...explained.stats.slice(0, 1),
      ...explained.statements.filter((statement) => statement.executionMs >= 5),
    ].filter((statement, index, all) => all.findIndex((other) => other.query === statement.query) === index);
    for (const statement of slow) {
      console.log(`\n    ${statement.query}\n    params: ${JSON.stringify(statement.params)}`);
      console.log(statement.plan.replace(/^/gm, "      "));
    }
  }
  console.log("");
}
process.exit(0);
