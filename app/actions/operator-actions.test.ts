// The platform operator end to end on a real database: creating an organisation with its first admin,
// linking a reseller to a customer, and access to a customer's data only through a justified, bounded
// request — started at once in `notify` mode, only after a domain admin's approval in `approve` mode,
// limited to its scope and grants, recorded in the customer's trail with a copy in the operator's, and
// ended early by either side. Operator staff act through real sessions, as the console resolves them.
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  auditEntries,
  emailOutbox,
  operatorAccessRequests,
  organisations,
  passwordCredentials,
  passwordResetTokens,
  resellerLinks,
  roleAssignments,
  type AdminRole,
  type OrganisationKind,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantOfResetToken } from "~/auth/reset-links.server";
import { requireOperator } from "~/operator/require-operator.server";
import { hashToken } from "~/security/secrets.server";
import { confirmFactorNow, testActor } from "~/testing/actors";
import { getRequest, setupTestDatabase, signInCookie, testContext } from "~/testing/harness";
import { requireTenantActor, type Actor } from "./actor.server";
import { performAction } from "./perform.server";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const db = () => database.current.db;

interface Person {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: AdminRole[];
}

let serial = 0;

async function newOrganisation(kind: OrganisationKind, name: string) {
  serial += 1;
  return createOrganisation(db(), { slug: `${kind}-${serial}`, name, kind });
}

async function newPerson(org: { id: string; slug: string }, first: string, roles: AdminRole[] = []): Promise<Person> {
  serial += 1;
  const email = `${first.toLowerCase()}${serial}@${org.slug}.example`;
  const name = `${first} ${org.slug}`;
  const { id } = await createAccount(db(), { tenantId: org.id, email, displayName: name, password: PASSWORD, roles });
  return { id, tenantId: org.id, email, name, roles };
}

/** A customer with a domain admin (Dana) and two people (Alice, Carl), in the mode given. */
async function newCustomer(mode: "notify" | "approve" = "approve") {
  const org = await newOrganisation("customer", `Customer ${serial + 1}`);
  await db().update(organisations).set({ operatorAccessMode: mode }).where(eq(organisations.id, org.id));
  return {
    ...org,
    dana: await newPerson(org, "Dana", ["domain_admin"]),
    alice: await newPerson(org, "Alice"),
    carl: await newPerson(org, "Carl"),
  };
}

type Customer = Awaited<ReturnType<typeof newCustomer>>;

let operator: { id: string; slug: string; name: string };
let imogen: Person;
let oscar: Person;
let cookies: { imogen: string; oscar: string };

beforeAll(async () => {
  operator = await createOrganisation(db(), { slug: "glasshouse-ops", name: "Glasshouse Ops", kind: "operator" });
  imogen = await newPerson(operator, "Imogen", ["domain_admin"]);
  oscar = await newPerson(operator, "Oscar", ["helpdesk_admin"]);
  cookies = { imogen: await signInCookie(imogen.email, PASSWORD), oscar: await signInCookie(oscar.email, PASSWORD) };
});

/** The operator's staff member at /operator, as the route resolves them. */
async function operatorActor(cookie: string): Promise<Actor> {
  return (await requireOperator(getRequest("/operator", cookie), testContext)).actor;
}

/** The operator's staff member inside a customer's console: the actor, or the 404 Response when unreachable. */
async function insideCustomer(
  cookie: string,
  customer: { slug: string },
  path = `/t/${customer.slug}/`,
): Promise<Actor | Response> {
  try {
    const { actor } = await requireTenantActor(getRequest(path, cookie), customer.slug, testContext);
    return actor;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function reachInside(cookie: string, customer: { slug: string }, path?: string): Promise<Actor> {
  const inside = await insideCustomer(cookie, customer, path);
  if (inside instanceof Response) throw new Error(`Expected to reach ${customer.slug}, got ${inside.status}`);
  return inside;
}

function adminActor(person: Person, fresh = true): Actor {
  return testActor(person, { freshFactor: fresh, requestId: "req-operator" });
}

const ACCESS = {
  scope: "organisation",
  readOnly: "on",
  actions: [] as string[],
  ticketReference: "SUP-88123",
  justification: "Mail sync failure reported by the customer's helpdesk",
  durationMinutes: 60,
};

async function askForAccess(customer: Customer, input: Partial<typeof ACCESS> & { subjectEmail?: string } = {}) {
  return performAction<{ id: string; number: number; status: string; endsAt: Date | null }>(
    await operatorActor(cookies.oscar),
    "operatorAccess.request",
    { customerId: customer.id, ...ACCESS, ...input },
  );
}

async function requestsOf(org: { id: string }) {
  return db().select().from(operatorAccessRequests).where(eq(operatorAccessRequests.tenantId, org.id));
}

async function entriesOf(org: { id: string }, action: string) {
  return db()
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, action)))
    .orderBy(auditEntries.seq);
}

