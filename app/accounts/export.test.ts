// The account export: what the document holds, what it never holds, and who may download it.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { appInstallations, auditEntries, installEvents, passwordCredentials, sessions } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { action as accountAction } from "~/routes/t.$tenant.accounts.$accountId";
import { loader as exportLoader } from "~/routes/t.$tenant.accounts.$accountId_.export";
import { hashSessionToken } from "~/auth/session-adapter.server";
import { formRequest, getRequest, responseOf, setupTestDatabase, signInCookie, testContext } from "~/testing/harness";
import { issueExportGrant } from "./export-grant.server";

const database = setupTestDatabase();
const PASSWORD = "correct horse battery staple";
let acme: { id: string; slug: string };
let dana: { id: string; email: string };
let bob: { id: string; email: string };
let alice: { id: string; email: string };
let danaCookie: string;

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  dana = await createAccount(db, {
    tenantId: acme.id,
    email: "dana@acme.example",
    roles: ["domain_admin"],
    password: PASSWORD,
  });
  bob = await createAccount(db, {
    tenantId: acme.id,
    email: "bob@acme.example",
    roles: ["compliance_officer"],
    password: PASSWORD,
  });
  alice = await createAccount(db, { tenantId: acme.id, email: "alice@acme.example", password: PASSWORD });
  const now = new Date();
  await db.insert(appInstallations).values({
    tenantId: acme.id,
    installationNumber: "INST-1",
    accountId: alice.id,
    app: "Helpdesk for iOS",
    appVersion: "4.2.0",
    os: "iOS",
    firstSeenAt: now,
    lastSeenAt: now,
  });
  await db.insert(installEvents).values({
    tenantId: acme.id,
    occurredAt: now,
    id: "6f1c2b9e-7d3a-4c1e-9b8f-0a1b2c3d4e5f",
    installationNumber: "INST-1",
    kind: "install",
    accountId: alice.id,
    app: "Helpdesk for iOS",
    appVersion: "4.2.0",
    os: "iOS",
  });
  danaCookie = await signInCookie(dana.email, PASSWORD);
});

function download(accountId: string, grant: string | null, cookie = danaCookie) {
  const query = grant ? `?${new URLSearchParams({ grant })}` : "";
  return responseOf(() =>
    exportLoader({
      request: getRequest(`/t/acme/accounts/${accountId}/export${query}`, cookie),
      params: { tenant: "acme", accountId },
      context: testContext,
    }),
  );
}

describe("the account export download", () => {
  it("hands the granted admin every record about the account, and no secret", async () => {
    const grant = issueExportGrant({ tenantId: acme.id, accountId: alice.id, actorId: dana.id });
    const response = await download(alice.id, grant);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="account-/);
    const text = await response.text();
    const document = JSON.parse(text);
    expect(document.account).toMatchObject({ id: alice.id, email: alice.email });
    expect(document.installations).toEqual([expect.objectContaining({ installationNumber: "INST-1" })]);
    expect(document.installEvents).toEqual([expect.objectContaining({ kind: "install", app: "Helpdesk for iOS" })]);
    const [credential] = await database.current.db
      .select({ hash: passwordCredentials.hash })
      .from(passwordCredentials)
      .where(eq(passwordCredentials.accountId, alice.id));
    expect(text).not.toContain(credential!.hash);
    expect(text).not.toContain("$argon2id$");
  });

  it("refuses a missing, forged or someone else's grant, and a grant for another account", async () => {
    expect((await download(alice.id, null)).status).toBe(410);
    expect((await download(alice.id, "v1.forged.grant.value")).status).toBe(410);
    const bobsGrant = issueExportGrant({ tenantId: acme.id, accountId: alice.id, actorId: bob.id });
    expect((await download(alice.id, bobsGrant)).status).toBe(410);
    const otherAccount = issueExportGrant({ tenantId: acme.id, accountId: bob.id, actorId: dana.id });
    expect((await download(alice.id, otherAccount)).status).toBe(410);
  });
});

describe("exporting from the account's page", () => {
  it("asks for a reason and a fresh second factor, records the export, then sends the browser to the file", async () => {
    const post = (fields: Record<string, string>) =>
      responseOf(() =>
        accountAction({
          request: formRequest(`/t/acme/accounts/${alice.id}`, fields, danaCookie),
          params: { tenant: "acme", accountId: alice.id },
          context: testContext,
        }),
      );
    const stale = await post({ intent: "account.export", reason: "Subject access request 31" });
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toMatch(/^\/confirm\?redirectTo=/);

    // As /confirm does after a good code (step-up itself is tested in app/auth/step-up.test.ts).
    await database.current.db
      .update(sessions)
      .set({ secondFactorAt: new Date() })
      .where(eq(sessions.id, hashSessionToken(danaCookie.slice(danaCookie.indexOf("=") + 1))));
    const done = await post({ intent: "account.export", reason: "Subject access request 31" });
    expect(done.status).toBe(302);
    expect(done.headers.get("X-Remix-Reload-Document")).toBe("true");
    const location = new URL(done.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe(`/t/acme/accounts/${alice.id}/export`);
    const file = await download(alice.id, location.searchParams.get("grant"));
    expect(file.status).toBe(200);
    const [entry] = await database.current.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "account.export"), eq(auditEntries.outcome, "allowed")));
    expect(entry).toMatchObject({ reason: "Subject access request 31", subjectAccountId: alice.id });
  });
});
