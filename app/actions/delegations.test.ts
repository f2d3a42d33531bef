// Delegations end to end on a real database, through the action layer: a reseller asks, the client
// approves (never more than was asked), the reseller chooses its staff, they act in the client — recorded
// in the client's trail with the delegation and copied to the reseller's — and a revoke stops the very next
// attempt. Every bad answer is refused with a clear sentence, changes nothing and is recorded.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { delegations, passwordCredentials } from "~db/schema";
import {
  actorOf,
  delegationById,
  delegationsOf,
  entriesOf,
  newWorld,
  outboxOf,
  staffOf,
  WORLD_PASSWORD,
  type World,
  type WorldPerson,
} from "~/partners/test-world.server";
import { tenantScope } from "~/db.server";
import { resellerOverview } from "~/partners/delegations.server";
import { requireTenantAccess } from "~/tenancy/access.server";
import { confirmFactorNow } from "~/testing/actors";
import { getRequest, responseOf, setupTestDatabase, signInCookie, testContext } from "~/testing/harness";
import { requireTenantActor } from "./actor.server";
import { performAction } from "./perform.server";

const database = setupTestDatabase();
const db = () => database.current.db;
const DAY_MS = 24 * 60 * 60 * 1000;
const DURATION_ERROR = "Choose a duration from 1 day to 2 years (730 days).";

async function ask(world: World, input: Record<string, unknown> = {}, by: WorldPerson = world.rosa) {
  return performAction<{ delegationId: string; number: number }>(actorOf(by), "delegation.request", {
    clientId: world.acme.id,
    roles: ["helpdesk_admin", "auditor"],
    durationDays: 90,
    message: "Winter support cover, ticket NW-118",
    ...input,
  });
}

async function askedId(world: World, input: Record<string, unknown> = {}): Promise<string> {
  const result = await ask(world, input);
  if (!result.ok) throw new Error(`The request was refused: ${JSON.stringify(result)}`);
  return result.output.delegationId;
}

function approve(by: WorldPerson, delegationId: string, roles: string[], durationDays: number | string) {
  return performAction(actorOf(by), "delegation.approve", { delegationId, roles, durationDays });
}

async function passwordHashOf(person: WorldPerson): Promise<string | undefined> {
  const [row] = await db()
    .select({ hash: passwordCredentials.hash })
    .from(passwordCredentials)
    .where(eq(passwordCredentials.accountId, person.id));
  return row?.hash;
}

