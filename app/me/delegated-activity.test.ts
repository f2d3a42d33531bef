// What a reseller's and the operator's staff did is seen from every side: the person it touched reads who,
// from which organisation and through which delegation (or under which justification) in Activity and its
// CSV; "Who can access my account" lists the live delegation and operator access that reach them, and
// nothing that ended; the customer's admins narrow their audit log to one delegation or operator access;
// and the reseller's own trail points at the entry in the client's.
import { beforeAll, describe, expect, it } from "vitest";
import { delegationStaff, delegations, operatorAccessRequests, resellerLinks, type AdminRole } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import type { Actor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { storePassword } from "~/auth/credentials.server";
import { listAuditEntries, mirrorOf } from "~/audit/log.server";
import { tenantScope } from "~/db.server";
import { loader as csvLoader } from "~/routes/me.activity[.]csv";
import { loader as activityLoader } from "~/routes/me.activity";
import { loader as accessLoader } from "~/routes/me.access";
import { loader as auditLoader } from "~/routes/t.$tenant.audit";
import { operatorActions } from "~/tenancy/reach.server";
import { getRequest, ORIGIN, setupTestDatabase, signInCookie, testContext, unwrapData } from "~/testing/harness";

const PASSWORD = "correct horse battery staple";
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const database = setupTestDatabase();

type Org = { id: string; slug: string; name: string };
type Person = { id: string; email: string; name: string };

let acme: Org;
let globex: Org;
let northwind: Org;
let operatorOrg: Org;
let alice: Person;
let bob: Person;
let dana: Person;
let sam: Person;
let imogen: Person;
let rosa: Person;
let liveDelegationId: string;
let globexDelegationId: string;
let liveAccessId: string;
let resetSeq: number;
let aliceCookie: string;
let danaCookie: string;

async function person(org: Org, name: string, roles: AdminRole[] = []): Promise<Person> {
  const email = `${name.split(" ")[0]!.toLowerCase()}@${org.slug}.example`;
  const { id } = await createAccount(database.current.db, {
    tenantId: org.id,
    email,
    displayName: name,
    password: PASSWORD,
    roles,
  });
  return { id, email, name };
}

/** A delegation of `client` to Northwind, inserted as the seed does, with Sam among its staff. */
async function delegation(
  client: Org,
  number: number,
  values: { status: "active" | "revoked"; expiresAt: Date },
): Promise<string> {
  const db = database.current.db;
  const [row] = await db
    .insert(delegations)
    .values({
      tenantId: client.id,
      number,
      resellerId: northwind.id,
      roles: ["helpdesk_admin"],
      status: values.status,
      requestedBy: sam.id,
      requestedAt: new Date(Date.now() - 30 * DAY),
      durationDays: 90,
      approvedAt: new Date(Date.now() - 29 * DAY),
      expiresAt: values.expiresAt,
    })
    .returning({ id: delegations.id });
  await db.insert(delegationStaff).values({ tenantId: client.id, delegationId: row!.id, staffAccountId: sam.id });
  return row!.id;
}

/** An operator access request in Acme, asked for by Imogen of the operator. */
async function operatorAccess(
  number: number,
  values: { status: "active" | "revoked"; subjectAccountId: string | null; ticket: string; justification: string },
): Promise<string> {
  const [row] = await database.current.db
    .insert(operatorAccessRequests)
    .values({
      tenantId: acme.id,
      number,
      operatorAccountId: imogen.id,
      operatorTenantId: operatorOrg.id,
      operatorName: imogen.name,
      subjectAccountId: values.subjectAccountId,
      readOnly: false,
      actions: ["account.revokeSessions"],
      ticketReference: values.ticket,
      justification: values.justification,
      status: values.status,
      mode: "notify",
      durationMinutes: 240,
      startsAt: new Date(Date.now() - HOUR),
      endsAt: new Date(Date.now() + 3 * HOUR),
    })
    .returning({ id: operatorAccessRequests.id });
  return row!.id;
}

const request = { requestId: "req-delegated", ipAddress: "203.0.113.50", userAgent: "vitest" };

/** Sam of Northwind acting in `client` through a delegation, as tenantActor builds the actor. */
function samThrough(client: Org, delegationId: string, number: number): Actor {
  return {
    facts: {
      accountId: sam.id,
      name: sam.name,
      homeTenantId: northwind.id,
      homeTenantKind: "reseller",
      actingTenantId: client.id,
      roles: ["helpdesk_admin"],
      access: {
        kind: "delegation",
        delegationId,
        number,
        resellerId: northwind.id,
        resellerName: northwind.name,
        status: "active",
        expiresAt: new Date(Date.now() + 60 * DAY),
        roles: ["helpdesk_admin"],
        assigned: true,
      },
      secondFactorAt: new Date(),
    },
    actingTenantName: client.name,
    audit: {
      accountId: sam.id,
      tenantId: northwind.id,
      name: sam.name,
      role: "helpdesk_admin",
      delegationId,
      operatorAccessId: null,
    },
    request,
  };
}

function imogenThrough(accessId: string): Actor {
  return {
    facts: {
      accountId: imogen.id,
      name: imogen.name,
      homeTenantId: operatorOrg.id,
      homeTenantKind: "operator",
      actingTenantId: acme.id,
      roles: [],
      access: {
        kind: "operator",
        accessId,
        operatorName: operatorOrg.name,
        status: "active",
        mode: "notify",
        endsAt: new Date(Date.now() + 3 * HOUR),
        subjectAccountId: null,
        actions: operatorActions(false, ["account.revokeSessions"]),
        ticketReference: "88123",
        justification: "mail sync failure",
      },
      secondFactorAt: null,
    },
    actingTenantName: acme.name,
    audit: {
      accountId: imogen.id,
      tenantId: operatorOrg.id,
      name: imogen.name,
      role: "operator",
      delegationId: null,
      operatorAccessId: accessId,
    },
    request,
  };
}

async function activity(cookie = aliceCookie) {
  const result = await activityLoader({
    request: getRequest("/me/activity", cookie),
    params: {},
    context: testContext,
  });
  return unwrapData<Awaited<ReturnType<typeof activityLoader>>>(result).data;
}

async function auditLog(query: string, org = acme, cookie = danaCookie) {
  const result = await auditLoader({
    request: getRequest(`/t/${org.slug}/audit${query}`, cookie),
    params: { tenant: org.slug },
    context: testContext,
  });
  return unwrapData<Awaited<ReturnType<typeof auditLoader>>>(result).data;
}

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(db, { slug: "globex", name: "Globex" });
  northwind = await createOrganisation(db, { slug: "northwind", name: "Northwind Partners", kind: "reseller" });
  operatorOrg = await createOrganisation(db, { slug: "ops", name: "Glasshouse Support", kind: "operator" });
  alice = await person(acme, "Alice Ng");
  bob = await person(acme, "Bob Reyes");
  dana = await person(acme, "Dana Okafor", ["domain_admin"]);
  const gina = await person(globex, "Gina Hall");
  sam = await person(northwind, "Sam Porter");
  rosa = await person(northwind, "Rosa Delgado", ["domain_admin"]);
  imogen = await person(operatorOrg, "Imogen Hart", ["domain_admin"]);
  await db.insert(resellerLinks).values([
    { tenantId: acme.id, resellerId: northwind.id },
    { tenantId: globex.id, resellerId: northwind.id },
  ]);

  liveDelegationId = await delegation(acme, 12, { status: "active", expiresAt: new Date(Date.now() + 60 * DAY) });
  // Neither reaches anyone any more: one ran out yesterday, one was revoked.
  await delegation(acme, 7, { status: "active", expiresAt: new Date(Date.now() - DAY) });
  await delegation(acme, 8, { status: "revoked", expiresAt: new Date(Date.now() + 60 * DAY) });
  globexDelegationId = await delegation(globex, 12, {
    status: "active",
    expiresAt: new Date(Date.now() + 60 * DAY),
  });

  liveAccessId = await operatorAccess(3, {
    status: "active",
    subjectAccountId: null,
    ticket: "88123",
    justification: "mail sync failure",
  });
  await operatorAccess(4, { status: "revoked", subjectAccountId: alice.id, ticket: "88001", justification: "ended" });
  await operatorAccess(5, { status: "active", subjectAccountId: bob.id, ticket: "88200", justification: "Bob only" });

  const reset = await performAction(samThrough(acme, liveDelegationId, 12), "account.resetPassword", {
    accountId: alice.id,
    reason: "Locked out, ticket NW-311",
    method: "link",
    origin: ORIGIN,
  });
  expect(reset).toMatchObject({ ok: true });
  resetSeq = reset.ok ? reset.auditSeq : 0;
  expect(
    await performAction(imogenThrough(liveAccessId), "account.revokeSessions", { accountId: alice.id }),
  ).toMatchObject({ ok: true });
  // The same reseller in another client, on a person there.
  expect(
    await performAction(samThrough(globex, globexDelegationId, 12), "account.revokeSessions", {
      accountId: gina.id,
    }),
  ).toMatchObject({ ok: true });

  // The reset took Alice's password away: she sets one again, as she would through the emailed link.
  await tenantScope(acme.id, (tx) =>
    storePassword(tx, { tenantId: acme.id, accountId: alice.id }, PASSWORD, { mustChange: false, now: new Date() }),
  );
  aliceCookie = await signInCookie(alice.email, PASSWORD);
  danaCookie = await signInCookie(dana.email, PASSWORD);
});

