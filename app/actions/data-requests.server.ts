// Data-subject requests, both sides. A person asks, from My account → Privacy, for a copy of their data,
// a correction, a restriction of processing or erasure; each request is due 30 days after it is received.
// The organisation's admins (domain admins and compliance officers) assign, answer, complete or refuse it,
// with words the person reads; erasure is fulfilled by erasing the person (the purge's erasure, at once).
// Every step is an action about the person's account, so the person sees each one in their activity.
//
// A legal hold never swallows an erasure request: while one covers the person, the request waits (status
// waiting_on_hold, kept in step by the hold actions through syncErasureRequests), the person is told why,
// it cannot be refused or fulfilled (policy legal-hold.nothing-deleted), and it returns to the queue when
// the hold is released.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import { accounts, dataSubjectRequests, organisations, roleAssignments } from "~db/schema";
import { endSessions } from "~/auth/credentials.server";
import { queueEmail } from "~/mail/outbox.server";
import {
  dueDate,
  holdNotice,
  isHeld,
  isOpen,
  lockErasureRequests,
  type RequestKind,
  type RequestStatus,
} from "~/requests/requests.server";
import type { AccountResource, ActionId } from "~/policy/types";
import { ActionFailure, defineAction } from "./action";
import { purgePerson } from "./account-purge.server";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

const DUPLICATE = "You already have an open request like this one; you can follow it below.";

const optionalDetails = z
  .string()
  .trim()
  .max(2000, "Keep it under 2,000 characters.")
  .optional()
  .transform((value) => value || null);

const correctionDetails = z
  .string({ error: "Say which detail is wrong and what it should be." })
  .trim()
  .min(3, "Say which detail is wrong and what it should be.")
  .max(2000, "Keep it under 2,000 characters.");

/** Whether `error` (or what it wraps) is a clash on the one-open-request-of-a-kind index. */
function isDuplicateRequest(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    const constraint = candidate.constraint_name ?? candidate.constraint;
    if (candidate.code === "23505" && constraint === "data_subject_requests_open_key") return true;
    current = candidate.cause;
  }
  return false;
}

async function organisationName(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, tenantId));
  return row?.name ?? "";
}

async function emailOf(tx: Tx, tenantId: string, accountId: string): Promise<string | null> {
  const [row] = await tx
    .select({ email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)));
  return row?.email ?? null;
}

function selfRequest(id: ActionId, kind: RequestKind, details: z.ZodType<string | null>) {
  return defineAction({
    id,
    input: z.object({ accountId: accountIdField, details }),
    loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
    subjectAccountId: (input) => input.accountId,
    async mutate({ tx, tenantId, input, resource, now }) {
      // One request at a time per person: a double click files it once.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`glasshouse.dsr:${input.accountId}`}))`);
      const [same] = await tx
        .select({ id: dataSubjectRequests.id })
        .from(dataSubjectRequests)
        .where(
          and(
            eq(dataSubjectRequests.tenantId, tenantId),
            eq(dataSubjectRequests.accountId, input.accountId),
            eq(dataSubjectRequests.kind, kind),
            sql`md5(coalesce(${dataSubjectRequests.details}, '')) = md5(${input.details ?? ""})`,
            inArray(dataSubjectRequests.status, ["received", "in_progress", "waiting_on_hold"]),
          ),
        );
      if (same) throw new ActionFailure(DUPLICATE, "details");
      // Filed one at a time with the hold actions, and held-ness read after the lock (not from the facts
      // loaded before it), so a hold placed meanwhile still makes the request wait.
      if (kind === "erasure") await lockErasureRequests(tx, tenantId);
      const waiting = kind === "erasure" && (await isHeld(tx, tenantId, input.accountId));
      const status: RequestStatus = waiting ? "waiting_on_hold" : "received";
      let requestId: string;
      try {
        const [row] = await tx
          .insert(dataSubjectRequests)
          .values({
            tenantId,
            accountId: input.accountId,
            kind,
            status,
            details: input.details,
            receivedAt: now,
            dueAt: dueDate(now),
          })
          .returning({ id: dataSubjectRequests.id });
        requestId = row!.id;
      } catch (error) {
        if (isDuplicateRequest(error)) throw new ActionFailure(DUPLICATE, "details");
        throw error;
      }
      const email = await emailOf(tx, tenantId, input.accountId);
      if (email) {
        await queueEmail(tx, {
          tenantId,
          toAddress: email,
          toAccountId: input.accountId,
          template: "request.received",
          variant: waiting ? "erasureHeld" : kind,
          params: { organisation: await organisationName(tx, tenantId), due: dueDate(now) },
        });
      }
      const hold = waiting
        ? await holdNotice(tx, tenantId, (await loadAccountResource(tx, tenantId, resource.id))?.holds ?? [])
        : null;
      return {
        output: { requestId, status, hold },
        target: { type: "dataRequest", id: requestId, kind },
        changes: { after: { kind, status, dueAt: dueDate(now).toISOString() } },
      };
    },
  });
}

