import { expect, test } from "@playwright/test";
import { ADMIN, END_USER, signIn } from "./demo";

test("an admin signs in, sees the accounts list and searches it", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await expect(page).toHaveURL(/\/t\/acme\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Ltd" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(51);

  await page.getByRole("searchbox", { name: "Search accounts by name or email" }).fill("alice.ng");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=alice\.ng/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("cell", { name: END_USER.email })).toBeVisible();
});

test("an admin pages through the accounts and back", async ({ page }) => {
  await signIn(page, ADMIN.email);
  const firstName = await page.getByRole("table").getByRole("row").nth(1).getByRole("cell").first().textContent();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByRole("table").getByRole("row").nth(1).getByRole("cell").first()).not.toHaveText(firstName!);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page.getByRole("table").getByRole("row").nth(1).getByRole("cell").first()).toHaveText(firstName!);
});

test("an end user signs in and sees their own profile on My account", async ({ page }) => {
  await signIn(page, END_USER.email);
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Name", { exact: true })).toHaveValue(
    END_USER.name,
  );
  await expect(page.getByRole("form", { name: "Email address" })).toContainText(END_USER.email);
  await expect(page.getByRole("region", { name: "Kept by your organisation" }).getByText("Marcus Webb")).toBeVisible();
});

test("a wrong password shows one message and keeps the email typed", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
});

test("a malformed email is pointed out next to the field", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("dana at acme");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(email).toHaveValue("dana at acme");
});

test("another organisation's console answers 404, and signing out ends the session", async ({ page }) => {
  await signIn(page, ADMIN.email);
  const response = await page.goto("/t/contoso/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await page.goto("/t/acme/");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/t/acme/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ft%2Facme%2F$/);
});

test("a form post from another site is refused", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: ADMIN.email, password: "whatever" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("another site");
});
