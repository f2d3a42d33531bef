// Sessions and roles of one account.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { roleAssignments, sessions } from "~db/schema";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, optionalReasonField, roleField } from "./fields";
import { loadAccountResource } from "./resources.server";

export const revokeSessions = defineAction({
  id: "account.revokeSessions",
  input: z.object({ accountId: accountIdField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input }) {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, input.accountId)))
      .returning({ id: sessions.id });
    return { output: { sessionsEnded: ended.length }, changes: { after: { sessionsEnded: ended.length } } };
  },
});

export const assignRole = defineAction({
  id: "account.assignRole",
  input: z.object({ accountId: accountIdField, role: roleField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  context: (input) => ({ role: input.role }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    if (resource.roles.includes(input.role)) throw new ActionFailure(`${resource.name} already has that role.`, "role");
    await tx.insert(roleAssignments).values({
      tenantId,
      accountId: input.accountId,
      role: input.role,
      grantedBy: principal.accountId,
      grantedAt: now,
    });
    return {
      output: null,
      changes: { before: { roles: resource.roles }, after: { roles: [...resource.roles, input.role] } },
      target: { role: input.role },
    };
  },
});

export const removeRole = defineAction({
  id: "account.removeRole",
  input: z.object({ accountId: accountIdField, role: roleField, reason: optionalReasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  context: (input) => ({ role: input.role }),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  async mutate({ tx, tenantId, input, resource }) {
    if (!resource.roles.includes(input.role))
      throw new ActionFailure(`${resource.name} does not have that role.`, "role");
    await tx
      .delete(roleAssignments)
      .where(
        and(
          eq(roleAssignments.tenantId, tenantId),
          eq(roleAssignments.accountId, input.accountId),
          eq(roleAssignments.role, input.role),
        ),
      );
    return {
      output: null,
      changes: { before: { roles: resource.roles }, after: { roles: resource.roles.filter((r) => r !== input.role) } },
      target: { role: input.role },
    };
  },
});
