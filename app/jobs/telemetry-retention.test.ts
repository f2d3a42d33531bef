// Retention of raw app events on a real database with a fake clock: the sweep deletes what is older than
// the start of the month `event_retention_months` back and keeps the rest, the rollups and installations;
// a legal hold on an account (or on the whole organisation) keeps its events until it is released, and the
// refusal is in the trail once; every deletion is an audit entry with its count; a second sweep finds
// nothing to do. And the setting itself: a domain admin changes it in Settings, within 1 to 120 months.
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, isNull, like, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  appInstallations,
  auditEntries,
  installDailyRollups,
  installEvents,
  legalHoldAccounts,
  legalHolds,
  organisations,
  type AdminRole,
} from "~db/schema";
import { queryRows } from "~db/client";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { systemActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/t.$tenant.settings";
import { confirmFactorNow } from "~/testing/actors";
import { formRequest, getRequest, setupTestDatabase, signInCookie, testContext, unwrapData } from "~/testing/harness";
import { sweepRetention } from "./telemetry-retention.server";

const database = setupTestDatabase();
const db = () => database.current.db;

/** The fake "now": with the default 13 months, events from before 1 January 2026 are past retention. */
const NOW = new Date("2027-02-10T09:00:00Z");
const CUTOFF = new Date("2026-01-01T00:00:00Z");
const SECOND = 1000;
const at = (iso: string) => new Date(iso);

/** Sweeps as if the clock read `now`: the sweep's own `now`, and the one each action it performs reads. */
function sweepAt(now: Date, options?: { batch: number }) {
  vi.setSystemTime(now);
  return sweepRetention(now, options);
}

let serial = 0;

async function newOrganisation() {
  serial += 1;
  const organisation = await createOrganisation(db(), { slug: `retention-${serial}`, name: `Acme ${serial}` });
  const dana = await newPerson(organisation.id, "Dana Admin", ["domain_admin"]);
  return { ...organisation, dana };
}

async function newPerson(tenantId: string, displayName: string, roles: AdminRole[] = []) {
  serial += 1;
  const email = `${displayName.split(" ")[0]!.toLowerCase()}${serial}@example.test`;
  const { id } = await createAccount(db(), { tenantId, email, displayName, roles, password: PASSWORD });
  return { id, email, name: displayName };
}

const PASSWORD = "correct horse battery staple";

/** Heartbeats of `accountId` (null: unattributed) at each of `times`, written as the events API stores them. */
async function insertEvents(tenantId: string, accountId: string | null, times: Date[]) {
  await db()
    .insert(installEvents)
    .values(
      times.map((occurredAt) => ({
        tenantId,
        occurredAt,
        id: randomUUID(),
        installationNumber: `inst-${accountId ?? "anon"}`,
        kind: "heartbeat" as const,
        accountId,
        accountRef: accountId ? null : "someone@elsewhere.example",
        app: "Mail",
        appVersion: "4.2.0",
        os: "iOS",
      })),
    );
}

/** The times of the events left, per account (and "unattributed"), oldest first, as ISO strings. */
async function eventsLeft(tenantId: string) {
  const rows = await db()
    .select({ accountId: installEvents.accountId, occurredAt: installEvents.occurredAt })
    .from(installEvents)
    .where(eq(installEvents.tenantId, tenantId))
    .orderBy(asc(installEvents.occurredAt));
  const left: Record<string, string[]> = {};
  for (const row of rows) (left[row.accountId ?? "unattributed"] ??= []).push(row.occurredAt.toISOString());
  return left;
}

/** The retention entries of the tenant's trail, in order. */
async function retentionEntries(tenantId: string) {
  return db()
    .select({
      action: auditEntries.action,
      outcome: auditEntries.outcome,
      subject: auditEntries.subjectAccountId,
      reason: auditEntries.reason,
      policyIds: auditEntries.policyIds,
      sentence: auditEntries.sentence,
      changes: auditEntries.changes,
    })
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, tenantId), like(auditEntries.action, "retention.%")))
    .orderBy(asc(auditEntries.seq));
}