async function emailsOf(org: { id: string }, template: string) {
  return db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, org.id), eq(emailOutbox.template, template)));
}

function organisationInput(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    name: `Northwind ${serial}`,
    slug: `northwind-${serial}`,
    kind: "customer",
    primaryDomain: `northwind${serial}.example`,
    operatorAccessMode: "notify",
    adminName: "Nadia North",
    adminEmail: `nadia${serial}@northwind.example`,
    origin: "http://localhost:3000",
    ...overrides,
  };
}

// ─── Organisations ────────────────────────────────────────────────────────────────────────────────

describe("creating an organisation", () => {
  it("creates it with a first domain admin who has no password and is emailed a link to choose one", async () => {
    const input = organisationInput();
    const result = await performAction<{ organisationId: string; adminAccountId: string }>(
      await operatorActor(cookies.imogen),
      "organisation.create",
      input,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { organisationId, adminAccountId } = result.output;

    const [created] = await db().select().from(organisations).where(eq(organisations.id, organisationId));
    expect(created).toMatchObject({
      slug: input.slug,
      name: input.name,
      kind: "customer",
      primaryDomain: input.primaryDomain,
      operatorAccessMode: "notify",
    });
    const [admin] = await db().select().from(accounts).where(eq(accounts.tenantId, organisationId));
    expect(admin).toMatchObject({ id: adminAccountId, email: input.adminEmail, displayName: "Nadia North" });
    const roles = await db().select().from(roleAssignments).where(eq(roleAssignments.tenantId, organisationId));
    expect(roles.map((role) => [role.accountId, role.role, role.grantedBy])).toEqual([
      [adminAccountId, "domain_admin", imogen.id],
    ]);
    expect(
      await db().select().from(passwordCredentials).where(eq(passwordCredentials.accountId, adminAccountId)),
    ).toEqual([]);

    // The email's link is a working reset token of the new organisation, stored only as its hash.
    const [welcome] = await emailsOf({ id: organisationId }, "operator.welcome");
    expect(welcome).toMatchObject({ toAddress: input.adminEmail, toAccountId: adminAccountId });
    expect(welcome!.bodyText).toContain(`${imogen.name} of Glasshouse Ops created the organisation ${input.name}`);
    const token = /\/reset-password\/(\S+)/.exec(welcome!.bodyText)?.[1] ?? "";
    expect(tenantOfResetToken(token)).toBe(organisationId);
    const [stored] = await db()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
    expect(stored).toMatchObject({ tenantId: organisationId, accountId: adminAccountId });

    // Recorded in the operator's own trail, about the new organisation.
    const [entry] = await entriesOf(operator, "organisation.create");
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: imogen.id,
      target: { type: "organisation", id: organisationId, slug: input.slug, name: input.name, kind: "customer" },
    });
  });

  it("refuses an address that is taken next to its field, and creates nothing", async () => {
    const taken = await newCustomer();
    const input = organisationInput({ slug: taken.slug });
    const before = await db().select({ n: count() }).from(organisations);
    const result = await performAction(await operatorActor(cookies.imogen), "organisation.create", input);
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "slug" });
    expect(await db().select({ n: count() }).from(organisations)).toEqual(before);
    expect(
      await db()
        .select()
        .from(accounts)
        .where(eq(accounts.email, input.adminEmail as string)),
    ).toEqual([]);
  });

  it("refuses a first admin whose email another account signs in with, and creates nothing", async () => {
    const input = organisationInput({ adminEmail: oscar.email });
    const result = await performAction(await operatorActor(cookies.imogen), "organisation.create", input);
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "adminEmail" });
    expect(
      await db()
        .select()
        .from(organisations)
        .where(eq(organisations.slug, input.slug as string)),
    ).toEqual([]);
  });

  it("answers a malformed address, kind or domain with field errors", async () => {
    const result = await performAction(
      await operatorActor(cookies.imogen),
      "organisation.create",
      organisationInput({ slug: "Not A Slug", kind: "operator", primaryDomain: "not a domain" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.kind !== "invalid") throw new Error("expected field errors");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["kind", "primaryDomain", "slug"]);
  });

  it("is refused to operator staff who are not domain admins, and to a customer's domain admin", async () => {
    const asStaff = await performAction(await operatorActor(cookies.oscar), "organisation.create", organisationInput());
    expect(asStaff).toMatchObject({ ok: false, kind: "denied" });
    const customer = await newCustomer();
    const asCustomer = await performAction(adminActor(customer.dana), "organisation.create", organisationInput());
    expect(asCustomer).toMatchObject({ ok: false, kind: "denied" });
  });
});

