// Reaching a client's console from another organisation, at its edges: operator access to one account opens
// that account's pages only, and a revoke that lands while an action is deciding stops that action — the
// action waits on the delegation's row and then sees it revoked, so nothing it started commits.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { delegationStaff, delegations, operatorAccessRequests, sessions } from "~db/schema";
import { performAction } from "~/actions/perform.server";
import { tenantActor } from "~/actions/actor.server";
import { newWorld, WORLD_PASSWORD, type World } from "~/partners/test-world.server";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { getRequest, responseOf, setupTestDatabase, signInCookie } from "~/testing/harness";
import { requireTenantAccess } from "./access.server";

const database = setupTestDatabase();
const db = () => database.current.db;
const HOUR = 60 * 60 * 1000;

async function liveDelegation(world: World) {
  const [row] = await db()
    .insert(delegations)
    .values({
      tenantId: world.acme.id,
      number: 40,
      resellerId: world.northwind.id,
      roles: ["helpdesk_admin"],
      status: "active",
      requestedBy: world.rosa.id,
      durationDays: 30,
      approvedBy: world.dana.id,
      approvedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
    })
    .returning({ id: delegations.id });
  await db()
    .insert(delegationStaff)
    .values({ tenantId: world.acme.id, delegationId: row!.id, staffAccountId: world.sam.id });
  return row!.id;
}

describe("operator access to one account", () => {
  it("opens that account's pages, leads the console's home there, and answers 404 everywhere else", async () => {
    const world = await newWorld(db);
    const operator = await createOrganisation(db(), { slug: `ops-${world.acme.slug}`, name: "Ops", kind: "operator" });
    const olga = await createAccount(db(), {
      tenantId: operator.id,
      email: `olga@${operator.slug}.example`,
      displayName: "Olga Berg",
      password: WORLD_PASSWORD,
      roles: ["helpdesk_admin"],
    });
    await db()
      .insert(operatorAccessRequests)
      .values({
        tenantId: world.acme.id,
        number: 1,
        operatorAccountId: olga.id,
        operatorTenantId: operator.id,
        operatorName: "Olga Berg",
        subjectAccountId: world.alice.id,
        readOnly: true,
        ticketReference: "T-1",
        justification: "Mail sync failure",
        status: "active",
        mode: "notify",
        durationMinutes: 60,
        startsAt: new Date(),
        endsAt: new Date(Date.now() + HOUR),
      });
    const cookie = await signInCookie(olga.email, WORLD_PASSWORD);
    const at = (path: string) => responseOf(() => requireTenantAccess(getRequest(path, cookie), world.acme.slug));
    const alicePage = `/t/${world.acme.slug}/accounts/${world.alice.id}`;

    const home = await at(`/t/${world.acme.slug}/`);
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe(alicePage);
    for (const elsewhere of ["holds", "locks", "audit", `accounts/${world.dana.id}`, "requests"]) {
      expect((await at(`/t/${world.acme.slug}/${elsewhere}`)).status, elsewhere).toBe(404);
    }
    const access = await requireTenantAccess(getRequest(`${alicePage}.data`, cookie), world.acme.slug);
    expect(access.access).toMatchObject({ kind: "operator", subjectAccountId: world.alice.id });
  });
});

// Two transactions at once need two connections: PGlite has one, so this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("a revoke while a reseller's action is deciding", () => {
  it("makes the action wait for the revoke, then refuse it, and nothing the action started commits", async () => {
    const world = await newWorld(db);
    const delegationId = await liveDelegation(world);
    const cookie = await signInCookie(world.sam.email, WORLD_PASSWORD);
    const sam = tenantActor(
      await requireTenantAccess(getRequest(`/t/${world.acme.slug}/`, cookie), world.acme.slug),
      getRequest(`/t/${world.acme.slug}/`, cookie),
    );
    const aliceSessions = async () =>
      (
        await db()
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.tenantId, world.acme.id), eq(sessions.accountId, world.alice.id)))
      ).length;
    await signInCookie(world.alice.email, WORLD_PASSWORD);
    expect(await aliceSessions()).toBe(1);

    // Dana's revoke has changed the row and not committed yet when Sam's action starts.
    let commitRevoke!: () => void;
    const revokeMayCommit = new Promise<void>((resolve) => (commitRevoke = resolve));
    let revokeWritten!: () => void;
    const written = new Promise<void>((resolve) => (revokeWritten = resolve));
    const revoke = db().transaction(async (tx) => {
      await tx
        .update(delegations)
        .set({ status: "revoked", endedBy: world.dana.id, endedAt: new Date() })
        .where(and(eq(delegations.tenantId, world.acme.id), eq(delegations.id, delegationId)));
      revokeWritten();
      await revokeMayCommit;
    });
    await written;
    let settled = false;
    const attempt = performAction(sam, "account.revokeSessions", { accountId: world.alice.id }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled, "the action waits on the delegation's row").toBe(false);
    commitRevoke();
    await revoke;

    const result = await attempt;
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    if (result.ok || result.kind !== "denied") throw new Error("unreachable");
    expect(result.decision.policyIds[0]).toBe("delegation.not-live");
    expect(result.decision.sentence).toMatch(/delegation #40 was revoked/);
    expect(await aliceSessions()).toBe(1);
    // And the next request of Sam's session finds no way in.
    const next = await responseOf(() =>
      requireTenantAccess(getRequest(`/t/${world.acme.slug}/`, cookie), world.acme.slug),
    );
    expect(next.status).toBe(404);
  });
});
