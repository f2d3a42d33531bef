// The clock at its edges, on a real database with a fake clock: a delegation grants up to the second before
// its expiry and nothing from the second after; the sweep ends it then and not before, lapses a request at
// exactly 90 days, closes operator access that is over, and emails both sides 14 days and 1 day before an
// expiry, once each.
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  accounts,
  auditEntries,
  delegationStaff,
  delegations,
  emailOutbox,
  operatorAccessRequests,
  resellerLinks,
  type AdminRole,
  type OrganisationKind,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { systemActor, type Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { setupTestDatabase } from "~/testing/harness";
import { reachTenant } from "~/tenancy/reach.server";
import { sweepAccess } from "./access-expiry.server";

const database = setupTestDatabase();
const db = () => database.current.db;

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
/** The instant the delegations of these tests expire. */
const T = new Date("2027-03-03T12:00:00Z");
const at = (offset: number) => new Date(T.getTime() + offset);

/** Sweeps as if the clock read `now`: the sweep's own `now`, and the one each action it performs reads. */
function sweepAt(now: Date) {
  vi.setSystemTime(now);
  return sweepAccess(now);
}

let serial = 0;

async function newOrganisation(name: string, kind: OrganisationKind) {
  serial += 1;
  return createOrganisation(db(), { slug: `${kind}-${serial}`, name, kind });
}

async function newPerson(tenantId: string, displayName: string, roles: AdminRole[] = []) {
  serial += 1;
  const email = `${displayName.split(" ")[0]!.toLowerCase()}${serial}@example.test`;
  const { id } = await createAccount(db(), { tenantId, email, displayName, roles });
  return { id, email, name: displayName };
}

/** A customer and its linked reseller, each with the people the emails are (and are not) for. */
async function newClientAndReseller() {
  const client = await newOrganisation("Acme Ltd", "customer");
  const reseller = await newOrganisation("Northwind Partners", "reseller");
  await db().insert(resellerLinks).values({ tenantId: client.id, resellerId: reseller.id });
  return {
    client,
    reseller,
    dana: await newPerson(client.id, "Dana Admin", ["domain_admin"]),
    hal: await newPerson(client.id, "Hal Helpdesk", ["helpdesk_admin"]),
    mia: await newPerson(client.id, "Mia Member"),
    rosa: await newPerson(reseller.id, "Rosa Delgado", ["domain_admin"]),
    sam: await newPerson(reseller.id, "Sam Porter"),
    tom: await newPerson(reseller.id, "Tom Unassigned"),
  };
}

type Pair = Awaited<ReturnType<typeof newClientAndReseller>>;

/** A delegation of `pair`'s reseller in its client, Sam assigned to it, as the owner writes fixtures. */
async function newDelegation(
  pair: Pair,
  values: { status: "requested" | "active"; requestedAt: Date; approvedAt?: Date; expiresAt?: Date },
) {
  const [row] = await db()
    .insert(delegations)
    .values({
      tenantId: pair.client.id,
      number: 1,
      resellerId: pair.reseller.id,
      roles: ["helpdesk_admin"],
      requestedBy: pair.rosa.id,
      durationDays: 90,
      ...values,
    })
    .returning({ id: delegations.id, number: delegations.number });
  await db()
    .insert(delegationStaff)
    .values({ tenantId: pair.client.id, delegationId: row!.id, staffAccountId: pair.sam.id });
  return row!;
}

async function delegationRow(pair: Pair, id: string) {
  const [row] = await db()
    .select({ status: delegations.status, endedAt: delegations.endedAt })
    .from(delegations)
    .where(and(eq(delegations.tenantId, pair.client.id), eq(delegations.id, id)));
  return row!;
}

/** The emails queued to each of `people`, by name: template and subject, oldest first. */
async function emailsTo(people: { id: string; name: string }[]) {
  const rows = await db()
    .select({
      to: emailOutbox.toAccountId,
      template: emailOutbox.template,
      subject: emailOutbox.subject,
      body: emailOutbox.bodyText,
    })
    .from(emailOutbox)
    .where(
      inArray(
        emailOutbox.toAccountId,
        people.map((person) => person.id),
      ),
    )
    .orderBy(asc(emailOutbox.createdAt));
  return Object.fromEntries(people.map((person) => [person.name, rows.filter((row) => row.to === person.id)]));
}

async function trail(tenantId: string, action: string) {
  return db()
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, action)))
    .orderBy(asc(auditEntries.seq));
}

