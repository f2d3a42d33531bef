import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, signIn } from "./demo";

// Each test uses its own demo person: the server and its database are shared by the whole run, and a
// person with a second factor signs in differently from then on.

// The pages run under a Content-Security-Policy with per-request script nonces: anything it blocks (an
// inline script without the nonce, a fetch elsewhere) shows up as a console error and fails the test.
const violations = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  const seen: string[] = [];
  violations.set(page, seen);
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      seen.push(message.text());
    }
  });
});
test.afterEach(({ page }) => {
  expect(violations.get(page) ?? []).toEqual([]);
});

/** A real code from the secret the page showed, for the 30-second step `offset` steps from now. */
function totpCode(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });
}

/** Chromium's virtual authenticator: a platform authenticator that holds passkeys and verifies the user. */
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

async function signOut(page: Page) {
  // In the signed-in person's language: Lena's is German.
  await page
    .getByRole("banner")
    .getByRole("button", { name: /^(Sign out|Abmelden)$/ })
    .click();
  await expect(page).toHaveURL(/\/login$/);
}

async function passwordStep(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The Security page's words, in the signed-in person's language. */
const SECURITY_WORDS = {
  en: {
    add: "Add a passkey",
    password: "Your current password",
    name: "Name for the new passkey",
    added: "Passkey added",
  },
  de: {
    add: "Passkey hinzufügen",
    password: "Ihr aktuelles Passwort",
    name: "Name für den neuen Passkey",
    added: "Passkey hinzugefügt",
  },
} as const;

async function addPasskey(page: Page, name: string, language: keyof typeof SECURITY_WORDS = "en") {
  const words = SECURITY_WORDS[language];
  await page.goto("/me/security");
  const form = page.locator("form", { has: page.getByRole("button", { name: words.add }) });
  await form.getByLabel(words.password).fill(DEMO_PASSWORD);
  await form.getByLabel(words.name).fill(name);
  await form.getByRole("button", { name: words.add }).click();
  await expect(page.getByRole("status").filter({ hasText: words.added })).toBeVisible();
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
}

test("TOTP: enrol with the shown secret, sign in with a real code, then with a recovery code", async ({ page }) => {
  const email = "grace.mensah@contoso.example";
  // A wrong password first: the owner sees it in their activity, with where it came from.
  await passwordStep(page, email, "not my password at all");
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");

  await signIn(page, email);
  await page.goto("/me/security");
  const activity = page.getByRole("region", { name: "Recent activity on your account" });
  const failed = activity.getByRole("row").filter({ hasText: "Failed sign-in" }).first();
  await expect(failed).toContainText("Someone not signed in");
  await expect(failed).toContainText("127.0.0.1");
  await expect(failed).toContainText("Chrome");

  const setUp = page.locator("form", { has: page.getByRole("button", { name: "Set up an authenticator app" }) });
  await setUp.getByLabel("Your current password").fill(DEMO_PASSWORD);
  await setUp.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await page.locator("code.secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code shown by the app").fill("12345");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();

  await page.getByLabel("Code shown by the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your authenticator app is set up" })).toBeVisible();
  const codes = await page.locator(".code-list code").allTextContents();
  expect(codes).toHaveLength(10);
  await signOut(page);

  // Sign in: the password, then a code. The enrolment spent this step's code, so use the next step's.
  await passwordStep(page, email);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/t\/contoso\/$/);
  // Signing in with a code confirmed a second factor: exporting the audit log needs no further step-up.
  await page.goto("/t/contoso/audit");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^audit-contoso-\d{4}-\d{2}-\d{2}\.csv$/);
  await signOut(page);

  // A recovery code works once in place of the app.
  await passwordStep(page, email);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page).toHaveURL(/\/t\/contoso\/$/);
  await page.goto("/me/security");
  await expect(page.getByText("9 of 10 left")).toBeVisible();
  await signOut(page);

  await passwordStep(page, email);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page.getByText("That recovery code is not right, or it has been used.")).toBeVisible();
});

test("passkey: register one through the browser, sign out, sign in with it alone", async ({ page }) => {
  await addVirtualAuthenticator(page);
  await signIn(page, "marcus.webb@acme.example");
  await addPasskey(page, "Test laptop");
  await signOut(page);

  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/me/security");
  const row = page.getByRole("table", { name: "Your passkeys" }).getByRole("row").filter({ hasText: "Test laptop" });
  await expect(row).not.toContainText("Never");
  const activity = page.getByRole("region", { name: "Recent activity on your account" });
  await expect(
    activity.getByRole("row").filter({ hasText: "Signed in with a passkey (“Test laptop”)." }).first(),
  ).toBeVisible();
});

test("ending another session signs that browser out", async ({ browser }) => {
  const email = "tom.ashby@acme.example";
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signIn(phonePage, email);
  await signIn(laptopPage, email);

  await laptopPage.goto("/me/security");
  const sessions = laptopPage.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByRole("row").filter({ hasText: "This device" })).toHaveCount(1);
  const other = sessions.getByRole("row").filter({ hasNotText: "This device" }).filter({ hasText: "Chrome" }).first();
  await other.getByRole("button", { name: "End session" }).click();
  await expect(laptopPage.getByRole("status").filter({ hasText: "That session has ended." })).toBeVisible();

  await phonePage.reload();
  await expect(phonePage).toHaveURL(/\/login\?redirectTo=/);
  await laptop.close();
  await phone.close();
});