describe("linking a reseller to a customer", () => {
  it("links it, tells the customer's domain admins, and records it in both trails", async () => {
    const customer = await newCustomer();
    const reseller = await newOrganisation("reseller", "Northwind Partners");
    const result = await performAction(await operatorActor(cookies.imogen), "organisation.linkReseller", {
      customerId: customer.id,
      resellerId: reseller.id,
    });
    expect(result.ok).toBe(true);
    const links = await db().select().from(resellerLinks).where(eq(resellerLinks.tenantId, customer.id));
    expect(links.map((link) => [link.resellerId, link.linkedBy])).toEqual([[reseller.id, imogen.id]]);

    const [told] = await emailsOf(customer, "operator.linked");
    expect(told).toMatchObject({
      toAddress: customer.dana.email,
      subject: `Northwind Partners is now a partner of ${customer.name}`,
    });

    const [entry] = await entriesOf(customer, "organisation.linkReseller");
    expect(entry).toMatchObject({ outcome: "allowed", actorAccountId: imogen.id, target: { id: reseller.id } });
    const [copy] = await entriesOf(operator, "organisation.linkReseller");
    expect(copy).toMatchObject({
      outcome: "allowed",
      target: { type: "organisation", id: customer.id, seq: entry!.seq },
    });

    const again = await performAction(await operatorActor(cookies.imogen), "organisation.linkReseller", {
      customerId: customer.id,
      resellerId: reseller.id,
    });
    expect(again).toMatchObject({
      ok: false,
      kind: "failed",
      message: "That reseller is already linked to this customer.",
    });
  });

  it("refuses an organisation that is not a reseller next to its field", async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const result = await performAction(await operatorActor(cookies.imogen), "organisation.linkReseller", {
      customerId: customer.id,
      resellerId: other.id,
    });
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "resellerId" });
    expect(await db().select().from(resellerLinks).where(eq(resellerLinks.tenantId, customer.id))).toEqual([]);
  });

  it("links to customers only", async () => {
    const reseller = await newOrganisation("reseller", "Fabrikam Partners");
    const another = await newOrganisation("reseller", "Contoso Partners");
    const result = await performAction(await operatorActor(cookies.imogen), "organisation.linkReseller", {
      customerId: reseller.id,
      resellerId: another.id,
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.kind !== "denied") throw new Error("expected a refusal");
    expect(result.decision.policyIds).toContain("operator.customers-only");
    expect(await db().select().from(resellerLinks).where(eq(resellerLinks.tenantId, reseller.id))).toEqual([]);
    // The refusal stays in the operator's own trail.
    const refused = await entriesOf(operator, "organisation.linkReseller");
    expect(refused.at(-1)).toMatchObject({ outcome: "denied", policyIds: ["operator.customers-only"] });
  });
});

// ─── Operator access ──────────────────────────────────────────────────────────────────────────────

