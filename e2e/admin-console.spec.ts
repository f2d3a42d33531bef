import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./demo";

// The domain admin's console beyond the accounts list: an account's page, terminating and restoring, and
// legal holds. Nadia (Northwind Partners) is used by no other test; her colleagues Rosa and Sam are the
// reseller people of resellers.spec.ts, so they are left alone here.
const ADMIN = "nadia.petrova@northwind.example";
const RESELLER_PEOPLE = ["rosa.delgado@northwind.example", "sam.porter@northwind.example"];

async function addVirtualAuthenticator(page: Page) {
  const client = await page.context().newCDPSession(page);
  await client.send("WebAuthn.enable");
  await client.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

test("an admin opens an account, terminates it with step-up, holds it, restores it, then suspends several in bulk", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await addVirtualAuthenticator(page);
  await signIn(page, ADMIN);
  await page.goto("/me/security");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add a passkey" }) });
  await form.getByLabel("Your current password").fill(DEMO_PASSWORD);
  await form.getByLabel("Name for the new passkey").fill("Nadia's laptop");
  await form.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();

  // Find someone and open their page.
  await page.goto("/t/northwind/");
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Terminate" }) })
    .filter({ hasNotText: ADMIN })
    .filter({ hasNotText: RESELLER_PEOPLE[0] })
    .filter({ hasNotText: RESELLER_PEOPLE[1] })
    .first();
  const email = (await row.getByRole("cell").nth(1).textContent())!.trim();
  const name = (await row.getByRole("cell").first().textContent())!.trim();
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Terminate: the reason, then a second factor, then back to the dialog as typed.
  await page.getByRole("button", { name: "Terminate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Contract ended, ticket 6001");
  await dialog.getByRole("button", { name: "Terminate" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  const reopened = page.getByRole("dialog");
  await expect(reopened.getByLabel("Reason")).toHaveValue("Contract ended, ticket 6001");
  await reopened.getByRole("button", { name: "Terminate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Terminated." })).toBeVisible();
  await expect(page.getByText("Purged after")).toBeVisible();

  // A legal hold on the account, placed by email from the holds page.
  await page.getByRole("link", { name: "Legal holds" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Matter 2026-31");
  await page.getByLabel("Chosen accounts").check();
  await page.getByLabel(/emails/i).fill(email);
  await page.getByLabel("Reason").fill("Litigation hold requested by Legal");
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByRole("cell", { name: "Matter 2026-31" })).toBeVisible();

  // The account's page shows the hold, and the account can still be restored.
  await page.goto("/t/northwind/");
  await page.getByRole("searchbox", { name: "Search accounts by name or email" }).fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Legal hold");
  await page.getByRole("link", { name }).click();
  await expect(page.getByText("Matter 2026-31").first()).toBeVisible();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored." })).toBeVisible();

  // Bulk: tick two colleagues and Nadia herself, and suspend them. Each account is decided on its own, so
  // Nadia's own is skipped with the reason; the run's page shows its progress, then what came of each.
  await page.goto("/t/northwind/");
  const ticked: string[] = [];
  const colleagues = page
    .getByRole("row")
    .filter({ has: page.getByRole("checkbox") })
    .filter({ hasNotText: ADMIN })
    .filter({ hasNotText: RESELLER_PEOPLE[0] })
    .filter({ hasNotText: RESELLER_PEOPLE[1] })
    .filter({ hasText: "Active" });
  for (const index of [0, 1]) {
    const row = colleagues.nth(index);
    ticked.push((await row.getByRole("link").first().textContent())!.trim());
  }
  for (const person of ticked) await page.getByRole("checkbox", { name: `Select ${person}` }).check();
  const own = page.getByRole("row").filter({ hasText: ADMIN });
  const ownName = (await own.getByRole("link").first().textContent())!.trim();
  await page.getByRole("checkbox", { name: `Select ${ownName}` }).check();
  const bulk = page.getByRole("form", { name: "Act on several accounts" });
  await expect(bulk.getByText("3 selected")).toBeVisible();
  await bulk.getByRole("button", { name: "Suspend", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Suspend: 3 accounts" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: ownName })).toContainText("Will be skipped");
  await page.getByLabel("Reason").fill("Partner programme ended, ticket 7002");
  await page.getByRole("button", { name: "Suspend 3 accounts" }).click();
  // Nadia confirmed a passkey at the start of this test, more than likely within the ten minutes step-up
  // allows; if not, the confirm page asks again and brings her back with the reason kept.
  await page.waitForURL(/\/(confirm\?|t\/northwind\/bulk\/[0-9a-f-]{36}$)/);
  if (page.url().includes("/confirm?")) {
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page.getByLabel("Reason")).toHaveValue("Partner programme ended, ticket 7002");
    await page.getByRole("button", { name: "Suspend 3 accounts" }).click();
  }

  await expect(page).toHaveURL(/\/t\/northwind\/bulk\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByTestId("bulk-progress")).toHaveText(/Finished .*: 2 suspended, 1 not done\./, {
    timeout: 15_000,
  });
  const skipped = page.locator("details").filter({ hasText: "1 account skipped" });
  await expect(skipped).toContainText(/their own account/i);
  await expect(skipped.getByRole("link", { name: ownName })).toBeVisible();

  // The accounts list shows the two as suspended, and the audit log has an entry for each.
  await page.goto("/t/northwind/?status=suspended");
  for (const person of ticked) await expect(page.getByRole("row").filter({ hasText: person })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: ownName })).toHaveCount(0);
});
