// The app keys page (/t/:tenant/apps/keys) as its people use it: it opens for the customer's own admins
// (each button as the engine decides it) and answers 404 to anyone else; a new key is shown once, in the
// answer that made it, and never again; a refused form keeps what was typed. Signed in through the real
// sign-in.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "~db/schema";
import { performAction } from "~/actions/perform.server";
import { actorOf, newWorld, WORLD_PASSWORD, type World, type WorldPerson } from "~/partners/test-world.server";
import { action as keysAction, loader as keysLoader } from "~/routes/t.$tenant.apps.keys";
import { confirmFactorNow } from "~/testing/actors";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { findIngestionKey } from "./ingestion-keys.server";

const database = setupTestDatabase();
const db = () => database.current.db;

type KeysPage = Awaited<ReturnType<typeof keysLoader>>["data"];
type KeysAnswer = Awaited<ReturnType<typeof keysAction>>["data"];

async function cookieOf(person: WorldPerson, options: { fresh?: boolean } = {}): Promise<string> {
  const cookie = await signInCookie(person.email, WORLD_PASSWORD);
  if (options.fresh) await confirmFactorNow(db(), cookie);
  return cookie;
}

const open = async (slug: string, cookie: string, query = "") =>
  unwrapData<KeysPage>(
    await keysLoader({
      request: getRequest(`/t/${slug}/apps/keys${query}`, cookie),
      params: { tenant: slug },
      context: testContext,
    }),
  );

const post = async (slug: string, fields: Record<string, string>, cookie: string) =>
  unwrapData<KeysAnswer>(
    await keysAction({
      request: formRequest(`/t/${slug}/apps/keys`, fields, cookie),
      params: { tenant: slug },
      context: testContext,
    }),
  );

/** Sam of Northwind, in Acme's console through a live delegation that grants domain admin. */
async function delegatedCookie(world: World): Promise<string> {
  const asked = await performAction<{ delegationId: string }>(actorOf(world.rosa), "delegation.request", {
    clientId: world.acme.id,
    roles: ["domain_admin"],
    durationDays: 30,
    message: "",
  });
  if (!asked.ok) throw new Error(JSON.stringify(asked));
  const { delegationId } = asked.output;
  await performAction(actorOf(world.dana), "delegation.approve", {
    delegationId,
    roles: ["domain_admin"],
    durationDays: 30,
  });
  await performAction(actorOf(world.rosa), "delegation.assignStaff", {
    clientId: world.acme.id,
    delegationId,
    staffAccountIds: [world.sam.id],
  });
  return cookieOf(world.sam, { fresh: true });
}

