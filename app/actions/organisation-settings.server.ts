// Organisation settings a domain admin changes: today, whether every admin must have a second factor.
// A destructive action (step-up and a written reason): loosening it weakens every admin account at once.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "~db/schema";
import { defineAction } from "./action";
import { reasonField } from "./fields";
import { loadOrganisationResource } from "./resources.server";

const booleanField = z.enum(["on", "off"], { error: "Choose on or off." }).transform((value) => value === "on");

export const updateOrganisationSettings = defineAction({
  id: "organisation.updateSettings",
  input: z.object({ requireAdminMfa: booleanField, reason: reasonField }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input }) {
    const [before] = await tx
      .select({ requireAdminMfa: organisations.requireAdminMfa })
      .from(organisations)
      .where(eq(organisations.id, tenantId));
    // The app role may not write the directory table; a definer function changes this one setting.
    await tx.execute(sql`select glasshouse_set_require_admin_mfa(${tenantId}::uuid, ${input.requireAdminMfa})`);
    return {
      output: null,
      target: { type: "organisation", id: tenantId },
      changes: {
        before: { requireAdminMfa: before?.requireAdminMfa ?? false },
        after: { requireAdminMfa: input.requireAdminMfa },
      },
    };
  },
});
