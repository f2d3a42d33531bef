// Reading app statistics (/t/:tenant/apps and its CSV export) is decided like every action and recorded:
// the whole organisation's as apps.viewStats, and, for a line manager whom that is refused, each direct
// report's as account.viewApps, one audited read per report (the report sees it in their activity). The
// mutations do nothing: the route reads after the decision.
import { z } from "zod";
import { defineAction } from "./action";
import { loadOrganisationResource } from "./resources.server";

/** The filters and the table (CSV) the statistics were read with, as the audit entry's target says them. */
const statsReadSchema = z.object({
  filters: z.record(z.string(), z.string().max(200)).default({}),
  table: z.string().max(20).optional(),
});

export const viewAppStats = defineAction({
  id: "apps.viewStats",
  input: statsReadSchema,
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  auditAllowedRead: true,
  visibility: "admins",
  mutate: async ({ input }) => ({
    output: null,
    target: { type: "appStats", filters: input.filters, ...(input.table ? { table: input.table } : {}) },
  }),
});