async function placeHold(tenantId: string, placedBy: string, name: string, accountIds: string[] | "organisation") {
  const [hold] = await db()
    .insert(legalHolds)
    .values({
      tenantId,
      name,
      scope: accountIds === "organisation" ? "organisation" : "accounts",
      createdBy: placedBy,
      createdAt: at("2026-10-01T08:00:00Z"),
    })
    .returning({ id: legalHolds.id });
  if (accountIds !== "organisation") {
    await db()
      .insert(legalHoldAccounts)
      .values(accountIds.map((accountId) => ({ tenantId, holdId: hold!.id, accountId, addedBy: placedBy })));
  }
  return hold!.id;
}

async function releaseHold(tenantId: string, holdId: string, releasedBy: string) {
  await db()
    .update(legalHolds)
    .set({ releasedAt: new Date(), releasedBy, releaseReason: "Matter closed" })
    .where(and(eq(legalHolds.tenantId, tenantId), eq(legalHolds.id, holdId)));
}

const OLD = [at("2025-06-30T12:00:00Z"), at("2025-12-31T23:59:59Z")];
const KEPT = [CUTOFF, at("2026-09-01T10:00:00Z")];

describe("the retention sweep", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });

  afterEach(async () => {
    vi.useRealTimers();
    // Each test's sweeps count only its own events.
    await db().delete(installEvents);
  });

  it("deletes events from before the month the period starts, keeps the rest, the rollups and installations", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    const bob = await newPerson(acme.id, "Bob Lindqvist");
    await insertEvents(acme.id, alice.id, [...OLD, ...KEPT]);
    await insertEvents(acme.id, bob.id, [at("2024-12-01T00:00:00Z")]);
    await insertEvents(acme.id, null, [...OLD, at("2026-01-01T00:00:01Z")]);
    await db().insert(installDailyRollups).values({
      tenantId: acme.id,
      day: "2025-06-30",
      app: "Mail",
      appVersion: "4.2.0",
      os: "iOS",
      heartbeats: 1,
    });
    await db()
      .insert(appInstallations)
      .values({
        tenantId: acme.id,
        installationNumber: `inst-${alice.id}`,
        accountId: alice.id,
        app: "Mail",
        appVersion: "4.2.0",
        os: "iOS",
        firstSeenAt: OLD[0]!,
        lastSeenAt: KEPT[1]!,
      });

    const sweep = await sweepAt(NOW);

    expect(await eventsLeft(acme.id)).toEqual({
      [alice.id]: KEPT.map((time) => time.toISOString()),
      unattributed: ["2026-01-01T00:00:01.000Z"],
    });
    expect(sweep).toMatchObject({ deletedEvents: 2 + 1 + 2, accounts: 2, refused: [] });
    const [rollup] = await db()
      .select({ heartbeats: installDailyRollups.heartbeats })
      .from(installDailyRollups)
      .where(eq(installDailyRollups.tenantId, acme.id));
    expect(rollup).toEqual({ heartbeats: 1 });
    const [installations] = await db()
      .select({ n: count() })
      .from(appInstallations)
      .where(eq(appInstallations.tenantId, acme.id));
    expect(installations!.n).toBe(1);
  });

  it("records each deletion as the system's audited action, with how many events and from before when", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    await insertEvents(acme.id, alice.id, [...OLD, ...KEPT]);
    await insertEvents(acme.id, null, OLD.slice(0, 1));

    await sweepAt(NOW);

    const reason = "Raw app events from before 2026-01-01 are past the organisation's retention period.";
    expect(await retentionEntries(acme.id)).toEqual([
      expect.objectContaining({
        action: "retention.deleteEvents",
        outcome: "allowed",
        subject: alice.id,
        sentence: "Allowed: Glasshouse (event retention) is a domain admin of this organisation.",
        reason,
        policyIds: ["role.domain-admin"],
        changes: { before: null, after: { deletedEvents: 2, occurredBefore: CUTOFF.toISOString() } },
      }),
      expect.objectContaining({
        action: "retention.deleteUnattributedEvents",
        outcome: "allowed",
        subject: null,
        reason,
        changes: { before: null, after: { deletedEvents: 1, occurredBefore: CUTOFF.toISOString() } },
      }),
    ]);
  });

  it("deletes a large backlog in short transactions, each its own entry, until nothing past the period is left", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    const backlog = [at("2024-03-05T08:00:00Z"), at("2024-11-20T08:00:00Z"), ...OLD];
    await insertEvents(acme.id, alice.id, [...backlog, ...KEPT]);
    await insertEvents(acme.id, null, backlog.slice(0, 3));

    const sweep = await sweepAt(NOW, { batch: 2 });

    expect(sweep).toMatchObject({ deletedEvents: 7, accounts: 1, refused: [] });
    expect(await eventsLeft(acme.id)).toEqual({ [alice.id]: KEPT.map((time) => time.toISOString()) });
    const deletions = (await retentionEntries(acme.id)).map((entry) => [
      entry.action,
      (entry.changes as { after: { deletedEvents: number } }).after.deletedEvents,
    ]);
    expect(deletions).toEqual([
      ["retention.deleteEvents", 2],
      ["retention.deleteEvents", 2],
      ["retention.deleteUnattributedEvents", 2],
      ["retention.deleteUnattributedEvents", 1],
    ]);
  });

  it("deletes nothing more and writes no entry on a second sweep, that day or later that month", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    await insertEvents(acme.id, alice.id, [...OLD, ...KEPT]);
    await insertEvents(acme.id, null, OLD);
    await sweepAt(NOW);
    const entries = await retentionEntries(acme.id);
    const left = await eventsLeft(acme.id);

    for (const later of [new Date(NOW.getTime() + SECOND), at("2027-02-28T23:59:59Z")]) {
      const sweep = await sweepAt(later);
      expect(sweep).toMatchObject({ deletedEvents: 0, accounts: 0, refused: [] });
    }
    expect(await retentionEntries(acme.id)).toEqual(entries);
    expect(await eventsLeft(acme.id)).toEqual(left);

    // A month on, the period has moved by a month: January 2026's events go, and no others.
    await sweepAt(at("2027-03-01T00:00:00Z"));
    expect(await eventsLeft(acme.id)).toEqual({ [alice.id]: [KEPT[1]!.toISOString()] });
  });

  it("keeps every event of an account under legal hold, records the refusal once, and deletes after release", async () => {
    const acme = await newOrganisation();
    const hank = await newPerson(acme.id, "Hank Ito");
    const alice = await newPerson(acme.id, "Alice Ng");
    await insertEvents(acme.id, hank.id, [...OLD, ...KEPT]);
    await insertEvents(acme.id, alice.id, OLD);
    const holdId = await placeHold(acme.id, acme.dana.id, "Matter 2026-14", [hank.id]);

    const held = await sweepAt(NOW);
    expect(await eventsLeft(acme.id)).toEqual({ [hank.id]: [...OLD, ...KEPT].map((time) => time.toISOString()) });
    expect(held.refused).toEqual([
      {
        tenantId: acme.id,
        action: "retention.deleteEvents",
        id: hank.id,
        why: "Blocked: Hank Ito's account is under legal hold 'Matter 2026-14', placed by Dana Admin on 1 Oct 2026.",
      },
    ]);
    const refusal = expect.objectContaining({
      action: "retention.deleteEvents",
      outcome: "denied",
      subject: hank.id,
      policyIds: ["legal-hold.nothing-deleted"],
      reason: "Raw app events from before 2026-01-01 are past the organisation's retention period.",
    });
    const aliceDeleted = expect.objectContaining({ outcome: "allowed", subject: alice.id });
    const entries = await retentionEntries(acme.id);
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(expect.arrayContaining([aliceDeleted, refusal]));

    // Still held: the refusal is not recorded again.
    expect((await sweepAt(new Date(NOW.getTime() + 60 * SECOND))).refused).toEqual([]);
    expect(await retentionEntries(acme.id)).toHaveLength(2);

    await releaseHold(acme.id, holdId, acme.dana.id);
    const released = await sweepAt(new Date(NOW.getTime() + 120 * SECOND));
    expect(released).toMatchObject({ deletedEvents: 2, accounts: 1, refused: [] });
    expect(await eventsLeft(acme.id)).toEqual({ [hank.id]: KEPT.map((time) => time.toISOString()) });
    expect(await retentionEntries(acme.id)).toEqual([
      ...entries,
      expect.objectContaining({
        outcome: "allowed",
        subject: hank.id,
        changes: { before: null, after: { deletedEvents: 2, occurredBefore: CUTOFF.toISOString() } },
      }),
    ]);
  });

  it("keeps unattributed events of an installation that belongs to someone under a legal hold", async () => {
    const acme = await newOrganisation();
    const hank = await newPerson(acme.id, "Hank Ito");
    // Hank's installation; its app sometimes reported without naming him.
    await db().insert(appInstallations).values({
      tenantId: acme.id,
      installationNumber: "hank-phone",
      accountId: hank.id,
      app: "Mail",
      appVersion: "4.2.0",
      os: "iOS",
      firstSeenAt: OLD[0]!,
      lastSeenAt: KEPT[0]!,
    });
    await db()
      .insert(installEvents)
      .values(
        OLD.map((occurredAt) => ({
          tenantId: acme.id,
          occurredAt,
          id: randomUUID(),
          installationNumber: "hank-phone",
          kind: "heartbeat" as const,
          accountId: null,
          app: "Mail",
          appVersion: "4.2.0",
          os: "iOS",
        })),
      );
    await insertEvents(acme.id, null, OLD);
    const holdId = await placeHold(acme.id, acme.dana.id, "Matter 2026-15", [hank.id]);

    await sweepAt(NOW);
    const left = await db()
      .select({ installationNumber: installEvents.installationNumber })
      .from(installEvents)
      .where(eq(installEvents.tenantId, acme.id));
    expect(left.map((row) => row.installationNumber)).toEqual(OLD.map(() => "hank-phone"));
    // While the hold lasts, later sweeps find nothing more to do and write nothing.
    const entries = await retentionEntries(acme.id);
    await sweepAt(new Date(NOW.getTime() + 30 * SECOND));
    expect(await retentionEntries(acme.id)).toEqual(entries);

    await releaseHold(acme.id, holdId, acme.dana.id);
    await sweepAt(new Date(NOW.getTime() + 60 * SECOND));
    expect(await eventsLeft(acme.id)).toEqual({});
  });

  it("keeps unattributed events, and every account's, while the whole organisation is held", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    await insertEvents(acme.id, alice.id, OLD);
    await insertEvents(acme.id, null, OLD);
    const holdId = await placeHold(acme.id, acme.dana.id, "Regulator inquiry", "organisation");

    const held = await sweepAt(NOW);
    expect(held.deletedEvents).toBe(0);
    expect(held.refused.map((refusal) => [refusal.action, refusal.why])).toEqual([
      [
        "retention.deleteEvents",
        "Blocked: Alice Ng's account is under legal hold 'Regulator inquiry', placed by Dana Admin on 1 Oct 2026.",
      ],
      [
        "retention.deleteUnattributedEvents",
        `Blocked: ${acme.name} is under legal hold 'Regulator inquiry' as a whole, placed by Dana Admin on 1 Oct 2026.`,
      ],
    ]);
    const [unattributed] = await db()
      .select({ n: count() })
      .from(installEvents)
      .where(and(eq(installEvents.tenantId, acme.id), isNull(installEvents.accountId)));
    expect(unattributed!.n).toBe(2);
    expect((await sweepAt(new Date(NOW.getTime() + SECOND))).refused).toEqual([]);
    expect(await retentionEntries(acme.id)).toHaveLength(2);

    await releaseHold(acme.id, holdId, acme.dana.id);
    expect((await sweepAt(new Date(NOW.getTime() + 2 * SECOND))).deletedEvents).toBe(4);
    expect(await eventsLeft(acme.id)).toEqual({});
  });

  it("follows each organisation's own period, a whole number of months back from the start of this one", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    await db().update(organisations).set({ eventRetentionMonths: 1 }).where(eq(organisations.id, acme.id));
    await insertEvents(acme.id, alice.id, [at("2026-12-31T23:59:59Z"), at("2027-01-01T00:00:00Z")]);

    await sweepAt(NOW);

    expect(await eventsLeft(acme.id)).toEqual({ [alice.id]: ["2027-01-01T00:00:00.000Z"] });
  });

  it("refuses to delete, for anyone asking, events within the period", async () => {
    const acme = await newOrganisation();
    const alice = await newPerson(acme.id, "Alice Ng");
    await insertEvents(acme.id, alice.id, KEPT);
    vi.setSystemTime(NOW);

    const result = await performAction(systemActor(acme.id, "Glasshouse (event retention)"), "retention.deleteEvents", {
      accountId: alice.id,
      before: "2026-02-01",
    });

    expect(result).toMatchObject({
      ok: false,
      kind: "failed",
      field: "before",
      message: "Events from 2026-02-01 are within the retention period of 13 months.",
    });
    expect(await eventsLeft(acme.id)).toEqual({ [alice.id]: KEPT.map((time) => time.toISOString()) });
  });

  it("makes the partitions of this month and the next three, once", async () => {
    const later = at("2031-06-15T12:00:00Z");
    const partition = async (name: string) => {
      const [row] = await queryRows<{ name: string | null }>(db(), sql`select to_regclass(${name})::text as name`);
      return row!.name;
    };
    expect(await partition("install_events_2031_06")).toBeNull();

    expect((await sweepAt(later)).partitionsMade).toBe(4);
    for (const month of ["2031_06", "2031_07", "2031_08", "2031_09"]) {
      expect(await partition(`install_events_${month}`)).toBe(`install_events_${month}`);
    }
    expect(await partition("install_events_2031_10")).toBeNull();
    expect((await sweepAt(later)).partitionsMade).toBe(0);
  });
});

