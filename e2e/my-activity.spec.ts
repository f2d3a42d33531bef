import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./demo";

// The product's promise, end to end: an admin resets someone's password, with a reason and a fresh second
// factor; the person signs in with the temporary password, chooses their own, opens My account → Activity
// and sees who did it and why, in German and in their time zone. Lena and Fabrikam Studio (German by
// default) are used by no other test.
const ADMIN = { email: "lena.hoffmann@fabrikam.example", name: "Lena Hoffmann" };
const REASON = "Passwort vergessen, Ticket 5120";
const NEW_PASSWORD = "lantern orchard pebble 2290";

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

test("a German-speaking person sees in Activity that an admin reset their password, who, why and when", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await addVirtualAuthenticator(page);
  await signIn(page, ADMIN.email);
  await page.goto("/me/security");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add a passkey" }) });
  await form.getByLabel("Your current password").fill(DEMO_PASSWORD);
  await form.getByLabel("Name for the new passkey").fill("Lena's laptop");
  await form.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();

  // A colleague whose language is German: the account page says so.
  await page.goto("/t/fabrikam/");
  const links = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Reset password" }) })
    .filter({ hasNotText: ADMIN.email })
    .getByRole("link");
  const pages = await links.evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
  let person: { email: string } | undefined;
  for (const href of pages.filter((link) => /\/accounts\//.test(link))) {
    await page.goto(href);
    const language = page.locator("dt", { hasText: /^Language$/ }).locator("xpath=following-sibling::dd");
    if ((await language.textContent())?.trim() !== "de") continue;
    const zone = page.locator("dt", { hasText: /^Time zone$/ }).locator("xpath=following-sibling::dd");
    if ((await zone.textContent())?.trim() !== "Europe/Berlin") continue;
    person = { email: (await page.locator("p.lede").textContent())!.trim() };
    break;
  }
  expect(person, "a German-speaking colleague in Fabrikam Studio").toBeTruthy();

  // Reset with a temporary password: the reason, the passkey, then the password shown once.
  await page.getByRole("button", { name: "Reset password" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Set a temporary password (shown to you once)").check();
  await dialog.getByLabel("Reason").fill(REASON);
  await dialog.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  const reopened = page.getByRole("dialog");
  await expect(reopened.getByLabel("Reason")).toHaveValue(REASON);
  await reopened.getByRole("button", { name: "Reset password" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Temporary password, shown only now:" });
  await expect(shown).toBeVisible();
  const temporary = /shown only now: (\S+) —/.exec((await shown.textContent()) ?? "")?.[1];
  expect(temporary, "the temporary password on the page").toBeTruthy();

  // The person signs in with it, must choose their own first, then opens Activity.
  const context = await browser.newContext({ locale: "en-GB", timezoneId: "UTC" });
  const theirs = await context.newPage();
  await signIn(theirs, person!.email, temporary!);
  await expect(theirs).toHaveURL(/\/me\/password/);
  await theirs.getByLabel("Current password").fill(temporary!);
  await theirs.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await theirs.getByLabel("New password again").fill(NEW_PASSWORD);
  await theirs.getByRole("button", { name: "Change password" }).click();
  await expect(theirs).not.toHaveURL(/\/me\/password/);

  // Their account's language, not the browser's: German, and times in Europe/Berlin.
  await theirs.getByRole("link", { name: "Aktivitäten" }).click();
  await expect(theirs).toHaveURL(/\/me\/activity$/);
  await expect(theirs.locator("html")).toHaveAttribute("lang", "de");
  await expect(theirs.getByRole("heading", { level: 1, name: "Aktivitäten" })).toBeVisible();
  await expect(theirs.getByText("Zeiten in Europe/Berlin.")).toBeVisible();
  const row = theirs.getByRole("row").filter({ hasText: "Passwort zurücksetzen" });
  await expect(row).toContainText(`${ADMIN.name}, Domain-Admin`);
  await expect(row).toContainText(`Begründung: „${REASON}“`);
  // When, in Berlin's time and German's way of writing it (the <time> element carries the instant).
  const instant = await row.locator("time").getAttribute("datetime");
  const expected = new Intl.DateTimeFormat("de-DE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(instant!));
  await expect(row.locator("time")).toHaveText(expected);

  // Only their own sign-in shows where it came from; the admin's address never does.
  await theirs.getByLabel("Was", { exact: true }).selectOption("signIn");
  await theirs.getByRole("button", { name: "Anzeigen" }).click();
  await expect(theirs.getByRole("row").filter({ hasText: "Passwort zurücksetzen" })).toHaveCount(0);
  await expect(theirs.getByRole("row").filter({ hasText: "Angemeldet" }).first()).toContainText("Sie");
  await context.close();
});
