import { expect, test } from "@playwright/test";
import { ADMIN, END_USER, signIn } from "./demo";

const HELPDESK = { email: "bob.lindqvist@acme.example", name: "Bob Lindqvist" };

test("an admin's action lands in the audit log, and the chain verifies", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.getByRole("searchbox", { name: "Search accounts by name or email" }).fill(END_USER.email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row").filter({ hasText: END_USER.email });
  await row.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(row.getByRole("status")).toContainText("Signed out everywhere");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entry = page.getByRole("listitem").filter({ hasText: "Sign out everywhere" }).first();
  await expect(entry).toContainText(`by ${ADMIN.name}`);
  await expect(entry).toContainText(`on ${END_USER.name}`);
  await expect(entry).toContainText("Allowed");

  await page.getByRole("link", { name: "Verify the chain now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Verified just now" })).toBeVisible();

  await page.getByLabel("Outcome").selectOption("denied");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/outcome=denied/);

  // Exporting the log needs a fresh second factor, and Dana has none set up.
  await page.getByRole("link", { name: "CSV" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await expect(page.getByText("your account has none yet")).toBeVisible();
});

test("a helpdesk admin sees suspend disabled with the reason, not hidden", async ({ page }) => {
  await signIn(page, HELPDESK.email);
  await page.getByRole("searchbox", { name: "Search accounts by name or email" }).fill(END_USER.email);
  await page.getByRole("button", { name: "Search" }).click();
  const suspend = page.getByRole("row").filter({ hasText: END_USER.email }).getByRole("button", { name: "Suspend" });
  await expect(suspend).toHaveAttribute("aria-disabled", "true");
  await expect(suspend).toHaveAttribute("title", /Bob Lindqvist/);
  // aria-disabled, not disabled: a person can still press it to learn why (Playwright would wait for "enabled").
  await suspend.click({ force: true });
  await expect(page.getByRole("status").filter({ hasText: "Bob Lindqvist" })).toBeVisible();
});

test("a domain admin tries a policy in the simulator before saving it", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.goto("/t/acme/policies");
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();

  await page.getByLabel("Who (email)").fill(HELPDESK.email);
  await page.getByLabel("did").selectOption("account.resetPassword");
  await page.getByLabel("to the account (email; not needed for organisation actions)").fill(END_USER.email);
  await page.getByLabel("giving the reason").fill("Locked out, ticket 4711");
  await page.getByLabel("with a second factor confirmed in the last 10 minutes").check();
  await page.getByRole("button", { name: "Simulate with this draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Allowed" })).toBeVisible();

  await page.getByLabel("Name").fill("No helpdesk password resets");
  await page
    .getByLabel("Cedar source")
    .fill(
      'forbid (principal, action == Action::"account.resetPassword", resource)\nwhen { principal.roles.contains("helpdesk_admin") };',
    );
  await page.getByRole("button", { name: "Simulate with this draft" }).click();
  const denied = page.getByRole("status").filter({ hasText: "Denied" });
  await expect(denied).toBeVisible();
  await expect(denied).toContainText("tenant:");
  await expect(page.getByLabel("Cedar source")).toHaveValue(/helpdesk_admin/);

  await page.getByLabel("Cedar source").fill("permit (principal, action, resource)\nwhen { principal.nonsense };");
  await page.getByLabel("Why are you changing it?").fill("Trying a broken policy");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/^Line 2, column \d+: /)).toBeVisible();
  await expect(page.getByLabel("Cedar source")).toHaveAttribute("aria-invalid", "true");
});
