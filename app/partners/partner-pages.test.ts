// The reseller's home (/partner) and the customer's partners page (/t/:tenant/partners) as their people
// use them: each loader renders for the right people and answers 404 to everyone else, and each form keeps
// what was typed when it is refused, with the error next to its field. Signed in through the real sign-in.
import { describe, expect, it } from "vitest";
import { performAction } from "~/actions/perform.server";
import {
  actorOf,
  delegationById,
  delegationsOf,
  newWorld,
  WORLD_PASSWORD,
  type World,
  type WorldPerson,
} from "~/partners/test-world.server";
import { confirmFactorNow } from "~/testing/actors";
import {
  getRequest,
  ORIGIN,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { action as partnerAction, loader as partnerLoader } from "~/routes/partner._index";
import { action as partnersAction, loader as partnersLoader } from "~/routes/t.$tenant.partners";

const database = setupTestDatabase();
const db = () => database.current.db;

type PartnerPage = Awaited<ReturnType<typeof partnerLoader>>;
type PartnerAnswer = Awaited<ReturnType<typeof partnerAction>>["data"];
type PartnersPage = Awaited<ReturnType<typeof partnersLoader>>["data"];
type PartnersAnswer = Awaited<ReturnType<typeof partnersAction>>["data"];

async function cookieOf(person: WorldPerson, options: { fresh?: boolean } = {}): Promise<string> {
  const cookie = await signInCookie(person.email, WORLD_PASSWORD);
  if (options.fresh) await confirmFactorNow(db(), cookie);
  return cookie;
}

/** A form post with repeated fields (the ticked checkboxes), as a browser sends it. */
function post(path: string, fields: [string, string][], cookie: string): Request {
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) vitest",
      Cookie: cookie,
    },
    body: new URLSearchParams(fields),
  });
}

async function askedId(world: World, roles = ["helpdesk_admin", "auditor"], durationDays = 90): Promise<string> {
  const result = await performAction<{ delegationId: string }>(actorOf(world.rosa), "delegation.request", {
    clientId: world.acme.id,
    roles,
    durationDays,
    message: "Winter support cover",
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.output.delegationId;
}

/** A delegation Acme approved (helpdesk admin, 30 days) with Sam among its staff. */
async function liveDelegation(world: World): Promise<string> {
  const id = await askedId(world);
  const approved = await performAction(actorOf(world.dana), "delegation.approve", {
    delegationId: id,
    roles: ["helpdesk_admin"],
    durationDays: 30,
  });
  const staffed = await performAction(actorOf(world.rosa), "delegation.assignStaff", {
    clientId: world.acme.id,
    delegationId: id,
    staffAccountIds: [world.sam.id],
  });
  if (!approved.ok || !staffed.ok) throw new Error(JSON.stringify({ approved, staffed }));
  return id;
}

describe("/partner", () => {
  const open = async (cookie: string) =>
    (await partnerLoader({ request: getRequest("/partner", cookie), params: {}, context: testContext })) as PartnerPage;

  it("shows a reseller's admin its clients, each delegation with its status, staff and last use", async () => {
    const world = await newWorld(db);
    const live = await liveDelegation(world);
    const page = await open(await cookieOf(world.rosa));
    expect(page.isAdmin).toBe(true);
    expect(page.clients.map((client) => client.name)).toEqual([world.acme.name]);
    const [client] = page.clients;
    expect(client!.requestDecision.outcome).toBe("allow");
    expect(client!.delegations).toHaveLength(1);
    expect(client!.delegations[0]).toMatchObject({
      id: live,
      number: 1,
      state: "active",
      roles: ["helpdesk_admin"],
      staffNames: [world.sam.name],
      requestedByName: world.rosa.name,
      lastUsedAt: null,
      staffDecision: { outcome: "allow" },
    });
    expect(page.people.map((person) => person.name).sort()).toEqual([world.rosa.name, world.sam.name].sort());
  });

  it("says when a request lapses", async () => {
    const world = await newWorld(db);
    await askedId(world);
    const page = await open(await cookieOf(world.rosa));
    const [request] = page.clients[0]!.delegations;
    expect(request!.state).toBe("requested");
    const lapses = new Date(request!.lapsesOn).getTime() - new Date(request!.requestedAt).getTime();
    expect(lapses).toBe(90 * 24 * 60 * 60 * 1000);
    expect(request!.staffDecision).toBeNull();
  });

  it("shows a reseller's staff the clients they may act in now, and nothing of the others", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.sam);
    expect((await open(cookie)).actingNow).toEqual([]);
    await liveDelegation(world);
    const page = await open(cookie);
    expect(page.isAdmin).toBe(false);
    expect(page.clients).toEqual([]);
    expect(page.people).toEqual([]);
    expect(page.actingNow).toEqual([
      {
        number: 1,
        client: { slug: world.acme.slug, name: world.acme.name },
        roles: ["helpdesk_admin"],
        expiresAt: expect.any(String),
      },
    ]);
  });

  it("is not there for a customer's people", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.dana);
    expect((await responseOf(() => open(cookie))).status).toBe(404);
  });

  it("keeps what was typed when the request is refused, with the error next to its field", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.rosa);
    const fields: [string, string][] = [
      ["intent", "request"],
      ["clientId", world.acme.id],
      ["roles", "helpdesk_admin"],
      ["roles", "auditor"],
      ["durationDays", "0"],
      ["message", "For the winter quarter"],
    ];
    const answer = unwrapData<PartnerAnswer>(
      await partnerAction({ request: post("/partner?index", fields, cookie), params: {}, context: testContext }),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.fieldErrors).toEqual({
      durationDays: ["Choose a duration from 1 day to 2 years (730 days)."],
    });
    expect(answer.data.form).toMatchObject({
      intent: "request",
      clientId: world.acme.id,
      roles: ["helpdesk_admin", "auditor"],
      durationDays: "0",
      message: "For the winter quarter",
    });
    expect(await delegationsOf(db(), world.acme.id)).toEqual([]);

    const sent = unwrapData<PartnerAnswer>(
      await partnerAction({
        request: post("/partner?index", [...fields.slice(0, 4), ["durationDays", "30"]], cookie),
        params: {},
        context: testContext,
      }),
    );
    expect(sent.status).toBe(200);
    expect(sent.data.done).toBe("Sent: delegation request #1 is waiting for the client's answer.");
    expect(await delegationsOf(db(), world.acme.id)).toMatchObject([{ roles: ["helpdesk_admin", "auditor"] }]);
  });

  it("takes no post from a staff member who is no admin", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.sam);
    const response = await responseOf(() =>
      partnerAction({
        request: post("/partner?index", [["intent", "request"]], cookie),
        params: {},
        context: testContext,
      }),
    );
    expect(response.status).toBe(404);
  });
});

