// My account → Devices on a real database, through the page's loader as the browser asks for it: a person
// sees the devices and installations reported for their own account, never a colleague's or another
// organisation's, with how long their organisation keeps the raw events.
import type * as RemixReact from "@remix-run/react";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { appInstallations, devices, organisations } from "~db/schema";
import MyDevicesPage, { loader as devicesLoader } from "~/routes/me.devices";
import { getRequest, responseOf, setupTestDatabase, signInCookie, testContext } from "~/testing/harness";
import { testPeople, type TestOrganisation, type TestPersonRef } from "~/testing/people";

// The page renders outside a router here: its loader's data and the root's language come from these.
const shown = vi.hoisted(() => ({ data: null as unknown, locale: "en" }));
vi.mock("@remix-run/react", async (original) => ({
  ...(await original<typeof RemixReact>()),
  useLoaderData: () => shown.data,
  useRouteLoaderData: () => ({ locale: shown.locale }),
}));

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const { newOrganisation, newPerson } = testPeople(() => database.current.db, PASSWORD);

/** A device of `owner` (or of no account) with one installation on it. */
async function reportInstallation(
  org: TestOrganisation,
  owner: TestPersonRef | null,
  identifier: string,
  installation: { app: string; uninstalledAt?: Date },
) {
  const db = database.current.db;
  const [device] = await db
    .insert(devices)
    .values({
      tenantId: org.id,
      deviceIdentifier: identifier,
      accountId: owner?.accountId ?? null,
      model: `Model of ${identifier}`,
      os: "Android",
      osVersion: "15",
      firstSeenAt: new Date("2026-01-02T09:00:00Z"),
      lastSeenAt: new Date("2026-03-01T09:00:00Z"),
    })
    .returning({ id: devices.id });
  await db.insert(appInstallations).values({
    tenantId: org.id,
    installationNumber: `${identifier}-${installation.app}`,
    accountId: owner?.accountId ?? null,
    deviceId: device!.id,
    app: installation.app,
    appVersion: "4.2.0",
    os: "Android",
    osVersion: "15",
    firstSeenAt: new Date("2026-01-05T09:00:00Z"),
    lastSeenAt: new Date("2026-02-01T09:00:00Z"),
    uninstalledAt: installation.uninstalledAt ?? null,
  });
}

async function openDevices(person: TestPersonRef) {
  const cookie = await signInCookie(person.email, PASSWORD);
  return devicesLoader({ request: getRequest("/me/devices", cookie), params: {}, context: testContext });
}

describe("My account → Devices", () => {
  it("shows my devices and installations with what was collected, and not a colleague's", async () => {
    const org = await newOrganisation("Acme Ltd");
    const globex = await newOrganisation("Globex");
    const alice = await newPerson(org, "Alice Ng");
    const bob = await newPerson(org, "Bob Lindqvist", { roles: ["domain_admin"] });
    const gary = await newPerson(globex, "Gary Globex");
    await reportInstallation(org, alice, "alice-phone", { app: "Mail" });
    await reportInstallation(org, alice, "alice-tablet", {
      app: "Chat",
      uninstalledAt: new Date("2026-02-01T09:00:00Z"),
    });
    await reportInstallation(org, bob, "bob-phone", { app: "Mail" });
    await reportInstallation(org, null, "nobodys-phone", { app: "Mail" });
    await reportInstallation(globex, gary, "gary-phone", { app: "Mail" });

    const page = await openDevices(alice);
    expect(page.organisation).toBe("Acme Ltd");
    expect(page.retentionMonths).toBe(13);
    expect(page.devices.map((device) => device.deviceIdentifier).sort()).toEqual(["alice-phone", "alice-tablet"]);
    expect(page.devices.find((device) => device.deviceIdentifier === "alice-phone")).toMatchObject({
      model: "Model of alice-phone",
      os: "Android",
      osVersion: "15",
      firstSeenAt: "2026-01-02T09:00:00.000Z",
      lastSeenAt: "2026-03-01T09:00:00.000Z",
    });
    // Installed first, then uninstalled; each with its number, app, version, OS, device and times.
    expect(page.installations).toEqual([
      expect.objectContaining({
        installationNumber: "alice-phone-Mail",
        app: "Mail",
        appVersion: "4.2.0",
        os: "Android",
        osVersion: "15",
        deviceModel: "Model of alice-phone",
        deviceIdentifier: "alice-phone",
        firstSeenAt: "2026-01-05T09:00:00.000Z",
        lastSeenAt: "2026-02-01T09:00:00.000Z",
        uninstalledAt: null,
      }),
      expect.objectContaining({
        installationNumber: "alice-tablet-Chat",
        uninstalledAt: "2026-02-01T09:00:00.000Z",
      }),
    ]);

    // Bob, an admin, sees his own here too, not the organisation's.
    const bobs = await openDevices(bob);
    expect(bobs.devices.map((device) => device.deviceIdentifier)).toEqual(["bob-phone"]);
    expect(bobs.installations.map((installation) => installation.installationNumber)).toEqual(["bob-phone-Mail"]);
  });

  it("says nothing was reported for someone without devices, and the organisation's retention", async () => {
    const org = await newOrganisation("Acme Ltd");
    const carol = await newPerson(org, "Carol Chen");
    const dan = await newPerson(org, "Dan Doe");
    await reportInstallation(org, dan, "dan-phone", { app: "Mail" });
    await database.current.db
      .update(organisations)
      .set({ eventRetentionMonths: 6 })
      .where(eq(organisations.id, org.id));

    const page = await openDevices(carol);
    expect(page.devices).toEqual([]);
    expect(page.installations).toEqual([]);
    expect(page.retentionMonths).toBe(6);
  });

  it("renders what was collected and how long it is kept, in the person's language and time zone", async () => {
    const org = await newOrganisation("Acme Ltd");
    const alice = await newPerson(org, "Alice Ng");
    await reportInstallation(org, alice, "alice-phone", { app: "Mail" });
    shown.data = { ...(await openDevices(alice)), timeZone: "Europe/Berlin" };

    const english = renderToStaticMarkup(createElement(MyDevicesPage));
    expect(english).toContain("<code>alice-phone</code>");
    expect(english).toContain("<code>alice-phone-Mail</code>");
    // 09:00 UTC in Berlin's winter.
    expect(english).toContain("2 Jan 2026, 10:00");
    expect(english).toContain("the device&#x27;s model and identifier");
    expect(english).toContain("Acme Ltd keeps each of these reports for 13 months");

    shown.locale = "de";
    shown.data = { ...(shown.data as object), retentionMonths: 1 };
    const german = renderToStaticMarkup(createElement(MyDevicesPage));
    expect(german).toContain("das Modell und die Kennung des Geräts");
    expect(german).toContain("Acme Ltd bewahrt jede dieser Meldungen 1 Monat lang auf");
    shown.locale = "en";
  });

  it("sends someone who is not signed in to sign in", async () => {
    const response = await responseOf(() =>
      devicesLoader({ request: getRequest("/me/devices"), params: {}, context: testContext }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/me/devices" })}`);
  });
});