/** Sam, acting in the client through the delegation the way a console request does. */
async function samThroughDelegation(pair: Pair): Promise<Actor> {
  const visitor = { accountId: pair.sam.id, homeTenantId: pair.reseller.id, homeTenantKind: "reseller" as const };
  const reached = await reachTenant(db(), pair.client.slug, visitor, new Date());
  if (reached?.access.kind !== "delegation") throw new Error("Sam has no live delegation in the client");
  const access = reached.access;
  return {
    facts: {
      ...visitor,
      name: pair.sam.name,
      actingTenantId: pair.client.id,
      roles: access.roles,
      access,
      secondFactorAt: new Date(),
    },
    actingTenantName: pair.client.name,
    audit: {
      accountId: pair.sam.id,
      tenantId: pair.reseller.id,
      name: pair.sam.name,
      role: access.roles.join("+"),
      delegationId: access.delegationId,
    },
    request: { requestId: "req-test", ipAddress: "203.0.113.9", userAgent: "vitest" },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});

afterEach(async () => {
  vi.useRealTimers();
  // Whatever a test left live is ended, so that each test's sweeps count only its own.
  await db()
    .update(delegations)
    .set({ status: "revoked" })
    .where(inArray(delegations.status, ["requested", "active"]));
  await db()
    .update(operatorAccessRequests)
    .set({ status: "revoked" })
    .where(eq(operatorAccessRequests.status, "active"));
});

