// The policies page as a person uses it: simulate, then save; what they typed stays on the page.
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntries, tenantPolicies } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { action as policiesAction, loader as policiesLoader } from "~/routes/t.$tenant.policies";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  cookieFrom,
  unwrapData,
} from "~/testing/harness";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
let admin: string;
let helpdesk: string;

type PageResult = {
  intent: string | null;
  values: Record<string, string>;
  fieldErrors: Record<string, string[] | undefined>;
  message: string | null;
  simulation: { decision: { outcome: string; policyIds: string[] } } | null;
};

function signIn(email: string): Promise<string> {
  return signInCookie(email, PASSWORD);
}

function submit(fields: Record<string, string>, cookie = admin) {
  return policiesAction({
    request: formRequest("/t/acme/policies", fields, cookie),
    params: { tenant: "acme" },
    context: testContext,
  }).then((result) => unwrapData<PageResult>(result));
}

beforeAll(async () => {
  const db = database.current.db;
  const acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
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
  await createAccount(db, { tenantId: acme.id, email: "alice@acme.example" });
  admin = await signIn("dana@acme.example");
  helpdesk = await signIn("bob@acme.example");
});

type PoliciesPageData = Awaited<ReturnType<typeof policiesLoader>> extends { data: infer D } ? D : never;

describe("the policies page", () => {
  it("shows the built-in policies to a domain admin and refuses a helpdesk admin with the reason", async () => {
    const page = unwrapData<PoliciesPageData>(
      await policiesLoader({
        request: getRequest("/t/acme/policies", admin),
        params: { tenant: "acme" },
        context: testContext,
      }),
    ).data;
    expect(page.builtIn.length).toBeGreaterThan(10);
    const refused = await responseOf(() =>
      policiesLoader({
        request: getRequest("/t/acme/policies", helpdesk),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/helpdesk admin/i);
  });

  it("simulates a draft and keeps everything typed", async () => {
    const { status, data } = await submit({
      intent: "simulate",
      name: "No helpdesk resets",
      source:
        'forbid (principal, action == Action::"account.resetPassword", resource) when { principal.roles.contains("helpdesk_admin") };',
      principalEmail: "bob@acme.example",
      action: "account.resetPassword",
      resourceEmail: "alice@acme.example",
      freshSecondFactor: "on",
      simReason: "Locked out",
    });
    expect(status).toBe(200);
    expect(data.simulation?.decision.outcome).toBe("deny");
    expect(data.values.name).toBe("No helpdesk resets");
    expect(data.values.simReason).toBe("Locked out");
  });

  it("refuses to save an invalid policy, pointing at line and column, and keeps the old state", async () => {
    const { status, data } = await submit({
      intent: "save",
      name: "Broken",
      source: "permit (principal, action, resource)\nwhen { principal.nonsense };",
      enabled: "on",
      reason: "Trying it out",
    });
    expect(status).toBe(400);
    expect(data.fieldErrors.source?.[0]).toMatch(/^Line 2, column \d+: /);
    expect(data.values.source).toContain("nonsense");
    expect(await database.current.db.select().from(tenantPolicies)).toEqual([]);
  });

  it("sends the admin to confirm a second factor, records the attempt, saves nothing and keeps the editor", async () => {
    const before = (await database.current.db.select().from(auditEntries)).length;
    const fields = {
      intent: "save",
      name: "Valid",
      source: 'forbid (principal, action == Action::"account.export", resource);',
      enabled: "on",
      reason: "No exports for now",
      simReason: "not this one",
    };
    const response = await responseOf(() =>
      policiesAction({
        request: formRequest("/t/acme/policies", fields, admin),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: "/t/acme/policies?resume=1" })}`,
    );
    expect(await database.current.db.select().from(tenantPolicies)).toEqual([]);
    const entries = await database.current.db.select().from(auditEntries).orderBy(auditEntries.seq);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      action: "policy.update",
      outcome: "needs_step_up",
      reason: "No exports for now",
    });

    // Back from the confirm page, the editor holds what was typed.
    const kept = cookieFrom(response);
    const page = unwrapData<PoliciesPageData>(
      await policiesLoader({
        request: getRequest("/t/acme/policies?resume=1", `${admin}; ${kept}`),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(page.data.resumed).toMatchObject({ name: "Valid", source: fields.source, reason: "No exports for now" });
    // Without the cookie (or on another page) nothing comes back.
    const plain = unwrapData<PoliciesPageData>(
      await policiesLoader({
        request: getRequest("/t/acme/policies?resume=1", admin),
        params: { tenant: "acme" },
        context: testContext,
      }),
    );
    expect(plain.data.resumed).toBeNull();
  });
});