describe("Activity of an action taken from another organisation", () => {
  it("names the reseller's staff member, their role and organisation, and the delegation", async () => {
    const { entries } = await activity();
    const reset = entries.find((entry) => entry.action === "account.resetPassword");
    expect(reset).toMatchObject({
      actor: "person",
      actorName: "Sam Porter",
      actorRole: "helpdesk_admin",
      actorOrganisation: "Northwind Partners",
      via: { kind: "delegation", number: 12, reseller: "Northwind Partners" },
      reason: "Locked out, ticket NW-311",
      // A reseller's address is not the person's to see.
      ipAddress: null,
    });
  });

  it("names the operator and the justification the customer was given", async () => {
    const { entries } = await activity();
    const revoke = entries.find((entry) => entry.action === "account.revokeSessions");
    expect(revoke).toMatchObject({
      actorName: "Imogen Hart",
      actorOrganisation: "Glasshouse Support",
      via: {
        kind: "operator",
        number: 3,
        operator: "Glasshouse Support",
        ticket: "88123",
        justification: "mail sync failure",
      },
    });
  });

  it("never shows another person's activity, nor what the same reseller did in another organisation", async () => {
    const { entries } = await activity();
    expect(entries.filter((entry) => entry.via).map((entry) => entry.action)).toEqual([
      "account.revokeSessions",
      "account.resetPassword",
    ]);
    const bobs = await activity(await signInCookie(bob.email, PASSWORD));
    expect(bobs.entries.map((entry) => entry.action)).toEqual(["auth.signIn"]);
  });

  it("puts the organisation, the delegation or access, and the justification in columns of the CSV", async () => {
    const response = (await csvLoader({
      request: getRequest("/me/activity.csv?kind=admin", aliceCookie),
      params: {},
      context: testContext,
    })) as Response;
    const [header, revoke, reset] = (await response.text()).trim().split("\r\n");
    expect(header).toBe(
      "when (UTC),what,outcome,who,role,organisation,via,justification,reason,decision,IP address,device",
    );
    expect(revoke).toContain(
      ',Imogen Hart,operator,Glasshouse Support,"Glasshouse Support, operator access #3","ticket 88123, mail sync failure",',
    );
    expect(reset).toContain(
      ',Sam Porter,helpdesk_admin,Northwind Partners,"Northwind Partners, delegation #12",,"Locked out, ticket NW-311",',
    );
  });
});