describe("operator access in notify mode", () => {
  it("starts at once, for the minutes asked, and emails the customer's domain admins the justification", async () => {
    const customer = await newCustomer("notify");
    const before = Date.now();
    const result = await askForAccess(customer);
    expect(result).toMatchObject({ ok: true, output: { number: 1, status: "active" } });
    const [row] = await requestsOf(customer);
    expect(row).toMatchObject({
      status: "active",
      mode: "notify",
      operatorAccountId: oscar.id,
      operatorTenantId: operator.id,
      operatorName: oscar.name,
      readOnly: true,
      durationMinutes: 60,
    });
    expect(row!.endsAt!.getTime() - row!.startsAt!.getTime()).toBe(60 * 60_000);
    expect(row!.startsAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const [told] = await emailsOf(customer, "operator.accessStarted");
    expect(told!.toAddress).toBe(customer.dana.email);
    expect(told!.bodyText).toContain(`Justification: ${ACCESS.justification}`);
    expect(told!.bodyText).toContain("Ticket: SUP-88123");
    expect(told!.bodyText).toContain(`/t/${customer.slug}/operator-access`);

    const inside = await reachInside(cookies.oscar, customer);
    expect(inside.facts.access).toMatchObject({ kind: "operator", status: "active", ticketReference: "SUP-88123" });
  });
});

describe("operator access in approve mode", () => {
  it("grants nothing until a domain admin approves it with a fresh second factor, and then starts the clock", async () => {
    const customer = await newCustomer("approve");
    const asked = await askForAccess(customer, { durationMinutes: 30 });
    expect(asked).toMatchObject({ ok: true, output: { status: "requested", endsAt: null } });
    const [row] = await requestsOf(customer);
    expect(row).toMatchObject({ status: "requested", startsAt: null, endsAt: null });
    expect((await emailsOf(customer, "operator.accessRequested")).map((email) => email.toAddress)).toEqual([
      customer.dana.email,
    ]);

    const before = await insideCustomer(cookies.oscar, customer);
    expect(before).toBeInstanceOf(Response);
    expect((before as Response).status).toBe(404);

    const stale = await performAction(adminActor(customer.dana, false), "operatorAccess.approve", {
      accessId: row!.id,
    });
    expect(stale).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect((await requestsOf(customer))[0]!.status).toBe("requested");

    const approvedAt = Date.now();
    const approved = await performAction(adminActor(customer.dana), "operatorAccess.approve", { accessId: row!.id });
    expect(approved.ok).toBe(true);
    const [active] = await requestsOf(customer);
    expect(active).toMatchObject({ status: "active", decidedBy: customer.dana.id });
    expect(active!.startsAt!.getTime()).toBeGreaterThanOrEqual(approvedAt - 1000);
    expect(active!.endsAt!.getTime() - active!.startsAt!.getTime()).toBe(30 * 60_000);

    const inside = await reachInside(cookies.oscar, customer);
    expect(inside.facts.access).toMatchObject({ kind: "operator", mode: "approve", status: "active" });

    const twice = await performAction(adminActor(customer.dana), "operatorAccess.approve", { accessId: row!.id });
    expect(twice).toMatchObject({
      ok: false,
      kind: "failed",
      message: "This request has already been answered or has ended.",
    });
  });

  it("stays shut once denied", async () => {
    const customer = await newCustomer("approve");
    const asked = await askForAccess(customer);
    if (!asked.ok) throw new Error("expected the request to be stored");
    const denied = await performAction(adminActor(customer.dana), "operatorAccess.deny", { accessId: asked.output.id });
    expect(denied.ok).toBe(true);
    expect((await requestsOf(customer))[0]).toMatchObject({
      status: "denied",
      decidedBy: customer.dana.id,
      endsAt: null,
    });
    const late = await performAction(adminActor(customer.dana), "operatorAccess.approve", {
      accessId: asked.output.id,
    });
    expect(late).toMatchObject({ ok: false, kind: "failed" });
    expect(await insideCustomer(cookies.oscar, customer)).toBeInstanceOf(Response);
  });
});

describe("what operator access allows", () => {
  it("read-only access views an account but may not reset its password", async () => {
    const customer = await newCustomer("notify");
    await askForAccess(customer);
    await confirmFactorNow(db(), cookies.oscar);
    const inside = await reachInside(cookies.oscar, customer);

    const viewed = await performAction(inside, "account.view", { accountId: customer.alice.id });
    expect(viewed.ok).toBe(true);
    const reset = await performAction(inside, "account.resetPassword", {
      accountId: customer.alice.id,
      reason: "Customer asked, ticket SUP-88123",
      method: "link",
      origin: "http://localhost:3000",
    });
    expect(reset.ok).toBe(false);
    if (reset.ok || reset.kind !== "denied") throw new Error("expected a refusal");
    expect(reset.decision.policyIds).toContain("operator.not-granted");
    expect(reset.decision.sentence).toBe(
      `Blocked: operator access for ticket SUP-88123 does not let ${oscar.name} reset passwords.`,
    );
    expect(
      await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.accountId, customer.alice.id)),
    ).toEqual([]);
  });

  it("access to one account refuses every other account", async () => {
    const customer = await newCustomer("notify");
    const asked = await askForAccess(customer, { scope: "account", subjectEmail: customer.alice.email.toUpperCase() });
    expect(asked.ok).toBe(true);
    expect((await requestsOf(customer))[0]!.subjectAccountId).toBe(customer.alice.id);
    // Only that account's pages open: the console's home leads there.
    const home = await insideCustomer(cookies.oscar, customer);
    expect(home instanceof Response && home.headers.get("Location")).toBe(
      `/t/${customer.slug}/accounts/${customer.alice.id}`,
    );
    const inside = await reachInside(cookies.oscar, customer, `/t/${customer.slug}/accounts/${customer.alice.id}`);

    expect((await performAction(inside, "account.view", { accountId: customer.alice.id })).ok).toBe(true);
    const other = await performAction(inside, "account.view", { accountId: customer.carl.id });
    expect(other.ok).toBe(false);
    if (other.ok || other.kind !== "denied") throw new Error("expected a refusal");
    expect(other.decision.policyIds).toContain("operator.outside-scope");
  });

  it("refuses an account the customer does not have next to its field, and stores nothing", async () => {
    const customer = await newCustomer("notify");
    const result = await askForAccess(customer, { scope: "account", subjectEmail: "nobody@elsewhere.example" });
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "subjectEmail" });
    expect(await requestsOf(customer)).toEqual([]);
    // Asking after an address is the customer's to see: the failed attempt is in its trail, with a copy in
    // the operator's own.
    const [inCustomer] = await entriesOf(customer, "operatorAccess.request");
    expect(inCustomer).toMatchObject({ outcome: "failed", actorTenantId: operator.id });
    const copies = await entriesOf(operator, "operatorAccess.request");
    expect(copies.at(-1)).toMatchObject({ outcome: "failed", target: expect.objectContaining({ id: customer.id }) });
  });

  it("answers a missing justification or a duration over 8 hours with field errors, and stores nothing", async () => {
    const customer = await newCustomer("notify");
    const result = await askForAccess(customer, { justification: "  ", durationMinutes: 481 });
    expect(result.ok).toBe(false);
    if (result.ok || result.kind !== "invalid") throw new Error("expected field errors");
    expect(result.fieldErrors.justification).toEqual(["Say why you need access: the customer reads this."]);
    expect(result.fieldErrors.durationMinutes).toEqual(["Operator access lasts at most 8 hours (480 minutes)."]);
    const readOnlyWithActions = await askForAccess(customer, { actions: ["account.resetPassword"] });
    expect(readOnlyWithActions).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { actions: [expect.any(String)] },
    });
    const nothingAllowed = await askForAccess(customer, { readOnly: "off" });
    expect(nothingAllowed).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { actions: [expect.any(String)] },
    });
    expect(await requestsOf(customer)).toEqual([]);
  });

  it("is asked of customers only", async () => {
    const reseller = await newOrganisation("reseller", "Tailspin Partners");
    const result = await performAction(await operatorActor(cookies.oscar), "operatorAccess.request", {
      customerId: reseller.id,
      ...ACCESS,
    });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["operator.customers-only"] } });
    expect(await requestsOf(reseller)).toEqual([]);
  });

  it("records each action in the customer's trail with the access, and a copy in the operator's", async () => {
    const customer = await newCustomer("notify");
    const asked = await askForAccess(customer, { readOnly: "off", actions: ["account.revokeSessions"] });
    if (!asked.ok) throw new Error("expected the access to start");
    const inside = await reachInside(cookies.oscar, customer);
    const done = await performAction(inside, "account.revokeSessions", { accountId: customer.alice.id });
    expect(done.ok).toBe(true);

    const [entry] = await entriesOf(customer, "account.revokeSessions");
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: oscar.id,
      actorTenantId: operator.id,
      actorRole: "operator",
      operatorAccessId: asked.output.id,
      subjectAccountId: customer.alice.id,
      policyIds: ["operator.granted"],
    });
    const copies = await entriesOf(operator, "account.revokeSessions");
    expect(copies.at(-1)).toMatchObject({
      outcome: "allowed",
      actorAccountId: oscar.id,
      subjectAccountId: null,
      target: { type: "organisation", id: customer.id, seq: entry!.seq, ticket: "SUP-88123" },
    });
    // The request itself is the customer's to see, with the justification as its reason.
    const [request] = await entriesOf(customer, "operatorAccess.request");
    expect(request).toMatchObject({ outcome: "allowed", actorAccountId: oscar.id, reason: ACCESS.justification });
  });

  it("never lets the operator use the powers that stay with the customer", async () => {
    const customer = await newCustomer("notify");
    await askForAccess(customer, { readOnly: "off", actions: ["account.resetPassword", "account.unsuspend"] });
    await confirmFactorNow(db(), cookies.oscar);
    const inside = await reachInside(cookies.oscar, customer);
    const [own] = await requestsOf(customer);

    const settings = await performAction(inside, "organisation.updateSettings", {
      operatorAccessMode: "notify",
      reason: "Convenient for support",
    });
    const approval = await performAction(inside, "operatorAccess.approve", { accessId: own!.id });
    for (const refused of [settings, approval]) {
      expect(refused.ok).toBe(false);
      if (refused.ok || refused.kind !== "denied") throw new Error("expected a refusal");
      expect(refused.decision.policyIds).toContain("operator.customer-only");
    }
  });
});

