import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { ADMIN, confirmWithCode, enrolAuthenticator, END_USER, signIn } from "./demo";

// Issue 9 end to end: a domain admin makes an app key in the console (with a second factor), the simulator
// posts realistic traffic with it over HTTP, a known batch is posted beside it, and the apps page shows the
// counts and its charts — drawn on the server, so they are there with JavaScript off too.

const run = promisify(execFile);
const KNOWN_APP = "E2E Known App";

test("a domain admin creates an app key, the simulator posts with it, and the apps page shows the counts and charts", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN.email);
  const authenticator = await enrolAuthenticator(page);

  // The key: named, confirmed with a fresh code, shown once.
  await page.goto("/t/acme/apps/keys");
  await page.getByLabel("Name", { exact: true }).fill("E2E field app");
  await page.getByRole("button", { name: "Create key" }).click();
  await confirmWithCode(page, authenticator);
  await expect(page.getByText("check the name, then create the key again")).toBeVisible();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("The new key").inputValue();
  expect(key).toMatch(/^ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);

  // Realistic traffic from the command line, with re-sent batches and some bad events.
  const simulate = async () => {
    const args = ["tsx", "scripts/telemetry-simulate.ts", "--url", baseURL!, "--key", key, "--devices", "40"];
    args.push("--events", "1500", "--batch", "250", "--bad", "0.02", "--seed", "e2e", "--accounts", END_USER.email);
    const { stdout } = await run("npx", args, { timeout: 120_000 });
    const count = (label: string) => Number(new RegExp(`${label}\\s+([\\d,]+)`).exec(stdout)?.[1]?.replaceAll(",", ""));
    return { accepted: count("Accepted"), duplicates: count("Duplicates"), rejected: count("Rejected"), stdout };
  };
  const first = await simulate();
  expect(first.accepted, first.stdout).toBeGreaterThan(1000);
  expect(first.stdout).toMatch(new RegExp(`Expected\\s+${first.accepted.toLocaleString("en")} accepted`));
  // The same seed sends the same events again: every one is a duplicate, nothing counts twice.
  const again = await simulate();
  expect(again).toMatchObject({ accepted: 0, duplicates: first.accepted, rejected: first.rejected });

  // A batch whose counts are known: three installations, one of them uninstalled again.
  const day = new Date(Date.now() - 60 * 60 * 1000);
  const known = ["A", "B", "C"].map((name) => ({
    id: randomUUID(),
    installationNumber: `E2E-${name}`,
    kind: "install",
    occurredAt: new Date(day.getTime() - 60_000).toISOString(),
    app: KNOWN_APP,
    appVersion: name === "C" ? "1.0.0" : "1.1.0",
    os: "Android",
    osVersion: "15",
    deviceModel: "Pixel 9",
    deviceIdentifier: `E2E-DEVICE-${name}`,
  }));
  const uninstall = { ...known[2]!, id: randomUUID(), kind: "uninstall", occurredAt: day.toISOString() };
  const posted = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    data: { events: [...known, uninstall, { ...known[0], kind: "reinstall" }] },
  });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toEqual({
    accepted: 4,
    duplicates: 0,
    rejected: [{ index: 4, id: known[0]!.id, errors: [{ field: "kind", message: expect.any(String) }] }],
  });

  // The page of the known app: 2 active, 3 installs and 1 uninstall today, two versions, one OS.
  await page.goto(`/t/acme/apps?app=${encodeURIComponent(KNOWN_APP)}`);
  await expect(page.getByText(`2 active installations of ${KNOWN_APP}`)).toBeVisible();
  await expect(page.getByText(/3 installs, 1 uninstalls/)).toBeVisible();
  const versions = page.getByRole("table").filter({ hasText: "1.1.0" }).first();
  await expect(versions).toBeVisible();
  await expect(page.locator("svg[role='img']")).toHaveCount(3);

  // The simulator's apps are there too, with the charts drawn before any script runs.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto("/t/acme/apps");
  await expect(plain.getByRole("heading", { name: "Active installations now" })).toBeVisible();
  const charts = plain.locator("svg[role='img']");
  await expect(charts).toHaveCount(3);
  expect(await charts.first().locator("rect, path").count()).toBeGreaterThan(0);
  await noScript.close();

  // The key's last use is on the keys page.
  await page.goto("/t/acme/apps/keys");
  await expect(page.getByRole("row").filter({ hasText: "E2E field app" })).not.toContainText("Never");
});
