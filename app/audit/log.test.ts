// Reading the log: filters, keyset paging newest-first, and the export encodings.
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { withTenant } from "~db/tenant-scope";
import { tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import { csvHeader, listAuditEntries, toCsvLine, toJsonLine, type AuditFilters } from "./log.server";
import { appendAuditEntry } from "./trail.server";

const database = setupTestDatabase();
let acme: { id: string };
let globex: { id: string };
let alice: { id: string };

function list(filters: AuditFilters, options: { beforeSeq?: number; limit?: number; timeZone?: string } = {}) {
  return tenantScope(acme.id, (tx) =>
    listAuditEntries(tx, acme.id, filters, { limit: 10, timeZone: "Europe/London", ...options }),
  );
}

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme" });
  globex = await createOrganisation(db, { slug: "globex" });
  const dana = await createAccount(db, { tenantId: acme.id, email: "dana@acme.example", displayName: "Dana Okafor" });
  alice = await createAccount(db, { tenantId: acme.id, email: "alice@acme.example", displayName: "Alice Ng" });
  const bob = await createAccount(db, { tenantId: acme.id, email: "bob@acme.example", displayName: "Bob Lindqvist" });
  const actors = [
    { accountId: dana.id, tenantId: acme.id, name: "Dana Okafor", role: "domain_admin" },
    { accountId: bob.id, tenantId: acme.id, name: "Bob Lindqvist", role: "helpdesk_admin" },
  ];
  for (let i = 0; i < 25; i++) {
    await withTenant(db, acme.id, (tx) =>
      appendAuditEntry(tx, {
        tenantId: acme.id,
        actor: actors[i % 2]!,
        action: i % 5 === 0 ? "account.suspend" : "account.revokeSessions",
        outcome: i % 3 === 0 ? "denied" : "allowed",
        subjectAccountId: i % 2 === 0 ? alice.id : null,
        reason: i === 4 ? '=HYPERLINK("http://evil.example"), "quoted"' : `ticket ${i}`,
        policyIds: ["role.domain-admin"],
        sentence: "Allowed.",
      }),
    );
  }
  await withTenant(db, globex.id, (tx) =>
    appendAuditEntry(tx, { tenantId: globex.id, actor: null, action: "account.suspend", outcome: "allowed" }),
  );
});

describe("listing the audit log", () => {
  it("pages newest first by seq without gaps or repeats", async () => {
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await list({}, { beforeSeq });
      seen.push(...page.rows.map((row) => row.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => 25 - index));
  });

  it("filters by actor, action, outcome and affected account", async () => {
    const byActor = await list({ actor: "bob" }, { limit: 100 });
    expect(byActor.rows).toHaveLength(12);
    expect(new Set(byActor.rows.map((row) => row.actorName))).toEqual(new Set(["Bob Lindqvist"]));
    const byAction = await list({ action: "account.suspend" }, { limit: 100 });
    expect(byAction.rows.map((row) => row.seq)).toEqual([21, 16, 11, 6, 1]);
    const denied = await list({ outcome: "denied" }, { limit: 100 });
    expect(denied.rows).toHaveLength(9);
    const aboutAlice = await list({ subject: "alice@acme" }, { limit: 100 });
    expect(aboutAlice.rows).toHaveLength(13);
    expect(aboutAlice.rows[0]!.subjectName).toBe("Alice Ng");
  });

  it("filters by dates in the reader's time zone", async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await list({ from: today, to: today }, { limit: 100, timeZone: "UTC" })).rows).toHaveLength(25);
    expect((await list({ to: "2020-01-01" }, { limit: 100 })).rows).toHaveLength(0);
    expect((await list({ from: "2999-01-01" }, { limit: 100 })).rows).toHaveLength(0);
  });

  it("never shows another tenant's entries", async () => {
    const page = await list({}, { limit: 100 });
    expect(page.rows.every((row) => row.seq <= 25)).toBe(true);
    expect(page.rows).toHaveLength(25);
  });
});

describe("exporting the log", () => {
  it("writes CSV that a spreadsheet will not run as a formula, quoting what needs it", async () => {
    const [row] = (await list({ actor: "dana" }, { limit: 100 })).rows.filter((entry) => entry.seq === 5);
    const line = toCsvLine(row!);
    expect(csvHeader().startsWith("seq,occurredAt,actorName")).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example""), ""quoted"""`);
    expect(line.endsWith("\r\n")).toBe(true);
  });

  it("writes one JSON object per line with the entry's hash", async () => {
    const [row] = (await list({}, { limit: 1 })).rows;
    const parsed = JSON.parse(toJsonLine(row!)) as Record<string, unknown>;
    expect(parsed).toMatchObject({ seq: 25, hash: row!.hash, prevHash: row!.prevHash });
  });
});