describe("a delegation's life", () => {
  it("goes from request to revoke: a narrowed approval, chosen staff, use in the client, nothing after the revoke", async () => {
    const world = await newWorld(db);

    // Northwind's domain admin asks Acme.
    const asked = await ask(world);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const { delegationId, number } = asked.output;
    expect(number).toBe(1);
    expect(await delegationById(db(), delegationId)).toMatchObject({
      status: "requested",
      roles: ["helpdesk_admin", "auditor"],
      durationDays: 90,
      resellerId: world.northwind.id,
      requestedBy: world.rosa.id,
    });
    const [requested] = await entriesOf(db(), world.acme.id, "delegation.request");
    expect(requested).toMatchObject({ outcome: "allowed", actorTenantId: world.northwind.id, visibility: "admins" });
    expect(requested!.changes).toMatchObject({
      after: { roles: ["helpdesk_admin", "auditor"], durationDays: 90, message: "Winter support cover, ticket NW-118" },
    });
    const [requestCopy] = await entriesOf(db(), world.northwind.id, "delegation.request");
    expect(requestCopy!.target).toMatchObject({ id: world.acme.id, seq: requested!.seq });
    // Acme's domain admins are told, in Acme's outbox; its helpdesk admin is not.
    const told = await outboxOf(db(), world.acme.id, "partner.requested");
    expect(told.map((email) => email.toAddress).sort()).toEqual([world.dana.email, world.dora.email].sort());
    expect(told[0]!.bodyText).toContain("Winter support cover, ticket NW-118");
    expect(told[0]!.bodyText).toContain(`/t/${world.acme.slug}/partners`);

    // Nobody of Northwind reaches Acme yet.
    const samCookie = await signInCookie(world.sam.email, WORLD_PASSWORD);
    await confirmFactorNow(db(), samCookie);
    const acmeConsole = () => getRequest(`/t/${world.acme.slug}/`, samCookie);
    expect((await responseOf(() => requireTenantAccess(acmeConsole(), world.acme.slug))).status).toBe(404);

    // Dana approves less than was asked: helpdesk only, for 30 days.
    const approved = await approve(world.dana, delegationId, ["helpdesk_admin"], 30);
    expect(approved.ok).toBe(true);
    const active = await delegationById(db(), delegationId);
    expect(active).toMatchObject({ status: "active", roles: ["helpdesk_admin"], durationDays: 30 });
    expect(active!.approvedBy).toBe(world.dana.id);
    expect(Math.abs(active!.expiresAt!.getTime() - active!.approvedAt!.getTime() - 30 * DAY_MS)).toBeLessThan(1000);
    const [approval] = await entriesOf(db(), world.acme.id, "delegation.approve");
    expect(approval!.changes).toMatchObject({
      before: { roles: ["helpdesk_admin", "auditor"], durationDays: 90 },
      after: { status: "active", roles: ["helpdesk_admin"], durationDays: 30 },
    });
    const [approvedMail] = await outboxOf(db(), world.northwind.id, "partner.approved");
    expect(approvedMail).toMatchObject({ toAddress: world.rosa.email });
    expect(approvedMail!.bodyText).toContain("with less than you asked for: helpdesk admin");

    // Approved, but Sam is not among its staff yet.
    expect((await responseOf(() => requireTenantAccess(acmeConsole(), world.acme.slug))).status).toBe(404);

    // Rosa chooses Sam.
    const staffed = await performAction(actorOf(world.rosa), "delegation.assignStaff", {
      clientId: world.acme.id,
      delegationId,
      staffAccountIds: [world.sam.id],
    });
    expect(staffed.ok).toBe(true);
    expect(await staffOf(db(), delegationId)).toEqual([world.sam.id]);
    const [staffEntry] = await entriesOf(db(), world.acme.id, "delegation.assignStaff");
    expect(staffEntry!.changes).toEqual({ before: { staff: [] }, after: { staff: [world.sam.name] } });

    // Sam opens Acme's console through the delegation and resets Alice's password.
    const opened = await requireTenantActor(acmeConsole(), world.acme.slug, testContext);
    expect(opened.access).toMatchObject({ kind: "delegation", number: 1, roles: ["helpdesk_admin"], assigned: true });
    const reset = (reason: string) =>
      performAction(opened.actor, "account.resetPassword", {
        accountId: world.alice.id,
        reason,
        method: "temporary",
        origin: "http://localhost:3000",
      });
    expect((await reset("Locked out, ticket 4711")).ok).toBe(true);
    const [used] = await entriesOf(db(), world.acme.id, "account.resetPassword");
    expect(used).toMatchObject({
      outcome: "allowed",
      subjectAccountId: world.alice.id,
      delegationId,
      actorAccountId: world.sam.id,
      actorTenantId: world.northwind.id,
      actorRole: "helpdesk_admin",
    });
    const [usedCopy] = await entriesOf(db(), world.northwind.id, "account.resetPassword");
    expect(usedCopy).toMatchObject({ outcome: "allowed", subjectAccountId: null });
    expect(usedCopy!.target).toMatchObject({ id: world.acme.id, seq: used!.seq, delegation: 1 });

    // Dana revokes; the reseller is told.
    const revoked = await performAction(actorOf(world.dana), "delegation.revoke", {
      delegationId,
      reason: "Support contract ended",
    });
    expect(revoked.ok).toBe(true);
    expect(await delegationById(db(), delegationId)).toMatchObject({ status: "revoked", endedBy: world.dana.id });
    const [revokedMail] = await outboxOf(db(), world.northwind.id, "partner.revoked");
    expect(revokedMail!.bodyText).toContain("Reason: Support contract ended");

    // Sam's actor from before the revoke is refused at its next action, and nothing changes.
    const hashBefore = await passwordHashOf(world.alice);
    const again = await reset("Locked out again");
    expect(again).toMatchObject({ ok: false, kind: "denied" });
    if (again.ok || again.kind !== "denied") throw new Error("expected a refusal");
    expect(again.decision.sentence).toBe(
      `Blocked: ${world.northwind.name}'s delegation #1 was revoked, so it grants nothing.`,
    );
    expect(again.decision.policyIds).toContain("delegation.not-live");
    expect(await passwordHashOf(world.alice)).toBe(hashBefore);
    const attempts = await entriesOf(db(), world.acme.id, "account.resetPassword");
    expect(attempts.map((entry) => entry.outcome)).toEqual(["allowed", "denied"]);
    expect((await responseOf(() => requireTenantAccess(acmeConsole(), world.acme.slug))).status).toBe(404);
  });

  it("keeps the roles asked for once each, in the catalogue's order", async () => {
    const world = await newWorld(db);
    const id = await askedId(world, { roles: ["auditor", "helpdesk_admin", "auditor"], message: "" });
    expect(await delegationById(db(), id)).toMatchObject({ roles: ["helpdesk_admin", "auditor"], message: null });
  });

  it("numbers each client's delegations on their own", async () => {
    const world = await newWorld(db);
    await askedId(world);
    const second = await ask(world, {}, world.carla);
    expect(second).toMatchObject({ ok: true, output: { number: 2 } });
  });
});

