import { beforeAll, describe, expect, it } from "vitest";
import { tenantPolicies } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { tenantScope } from "~/db.server";
import { setupTestDatabase } from "~/testing/harness";
import { simulateDecision, type SimulationInput } from "./simulator.server";

const database = setupTestDatabase();
let acme: { id: string };

const FORBID_HELPDESK_RESETS =
  'forbid (principal, action == Action::"account.resetPassword", resource)\nwhen { principal.roles.contains("helpdesk_admin") };';

function simulate(input: Partial<SimulationInput>) {
  return tenantScope(acme.id, (tx) =>
    simulateDecision(tx, acme.id, {
      principalEmail: "bob@acme.example",
      action: "account.resetPassword",
      resourceEmail: "alice@acme.example",
      freshSecondFactor: true,
      reason: "Locked out, ticket 4711",
      ...input,
    }),
  );
}

beforeAll(async () => {
  const db = database.current.db;
  acme = await createOrganisation(db, { slug: "acme", name: "Acme Ltd" });
  const globex = await createOrganisation(db, { slug: "globex", name: "Globex" });
  const dana = await createAccount(db, { tenantId: acme.id, email: "dana@acme.example", roles: ["domain_admin"] });
  await createAccount(db, {
    tenantId: acme.id,
    email: "bob@acme.example",
    displayName: "Bob Lindqvist",
    roles: ["helpdesk_admin"],
  });
  await createAccount(db, { tenantId: acme.id, email: "alice@acme.example", displayName: "Alice Ng" });
  await createAccount(db, { tenantId: globex.id, email: "gus@globex.example" });
  await db.insert(tenantPolicies).values({
    tenantId: acme.id,
    name: "No exports",
    source: 'forbid (principal, action == Action::"account.export", resource);',
    updatedBy: dana.id,
  });
});

describe("the policy simulator", () => {
  it("answers what would happen with the saved policies", async () => {
    const result = await simulate({});
    expect(result).toMatchObject({
      ok: true,
      principalName: "Bob Lindqvist",
      resourceName: "Alice Ng",
      decision: { outcome: "allow" },
    });
  });

  it("applies the organisation's saved policies", async () => {
    const result = await simulate({ principalEmail: "dana@acme.example", action: "account.export" });
    expect(result).toMatchObject({ ok: true, decision: { outcome: "deny" } });
    if (!result.ok) throw new Error("unreachable");
    expect(result.decision.policyIds.some((id) => id.startsWith("tenant:No exports"))).toBe(true);
  });

  it("tries a draft before it is saved", async () => {
    const result = await simulate({ draft: { name: "Draft", source: FORBID_HELPDESK_RESETS } });
    expect(result).toMatchObject({ ok: true, decision: { outcome: "deny" } });
    if (!result.ok) throw new Error("unreachable");
    expect(result.decision.policyIds.some((id) => id.startsWith("tenant:Draft"))).toBe(true);
  });

  it("shows step-up when the second factor is not fresh", async () => {
    expect(await simulate({ freshSecondFactor: false })).toMatchObject({
      ok: true,
      decision: { outcome: "needs_step_up" },
    });
  });

  it("points at the line and column of a broken draft instead of deciding", async () => {
    const result = await simulate({
      draft: { name: "Broken", source: "permit (principal, action, resource)\nwhen { principal.nonsense };" },
    });
    expect(result).toMatchObject({ ok: false, field: "source" });
    if (result.ok) throw new Error("unreachable");
    expect(result.messages[0]).toMatch(/^Line 2, column \d+: /);
  });

  it("does not find people of another organisation", async () => {
    expect(await simulate({ principalEmail: "gus@globex.example" })).toMatchObject({
      ok: false,
      field: "principalEmail",
    });
    expect(await simulate({ resourceEmail: "gus@globex.example" })).toMatchObject({
      ok: false,
      field: "resourceEmail",
    });
  });
});
