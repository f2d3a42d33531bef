// The outbox pages: an organisation's admins read what Glasshouse emailed their people (and nobody else's),
// reset links hidden; the development outbox shows everything, and is not there in production.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { getConfig } from "~/config.server";
import { tenantScope } from "~/db.server";
import { loader as developmentOutboxLoader } from "~/routes/dev.outbox";
import { loader as outboxLoader } from "~/routes/t.$tenant.outbox";
import { getRequest, responseOf, setupTestDatabase, signInCookie, testContext, unwrapData } from "~/testing/harness";
import { HIDDEN_RESET_LINK, listOutbox, requireDevelopment } from "./outbox-read.server";
import { queueEmail } from "./outbox.server";

const PASSWORD = "correct horse battery staple";
const RESET_LINK = "http://localhost:3000/reset-password/tenant.secret-token-123";
const database = setupTestDatabase();
let acme: { id: string };
let globex: { id: string };
const cookies: Record<"dana" | "bob" | "alice" | "gina", string> = { dana: "", bob: "", alice: "", gina: "" };

type OutboxPage = Awaited<ReturnType<typeof outboxLoader>>;

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  globex = await createOrganisation(db, { slug: "globex", name: "Globex" });
  await createAccount(db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    password: PASSWORD,
    roles: ["domain_admin"],
  });
  await createAccount(db, {
    tenantId: acme.id,
    email: "bob@acme.example",
    password: PASSWORD,
    roles: ["helpdesk_admin"],
  });
  const alice = await createAccount(db, { tenantId: acme.id, email: "alice@acme.example", password: PASSWORD });
  await createAccount(db, {
    tenantId: globex.id,
    email: "gina@globex.example",
    password: PASSWORD,
    roles: ["domain_admin"],
  });

  await tenantScope(acme.id, async (tx) => {
    await queueEmail(tx, {
      tenantId: acme.id,
      toAddress: "alice@acme.example",
      toAccountId: alice.id,
      template: "auth.passwordReset",
      params: { organisation: "Acme Ltd", link: RESET_LINK },
    });
  });
  // Written a moment later, so it is the newest; and already delivered.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await tenantScope(acme.id, (tx) =>
    queueEmail(tx, {
      tenantId: acme.id,
      toAddress: "carol@acme.example",
      template: "account.suspended",
      params: { actor: "Dana Admin", organisation: "Acme Ltd" },
      reason: "left the company",
    }),
  );
  await db.update(emailOutbox).set({ sentAt: new Date() }).where(eq(emailOutbox.toAddress, "carol@acme.example"));
  await tenantScope(globex.id, (tx) =>
    queueEmail(tx, {
      tenantId: globex.id,
      toAddress: "gary@globex.example",
      template: "account.suspended",
      params: { actor: "Gina", organisation: "Globex" },
    }),
  );

  cookies.dana = await signInCookie("dana@acme.example", PASSWORD);
  cookies.bob = await signInCookie("bob@acme.example", PASSWORD);
  cookies.alice = await signInCookie("alice@acme.example", PASSWORD);
  cookies.gina = await signInCookie("gina@globex.example", PASSWORD);
});

function loadOutbox(tenant: string, cookie: string, search = "") {
  return outboxLoader({
    request: getRequest(`/t/${tenant}/outbox${search}`, cookie),
    params: { tenant },
    context: testContext,
  });
}

describe("the tenant outbox page", () => {
  it("shows an admin every email of their organisation, newest first, with reset links hidden", async () => {
    const page = unwrapData<OutboxPage>(await loadOutbox("acme", cookies.dana)).data;

    expect(page.emails.map((email) => [email.toAddress, email.template, email.status])).toEqual([
      ["carol@acme.example", "account.suspended", "stored"],
      ["alice@acme.example", "auth.passwordReset", "queued"],
    ]);
    const reset = page.emails[1]!;
    expect(reset.subject).toBe("Reset your Glasshouse password");
    expect(reset.bodyText).toContain(HIDDEN_RESET_LINK);
    expect(reset.bodyText).toContain("The link works once.");
    expect(JSON.stringify(page)).not.toContain("secret-token-123");
    expect(page.nextBefore).toBeNull();
  });

  it("never shows another organisation's emails", async () => {
    const acmePage = unwrapData<OutboxPage>(await loadOutbox("acme", cookies.dana)).data;
    expect(acmePage.emails.map((email) => email.toAddress)).not.toContain("gary@globex.example");

    const globexPage = unwrapData<OutboxPage>(await loadOutbox("globex", cookies.gina)).data;
    expect(globexPage.emails.map((email) => email.toAddress)).toEqual(["gary@globex.example"]);

    const acmeAsGlobex = await responseOf(() => loadOutbox("acme", cookies.gina));
    expect(acmeAsGlobex.status).toBe(404);
  });

  it("answers 404 to a member without an admin role", async () => {
    const response = await responseOf(() => loadOutbox("acme", cookies.alice));
    expect(response.status).toBe(404);
  });

  it("refuses an admin who may not read the audit log, with the reason", async () => {
    const response = await responseOf(() => loadOutbox("acme", cookies.bob));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/helpdesk admin/i);
  });

  it("searches by recipient", async () => {
    const page = unwrapData<OutboxPage>(await loadOutbox("acme", cookies.dana, "?to=ALICE")).data;
    expect(page.emails.map((email) => email.toAddress)).toEqual(["alice@acme.example"]);
    expect(page.to).toBe("ALICE");
    const none = unwrapData<OutboxPage>(await loadOutbox("acme", cookies.dana, "?to=%25")).data;
    expect(none.emails).toEqual([]);
  });

  it("pages newest first on (created_at, id), even through emails written in the same instant", async () => {
    const tenantId = globex.id;
    const instant = new Date("2026-01-02T03:04:05.123Z");
    await database.current.db.insert(emailOutbox).values(
      Array.from({ length: 5 }, (_, i) => ({
        tenantId,
        toAddress: `same${i}@globex.example`,
        template: "test.same",
        subject: `Same instant ${i}`,
        bodyText: "…",
        createdAt: instant,
      })),
    );
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await tenantScope(tenantId, (tx) => listOutbox(tx, tenantId, { before }, { limit: 2 }));
      seen.push(...page.emails.map((email) => email.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    const all = await database.current.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(eq(emailOutbox.tenantId, tenantId));
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen)).toEqual(new Set(all.map((row) => row.id)));
    await database.current.db.delete(emailOutbox).where(eq(emailOutbox.template, "test.same"));
  });
});

describe("the development outbox", () => {
  it("lists every organisation's newest emails, reset links included", async () => {
    const { emails } = await developmentOutboxLoader();
    expect(emails.map((email) => [email.tenantSlug, email.toAddress])).toEqual(
      expect.arrayContaining([
        ["acme", "alice@acme.example"],
        ["acme", "carol@acme.example"],
        ["globex", "gary@globex.example"],
      ]),
    );
    expect(emails.find((email) => email.toAddress === "alice@acme.example")?.bodyText).toContain(RESET_LINK);
  });

  it("is not there in production", async () => {
    const response = await responseOf(async () => requireDevelopment(getConfig({ NODE_ENV: "production" })));
    expect(response.status).toBe(404);
    expect(() => requireDevelopment(getConfig({ NODE_ENV: "development" }))).not.toThrow();
  });
});