describe("/t/:tenant/apps/keys", () => {
  it("shows a domain admin the keys, by prefix, creator and last use, and what each button will ask", async () => {
    const world = await newWorld(db);
    const made = await performAction<{ keyId: string; prefix: string; key: string }>(
      actorOf(world.dana),
      "ingestionKey.create",
      { name: "Field app" },
    );
    if (!made.ok) throw new Error(JSON.stringify(made));
    const { data: page } = await open(world.acme.slug, await cookieOf(world.dana));
    expect(page.keys).toEqual([
      expect.objectContaining({
        id: made.output.keyId,
        name: "Field app",
        prefix: `ghk_${made.output.prefix}_…`,
        status: "active",
        createdByName: world.dana.name,
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      }),
    ]);
    // Not confirmed a second factor lately: create and rotate will ask for one, revoke will not.
    expect(page.decisions.create!.outcome).toBe("needs_step_up");
    expect(page.decisions.rotate!.outcome).toBe("needs_step_up");
    expect(page.decisions.revoke!.outcome).toBe("allow");
    expect(JSON.stringify(page)).not.toContain(made.output.key);
  });

  it("shows a helpdesk admin the page with the buttons refused and the sentence why", async () => {
    const world = await newWorld(db);
    const { data: page } = await open(world.acme.slug, await cookieOf(world.hank));
    expect(page.decisions.create).toEqual({
      outcome: "deny",
      sentence: `No policy allows ${world.hank.name} (helpdesk admin) to create app keys.`,
    });
    expect(page.decisions.revoke!.outcome).toBe("deny");
  });

  it("is not there for a reseller acting through a delegation, nor for another organisation's admin", async () => {
    const world = await newWorld(db);
    const cookie = await delegatedCookie(world);
    expect((await responseOf(() => open(world.acme.slug, cookie))).status).toBe(404);
    const posted = await responseOf(() => post(world.acme.slug, { intent: "create", name: "Reseller key" }, cookie));
    expect(posted.status).toBe(404);
    const lena = await cookieOf(world.lena);
    expect((await responseOf(() => open(world.acme.slug, lena))).status).toBe(404);
  });

  it("shows a new key once, in the answer that made it, and never again", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.dana, { fresh: true });
    const made = await post(world.acme.slug, { intent: "create", name: "Kiosk app" }, cookie);
    expect(made.status).toBe(200);
    const newKey = made.data.newKey!;
    expect(newKey).toMatchObject({ name: "Kiosk app", oldExpiresAt: null });
    expect(newKey.key).toMatch(/^ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(await findIngestionKey(db(), newKey.key)).toMatchObject({ tenantId: world.acme.id, usable: true });

    const { data: page } = await open(world.acme.slug, cookie);
    expect(page.keys.map((key) => key.prefix)).toEqual([newKey.prefix]);
    expect(JSON.stringify(page)).not.toContain(newKey.key);

    // Rotating shows the replacement once, with when the old key stops.
    const rotated = await post(world.acme.slug, { intent: "rotate", keyId: page.keys[0]!.id }, cookie);
    expect(rotated.data.newKey).toMatchObject({ name: "Kiosk app", oldExpiresAt: expect.any(String) });
    expect(rotated.data.newKey!.key).not.toBe(newKey.key);
    const { data: after } = await open(world.acme.slug, cookie);
    expect(after.keys.map((key) => key.status).sort()).toEqual(["active", "ending"]);
    expect(JSON.stringify(after)).not.toContain(rotated.data.newKey!.key);

    // Revoking says so, and the key is refused at once.
    const revoked = await post(world.acme.slug, { intent: "revoke", keyId: page.keys[0]!.id, reason: "" }, cookie);
    expect(revoked.data.done).toBe(`Revoked: app key “Kiosk app” (${newKey.prefix}) is refused from now on.`);
    expect(await findIngestionKey(db(), newKey.key)).toMatchObject({ usable: false });
    const again = await post(world.acme.slug, { intent: "revoke", keyId: page.keys[0]!.id, reason: "" }, cookie);
    expect(again.status).toBe(409);
    expect(again.data.formError).toBe(`App key 'Kiosk app' (${newKey.prefix}) has already been revoked.`);
  });

  it("keeps what was typed when the input is refused, with the error next to the field", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.dana, { fresh: true });
    const long = "Kiosk ".repeat(17);
    const bad = await post(world.acme.slug, { intent: "create", name: long }, cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.form).toEqual({ intent: "create", name: long });
    expect(bad.data.fieldErrors).toEqual({ name: ["Keep the name to 100 characters or fewer."] });
    expect(bad.data.newKey).toBeNull();

    const empty = await post(world.acme.slug, { intent: "create", name: "  " }, cookie);
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors).toEqual({ name: ["Give the app key a name."] });

    const strange = await post(world.acme.slug, { intent: "rotate", keyId: "../../etc" }, cookie);
    expect(strange.status).toBe(400);
    expect(strange.data.fieldErrors).toEqual({ keyId: ["Choose an app key."] });

    const unknown = await post(world.acme.slug, { intent: "explode" }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.data.formError).toBe("That request was not understood.");
    expect((await open(world.acme.slug, cookie)).data.keys).toEqual([]);
  });

  it("answers in the admin's language", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.dana, { fresh: true });
    await db().update(accounts).set({ locale: "de" }).where(eq(accounts.id, world.dana.id));
    const bad = await post(world.acme.slug, { intent: "create", name: "" }, cookie);
    expect(bad.data.fieldErrors).toEqual({ name: ["Geben Sie dem App-Schlüssel einen Namen."] });
  });

  it("sends an admin without a fresh second factor to confirm one, and offers the name back", async () => {
    const world = await newWorld(db);
    const cookie = await cookieOf(world.dana);
    const response = await responseOf(() =>
      keysAction({
        request: formRequest(`/t/${world.acme.slug}/apps/keys`, { intent: "create", name: "CI pipeline" }, cookie),
        params: { tenant: world.acme.slug },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/confirm\?/);
    const resumeCookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const { data: page } = await open(world.acme.slug, `${cookie}; ${resumeCookie}`, "?resume=1");
    expect(page.resume).toEqual({ intent: "create", name: "CI pipeline" });
    expect(page.keys).toEqual([]);
  });
});
