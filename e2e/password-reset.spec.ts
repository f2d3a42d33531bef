import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, codeAt, currentStep, enrolAuthenticator, signIn } from "./demo";
import { waitForEmail } from "./mail-sink";

// An admin resets someone's password with an emailed link, and the person receives it over SMTP, as they
// would in production (the sink of mail-sink.ts). Imogen and the rest of Glasshouse Operations are used by no
// other test.
const ADMIN = { email: "imogen.hart@glasshouse.example", name: "Imogen Hart" };
const ORGANISATION = { slug: "glasshouse-ops", name: "Glasshouse Operations" };
const REASON = "Locked out after a holiday, ticket 7210";
const NEW_PASSWORD = "copper kettle meadow 4417";
const LINK_SPENT = "This reset link has expired or has already been used. Ask for a new one.";

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin resets a password with an emailed link after step-up; the person chooses a new one with it, once", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two people, two browsers, a second factor and two emails: longer than the suite's 30 seconds.
  test.setTimeout(120_000);
  await signIn(page, ADMIN.email);
  // The operator's staff land on the operator's home; Imogen resets a colleague in her own organisation.
  await expect(page).toHaveURL(/\/operator$/);
  const authenticator = await enrolAuthenticator(page);

  // Find a colleague in the accounts list, search for them by name, and open their page.
  await page.goto(`/t/${ORGANISATION.slug}/`);
  const table = page.getByRole("table");
  const candidate = table
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Reset password" }) })
    .filter({ hasNotText: ADMIN.email })
    .first();
  const person = {
    name: (await candidate.getByRole("link").first().textContent())!.trim(),
    email: (await candidate
      .getByRole("cell")
      .filter({ hasText: /^[^\s@]+@[^\s@]+$/ })
      .textContent())!.trim(),
  };
  await page.getByRole("search").getByRole("searchbox").fill(person.name);
  await page.getByRole("search").getByRole("searchbox").press("Enter");
  await expect(table.getByRole("row")).toHaveCount(2);
  await table.getByRole("row").filter({ hasText: person.email }).getByRole("link", { name: person.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.name })).toBeVisible();

  // Reset with a link: the method and the reason, then a fresh second factor, then back to the dialog.
  const since = new Date();
  await page.getByRole("button", { name: "Reset password" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Reset ${person.name}’s password?`);
  await expect(dialog).toContainText("You will be asked for it next");
  await dialog.getByLabel("Email them a reset link").check();
  await dialog.getByLabel("Reason").fill(REASON);
  await dialog.getByRole("button", { name: "Reset password" }).click();

  await expect(page).toHaveURL(/\/confirm\?redirectTo=/);
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  // The enrolment spent its step's code; a code is good for the step after it too.
  const step = Math.max(currentStep(), authenticator.usedStep + 1);
  await page.getByLabel("Code from your authenticator app").fill(await codeAt(authenticator.secret, step));
  await page.getByRole("button", { name: "Verify" }).click();

  const reopened = page.getByRole("dialog");
  await expect(reopened).toContainText(`Reset ${person.name}’s password?`);
  await expect(reopened.getByLabel("Reason")).toHaveValue(REASON);
  await expect(reopened.getByLabel("Email them a reset link")).toBeChecked();
  await reopened.getByRole("button", { name: "Reset password" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Password reset. A single-use link valid for 30 minutes has been emailed." }),
  ).toBeVisible();
  const resetDone = new Date();

  // The email, over SMTP: what happened, who did it and why, when, and the link.
  const email = await waitForEmail({ to: person.email, subject: /password was reset/, since });
  expect(email.subject).toBe(`Your ${ORGANISATION.name} password was reset`);
  expect(email.text).toContain(`${ADMIN.name} reset the password of your ${ORGANISATION.name} account.`);
  expect(email.text).toContain(`Reason: ${REASON}`);
  expect(email.text).toContain("Open this link within 30 minutes to choose a new password (it works once)");
  expect(email.text).toContain("Every session you had has ended.");
  expect(email.headers["x-glasshouse-template"]).toBe("account.passwordReset");
  // The Date header says when, to the second.
  expect(email.date).not.toBeNull();
  const sentAt = new Date(email.date!).getTime();
  expect(sentAt).toBeGreaterThanOrEqual(Math.floor(since.getTime() / 1000) * 1000);
  expect(sentAt).toBeLessThanOrEqual(resetDone.getTime());
  const link = /https?:\/\/\S+\/reset-password\/\S+/.exec(email.text)?.[0];
  expect(link, "a reset link in the email").toBeTruthy();
  expect(new URL(link!).origin).toBe(new URL(baseURL!).origin);

  // The old password stopped working when the link was sent.
  const context = await browser.newContext();
  const personPage = await context.newPage();
  await passwordStep(personPage, person.email, DEMO_PASSWORD);
  await expect(personPage.getByRole("alert")).toHaveText("That email and password do not match an account.");

  // The person opens the link, not signed in, and chooses a new password; a weak one does not spend the link.
  await personPage.goto(link!);
  await expect(personPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await personPage.getByLabel("New password", { exact: true }).fill("too short");
  await personPage.getByLabel("New password again").fill("too short");
  await personPage.getByRole("button", { name: "Set new password" }).click();
  await expect(personPage.getByText("Use at least 12 characters.")).toBeVisible();
  await personPage.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await personPage.getByLabel("New password again").fill(NEW_PASSWORD);
  await personPage.getByRole("button", { name: "Set new password" }).click();
  await expect(personPage).toHaveURL(/\/login\?reset=done$/);
  await expect(personPage.getByRole("status")).toContainText("Your password has been changed");

  // They sign in with it, and see who reset their password and why in their activity.
  await passwordStep(personPage, person.email, NEW_PASSWORD);
  await expect(personPage).toHaveURL(/\/me$/);
  await personPage.goto("/me/security");
  const activity = personPage.getByRole("region", { name: "Recent activity on your account" });
  // The first attempt, which waited for Imogen's second factor, may be listed too.
  const entry = activity
    .getByRole("row")
    .filter({ hasText: `Reason: “${REASON}”` })
    .filter({ hasNotText: "Needs step-up" });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Reset password");
  await expect(entry).toContainText(ADMIN.name);
  await expect(
    activity.getByRole("row").filter({ hasText: "Reset password with a link" }).filter({ hasText: "You" }),
  ).toHaveCount(1);

  // They are told by email that the password changed.
  const changed = await waitForEmail({ to: person.email, subject: /password was changed/, since });
  expect(changed.text).toContain(`The password of your ${ORGANISATION.name} account was changed with a reset link.`);
  await context.close();

  // The link works once.
  const later = await browser.newContext();
  const laterPage = await later.newPage();
  await laterPage.goto(link!);
  await expect(laterPage.getByRole("alert")).toHaveText(LINK_SPENT);
  await expect(laterPage.getByLabel("New password", { exact: true })).toHaveCount(0);
  const replay = await laterPage.request.post(link!, {
    headers: { Origin: new URL(baseURL!).origin },
    form: { password: "another long passphrase 9", confirmPassword: "another long passphrase 9" },
  });
  expect(replay.status()).toBe(410);
  // And the password chosen with it is still the one that works.
  await passwordStep(laterPage, person.email, "another long passphrase 9");
  await expect(laterPage.getByRole("alert")).toHaveText("That email and password do not match an account.");
  await passwordStep(laterPage, person.email, NEW_PASSWORD);
  await expect(laterPage).toHaveURL(/\/me$/);
  await later.close();
});