describe("a delegation at its expiry", () => {
  it("grants up to the second before it, and nothing from the second after", async () => {
    const pair = await newClientAndReseller();
    await newDelegation(pair, {
      status: "active",
      requestedAt: at(-31 * DAY),
      approvedAt: at(-30 * DAY),
      expiresAt: T,
    });

    vi.setSystemTime(at(-SECOND));
    const sam = await samThroughDelegation(pair);
    const input = { accountId: pair.mia.id, reason: "ticket 4711" };
    const before = await performAction(sam, "account.revokeSessions", input);
    expect(before).toMatchObject({ ok: true, decision: { outcome: "allow" } });

    // The same session one request later: the sweep has not run, the clock alone ends it.
    vi.setSystemTime(at(SECOND));
    const after = await performAction(sam, "account.revokeSessions", input);
    expect(after).toMatchObject({ ok: false, kind: "denied" });
    if (after.ok || !("decision" in after)) throw new Error("expected a refusal");
    expect(after.decision.policyIds).toContain("delegation.not-live");
    expect(after.decision.sentence).toBe(
      "Blocked: Northwind Partners's delegation #1 expired on 3 Mar 2027, so it grants nothing.",
    );
  });

  it("is not ended by the sweep a second before it, and is ended a second after, by the system", async () => {
    const pair = await newClientAndReseller();
    const delegation = await newDelegation(pair, {
      status: "active",
      requestedAt: at(-31 * DAY),
      approvedAt: at(-30 * DAY),
      expiresAt: T,
    });

    const early = await sweepAt(at(-SECOND));
    expect(early).toMatchObject({ expired: 0, refused: [] });
    expect(await delegationRow(pair, delegation.id)).toEqual({ status: "active", endedAt: null });
    expect(await trail(pair.client.id, "delegation.expire")).toEqual([]);

    const late = await sweepAt(at(SECOND));
    expect(late).toMatchObject({ expired: 1, lapsed: 0, operatorAccessClosed: 0, refused: [] });
    expect(await delegationRow(pair, delegation.id)).toEqual({ status: "expired", endedAt: T });
    const [entry, ...more] = await trail(pair.client.id, "delegation.expire");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: null,
      visibility: "admins",
      target: { type: "delegation", id: delegation.id, number: 1, reseller: "Northwind Partners" },
      reason: "Delegation #1 of Northwind Partners reached its expiry on 2027-03-03 12:00 UTC.",
      changes: { before: { status: "active" }, after: { status: "expired", endedAt: T.toISOString() } },
    });

    // Both sides' domain admins are told it expired (the sweep a second before sent the 1-day reminder,
    // which also went to the staff assigned to it); nobody else.
    const mail = await emailsTo([pair.dana, pair.hal, pair.rosa, pair.sam, pair.tom]);
    const templates = Object.fromEntries(
      Object.entries(mail).map(([name, emails]) => [name, emails.map((email) => email.template)]),
    );
    expect(templates).toEqual({
      "Dana Admin": ["expiry.in1Day", "expiry.expired"],
      "Hal Helpdesk": [],
      "Rosa Delgado": ["expiry.in1Day", "expiry.expired"],
      "Sam Porter": ["expiry.in1Day"],
      "Tom Unassigned": [],
    });
    const [toClient, toReseller] = [mail["Dana Admin"]![1]!, mail["Rosa Delgado"]![1]!];
    expect(toClient.subject).toBe("Delegation #1 in Acme Ltd has expired");
    expect(toClient.body).toContain("Northwind Partners's delegation #1 in Acme Ltd expired on 3 March 2027.");
    expect(toClient.body).toContain(`/t/${pair.client.slug}/partners`);
    expect(toReseller.body).toContain("Your delegation #1 in Acme Ltd expired on 3 March 2027.");
    expect(toReseller.body).toContain("/partner\n");

    // Ended once: a later sweep finds nothing to do.
    expect(await sweepAt(at(DAY))).toMatchObject({ expired: 0, refused: [] });
  });

  it("is never ended early, nor once it was revoked, by the action itself", async () => {
    const pair = await newClientAndReseller();
    const delegation = await newDelegation(pair, {
      status: "active",
      requestedAt: at(-31 * DAY),
      approvedAt: at(-30 * DAY),
      expiresAt: T,
    });
    const system = systemActor(pair.client.id, "Glasshouse (access expiry)");

    vi.setSystemTime(at(-SECOND));
    const early = await performAction(system, "delegation.expire", { delegationId: delegation.id });
    expect(early).toMatchObject({ ok: false, kind: "failed" });
    if (early.ok || early.kind !== "failed") throw new Error("expected a failure");
    expect(early.message).toBe("Delegation #1 runs until 2027-03-03 12:00 UTC; it has not expired yet.");
    expect(await delegationRow(pair, delegation.id)).toEqual({ status: "active", endedAt: null });

    await db()
      .update(delegations)
      .set({ status: "revoked", endedAt: at(-DAY) })
      .where(eq(delegations.id, delegation.id));
    vi.setSystemTime(at(SECOND));
    const revoked = await performAction(system, "delegation.expire", { delegationId: delegation.id });
    expect(revoked).toMatchObject({ ok: false, kind: "failed" });
    expect(await delegationRow(pair, delegation.id)).toEqual({ status: "revoked", endedAt: at(-DAY) });
    expect((await trail(pair.client.id, "delegation.expire")).map((entry) => entry.outcome)).toEqual([
      "failed",
      "failed",
    ]);
    expect((await emailsTo([pair.dana]))["Dana Admin"]).toEqual([]);
  });
});

