// `npm run bench`: the speed goals of the policy engine and the audit trail, measured, not asserted.
// Runs under vite-node (the engine loads its Cedar files through Vite), against the PostgreSQL server of
// TEST_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test (scratch databases only).
import os from "node:os";
import { run as runActions } from "./actions";
import { run as runAuditVerify } from "./audit-verify";
import { run as runPolicy } from "./policy";

const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const wants = (name: string) => only.length === 0 || only.includes(name);
const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Glasshouse benchmarks — ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`,
);

if (wants("policy")) {
  const policy = await runPolicy();
  console.log(JSON.stringify(policy, null, 2));
}
if (wants("actions")) {
  const actions = await runActions();
  console.log(
    "Audited actions on PostgreSQL, one tenant (account.suspend, %d accounts, %d at a time)",
    actions.accounts,
    actions.concurrency,
  );
  console.log(`  same mutation, no policy or audit : ${fmt(actions.rawPerSecond)} /s`);
  console.log(`  through the action layer         : ${fmt(actions.auditedPerSecond)} /s`);
  console.log(`  ratio                             : ${fmt(actions.ratio, 2)}\n`);
}
if (wants("audit-verify")) {
  const verify = await runAuditVerify({ entries: 1_000_000, driver: "postgres" });
  console.log(JSON.stringify(verify, null, 2));
}
process.exit(0);