describe("/t/:tenant/partners", () => {
  const open = async (slug: string, cookie: string, query = "") =>
    unwrapData<PartnersPage>(
      await partnersLoader({
        request: getRequest(`/t/${slug}/partners${query}`, cookie),
        params: { tenant: slug },
        context: testContext,
      }),
    );
  const answer = async (slug: string, fields: [string, string][], cookie: string) =>
    unwrapData<PartnersAnswer>(
      await partnersAction({
        request: post(`/t/${slug}/partners`, fields, cookie),
        params: { tenant: slug },
        context: testContext,
      }),
    );

  it("shows a domain admin every linked reseller and request, approval after a second factor", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const { data: page } = await open(world.acme.slug, await cookieOf(world.dana));
    expect(page.resellers.map((reseller) => reseller.name)).toEqual([world.contoso.name, world.northwind.name]);
    expect(page.delegations).toHaveLength(1);
    expect(page.delegations[0]).toMatchObject({
      id,
      number: 1,
      state: "requested",
      resellerName: world.northwind.name,
      roles: ["helpdesk_admin", "auditor"],
      staffCount: 0,
      usedBy: [],
      decisions: { approve: { outcome: "needs_step_up" }, decline: { outcome: "allow" }, revoke: null },
    });
  });

  it("shows another admin role the page, with the answers refused and the sentence why", async () => {
    const world = await newWorld(db);
    await askedId(world);
    const { data: page } = await open(world.acme.slug, await cookieOf(world.hank));
    const [request] = page.delegations;
    expect(request!.decisions.approve).toEqual({
      outcome: "deny",
      sentence: `No policy allows ${world.hank.name} (helpdesk admin) to approve delegations.`,
    });
    expect(request!.decisions.decline!.outcome).toBe("deny");
  });

  it("is not there for a reseller, even one acting in the client through a live delegation", async () => {
    const world = await newWorld(db);
    await liveDelegation(world);
    for (const person of [world.sam, world.rosa]) {
      const cookie = await cookieOf(person, { fresh: true });
      const response = await responseOf(() => open(world.acme.slug, cookie));
      expect(response.status).toBe(404);
    }
    const other = await responseOf(async () => open(world.fabrikam.slug, await cookieOf(world.dana)));
    expect(other.status).toBe(404);
  });

  it("sends an admin without a fresh second factor to confirm one, and offers the approval back as ticked", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const cookie = await cookieOf(world.dana);
    const fields: [string, string][] = [
      ["intent", "approve"],
      ["delegationId", id],
      ["roles", "auditor"],
      ["durationDays", "14"],
    ];
    const response = await responseOf(() =>
      partnersAction({
        request: post(`/t/${world.acme.slug}/partners`, fields, cookie),
        params: { tenant: world.acme.slug },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/confirm\?/);
    expect(await delegationById(db(), id)).toMatchObject({ status: "requested" });
    const resumeCookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const { data: page } = await open(world.acme.slug, `${cookie}; ${resumeCookie}`, "?resume=1");
    expect(page.resume).toEqual({ intent: "approve", delegationId: id, roles: ["auditor"], durationDays: "14" });
  });

  it("keeps what was typed when an approval is refused, and approves a narrowed one", async () => {
    const world = await newWorld(db);
    const id = await askedId(world);
    const cookie = await cookieOf(world.dana, { fresh: true });
    const bad = await answer(
      world.acme.slug,
      [
        ["intent", "approve"],
        ["delegationId", id],
        ["roles", "auditor"],
        ["durationDays", "731"],
      ],
      cookie,
    );
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors).toEqual({ durationDays: ["Choose a duration from 1 day to 2 years (730 days)."] });
    expect(bad.data.form).toMatchObject({
      intent: "approve",
      delegationId: id,
      roles: ["auditor"],
      durationDays: "731",
    });

    const longer = await answer(
      world.acme.slug,
      [
        ["intent", "approve"],
        ["delegationId", id],
        ["roles", "auditor"],
        ["durationDays", "120"],
      ],
      cookie,
    );
    expect(longer.status).toBe(403);
    expect(longer.data.formError).toBe(
      "Blocked: delegation #1 asked for 90 days; an approval may shorten it, never lengthen it.",
    );

    const good = await answer(
      world.acme.slug,
      [
        ["intent", "approve"],
        ["delegationId", id],
        ["roles", "auditor"],
        ["durationDays", "14"],
      ],
      cookie,
    );
    expect(good.status).toBe(200);
    expect(good.data.done).toBe("Approved: delegation #1 is active.");
    expect(await delegationById(db(), id)).toMatchObject({ status: "active", roles: ["auditor"], durationDays: 14 });

    const twice = await answer(
      world.acme.slug,
      [
        ["intent", "decline"],
        ["delegationId", id],
      ],
      cookie,
    );
    expect(twice.status).toBe(409);
    expect(twice.data.formError).toMatch(/^Delegation #1 was already answered: approved by /);
  });

  it("declines with a reason, and revokes", async () => {
    const world = await newWorld(db);
    const requested = await askedId(world);
    const live = await liveDelegation(world);
    const cookie = await cookieOf(world.dana);
    const declined = await answer(
      world.acme.slug,
      [
        ["intent", "decline"],
        ["delegationId", requested],
        ["reason", "Not this quarter"],
      ],
      cookie,
    );
    expect(declined.data.done).toBe("Declined: delegation request #1. The reseller has been told.");
    const revoked = await answer(
      world.acme.slug,
      [
        ["intent", "revoke"],
        ["delegationId", live],
        ["reason", "Contract ended"],
      ],
      cookie,
    );
    expect(revoked.data.done).toBe("Revoked: delegation #2 grants nothing from now on. The reseller has been told.");
    const { data: page } = await open(world.acme.slug, cookie);
    expect(page.delegations.map((delegation) => [delegation.number, delegation.state])).toEqual([
      [2, "revoked"],
      [1, "declined"],
    ]);
  });

  it("answers a post it does not understand with 400", async () => {
    const world = await newWorld(db);
    const bad = await answer(world.acme.slug, [["intent", "approve-all"]], await cookieOf(world.dana));
    expect(bad.status).toBe(400);
    expect(bad.data.formError).toBe("That request was not understood.");
  });
});