describe("Who can access my account", () => {
  async function access(cookie = aliceCookie) {
    const result = await accessLoader({ request: getRequest("/me/access", cookie), params: {}, context: testContext });
    return unwrapData<Awaited<ReturnType<typeof accessLoader>>>(result).data;
  }

  it("lists the live delegation with its expiry and what its roles let the reseller do, not the ended ones", async () => {
    const { delegations: live } = await access();
    expect(live.map((delegation) => delegation.number)).toEqual([12]);
    expect(live[0]).toMatchObject({ reseller: "Northwind Partners", roles: ["helpdesk_admin"] });
    expect(live[0]!.until).not.toBeNull();
    expect(live[0]!.can.withStepUp).toContain("account.resetPassword");
    expect([...live[0]!.can.allowed, ...live[0]!.can.withStepUp]).not.toContain("account.terminate");
  });

  it("lists live operator access that reaches me, with its ticket, justification and grants", async () => {
    const { operatorAccess: reaching } = await access();
    expect(reaching).toHaveLength(1);
    expect(reaching[0]).toMatchObject({
      number: 3,
      operator: "Glasshouse Support",
      requestedBy: "Imogen Hart",
      namesMe: false,
      readOnly: false,
      actions: ["account.revokeSessions"],
      ticket: "88123",
      justification: "mail sync failure",
    });
    expect(reaching[0]!.can.allowed).toEqual(expect.arrayContaining(["account.view", "account.revokeSessions"]));
    expect([...reaching[0]!.can.allowed, ...reaching[0]!.can.withStepUp]).not.toContain("account.resetPassword");
    // Access naming Bob reaches Bob, and only him.
    const bobs = await access(await signInCookie(bob.email, PASSWORD));
    expect(bobs.operatorAccess.map((one) => [one.number, one.namesMe])).toEqual([
      [3, false],
      [5, true],
    ]);
  });
});

