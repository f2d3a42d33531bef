import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./demo";

// The accounts list as an admin uses it: narrow it with the filter bar, sort by a column, page through the
// result and back, with the filter and the sort kept all the way; then choose accounts for a bulk action.
// Reads only: nothing here changes the demo.

test("an admin filters and sorts the accounts, pages forward and back, and keeps both", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await expect(page).toHaveURL(/\/t\/acme\/$/);
  const table = page.getByRole("table");

  await page.getByLabel("Status").selectOption("active");
  await page.getByRole("button", { name: "Search" }).click();
  // Fields left at "any" stay out of the URL.
  await expect(page).toHaveURL(/\/t\/acme\/\?status=active$/);
  await expect(table.getByRole("row")).toHaveCount(51);
  await expect(table.getByText("Suspended", { exact: true })).toHaveCount(0);
  await expect(table.getByText("Terminated", { exact: true })).toHaveCount(0);

  // Most recent sign-in first.
  await table.getByRole("link", { name: "Last sign-in" }).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(page).toHaveURL(/sort=lastSignIn&dir=desc/);
  await expect(table.getByRole("columnheader", { name: /Last sign-in/ })).toHaveAttribute("aria-sort", "descending");
  const firstRow = () => table.getByRole("row").nth(1).getByRole("cell").first();
  const firstName = (await firstRow().textContent())!.trim();

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page).toHaveURL(/status=active/);
  await expect(page).toHaveURL(/sort=lastSignIn&dir=desc/);
  await expect(page.getByLabel("Status")).toHaveValue("active");
  await expect(firstRow()).not.toHaveText(firstName);
  await expect(table.getByText("Suspended", { exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(firstRow()).toHaveText(firstName);
  await expect(table.getByRole("columnheader", { name: /Last sign-in/ })).toHaveAttribute("aria-sort", "descending");
});

test("a sorted column's header turns the order round, and clearing the filters keeps the sort", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.goto("/t/acme/?status=active&sort=lastSignIn&dir=desc");
  const table = page.getByRole("table");
  await table.getByRole("link", { name: "Last sign-in" }).click();
  await expect(page).toHaveURL(/sort=lastSignIn&dir=asc/);
  await expect(table.getByRole("columnheader", { name: /Last sign-in/ })).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page).toHaveURL(/sort=lastSignIn&dir=asc$/);
});

test("a hand-edited filter is pointed out, and the list still works", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.goto("/t/acme/?status=sleeping&hold=no");
  await expect(page.getByText("Choose a status from the list.")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(51);
});

test("an admin ticks accounts, or selects all that match, for a bulk action", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.goto("/t/acme/?status=suspended");
  const total = Number((await page.getByText(/^\d+ accounts? match/).textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(1);

  const bar = page.getByRole("form", { name: "Act on several accounts" });
  const unsuspend = bar.getByRole("button", { name: "Unsuspend" });
  await expect(unsuspend).toBeDisabled();
  const rows = page.getByRole("table").getByRole("row");
  const name = (await rows.nth(1).getByRole("cell").first().textContent())!.trim();
  await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(bar.getByText("1 selected")).toBeVisible();
  await expect(unsuspend).toBeEnabled();

  await page.getByRole("checkbox", { name: "Select every account on this page" }).check();
  await expect(bar.getByText(`${total} selected`)).toBeVisible();

  await bar.getByRole("radio", { name: `Select all ${total} accounts that match` }).check();
  await expect(bar.getByText(`All ${total} accounts that match are selected.`)).toBeVisible();
  await unsuspend.click();
  await expect(page).toHaveURL(/\/t\/acme\/bulk\/new\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("selection")).toBe("filter");
  expect(url.searchParams.get("status")).toBe("suspended");
  expect(url.searchParams.get("expected")).toBe(String(total));
  expect(url.searchParams.get("operation")).toBe("unsuspend");
});