describe("bad input", () => {
  it.each([
    [0, DURATION_ERROR],
    [731, DURATION_ERROR],
    [1.5, DURATION_ERROR],
    ["", DURATION_ERROR],
    ["two years", DURATION_ERROR],
  ])("refuses a duration of %j with the field's error, asking nothing", async (durationDays, message) => {
    const world = await newWorld(db);
    const result = await ask(world, { durationDays });
    expect(result).toEqual({ ok: false, kind: "invalid", fieldErrors: { durationDays: [message] } });
    expect(await delegationsOf(db(), world.acme.id)).toEqual([]);
    // The refusal is on the reseller's own record, and nothing reached the client's.
    const [refused] = await entriesOf(db(), world.northwind.id, "delegation.request");
    expect(refused).toMatchObject({
      outcome: "failed",
      actorAccountId: world.rosa.id,
      sentence: "The input was not valid (durationDays); nothing was done.",
    });
    expect(await entriesOf(db(), world.acme.id, "delegation.request")).toEqual([]);
  });

  it("takes 1 day and 2 years (730 days)", async () => {
    const world = await newWorld(db);
    expect((await ask(world, { durationDays: 1 })).ok).toBe(true);
    expect((await ask(world, { durationDays: "730" })).ok).toBe(true);
  });

  it("refuses a role that cannot be delegated, and no role at all", async () => {
    const world = await newWorld(db);
    const odd = await ask(world, { roles: ["helpdesk_admin", "line_manager"] });
    expect(odd).toMatchObject({ ok: false, kind: "invalid" });
    if (odd.ok || odd.kind !== "invalid") throw new Error("expected invalid input");
    expect(odd.fieldErrors.roles?.[0]).toMatch(/^That is a role that cannot be delegated/);
    const none = await ask(world, { roles: [] });
    expect(none).toEqual({
      ok: false,
      kind: "invalid",
      fieldErrors: { roles: ["Choose at least one role to delegate."] },
    });
    expect(await delegationsOf(db(), world.acme.id)).toEqual([]);
  });

  it("refuses a request to an organisation that has not linked the reseller, recorded only in the reseller's trail", async () => {
    const world = await newWorld(db);
    const result = await ask(world, { clientId: world.fabrikam.id });
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    if (result.ok || result.kind !== "denied") throw new Error("expected a refusal");
    expect(result.decision.policyIds).toContain("delegation.request-unlinked");
    expect(result.decision.sentence).toBe(
      `Blocked: ${world.fabrikam.name} has not linked this reseller, so it cannot ask for a delegation.`,
    );
    const [recorded] = await entriesOf(db(), world.northwind.id, "delegation.request");
    expect(recorded).toMatchObject({ outcome: "denied", actorAccountId: world.rosa.id });
    expect(await entriesOf(db(), world.fabrikam.id, "delegation.request")).toEqual([]);
    expect(await delegationsOf(db(), world.fabrikam.id)).toEqual([]);
    expect(await outboxOf(db(), world.fabrikam.id, "partner.requested")).toEqual([]);
  });

  it("refuses a request from a reseller's staff member who is no admin", async () => {
    const world = await newWorld(db);
    const result = await ask(world, {}, world.sam);
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    expect(await delegationsOf(db(), world.acme.id)).toEqual([]);
  });

  it("refuses an approval that widens the roles or lengthens the time, changing nothing and recording it", async () => {
    const world = await newWorld(db);
    const id = await askedId(world, { roles: ["helpdesk_admin"], durationDays: 30 });

    const wider = await approve(world.dana, id, ["helpdesk_admin", "domain_admin"], 30);
    expect(wider).toMatchObject({ ok: false, kind: "denied" });
    if (wider.ok || wider.kind !== "denied") throw new Error("expected a refusal");
    expect(wider.decision.policyIds).toContain("delegation.approve-widens");
    expect(wider.decision.sentence).toBe(
      "Blocked: delegation #1 asked for helpdesk admin; an approval may narrow the roles, never widen them.",
    );

    const longer = await approve(world.dana, id, ["helpdesk_admin"], 31);
    expect(longer).toMatchObject({ ok: false, kind: "denied" });
    if (longer.ok || longer.kind !== "denied") throw new Error("expected a refusal");
    expect(longer.decision.policyIds).toContain("delegation.approve-lengthens");

    expect(await delegationById(db(), id)).toMatchObject({ status: "requested", roles: ["helpdesk_admin"] });
    const recorded = await entriesOf(db(), world.acme.id, "delegation.approve");
    expect(recorded.map((entry) => entry.outcome)).toEqual(["denied", "denied"]);
    expect(await outboxOf(db(), world.northwind.id, "partner.approved")).toEqual([]);
  });

  it("asks for a fresh second factor before approving", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const result = await performAction(actorOf(world.dana, { fresh: false }), "delegation.approve", {
      delegationId: id,
      roles: ["helpdesk_admin"],
      durationDays: 30,
    });
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await delegationById(db(), id)).toMatchObject({ status: "requested" });
  });

  it("leaves answering to the client's domain admins", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    expect(await approve(world.hank, id, ["helpdesk_admin"], 30)).toMatchObject({ ok: false, kind: "denied" });
    expect(await approve(world.rosa, id, ["helpdesk_admin"], 30)).toMatchObject({ ok: false, kind: "denied" });
    expect(await delegationById(db(), id)).toMatchObject({ status: "requested" });
  });

  it("lets one of two admins answering at once win, and tells the other who did", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const results = await Promise.all([
      approve(world.dana, id, ["helpdesk_admin"], 30),
      approve(world.dora, id, ["helpdesk_admin"], 30),
    ]);
    const won = results.filter((result) => result.ok);
    const lost = results.filter((result) => !result.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = results[0]!.ok ? world.dana : world.dora;
    expect(lost[0]).toMatchObject({ ok: false, kind: "failed" });
    if (lost[0]!.ok || lost[0]!.kind !== "failed") throw new Error("expected a failure");
    expect(lost[0]!.message).toMatch(
      new RegExp(`^Delegation #1 was already answered: approved by ${winner.name} on \\d{1,2} \\w{3} \\d{4}\\.$`),
    );
    const recorded = await entriesOf(db(), world.acme.id, "delegation.approve");
    expect(recorded.map((entry) => entry.outcome).sort()).toEqual(["allowed", "failed"]);

    const declined = await performAction(actorOf(world.dora), "delegation.decline", { delegationId: id });
    expect(declined).toMatchObject({ ok: false, kind: "failed" });
    expect(await delegationById(db(), id)).toMatchObject({ status: "active", approvedBy: winner.id });
  });

  it("tells the second admin a request was declined", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const declined = await performAction(actorOf(world.dana), "delegation.decline", {
      delegationId: id,
      reason: "We use our own helpdesk",
    });
    expect(declined.ok).toBe(true);
    const [mail] = await outboxOf(db(), world.northwind.id, "partner.declined");
    expect(mail!.bodyText).toContain("Reason: We use our own helpdesk");
    // The reseller reads why on its own page too.
    const overview = await tenantScope(world.northwind.id, (tx) => resellerOverview(tx, world.northwind.id));
    expect(overview.delegations.find((delegation) => delegation.id === id)).toMatchObject({
      status: "declined",
      endedReason: "We use our own helpdesk",
    });
    const late = await approve(world.dora, id, ["helpdesk_admin"], 30);
    expect(late).toMatchObject({ ok: false, kind: "failed" });
    if (late.ok || late.kind !== "failed") throw new Error("expected a failure");
    expect(late.message).toMatch(new RegExp(`^Delegation #1 was already answered: declined by ${world.dana.name} on `));
  });

  it("refuses to answer a request older than 90 days", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    await db()
      .update(delegations)
      .set({ requestedAt: new Date(Date.now() - 90 * DAY_MS - 60_000) })
      .where(eq(delegations.id, id));
    const late = await approve(world.dana, id, ["helpdesk_admin"], 30);
    expect(late).toMatchObject({ ok: false, kind: "failed" });
    if (late.ok || late.kind !== "failed") throw new Error("expected a failure");
    expect(late.message).toMatch(/^Delegation request #1 lapsed on .*: nobody answered it within 90 days\./);
    const declined = await performAction(actorOf(world.dana), "delegation.decline", { delegationId: id });
    expect(declined).toMatchObject({ ok: false, kind: "failed" });
    expect(await delegationById(db(), id)).toMatchObject({ status: "requested", approvedBy: null });
    const recorded = await entriesOf(db(), world.acme.id, "delegation.approve");
    expect(recorded.map((entry) => entry.outcome)).toEqual(["failed"]);
  });

  it("still answers a request on its 89th day", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    await db()
      .update(delegations)
      .set({ requestedAt: new Date(Date.now() - 89 * DAY_MS) })
      .where(eq(delegations.id, id));
    expect((await approve(world.dana, id, ["auditor"], 7)).ok).toBe(true);
  });

  it("revokes only a live delegation, and says so twice", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const early = await performAction(actorOf(world.dana), "delegation.revoke", { delegationId: id });
    expect(early).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Delegation #1 has not been approved yet: decline the request instead.",
    });
    expect((await approve(world.dana, id, ["helpdesk_admin"], 30)).ok).toBe(true);
    expect((await performAction(actorOf(world.dana), "delegation.revoke", { delegationId: id })).ok).toBe(true);
    const twice = await performAction(actorOf(world.dora), "delegation.revoke", { delegationId: id });
    expect(twice).toMatchObject({ ok: false, kind: "failed" });
    if (twice.ok || twice.kind !== "failed") throw new Error("expected a failure");
    expect(twice.message).toMatch(new RegExp(`^Delegation #1 was already revoked by ${world.dana.name} on `));
  });
});

