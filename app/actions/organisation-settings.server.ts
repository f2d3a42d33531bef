// Organisation settings a domain admin changes: whether every admin must have a second factor, (for a
// customer) how the platform operator's access starts: at once with an email to the domain admins
// (`notify`), or only once one of them approves (`approve`), and how many months raw app events are kept
// (the retention sweep deletes older ones, app/jobs/telemetry-retention.server.ts). A destructive action
// (step-up and a written reason): loosening the first two weakens the whole organisation at once, and a
// shorter retention period deletes events at the next sweep. Each form sends the setting it shows.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "~db/schema";
import { ActionFailure, defineAction } from "./action";
import { localeField, timeZoneField } from "./self-profile.server";
import { reasonField } from "./fields";
import { loadOrganisationResource } from "./resources.server";
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from "./retention.server";

const booleanField = z.enum(["on", "off"], { error: "Choose on or off." }).transform((value) => value === "on");

const RETENTION_MONTHS_ERROR = `Choose a retention period of ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS} months.`;

/** Whole months, 1…120, as a form sends them ("13") or as a number. */
const retentionMonthsField = z
  .union(
    [
      z
        .string()
        .trim()
        .regex(/^\d{1,4}$/, RETENTION_MONTHS_ERROR),
      z.number().int(RETENTION_MONTHS_ERROR),
    ],
    {
      error: RETENTION_MONTHS_ERROR,
    },
  )
  .transform(Number)
  .refine((months) => months >= MIN_RETENTION_MONTHS && months <= MAX_RETENTION_MONTHS, RETENTION_MONTHS_ERROR);

export const updateOrganisationSettingsInputSchema = z
  .object({
    requireAdminMfa: booleanField.optional(),
    operatorAccessMode: z.enum(["notify", "approve"], { error: "Choose notify or approve." }).optional(),
    eventRetentionMonths: retentionMonthsField.optional(),
    reason: reasonField,
  })
  .refine(
    (input) =>
      input.requireAdminMfa !== undefined ||
      input.operatorAccessMode !== undefined ||
      input.eventRetentionMonths !== undefined,
    { message: "Choose a setting to change." },
  );

export const updateOrganisationSettings = defineAction({
  id: "organisation.updateSettings",
  input: updateOrganisationSettingsInputSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  reason: (input) => input.reason,
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource }) {
    const { requireAdminMfa, operatorAccessMode, eventRetentionMonths } = input;
    if (operatorAccessMode !== undefined && resource.kind !== "customer") {
      throw new ActionFailure("Only a customer organisation chooses how operator access starts.", "operatorAccessMode");
    }
    const [stored] = await tx
      .select({
        requireAdminMfa: organisations.requireAdminMfa,
        operatorAccessMode: organisations.operatorAccessMode,
        eventRetentionMonths: organisations.eventRetentionMonths,
      })
      .from(organisations)
      .where(eq(organisations.id, tenantId));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    // The app role may not write the directory table; definer functions change these settings one by one.
    if (requireAdminMfa !== undefined) {
      await tx.execute(sql`select glasshouse_set_require_admin_mfa(${tenantId}::uuid, ${requireAdminMfa})`);
      before.requireAdminMfa = stored?.requireAdminMfa ?? false;
      after.requireAdminMfa = requireAdminMfa;
    }
    if (operatorAccessMode !== undefined) {
      await tx.execute(
        sql`select glasshouse_set_operator_access_mode(${tenantId}::uuid, ${operatorAccessMode}::operator_access_mode)`,
      );
      before.operatorAccessMode = stored?.operatorAccessMode ?? null;
      after.operatorAccessMode = operatorAccessMode;
    }
    if (eventRetentionMonths !== undefined) {
      await tx.execute(
        sql`select glasshouse_set_event_retention_months(${tenantId}::uuid, ${eventRetentionMonths}::int)`,
      );
      before.eventRetentionMonths = stored?.eventRetentionMonths ?? null;
      after.eventRetentionMonths = eventRetentionMonths;
    }
    return { output: null, target: { type: "organisation", id: tenantId }, changes: { before, after } };
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
