// What the action layer hands the audit trail. The trail adds tenant sequence, time, chain hashes.

export type AuditOutcome = "allowed" | "denied" | "needs_step_up" | "failed";

/** Who may read an entry: the tenant's audit readers always; "subject" adds the affected account. */
export type AuditVisibility = "subject" | "admins";

export interface AuditActor {
  accountId: string;
  /** The actor's home organisation (a reseller's or the operator's for delegated or operator access). */
  tenantId: string;
  name: string;
  /** The role the actor acted in, e.g. "domain_admin", "helpdesk_admin via delegation", "self", "system". */
  role: string;
  delegationId?: string | null;
  operatorAccessId?: string | null;
}

export interface AuditEntryInput {
  tenantId: string;
  /** Null for the system (jobs, the seed). */
  actor: AuditActor | null;
  action: string;
  outcome: AuditOutcome;
  subjectAccountId?: string | null;
  /** What was acted on, beyond the subject: { type, id, name, … }. */
  target?: Record<string, unknown> | null;
  reason?: string | null;
  policyIds?: string[];
  sentence?: string | null;
  /** Before and after, with secrets redacted by the trail. */
  changes?: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } | null;
  requestId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  visibility?: AuditVisibility;
}