describe("ending operator access early", () => {
  it("lets the operator who holds it end it from /operator, after which the console is closed", async () => {
    const customer = await newCustomer("notify");
    const asked = await askForAccess(customer);
    if (!asked.ok) throw new Error("expected the access to start");
    const ended = await performAction(await operatorActor(cookies.oscar), "operatorAccess.revoke", {
      accessId: asked.output.id,
      customerId: customer.id,
    });
    expect(ended.ok).toBe(true);
    expect((await requestsOf(customer))[0]).toMatchObject({ status: "revoked", endedBy: oscar.id });
    expect(await insideCustomer(cookies.oscar, customer)).toBeInstanceOf(Response);
    expect(await entriesOf(customer, "operatorAccess.revoke")).toHaveLength(1);
    expect((await entriesOf(operator, "operatorAccess.revoke")).at(-1)).toMatchObject({
      target: { id: customer.id },
    });
  });

  it("lets the customer's domain admin end it at once", async () => {
    const customer = await newCustomer("notify");
    const asked = await askForAccess(customer);
    if (!asked.ok) throw new Error("expected the access to start");
    const ended = await performAction(adminActor(customer.dana), "operatorAccess.revoke", {
      accessId: asked.output.id,
      customerId: customer.id,
    });
    expect(ended.ok).toBe(true);
    expect((await requestsOf(customer))[0]).toMatchObject({ status: "revoked", endedBy: customer.dana.id });
    const again = await performAction(adminActor(customer.dana), "operatorAccess.revoke", {
      accessId: asked.output.id,
      customerId: customer.id,
    });
    expect(again).toMatchObject({ ok: false, kind: "failed", message: "This operator access has already ended." });
  });

  it("refuses another organisation's admin, and operator staff who do not hold it", async () => {
    const customer = await newCustomer("notify");
    const elsewhere = await newCustomer("notify");
    const asked = await askForAccess(customer);
    if (!asked.ok) throw new Error("expected the access to start");
    const input = { accessId: asked.output.id, customerId: customer.id };
    const refusal = { ok: false, kind: "denied", decision: { policyIds: ["operator.revoke-not-theirs"] } };
    expect(await performAction(adminActor(elsewhere.dana), "operatorAccess.revoke", input)).toMatchObject(refusal);
    expect(await performAction(await operatorActor(cookies.imogen), "operatorAccess.revoke", input)).toMatchObject(
      refusal,
    );
    expect((await requestsOf(customer))[0]!.status).toBe("active");
    // Neither attempt reached the customer's trail: each is its own organisation's to know.
    expect(await entriesOf(customer, "operatorAccess.revoke")).toEqual([]);
  });
});

describe("the operator-access setting", () => {
  it("is a customer's organisation setting, decided and recorded like the others", async () => {
    const customer = await newCustomer("approve");
    const saved = await performAction(adminActor(customer.dana), "organisation.updateSettings", {
      operatorAccessMode: "notify",
      reason: "We want to be told, not asked",
    });
    expect(saved.ok).toBe(true);
    const [row] = await db().select().from(organisations).where(eq(organisations.id, customer.id));
    expect(row!.operatorAccessMode).toBe("notify");
    const [entry] = await entriesOf(customer, "organisation.updateSettings");
    expect(entry!.changes).toEqual({
      before: { operatorAccessMode: "approve" },
      after: { operatorAccessMode: "notify" },
    });

    // A request now starts at once.
    expect(await askForAccess(customer)).toMatchObject({ ok: true, output: { status: "active" } });
  });

  it("is not an operator's or a reseller's to choose", async () => {
    const reseller = await newOrganisation("reseller", "Litware Partners");
    const rita = await newPerson(reseller, "Rita", ["domain_admin"]);
    const result = await performAction(adminActor(rita), "organisation.updateSettings", {
      operatorAccessMode: "notify",
      reason: "Trying it",
    });
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "operatorAccessMode" });
  });
});
