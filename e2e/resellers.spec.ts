import { expect, test } from "@playwright/test";
import { confirmWithCode, enrolAuthenticator, signIn } from "./demo";
import { waitForEmail } from "./mail-sink";

// A reseller's whole round trip with a client: Rosa (Northwind Partners) asks Fabrikam for a delegation,
// Felix (Fabrikam's domain admin) approves it with a second factor and fewer roles, Rosa chooses Sam, Sam
// resets the password of someone at Fabrikam, that person reads who did it and through which delegation,
// Felix revokes it and Sam's next request finds nothing. Rosa, Sam and Felix are used by no other test.
const ROSA = "rosa.delgado@northwind.example";
const SAM = { email: "sam.porter@northwind.example", name: "Sam Porter" };
const FELIX = "felix.brandt@fabrikam.example";
const CLIENT = { slug: "fabrikam", name: "Fabrikam Studio" };
const RESELLER = "Northwind Partners";
const REASON = "Locked out after a phone change, Fabrikam ticket 5521";
const NEW_PASSWORD = "lantern orchard 2291 river";

test("a reseller asks, the client approves narrowed with a second factor, reseller staff reset a password, the person sees the delegation, the client revokes", async ({
  browser,
}) => {
  // Four people in four browsers, two second factors and an email: longer than the suite's 60 seconds.
  test.setTimeout(180_000);
  const session = async () => (await browser.newContext()).newPage();

  // Rosa asks Fabrikam for helpdesk and auditor roles for 30 days.
  const rosa = await session();
  await signIn(rosa, ROSA);
  await expect(rosa).toHaveURL(/\/partner$/);
  const request = rosa.locator("form", { has: rosa.getByRole("button", { name: "Send request" }) });
  await request.getByLabel("Client", { exact: true }).selectOption({ label: CLIENT.name });
  await request.getByLabel("helpdesk admin").check();
  await request.getByLabel("auditor").check();
  await request.getByLabel("Duration in days").fill("30");
  await request.getByLabel("Message to the client (optional)").fill("Cover for your winter support rota.");
  await request.getByRole("button", { name: "Send request" }).click();
  const sent = rosa.getByRole("status").filter({ hasText: /Sent: delegation request #\d+/ });
  await expect(sent).toBeVisible();
  const number = /#(\d+)/.exec((await sent.textContent())!)![1]!;

  // Felix approves it with helpdesk admin only, after confirming a second factor.
  const felix = await session();
  await signIn(felix, FELIX);
  const felixFactor = await enrolAuthenticator(felix);
  await felix.goto(`/t/${CLIENT.slug}/partners`);
  const pending = felix.getByRole("article", { name: `Delegation request #${number} from ${RESELLER}` });
  await expect(pending).toContainText("Cover for your winter support rota.");
  await pending.getByLabel("auditor").uncheck();
  await pending.getByRole("button", { name: "Approve delegation" }).click();
  await confirmWithCode(felix, felixFactor);
  const resumed = felix.getByRole("article", { name: `Delegation request #${number} from ${RESELLER}` });
  await expect(resumed.getByLabel("auditor")).not.toBeChecked();
  await resumed.getByRole("button", { name: "Approve delegation" }).click();
  await expect(
    felix.getByRole("status").filter({ hasText: `Approved: delegation #${number} is active.` }),
  ).toBeVisible();

  // Rosa sees it active with the narrowed role and chooses Sam to use it.
  await rosa.reload();
  const staff = rosa.locator("form", { has: rosa.getByText(`Staff who may use delegation #${number}`) });
  await staff.getByLabel(SAM.name).check();
  await staff.getByRole("button", { name: "Save staff" }).click();
  await expect(rosa.getByRole("status").filter({ hasText: `delegation #${number} may use it` })).toBeVisible();

  // Sam opens Fabrikam from his home, with the banner saying how, and resets a person's password.
  const sam = await session();
  await signIn(sam, SAM.email);
  const samFactor = await enrolAuthenticator(sam);
  await sam.goto("/partner");
  await sam.getByRole("link", { name: CLIENT.name }).click();
  await expect(sam).toHaveURL(new RegExp(`/t/${CLIENT.slug}/$`));
  await expect(sam.getByRole("status").filter({ hasText: `via delegation #${number}` })).toContainText(
    `Acting in ${CLIENT.name} via delegation #${number} — helpdesk admin`,
  );
  const candidate = sam
    .getByRole("table")
    .getByRole("row")
    .filter({ has: sam.getByRole("button", { name: "Reset password" }) })
    .filter({ hasNotText: "lena.hoffmann" })
    .filter({ hasNotText: "felix.brandt" })
    .filter({ hasText: "Active" })
    .first();
  const person = {
    name: (await candidate.getByRole("link").first().textContent())!.trim(),
    email: (await candidate
      .getByRole("cell")
      .filter({ hasText: /^[^\s@]+@[^\s@]+$/ })
      .textContent())!.trim(),
  };
  await candidate.getByRole("link", { name: person.name }).click();
  await expect(sam.getByRole("heading", { level: 1, name: person.name })).toBeVisible();
  const since = new Date();
  await sam.getByRole("button", { name: "Reset password" }).click();
  const dialog = sam.getByRole("dialog");
  await dialog.getByLabel("Email them a reset link").check();
  await dialog.getByLabel("Reason").fill(REASON);
  await dialog.getByRole("button", { name: "Reset password" }).click();
  await confirmWithCode(sam, samFactor);
  await sam.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
  await expect(sam.getByRole("status").filter({ hasText: "Password reset." })).toBeVisible();

  // The person chooses a new password with the emailed link and reads who did it, and through what.
  const email = await waitForEmail({ to: person.email, since });
  const link = /https?:\/\/\S+\/reset-password\/\S+/.exec(email.text)?.[0];
  expect(link, "a reset link in the email").toBeTruthy();
  const them = await session();
  await them.goto(link!);
  await them.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await them.getByLabel("New password again").fill(NEW_PASSWORD);
  await them.getByRole("button", { name: "Set new password" }).click();
  await signIn(them, person.email, NEW_PASSWORD);
  await them.goto("/me/activity");
  // The reset, with the reason Sam wrote; his reads of the account are there too, each through the delegation.
  const entry = them.getByRole("row").filter({ hasText: REASON });
  await expect(entry).toContainText(SAM.name);
  await expect(entry).toContainText(RESELLER);
  await expect(entry).toContainText(new RegExp(`(#|Nr\\. )${number}\\b`));

  // Felix revokes; Sam's very next request to Fabrikam answers 404, like an organisation that is not his.
  await felix.goto(`/t/${CLIENT.slug}/partners`);
  await felix
    .getByRole("row")
    .filter({ hasText: `#${number}` })
    .getByRole("button", { name: "Revoke" })
    .click();
  const revoke = felix.getByRole("dialog");
  await revoke.getByLabel("Reason").fill("Winter cover no longer needed");
  await revoke.getByRole("button", { name: "Revoke" }).click();
  await expect(felix.getByRole("status").filter({ hasText: `Revoked: delegation #${number}` })).toBeVisible();
  const after = await sam.goto(`/t/${CLIENT.slug}/`);
  expect(after?.status()).toBe(404);
});
