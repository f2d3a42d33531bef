// Organisation settings a domain admin changes: today, whether every admin must have a second factor.
// A destructive action (step-up and a written reason): loosening it weakens every admin account at once.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "~db/schema";
import { ActionFailure, defineAction } from "./action";
import { localeField, timeZoneField } from "./self-profile.server";
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

/**
 * What an organisation's people see by default and are told: the language and time zone of a new account
 * (and of anyone not signed in who comes by way of its pages), and whether a person whose erasure request
 * waits on a legal hold learns the matter's name.
 */
export const updateOrganisationPreferences = defineAction({
  id: "organisation.updatePreferences",
  input: z.object({
    discloseHoldName: booleanField,
    defaultLocale: localeField,
    defaultTimeZone: timeZoneField,
  }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  visibility: "admins",
  async mutate({ tx, tenantId, input }) {
    const [before] = await tx
      .select({
        discloseHoldName: organisations.discloseHoldName,
        defaultLocale: organisations.defaultLocale,
        defaultTimeZone: organisations.defaultTimeZone,
      })
      .from(organisations)
      .where(eq(organisations.id, tenantId));
    if (!before) throw new ActionFailure("The organisation is not there any more.");
    if (
      before.discloseHoldName === input.discloseHoldName &&
      before.defaultLocale === input.defaultLocale &&
      before.defaultTimeZone === input.defaultTimeZone
    ) {
      throw new ActionFailure("Nothing to save: no setting was changed.");
    }
    await tx.execute(
      sql`select glasshouse_set_organisation_preferences(${tenantId}::uuid, ${input.discloseHoldName},
            ${input.defaultLocale}, ${input.defaultTimeZone})`,
    );
    return { output: null, target: { type: "organisation", id: tenantId }, changes: { before, after: input } };
  },
});
