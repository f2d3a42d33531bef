import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./demo";

// My account's privacy side, end to end, in the reader's language: Jonas Becker (Contoso Health, German,
// Berlin) fixes his profile, asks for a copy of his data; Mira Novak, Contoso's data protection officer,
// completes it from the queue; Jonas downloads it and sees in his activity who did it. Jonas and Mira are
// used by no other test.
const MEMBER = { email: "jonas.becker@contoso.example", name: "Jonas Becker" };
const OFFICER = { email: "mira.novak@contoso.example", name: "Mira Novak" };

test("a person asks for a copy of their data in German, the officer completes it, and the person downloads it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const jonas = await (await browser.newContext()).newPage();
  await signIn(jonas, MEMBER.email);

  // His profile, in German: a bad phone number is answered next to the field, with what he typed kept.
  await jonas.goto("/me");
  await expect(jonas.getByRole("heading", { level: 1, name: "Mein Konto" })).toBeVisible();
  const profile = jonas.locator("form", { has: jonas.getByRole("button", { name: "Profil speichern" }) });
  await profile.getByLabel("Telefon").fill("ruf mich an");
  await profile.getByRole("button", { name: "Profil speichern" }).click();
  await expect(profile.getByText("Geben Sie eine Telefonnummer aus Ziffern ein")).toBeVisible();
  await expect(profile.getByLabel("Telefon")).toHaveValue("ruf mich an");
  await profile.getByLabel("Telefon").fill("+49 30 901820");
  await profile.getByRole("button", { name: "Profil speichern" }).click();
  await expect(jonas.getByRole("status").filter({ hasText: "Ihr Profil ist gespeichert." })).toBeVisible();

  // A copy of his data.
  await jonas.getByRole("link", { name: "Datenschutz" }).click();
  await expect(jonas.getByRole("heading", { level: 1, name: "Datenschutz" })).toBeVisible();
  await jonas.getByRole("button", { name: "Kopie beantragen" }).click();
  await expect(jonas.getByRole("status").filter({ hasText: "Ihre Anfrage ist eingegangen" })).toBeVisible();
  const requests = jonas.getByRole("table", { name: "Ihre Anfragen" });
  const copyRow = requests.getByRole("row").filter({ hasText: "Eine Kopie Ihrer Daten" });
  await expect(copyRow).toContainText("Eingegangen");
  // A second click files nothing twice.
  await expect(jonas.getByRole("button", { name: "Kopie beantragen" })).toBeDisabled();

  // The officer completes it from the queue.
  const mira = await (await browser.newContext()).newPage();
  await signIn(mira, OFFICER.email);
  await mira.goto("/t/contoso/requests");
  const queued = mira.getByRole("row").filter({ hasText: MEMBER.name });
  await expect(queued).toContainText("Copy of their data");
  await queued.getByRole("link", { name: MEMBER.name }).click();
  await mira.getByLabel("What was done (they read it)").fill("Hier ist Ihre Kopie, wie gewünscht.");
  await mira.getByRole("button", { name: "Complete" }).click();
  await expect(mira.getByRole("status").filter({ hasText: "Completed." })).toBeVisible();

  // Jonas sees it done, downloads his copy, and sees who did it in his activity.
  await jonas.reload();
  await expect(copyRow).toContainText("Erledigt");
  await expect(copyRow).toContainText("Hier ist Ihre Kopie, wie gewünscht.");
  const download = jonas.waitForEvent("download");
  await jonas.getByRole("link", { name: "Als JSON herunterladen" }).click();
  const copy = JSON.parse(await readFile((await (await download).path())!, "utf8")) as {
    account: { email: string; phone: string };
  };
  expect(copy.account).toMatchObject({ email: MEMBER.email, phone: "+49 30 901820" });

  await jonas.getByRole("link", { name: "Aktivitäten" }).click();
  const done = jonas.getByRole("row").filter({ hasText: "Datenanfrage abschließen" }).first();
  await expect(done).toContainText(OFFICER.name);
  await expect(jonas.getByText("Zeiten in Europe/Berlin.")).toBeVisible();

  // Who can reach his account: Mira, with her role, and what it lets her do.
  await jonas.getByRole("link", { name: "Wer hat Zugriff" }).click();
  await expect(jonas.getByRole("row").filter({ hasText: OFFICER.name })).toContainText("Compliance-Beauftragte Person");
  await expect(
    jonas.getByText(/Erlaubt für die Rolle Compliance-Beauftragte Person: .*Datenanfrage abschließen/),
  ).toBeVisible();
});
