// Reads that expose personal data are decided like writes. Their "mutation" does nothing: the route reads
// after the decision. Exports are audited when allowed; every refusal is audited.
import { z } from "zod";
import { defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource, loadOrganisationResource } from "./resources.server";

const nothing = async () => ({ output: null });

export const viewDataRequests = defineAction({
  id: "dataRequest.view",
  input: z.object({}),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  mutate: nothing,
});

export const viewAccount = defineAction({
  id: "account.view",
  input: z.object({ accountId: accountIdField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  subjectAccountId: (input) => input.accountId,
  mutate: nothing,
});

export const viewAccountApps = defineAction({
  id: "account.viewApps",
  input: z.object({ accountId: accountIdField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  // A line manager's statistics read all their reports' at once (performEach): one query for the accounts.
  resourceAccountId: (input) => input.accountId,
  subjectAccountId: (input) => input.accountId,
  mutate: nothing,
  // Which apps someone runs on which devices is about them, whoever looks (an admin, their line manager):
  // every view is in the trail, and so in the person's own Activity (design.md: audited reads).
  auditAllowedRead: true,
});

export const viewAudit = defineAction({
  id: "audit.view",
  input: z.object({}),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  mutate: nothing,
});

export const exportAudit = defineAction({
  id: "audit.export",
  input: z.object({ format: z.enum(["csv", "jsonl"]), filters: z.record(z.string(), z.string()).default({}) }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  auditAllowedRead: true,
  visibility: "admins",
  mutate: async ({ input }) => ({ output: null, target: { format: input.format, filters: input.filters } }),
});

export const viewPolicies = defineAction({
  id: "policy.view",
  input: z.object({}),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  mutate: nothing,
});

export const exportAccount = defineAction({
  id: "account.export",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  auditAllowedRead: true,
  mutate: nothing,
});
