import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";

export const DEMO_PASSWORD = "Glasshouse-demo-2026";
export const ADMIN = { email: "dana.okafor@acme.example", name: "Dana Okafor" };
export const END_USER = { email: "alice.ng@acme.example", name: "Alice Ng" };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Sets up an authenticator app for the signed-in person; returns its secret and the 30-second step used. */
export async function enrolAuthenticator(page: Page): Promise<{ secret: string; usedStep: number }> {
  await page.goto("/me/security");
  const setUp = page.locator("form", { has: page.getByRole("button", { name: "Set up an authenticator app" }) });
  await setUp.getByLabel("Your current password").fill(DEMO_PASSWORD);
  await setUp.getByRole("button", { name: "Set up an authenticator app" }).click();
  const shownKey = (await page.getByText("Can’t scan? Enter this key instead:").textContent()) ?? "";
  const secret = /instead:\s*([A-Z2-7]{32})/.exec(shownKey)?.[1];
  expect(secret, `the key under the QR code, in "${shownKey}"`).toBeTruthy();
  const usedStep = currentStep();
  await page.getByLabel("Code shown by the app").fill(await codeAt(secret!, usedStep));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your authenticator app is set up" })).toBeVisible();
  return { secret: secret!, usedStep };
}

export function currentStep(): number {
  return Math.floor(Date.now() / 30_000);
}

/** A real code of the authenticator app for one 30-second step. */
export function codeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * 30 });
}

/** Answers the step-up page with a code of a later 30-second step than the one already spent. */
export async function confirmWithCode(page: Page, authenticator: { secret: string; usedStep: number }) {
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  const step = Math.max(currentStep(), authenticator.usedStep + 1);
  await page.getByLabel("Code from your authenticator app").fill(await codeAt(authenticator.secret, step));
  await page.getByRole("button", { name: "Verify" }).click();
  authenticator.usedStep = step;
}