export const requestExport = selfRequest("self.requestExport", "access", optionalDetails);
export const requestCorrection = selfRequest("self.requestCorrection", "rectification", correctionDetails);
export const requestRestriction = selfRequest("self.requestRestriction", "restriction", optionalDetails);
export const requestErasure = selfRequest("self.requestErasure", "erasure", optionalDetails);

// ─── Handling a request ───────────────────────────────────────────────────────────────────────────

const requestIdField = z.uuid({ error: "Choose a request." });

/** The request's person, as the resource the decision is about. */
async function loadRequester(tx: Tx, tenantId: string, requestId: string): Promise<AccountResource | null> {
  const [row] = await tx
    .select({ accountId: dataSubjectRequests.accountId })
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, requestId)));
  return row ? loadAccountResource(tx, tenantId, row.accountId) : null;
}

/** The request, locked for this transaction; refused unless it is still open. */
async function openRequest(tx: Tx, tenantId: string, requestId: string) {
  const [row] = await tx
    .select({
      id: dataSubjectRequests.id,
      accountId: dataSubjectRequests.accountId,
      kind: dataSubjectRequests.kind,
      status: dataSubjectRequests.status,
      assignedTo: dataSubjectRequests.assignedTo,
    })
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, requestId)))
    .for("update");
  if (!row) throw new ActionFailure("That request is not there any more.");
  if (!isOpen(row.status)) throw new ActionFailure(`That request is already ${row.status.replace(/_/g, " ")}.`);
  return row;
}

/** Tells the person what happened to their request, in their language (`variant` of request.updated). */
async function tellRequester(
  tx: Tx,
  tenantId: string,
  accountId: string,
  variant: "responded" | "completed" | "refused",
  params: { actor: string; kind: RequestKind; message: string | null },
) {
  const email = await emailOf(tx, tenantId, accountId);
  if (!email) return;
  await queueEmail(tx, {
    tenantId,
    toAddress: email,
    toAccountId: accountId,
    template: "request.updated",
    variant: params.message ? variant : `${variant}Silent`,
    params: { organisation: await organisationName(tx, tenantId), actor: params.actor, message: params.message ?? "" },
  });
}

/** Completes or refuses an open request with the answer the person reads, and tells them. */
async function closeRequest(
  tx: Tx,
  tenantId: string,
  request: Awaited<ReturnType<typeof openRequest>>,
  close: { status: "completed" | "refused"; answer: string | null; actor: string; now: Date },
) {
  await tx
    .update(dataSubjectRequests)
    .set({ status: close.status, closedAt: close.now, resolution: close.answer })
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, request.id)));
  await tellRequester(tx, tenantId, request.accountId, close.status, {
    actor: close.actor,
    kind: request.kind,
    message: close.answer,
  });
  return {
    output: null,
    target: { type: "dataRequest", id: request.id, kind: request.kind },
    changes: { before: { status: request.status }, after: { status: close.status, resolution: close.answer } },
  };
}

const messageField = z
  .string({ error: "Write what the person should read." })
  .trim()
  .min(3, "Write what the person should read (a few words at least).")
  .max(2000, "Keep it under 2,000 characters.");

const optionalMessageField = z
  .string()
  .trim()
  .max(2000, "Keep it under 2,000 characters.")
  .optional()
  .transform((value) => value || null);

export const assignRequest = defineAction({
  id: "dataRequest.assign",
  input: z.object({
    requestId: requestIdField,
    assigneeId: z.uuid({ error: "Choose who handles the request." }),
  }),
  loadResource: (tx, tenantId, input) => loadRequester(tx, tenantId, input.requestId),
  subjectAccountId: (_input, resource) => resource.id,
  async mutate({ tx, tenantId, input }) {
    const request = await openRequest(tx, tenantId, input.requestId);
    if (request.assignedTo === input.assigneeId) {
      throw new ActionFailure("The request is already assigned to them.", "assigneeId");
    }
    const [handler] = await tx
      .select({ name: accounts.displayName })
      .from(accounts)
      .innerJoin(
        roleAssignments,
        and(eq(roleAssignments.tenantId, accounts.tenantId), eq(roleAssignments.accountId, accounts.id)),
      )
      .where(
        and(
          eq(accounts.tenantId, tenantId),
          eq(accounts.id, input.assigneeId),
          eq(accounts.status, "active"),
          inArray(roleAssignments.role, ["domain_admin", "compliance_officer"]),
        ),
      )
      .limit(1);
    if (!handler) {
      throw new ActionFailure(
        "Choose an active domain admin or compliance officer of this organisation.",
        "assigneeId",
      );
    }
    const status: RequestStatus = request.status === "received" ? "in_progress" : request.status;
    await tx
      .update(dataSubjectRequests)
      .set({ assignedTo: input.assigneeId, status })
      .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, request.id)));
    return {
      output: { assigneeName: handler.name },
      target: { type: "dataRequest", id: request.id, kind: request.kind },
      changes: {
        before: { assignedTo: request.assignedTo, status: request.status },
        after: { assignedTo: input.assigneeId, assignee: handler.name, status },
      },
    };
  },
});