describe("the audit log narrowed to a delegation or an operator access", () => {
  it("shows only that delegation's entries under a heading naming the reseller, by id or by number", async () => {
    for (const reference of [liveDelegationId, "12"]) {
      const page = await auditLog(`?delegation=${reference}`);
      expect(page.narrowedTo).toEqual([{ kind: "delegation", number: 12, reseller: "Northwind Partners" }]);
      expect(page.rows.map((row) => [row.action, row.delegationNumber, row.resellerName])).toEqual([
        ["account.resetPassword", 12, "Northwind Partners"],
      ]);
    }
    const operator = await auditLog("?operatorAccess=3");
    expect(operator.narrowedTo).toEqual([
      { kind: "operatorAccess", number: 3, operator: "Glasshouse Support", ticket: "88123" },
    ]);
    expect(operator.rows.map((row) => [row.action, row.operatorAccessNumber])).toEqual([["account.revokeSessions", 3]]);
  });

  it("shows nothing, and says why, for a delegation that is not this organisation's or a reference that is no id", async () => {
    const elsewhere = await auditLog(`?delegation=${globexDelegationId}`);
    expect(elsewhere.narrowedTo).toEqual([{ kind: "unknown", filter: "delegation" }]);
    expect(elsewhere.rows).toEqual([]);
    expect((await auditLog("?delegation=99")).rows).toEqual([]);
    const malformed = await auditLog("?delegation=%27%20or%201%3D1&operatorAccess=-3");
    expect(malformed.malformed).toEqual([
      { filter: "delegation", value: "' or 1=1" },
      { filter: "operatorAccess", value: "-3" },
    ]);
    expect(malformed.rows).toEqual([]);
  });

  it("says who acted through what in the whole log too", async () => {
    const page = await auditLog("");
    const reset = page.rows.find((row) => row.seq === resetSeq)!;
    expect(reset).toMatchObject({ actorName: "Sam Porter", delegationNumber: 12, resellerName: "Northwind Partners" });
  });
});

describe("the reseller's own trail", () => {
  it("keeps a copy that points at the client's entry and the delegation, with nothing personal of the client's", async () => {
    const { rows } = await tenantScope(northwind.id, (tx) =>
      listAuditEntries(tx, northwind.id, {}, { limit: 10, timeZone: "UTC" }),
    );
    const copies = rows.map((row) => mirrorOf(row.target));
    expect(copies).toContainEqual({ organisation: "Acme Ltd", seq: resetSeq, delegation: 12, ticket: null });
    expect(copies).toContainEqual(expect.objectContaining({ organisation: "Globex", delegation: 12 }));
    expect(rows.every((row) => row.subjectAccountId === null && row.reason === null)).toBe(true);
  });

  it("narrows to the copies of one delegation the reseller holds, named by its id", async () => {
    const rosaCookie = await signInCookie(rosa.email, PASSWORD);
    const page = await auditLog(`?delegation=${liveDelegationId}`, northwind, rosaCookie);
    expect(page.narrowedTo).toEqual([{ kind: "heldDelegation", number: 12, client: "Acme Ltd" }]);
    expect(page.rows.map((row) => row.mirror)).toEqual([
      { organisation: "Acme Ltd", seq: resetSeq, delegation: 12, ticket: null },
    ]);
    // A number is the client's to give: the same one is held in Acme and in Globex.
    expect((await auditLog("?delegation=12", northwind, rosaCookie)).rows).toEqual([]);
  });
});
