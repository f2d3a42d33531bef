// The customer's side of operator access: every request the operator's staff made of this organisation,
// and the domain admins who are told of each one (and who alone may approve, deny or end it). Read inside
// the customer's own tenant scope.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import { accounts, operatorAccessRequests, organisations, roleAssignments } from "~db/schema";
import { operatorActions } from "~/tenancy/reach.server";
import type { ActionId, OperatorAccessMode, OperatorAccessStatus } from "~/policy/types";

export interface CustomerAccessRequest {
  id: string;
  number: number;
  operatorAccountId: string;
  operatorName: string;
  operatorOrganisation: string;
  subjectAccountId: string | null;
  subjectName: string | null;
  readOnly: boolean;
  /** What it grants: the reads always, and the actions it names unless read-only. */
  actions: ActionId[];
  ticketReference: string;
  justification: string;
  status: OperatorAccessStatus;
  mode: OperatorAccessMode;
  durationMinutes: number;
  requestedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  /** Who ended it early: the operator who held it, or one of this organisation's admins. */
  endedByName: string | null;
}

const subject = alias(accounts, "subject");
const decider = alias(accounts, "decider");
const ender = alias(accounts, "ender");
const operator = alias(organisations, "operator");

/** Every operator access request of `tenantId`, newest first. */
export async function listCustomerAccess(tx: Tx, tenantId: string): Promise<CustomerAccessRequest[]> {
  const rows = await tx
    .select({
      request: operatorAccessRequests,
      operatorOrganisation: operator.name,
      subjectName: subject.displayName,
      decidedByName: decider.displayName,
      enderName: ender.displayName,
    })
    .from(operatorAccessRequests)
    .innerJoin(operator, eq(operator.id, operatorAccessRequests.operatorTenantId))
    .leftJoin(
      subject,
      and(
        eq(subject.tenantId, operatorAccessRequests.tenantId),
        eq(subject.id, operatorAccessRequests.subjectAccountId),
      ),
    )
    .leftJoin(
      decider,
      and(eq(decider.tenantId, operatorAccessRequests.tenantId), eq(decider.id, operatorAccessRequests.decidedBy)),
    )
    .leftJoin(
      ender,
      and(eq(ender.tenantId, operatorAccessRequests.tenantId), eq(ender.id, operatorAccessRequests.endedBy)),
    )
    .where(eq(operatorAccessRequests.tenantId, tenantId))
    .orderBy(desc(operatorAccessRequests.requestedAt), desc(operatorAccessRequests.number));
  return rows.map(({ request, operatorOrganisation, subjectName, decidedByName, enderName }) => ({
    id: request.id,
    number: request.number,
    operatorAccountId: request.operatorAccountId,
    operatorName: request.operatorName,
    operatorOrganisation,
    subjectAccountId: request.subjectAccountId,
    subjectName,
    readOnly: request.readOnly,
    actions: operatorActions(request.readOnly, request.actions),
    ticketReference: request.ticketReference,
    justification: request.justification,
    status: request.status,
    mode: request.mode,
    durationMinutes: request.durationMinutes,
    requestedAt: request.requestedAt,
    decidedByName,
    decidedAt: request.decidedAt,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    endedAt: request.endedAt,
    // An operator's account lives in the operator's tenant: it is named by the name it asked with.
    endedByName:
      request.endedBy === null
        ? null
        : request.endedBy === request.operatorAccountId
          ? request.operatorName
          : enderName,
  }));
}

export interface DomainAdmin {
  id: string;
  email: string;
  locale: string;
  timeZone: string;
}

/** The active domain admins of `tenantId` with an email address: who hears of operator access and links. */
export async function listDomainAdmins(tx: Tx, tenantId: string): Promise<DomainAdmin[]> {
  const rows = await tx
    .select({ id: accounts.id, email: accounts.email, locale: accounts.locale, timeZone: accounts.timeZone })
    .from(accounts)
    .innerJoin(
      roleAssignments,
      and(eq(roleAssignments.tenantId, accounts.tenantId), eq(roleAssignments.accountId, accounts.id)),
    )
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, "active"),
        eq(roleAssignments.role, "domain_admin"),
        isNotNull(accounts.email),
      ),
    )
    .orderBy(accounts.displayName, accounts.id);
  return rows.map((row) => ({ ...row, email: row.email! }));
}