describe("a request nobody answers", () => {
  it("lapses at exactly 90 days, not a second before", async () => {
    const pair = await newClientAndReseller();
    const requestedAt = new Date("2027-01-10T09:30:00Z");
    const ninetyDays = new Date(requestedAt.getTime() + 90 * DAY);
    const request = await newDelegation(pair, { status: "requested", requestedAt });

    expect(await sweepAt(new Date(ninetyDays.getTime() - SECOND))).toMatchObject({ lapsed: 0 });
    expect(await delegationRow(pair, request.id)).toEqual({ status: "requested", endedAt: null });

    expect(await sweepAt(ninetyDays)).toMatchObject({ lapsed: 1, expired: 0, refused: [] });
    expect(await delegationRow(pair, request.id)).toEqual({ status: "lapsed", endedAt: ninetyDays });
    const [entry] = await trail(pair.client.id, "delegation.lapse");
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: null,
      changes: { after: { status: "lapsed", endedAt: ninetyDays.toISOString() } },
    });

    const mail = await emailsTo([pair.dana, pair.rosa, pair.sam]);
    expect(mail["Dana Admin"]!.map((email) => email.subject)).toEqual([
      "The request for delegation #1 in Acme Ltd has lapsed",
    ]);
    expect(mail["Dana Admin"]![0]!.body).toContain("Nobody answered within 90 days");
    expect(mail["Rosa Delgado"]!.map((email) => email.template)).toEqual(["expiry.lapsed"]);
    expect(mail["Sam Porter"]).toEqual([]);
  });
});

describe("the reminders before an expiry", () => {
  it("tell each side once 14 days before and once 1 day before, and a rerun tells no one again", async () => {
    const pair = await newClientAndReseller();
    await newDelegation(pair, {
      status: "active",
      requestedAt: at(-61 * DAY),
      approvedAt: at(-60 * DAY),
      expiresAt: T,
    });
    const people = [pair.dana, pair.hal, pair.rosa, pair.sam, pair.tom];
    const templates = async () =>
      Object.fromEntries(
        Object.entries(await emailsTo(people)).map(([name, emails]) => [name, emails.map((email) => email.template)]),
      );

    expect((await sweepAt(at(-15 * DAY))).reminded).toEqual({ in14Days: 0, in1Day: 0 });
    expect(await templates()).toEqual({
      "Dana Admin": [],
      "Hal Helpdesk": [],
      "Rosa Delgado": [],
      "Sam Porter": [],
      "Tom Unassigned": [],
    });

    expect((await sweepAt(at(-14 * DAY + SECOND))).reminded).toEqual({ in14Days: 1, in1Day: 0 });
    // The client's domain admins, and the reseller's domain admins and the staff assigned to it.
    expect(await templates()).toEqual({
      "Dana Admin": ["expiry.in14Days"],
      "Hal Helpdesk": [],
      "Rosa Delgado": ["expiry.in14Days"],
      "Sam Porter": ["expiry.in14Days"],
      "Tom Unassigned": [],
    });
    const mail = await emailsTo([pair.dana, pair.sam]);
    expect(mail["Dana Admin"]![0]!.subject).toBe("Delegation #1 in Acme Ltd ends in 14 days");
    expect(mail["Dana Admin"]![0]!.body).toContain("Northwind Partners's delegation #1 in Acme Ltd ends on 3 Mar 2027");
    expect(mail["Sam Porter"]![0]!.body).toContain("Your delegation #1 in Acme Ltd ends on");

    expect((await sweepAt(at(-14 * DAY + 2 * SECOND))).reminded).toEqual({ in14Days: 0, in1Day: 0 });
    expect((await sweepAt(at(-2 * DAY))).reminded).toEqual({ in14Days: 0, in1Day: 0 });

    expect((await sweepAt(at(-DAY + SECOND))).reminded).toEqual({ in14Days: 0, in1Day: 1 });
    expect((await sweepAt(at(-DAY + 2 * SECOND))).reminded).toEqual({ in14Days: 0, in1Day: 0 });
    expect(await templates()).toEqual({
      "Dana Admin": ["expiry.in14Days", "expiry.in1Day"],
      "Hal Helpdesk": [],
      "Rosa Delgado": ["expiry.in14Days", "expiry.in1Day"],
      "Sam Porter": ["expiry.in14Days", "expiry.in1Day"],
      "Tom Unassigned": [],
    });
    expect((await emailsTo([pair.rosa]))["Rosa Delgado"]![1]!.subject).toBe(
      "Delegation #1 in Acme Ltd ends within a day",
    );
  });

  it("give a delegation approved for 5 days only the 1-day reminder", async () => {
    const pair = await newClientAndReseller();
    await newDelegation(pair, { status: "active", requestedAt: at(-6 * DAY), approvedAt: at(-5 * DAY), expiresAt: T });

    expect((await sweepAt(at(-5 * DAY + 60 * SECOND))).reminded).toEqual({ in14Days: 0, in1Day: 0 });
    expect((await sweepAt(at(-2 * DAY))).reminded).toEqual({ in14Days: 0, in1Day: 0 });
    expect((await sweepAt(at(-DAY + SECOND))).reminded).toEqual({ in14Days: 0, in1Day: 1 });
    const mail = await emailsTo([pair.dana, pair.rosa, pair.sam]);
    expect(Object.values(mail).map((emails) => emails.map((email) => email.template))).toEqual([
      ["expiry.in1Day"],
      ["expiry.in1Day"],
      ["expiry.in1Day"],
    ]);
  });

  it("writes each reader's email in their own language and time zone", async () => {
    const pair = await newClientAndReseller();
    await db().update(accounts).set({ locale: "de", timeZone: "Europe/Berlin" }).where(eq(accounts.id, pair.rosa.id));
    await newDelegation(pair, {
      status: "active",
      requestedAt: at(-61 * DAY),
      approvedAt: at(-60 * DAY),
      expiresAt: T,
    });

    await sweepAt(at(-14 * DAY + SECOND));
    const [email] = (await emailsTo([pair.rosa]))["Rosa Delgado"]!;
    expect(email!.subject).toBe("Delegation Nr. 1 in Acme Ltd endet in 14 Tagen");
    // 12:00 UTC is 13:00 in Berlin in March.
    expect(email!.body).toContain("endet am 03.03.2027, 13:00 (Europe/Berlin)");
  });
});