test("a destructive admin action asks for a fresh second factor, then succeeds with the reason kept; a temporary password must be changed, and the person sees who reset it and why in Activity, in German", async ({
  page,
}) => {
  await addVirtualAuthenticator(page);
  await signIn(page, "lena.hoffmann@fabrikam.example");
  // Adding a passkey does not count as confirming one: the session's second factor is still not fresh.
  // Lena's language is German: every page she sees speaks it, the admin console included.
  await addPasskey(page, "Lena's laptop", "de");
  await page.goto("/t/fabrikam/");

  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Sperren", exact: true }) })
    .filter({ hasNotText: "lena.hoffmann" })
    .first();
  const name = (await row.getByRole("cell").first().textContent())!.trim();
  await row.getByRole("button", { name: "Sperren", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Bestätigen Sie Ihren zweiten Faktor, um fortzufahren");
  await dialog.getByLabel("Begründung").fill("Laptop reported stolen, ticket 5150");
  await dialog.getByRole("button", { name: "Sperren", exact: true }).click();

  await expect(page).toHaveURL(/\/confirm\?redirectTo=/);
  await expect(page.getByRole("heading", { name: "Bestätigen Sie, dass Sie es sind" })).toBeVisible();
  await page.getByRole("button", { name: "Passkey verwenden" }).click();

  await expect(page).toHaveURL(/\/t\/fabrikam\/?\?resume=1$/);
  const reopened = page.getByRole("dialog");
  await expect(reopened).toContainText(`${name} sperren?`);
  await expect(reopened.getByLabel("Begründung")).toHaveValue("Laptop reported stolen, ticket 5150");
  await reopened.getByRole("button", { name: "Sperren", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Gesperrt." })).toBeVisible();

  // The factor is still fresh: a password reset with a temporary password goes straight through, and the
  // person must choose a new password when they sign in with it. A colleague whose language is German
  // (the account page says so), so that what they see of it afterwards is in German.
  const pages = await page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Passwort zurücksetzen" }) })
    .filter({ hasNotText: "lena.hoffmann" })
    .filter({ hasNotText: name })
    .filter({ has: page.getByRole("cell", { name: "Aktiv", exact: true }) })
    .getByRole("link")
    .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
  let email: string | undefined;
  const detail = (label: string) =>
    page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd");
  for (const href of pages.filter((link) => /\/accounts\//.test(link))) {
    await page.goto(href);
    if ((await detail("Sprache").textContent())?.trim() !== "de") continue;
    if ((await detail("Zeitzone").textContent())?.trim() !== "Europe/Berlin") continue;
    email = (await page.locator("p.lede").textContent())!.trim();
    break;
  }
  expect(email, "a German-speaking colleague in Fabrikam Studio").toBeTruthy();
  await page.getByRole("button", { name: "Passwort zurücksetzen" }).click();
  const reset = page.getByRole("dialog");
  await reset.getByLabel("Ein vorläufiges Passwort festlegen (wird Ihnen einmal angezeigt)").check();
  await reset.getByLabel("Begründung").fill("Forgot it, called the helpdesk, ticket 5151");
  await reset.getByRole("button", { name: "Passwort zurücksetzen" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Vorläufiges Passwort, nur jetzt angezeigt" });
  await expect(shown).toBeVisible();
  const temporary = (await shown.textContent())!.match(/angezeigt: (\S+)/)![1]!;
  await signOut(page);

  await passwordStep(page, email!, temporary);
  await expect(page).toHaveURL(/\/me\/password$/);
  // In their language from the first page after signing in.
  await expect(page.getByRole("heading", { name: "Neues Passwort wählen" })).toBeVisible();
  await page.getByLabel("Aktuelles Passwort").fill(temporary);
  await page.getByLabel("Neues Passwort", { exact: true }).fill("password1234");
  await page.getByLabel("Neues Passwort wiederholen").fill("password1234");
  await page.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(page.getByText(/häufig/)).toBeVisible();
  await page.getByLabel("Aktuelles Passwort").fill(temporary);
  await page.getByLabel("Neues Passwort", { exact: true }).fill("violet tractor harbour lamp");
  await page.getByLabel("Neues Passwort wiederholen").fill("violet tractor harbour lamp");
  await page.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(page).toHaveURL(/\/me$/);

  // My account → Activity, in their account's language (not the browser's) and time zone: who reset the
  // password, and why.
  await page.getByRole("link", { name: "Aktivitäten" }).click();
  await expect(page).toHaveURL(/\/me\/activity$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Aktivitäten" })).toBeVisible();
  await expect(page.getByText("Zeiten in Europe/Berlin.")).toBeVisible();
  const entry = page.getByRole("row").filter({ hasText: "Passwort zurücksetzen" });
  await expect(entry).toContainText("Lena Hoffmann, Domain-Admin");
  await expect(entry).toContainText("Begründung: „Forgot it, called the helpdesk, ticket 5151“");
  // When, in Berlin time, written the German way (the <time> element carries the instant).
  const instant = await entry.locator("time").getAttribute("datetime");
  const expected = new Intl.DateTimeFormat("de-DE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(instant!));
  await expect(entry.locator("time")).toHaveText(expected);
  // Where it came from is shown only for their own sign-ins, never for what the admin did.
  await page.getByLabel("Was", { exact: true }).selectOption("signIn");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Passwort zurücksetzen" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Angemeldet" }).first()).toContainText("Sie");
});

test("an open redirect is refused with a notice", async ({ page }) => {
  await page.goto("/login?redirectTo=https://evil.example/");
  await expect(page.getByRole("status")).toContainText("another site");
  await page.getByLabel("Email").fill("priya.raman@acme.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/localhost:\d+\/t\/acme\/$/);
});
