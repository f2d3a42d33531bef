import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, codeAt, currentStep, enrolAuthenticator, END_USER, signIn } from "./demo";

// Issue 9 end to end: a domain admin makes an app key in the console (with a second factor), the simulator
// posts realistic traffic with it over HTTP, a known batch is posted beside it, and the apps page shows the
// counts and its charts — drawn on the server, so they are there with JavaScript off too.

const run = promisify(execFile);
const KNOWN_APP = "E2E Known App";

async function confirmWithCode(page: Page, authenticator: { secret: string; usedStep: number }) {
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  const step = Math.max(currentStep(), authenticator.usedStep + 1);
  await page.getByLabel("Code from your authenticator app").fill(await codeAt(authenticator.secret, step));
  await page.getByRole("button", { name: "Verify" }).click();
  authenticator.usedStep = step;
}

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
  const { stdout } = await run(
    "npx",
    [
      "tsx",
      "scripts/telemetry-simulate.ts",
      "--url",
      baseURL!,
      "--key",
      key,
      "--devices",
      "40",
      "--events",
      "1500",
      "--batch",
      "250",
      "--duplicates",
      "0.2",
      "--bad",
      "0.02",
      "--seed",
      "e2e",
      "--accounts",
      END_USER.email,
    ],
    { timeout: 120_000 },
  );
  const accepted = Number(/Accepted\s+([\d,]+)/.exec(stdout)?.[1]?.replaceAll(",", ""));
  const expected = /Expected\s+([\d,]+) accepted, ([\d,]+) duplicates, ([\d,]+) rejected/.exec(stdout);
  expect(accepted).toBeGreaterThan(1000);
  expect(accepted).toBe(Number(expected?.[1]?.replaceAll(",", "")));
  expect(stdout).toMatch(/Duplicates\s+[1-9]/);

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