// ─── The setting ──────────────────────────────────────────────────────────────────────────────────

type SettingsAnswer = {
  intent: string;
  message: string | null;
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

describe("the retention setting", () => {
  async function signedInAdmin() {
    const acme = await newOrganisation();
    const cookie = await signInCookie(acme.dana.email, PASSWORD);
    await confirmFactorNow(db(), cookie);
    return { ...acme, cookie };
  }

  function post(acme: { slug: string; cookie: string }, fields: Record<string, string>) {
    return settingsAction({
      request: formRequest(`/t/${acme.slug}/settings`, { intent: "retention", ...fields }, acme.cookie),
      params: { tenant: acme.slug },
      context: testContext,
    }).then((result) => unwrapData<SettingsAnswer>(result));
  }

  async function storedMonths(tenantId: string) {
    const [row] = await db()
      .select({ months: organisations.eventRetentionMonths })
      .from(organisations)
      .where(eq(organisations.id, tenantId));
    return row!.months;
  }

  it("is shown to a domain admin and changed with a reason, as an audited setting", async () => {
    const acme = await signedInAdmin();
    const page = unwrapData<{ preferences: { eventRetentionMonths: number } }>(
      await settingsLoader({
        request: getRequest(`/t/${acme.slug}/settings`, acme.cookie),
        params: { tenant: acme.slug },
        context: testContext,
      }),
    ).data;
    expect(page.preferences.eventRetentionMonths).toBe(13);

    const saved = await post(acme, { eventRetentionMonths: "24", reason: "Two years for the annual audit" });

    expect(saved.status).toBe(200);
    expect(saved.data.message).toBe("Saved. Raw app events are kept for 24 months.");
    expect(await storedMonths(acme.id)).toBe(24);
    const [entry] = await db()
      .select({ outcome: auditEntries.outcome, reason: auditEntries.reason, changes: auditEntries.changes })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, acme.id), eq(auditEntries.action, "organisation.updateSettings")));
    expect(entry).toEqual({
      outcome: "allowed",
      reason: "Two years for the annual audit",
      changes: { before: { eventRetentionMonths: 13 }, after: { eventRetentionMonths: 24 } },
    });
  });

  it.each(["0", "121", "twelve", "", "1.5", "-3"])(
    "refuses %j months with an error on the field, keeping what was typed",
    async (months) => {
      const acme = await signedInAdmin();

      const answer = await post(acme, { eventRetentionMonths: months, reason: "Shorter is safer" });

      expect(answer.status).toBe(400);
      expect(answer.data.fieldErrors.eventRetentionMonths).toEqual(["Choose a retention period of 1 to 120 months."]);
      expect(answer.data.values).toEqual({ eventRetentionMonths: months, reason: "Shorter is safer" });
      expect(await storedMonths(acme.id)).toBe(13);
    },
  );

  it("is refused to an admin who is not a domain admin", async () => {
    const acme = await newOrganisation();
    const hal = await newPerson(acme.id, "Hal Helpdesk", ["helpdesk_admin"]);
    const cookie = await signInCookie(hal.email, PASSWORD);
    await confirmFactorNow(db(), cookie);

    const answer = await post({ slug: acme.slug, cookie }, { eventRetentionMonths: "1", reason: "Less data" });

    expect(answer.status).toBe(403);
    expect(await storedMonths(acme.id)).toBe(13);
  });
});