describe("choosing the staff", () => {
  async function activeDelegation(world: World): Promise<string> {
    const id = await askedId(world);
    const approved = await approve(world.dana, id, ["helpdesk_admin"], 30);
    if (!approved.ok) throw new Error(JSON.stringify(approved));
    return id;
  }

  it("refuses another reseller's delegation, recorded in that reseller's own trail", async () => {
    const world = await newWorld(db);
    const id = await activeDelegation(world);
    const result = await performAction(actorOf(world.carla), "delegation.assignStaff", {
      clientId: world.acme.id,
      delegationId: id,
      staffAccountIds: [world.carla.id],
    });
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    if (result.ok || result.kind !== "denied") throw new Error("expected a refusal");
    expect(result.decision.policyIds).toContain("delegation.assign-other-reseller");
    expect(result.decision.sentence).toBe("Blocked: delegation #1 belongs to another reseller.");
    expect(await staffOf(db(), id)).toEqual([]);
    const [recorded] = await entriesOf(db(), world.contoso.id, "delegation.assignStaff");
    expect(recorded).toMatchObject({ outcome: "denied", actorAccountId: world.carla.id });
    expect(await entriesOf(db(), world.acme.id, "delegation.assignStaff")).toEqual([]);
  });

  it("takes only the reseller's own active accounts", async () => {
    const world = await newWorld(db);
    const id = await activeDelegation(world);
    for (const staffAccountIds of [[world.alice.id], [world.stan.id], [randomUUID()]]) {
      const result = await performAction(actorOf(world.rosa), "delegation.assignStaff", {
        clientId: world.acme.id,
        delegationId: id,
        staffAccountIds,
      });
      expect(result).toEqual({
        ok: false,
        kind: "failed",
        message: "Choose the staff among your organisation's active accounts.",
        field: "staffAccountIds",
      });
    }
    expect(await staffOf(db(), id)).toEqual([]);
  });

  it("replaces the staff, and may leave nobody", async () => {
    const world = await newWorld(db);
    const id = await activeDelegation(world);
    const assign = (staffAccountIds: string[]) =>
      performAction(actorOf(world.rosa), "delegation.assignStaff", {
        clientId: world.acme.id,
        delegationId: id,
        staffAccountIds,
      });
    expect((await assign([world.sam.id, world.rosa.id])).ok).toBe(true);
    expect(await staffOf(db(), id)).toEqual([world.sam.id, world.rosa.id].sort());
    expect((await assign([world.rosa.id])).ok).toBe(true);
    expect(await staffOf(db(), id)).toEqual([world.rosa.id]);
    expect((await assign([])).ok).toBe(true);
    expect(await staffOf(db(), id)).toEqual([]);
    const last = (await entriesOf(db(), world.acme.id, "delegation.assignStaff")).at(-1);
    expect(last!.changes).toEqual({ before: { staff: [world.rosa.name] }, after: { staff: [] } });
  });

  it("chooses staff only for an active delegation", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const result = await performAction(actorOf(world.rosa), "delegation.assignStaff", {
      clientId: world.acme.id,
      delegationId: id,
      staffAccountIds: [world.sam.id],
    });
    expect(result).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Delegation #1 is not active: staff are chosen for an active delegation.",
    });
  });
});