export const respondToRequest = defineAction({
  id: "dataRequest.respond",
  input: z.object({ requestId: requestIdField, message: messageField }),
  loadResource: (tx, tenantId, input) => loadRequester(tx, tenantId, input.requestId),
  subjectAccountId: (_input, resource) => resource.id,
  async mutate({ tx, tenantId, input, principal, now }) {
    const request = await openRequest(tx, tenantId, input.requestId);
    const status: RequestStatus = request.status === "received" ? "in_progress" : request.status;
    await tx
      .update(dataSubjectRequests)
      .set({ response: input.message, respondedAt: now, status })
      .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, request.id)));
    await tellRequester(tx, tenantId, request.accountId, "responded", {
      actor: principal.name,
      kind: request.kind,
      message: input.message,
    });
    return {
      output: null,
      target: { type: "dataRequest", id: request.id, kind: request.kind },
      changes: { before: { status: request.status }, after: { status, response: input.message } },
    };
  },
});

export const completeRequest = defineAction({
  id: "dataRequest.complete",
  input: z.object({ requestId: requestIdField, message: optionalMessageField }),
  loadResource: (tx, tenantId, input) => loadRequester(tx, tenantId, input.requestId),
  subjectAccountId: (_input, resource) => resource.id,
  async mutate({ tx, tenantId, input, principal, now }) {
    const request = await openRequest(tx, tenantId, input.requestId);
    if (request.kind === "erasure") {
      throw new ActionFailure("An erasure request is fulfilled by erasing the person's data: use “Erase data”.");
    }
    return closeRequest(tx, tenantId, request, {
      status: "completed",
      answer: input.message,
      actor: principal.name,
      now,
    });
  },
});

export const refuseRequest = defineAction({
  id: "dataRequest.refuse",
  input: z.object({
    requestId: requestIdField,
    reason: z
      .string({ error: "Say why the request is refused; the person reads it." })
      .trim()
      .min(3, "Say why the request is refused; the person reads it.")
      .max(2000, "Keep it under 2,000 characters."),
  }),
  loadResource: (tx, tenantId, input) => loadRequester(tx, tenantId, input.requestId),
  subjectAccountId: (_input, resource) => resource.id,
  reason: (input) => input.reason,
  async mutate({ tx, tenantId, input, resource, principal, now }) {
    const request = await openRequest(tx, tenantId, input.requestId);
    if (request.status === "waiting_on_hold" || (request.kind === "erasure" && resource.holds.length > 0)) {
      throw new ActionFailure(
        "A legal hold covers this person: the erasure request stays open until the hold is released.",
      );
    }
    return closeRequest(tx, tenantId, request, { status: "refused", answer: input.reason, actor: principal.name, now });
  },
});

export const fulfilErasure = defineAction({
  id: "dataRequest.fulfilErasure",
  input: z.object({ requestId: requestIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadRequester(tx, tenantId, input.requestId),
  subjectAccountId: (_input, resource) => resource.id,
  reason: (input) => input.reason,
  // The person is erased; what remains to see belongs to the organisation's admins.
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, now }) {
    const request = await openRequest(tx, tenantId, input.requestId);
    if (request.kind !== "erasure") throw new ActionFailure("Only an erasure request is fulfilled by erasing data.");
    // Closed first: the erasure then scrubs the request's text like the rest of the person's.
    await tx
      .update(dataSubjectRequests)
      .set({ status: "completed", closedAt: now, resolution: input.reason })
      .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.id, request.id)));
    // Erased meanwhile (by a purge): the request is answered, and there is nothing left to erase.
    const [person] = await tx
      .select({ purgedAt: accounts.purgedAt })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, resource.id)));
    if (person?.purgedAt) {
      return {
        output: { alreadyErased: true, sessionsEnded: 0 },
        target: { type: "dataRequest", id: request.id, kind: request.kind },
        changes: { before: { request: request.status }, after: { request: "completed", alreadyErased: true } },
      };
    }
    let sessionsEnded = 0;
    if (resource.status !== "terminated") {
      await tx
        .update(accounts)
        .set({ status: "terminated", terminatedAt: now, purgeAfter: now, updatedAt: now })
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, resource.id)));
      sessionsEnded = await endSessions(tx, { tenantId, accountId: resource.id });
    }
    const purged = await purgePerson(tx, tenantId, {
      accountId: resource.id,
      name: resource.name,
      reason: input.reason,
      now,
    });
    return {
      ...purged,
      output: { ...purged.output, alreadyErased: false, sessionsEnded },
      target: { type: "dataRequest", id: request.id, kind: request.kind },
      changes: {
        before: { status: resource.status, request: request.status },
        after: { ...purged.changes.after, status: "terminated", request: "completed", sessionsEnded },
      },
    };
  },
});