describe("operator access past its end", () => {
  it("is closed by the sweep, and not a second before", async () => {
    const customer = await newOrganisation("Contoso", "customer");
    const operator = await newOrganisation("Glasshouse Ops", "operator");
    const imogen = await newPerson(operator.id, "Imogen Hart", ["domain_admin"]);
    const endsAt = new Date("2027-05-01T18:00:00Z");
    const [access] = await db()
      .insert(operatorAccessRequests)
      .values({
        tenantId: customer.id,
        number: 1,
        operatorAccountId: imogen.id,
        operatorTenantId: operator.id,
        operatorName: imogen.name,
        ticketReference: "88123",
        justification: "mail sync failure",
        status: "active",
        mode: "notify",
        durationMinutes: 240,
        requestedAt: new Date(endsAt.getTime() - 4 * 60 * 60 * SECOND),
        startsAt: new Date(endsAt.getTime() - 4 * 60 * 60 * SECOND),
        endsAt,
      })
      .returning({ id: operatorAccessRequests.id });
    const status = async () => {
      const [row] = await db()
        .select({ status: operatorAccessRequests.status, endedAt: operatorAccessRequests.endedAt })
        .from(operatorAccessRequests)
        .where(eq(operatorAccessRequests.id, access!.id));
      return row;
    };

    expect(await sweepAt(new Date(endsAt.getTime() - SECOND))).toMatchObject({ operatorAccessClosed: 0 });
    expect(await status()).toEqual({ status: "active", endedAt: null });

    expect(await sweepAt(new Date(endsAt.getTime() + SECOND))).toMatchObject({
      operatorAccessClosed: 1,
      refused: [],
    });
    expect(await status()).toEqual({ status: "expired", endedAt: endsAt });
    const [entry] = await trail(customer.id, "operatorAccess.expire");
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: null,
      target: { type: "operatorAccess", id: access!.id, number: 1, operator: "Imogen Hart" },
      changes: { after: { status: "expired", endedAt: endsAt.toISOString() } },
    });
  });
});
