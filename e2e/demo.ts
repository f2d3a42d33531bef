import { expect, type Page } from "@playwright/test";

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
