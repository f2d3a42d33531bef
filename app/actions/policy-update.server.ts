// An organisation's own Cedar policies: validated against the schema before they are stored (the error
// lands on the source field with line and column), and changed only through this audited action.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tenantPolicies } from "~db/schema";
import { validateTenantPolicies } from "~/policy/engine.server";
import { ActionFailure, defineAction } from "./action";
import { reasonField } from "./fields";
import { loadOrganisationResource } from "./resources.server";

export const policyUpdateSchema = z
  .object({
    policyId: z.uuid().optional(),
    name: z
      .string({ error: "Give the policy a name." })
      .trim()
      .min(1, "Give the policy a name.")
      .max(80, "Keep the name under 80 characters.")
      .regex(/^[\p{L}\p{N} _.-]+$/u, "Use letters, digits, spaces, dots, dashes and underscores."),
    source: z.string({ error: "Write the policy." }).max(20_000, "Keep the policy under 20,000 characters."),
    enabled: z.boolean().default(true),
    reason: reasonField,
  })
  .superRefine((input, ctx) => {
    if (!input.source.trim()) {
      ctx.addIssue({ code: "custom", path: ["source"], message: "Write the policy." });
      return;
    }
    const result = validateTenantPolicies(input.source);
    if (!result.ok) {
      for (const error of result.errors) {
        ctx.addIssue({
          code: "custom",
          path: ["source"],
          message: `Line ${error.line}, column ${error.column}: ${error.message}`,
        });
      }
    }
  });

export const updatePolicy = defineAction({
  id: "policy.update",
  input: policyUpdateSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, principal, now }) {
    if (input.policyId) {
      const [before] = await tx
        .select()
        .from(tenantPolicies)
        .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.id, input.policyId)));
      if (!before) throw new ActionFailure("That policy no longer exists.", "policyId");
      await tx
        .update(tenantPolicies)
        .set({
          name: input.name,
          source: input.source,
          enabled: input.enabled,
          updatedBy: principal.accountId,
          updatedAt: now,
        })
        .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.id, input.policyId)));
      return {
        output: { policyId: input.policyId },
        target: { type: "TenantPolicy", id: input.policyId, name: input.name },
        changes: {
          before: { name: before.name, source: before.source, enabled: before.enabled },
          after: { name: input.name, source: input.source, enabled: input.enabled },
        },
      };
    }
    const [created] = await tx
      .insert(tenantPolicies)
      .values({
        tenantId,
        name: input.name,
        source: input.source,
        enabled: input.enabled,
        updatedBy: principal.accountId,
        updatedAt: now,
      })
      .returning({ id: tenantPolicies.id });
    return {
      output: { policyId: created!.id },
      target: { type: "TenantPolicy", id: created!.id, name: input.name },
      changes: { before: null, after: { name: input.name, source: input.source, enabled: input.enabled } },
    };
  },
});
