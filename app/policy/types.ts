// The vocabulary shared by the policy engine, the action layer and the UI: which actions exist, and the
// facts a decision is made from. Facts are plain data gathered from the database by the action layer; the
// engine turns them into Cedar entities. Nothing here touches the database.
import type { AdminRole, AccountStatus, OrganisationKind } from "~db/schema";

type ActionSpec = {
  /** What the action is about: one account, the organisation itself, a legal hold or a delegation. */
  resource: "Account" | "Organisation" | "LegalHold" | "Delegation" | "OperatorAccess";
  /** Destructive actions need a second factor confirmed in the last 10 minutes and a written reason. */
  destructive?: true;
  /** Needs a second factor confirmed in the last 10 minutes, without being destructive (no reason asked). */
  stepUp?: true;
  /** Reads that expose personal data; they are decided and audited like writes. */
  read?: true;
};

/** The action catalogue. Ids are `noun.verb`, the same strings in Cedar, the audit log and i18n keys. */
export const ACTIONS = {
  // An admin (or a line manager, or a delegated reseller) on one account
  "account.view": { resource: "Account", read: true },
  "account.viewApps": { resource: "Account", read: true },
  "account.updateProfile": { resource: "Account" },
  "account.resetPassword": { resource: "Account", destructive: true },
  "account.revokeSessions": { resource: "Account" },
  "account.resetMfa": { resource: "Account", destructive: true },
  "account.suspend": { resource: "Account", destructive: true },
  "account.unsuspend": { resource: "Account" },
  "account.terminate": { resource: "Account", destructive: true },
  "account.restore": { resource: "Account" },
  "account.purge": { resource: "Account", destructive: true },
  "account.export": { resource: "Account", destructive: true, read: true },
  "account.assignRole": { resource: "Account" },
  "account.removeRole": { resource: "Account" },
  "account.setManager": { resource: "Account" },
  "lock.set": { resource: "Account", destructive: true },
  "lock.clear": { resource: "Account", destructive: true },
  // Deleting data on someone's behalf: erasure requests and retention jobs
  "dataRequest.fulfilErasure": { resource: "Account", destructive: true },
  // Data-subject requests: the organisation's queue, and handling one (the resource is the person's account)
  "dataRequest.view": { resource: "Organisation", read: true },
  "dataRequest.assign": { resource: "Account" },
  "dataRequest.respond": { resource: "Account" },
  "dataRequest.complete": { resource: "Account" },
  "dataRequest.refuse": { resource: "Account" },
  "retention.deleteEvents": { resource: "Account" },
  // The same for events no account was named in (kept as unattributed): the organisation's, not a person's.
  "retention.deleteUnattributedEvents": { resource: "Organisation" },
  // The account's own person
  "self.updateProfile": { resource: "Account" },
  "self.setMarketing": { resource: "Account" },
  "self.requestErasure": { resource: "Account" },
  "self.requestExport": { resource: "Account" },
  "self.requestCorrection": { resource: "Account" },
  "self.requestRestriction": { resource: "Account" },
  "self.changeEmail": { resource: "Account" },
  "self.setPreferences": { resource: "Account" },
  "self.acknowledgePolicy": { resource: "Account" },
  "self.changePassword": { resource: "Account" },
  "self.enrolTotp": { resource: "Account" },
  "self.disableTotp": { resource: "Account" },
  "self.regenerateRecoveryCodes": { resource: "Account", stepUp: true },
  "self.addPasskey": { resource: "Account" },
  "self.renamePasskey": { resource: "Account" },
  "self.removePasskey": { resource: "Account", stepUp: true },
  "self.endSession": { resource: "Account" },
  "self.endOtherSessions": { resource: "Account" },
  // The organisation as a whole
  "audit.view": { resource: "Organisation", read: true },
  // App-install statistics of the whole organisation (the apps page); a line manager's view of their
  // reports is decided per report as account.viewApps instead.
  "apps.viewStats": { resource: "Organisation", read: true },
  "audit.export": { resource: "Organisation", read: true, stepUp: true },
  "policy.view": { resource: "Organisation", read: true },
  "policy.update": { resource: "Organisation", destructive: true },
  "organisation.updateSettings": { resource: "Organisation", destructive: true },
  "organisation.updatePreferences": { resource: "Organisation" },
  "privacy.notify": { resource: "Organisation" },
  "hold.place": { resource: "Organisation", destructive: true },
  "hold.update": { resource: "LegalHold", destructive: true },
  "hold.release": { resource: "LegalHold", destructive: true },
  "lock.setOrganisation": { resource: "Organisation", destructive: true },
  "lock.clearOrganisation": { resource: "Organisation", destructive: true },
  // One operation over many accounts; each account is then decided and audited on its own
  "bulk.start": { resource: "Organisation", destructive: true },
  // Ingestion keys: what installed apps present to report their events. Minting one (or its replacement)
  // needs a fresh second factor; revoking one takes effect at once and asks for none.
  "ingestionKey.create": { resource: "Organisation", stepUp: true },
  "ingestionKey.rotate": { resource: "Organisation", stepUp: true },
  "ingestionKey.revoke": { resource: "Organisation" },
  // Resellers: a reseller's domain admin asks a linked client (the resource) and chooses its staff; the
  // client's domain admins answer and revoke; the job runner ends what expired or lapsed.
  "delegation.request": { resource: "Organisation" },
  "delegation.assignStaff": { resource: "Delegation" },
  "delegation.approve": { resource: "Delegation", stepUp: true },
  "delegation.decline": { resource: "Delegation" },
  "delegation.revoke": { resource: "Delegation" },
  "delegation.expire": { resource: "Delegation" },
  "delegation.lapse": { resource: "Delegation" },
  // The platform operator: organisations and links (the resource is the operator's own organisation, or
  // the customer being linked), and access to a customer's data only through a justified, bounded request.
  "organisation.create": { resource: "Organisation" },
  "organisation.linkReseller": { resource: "Organisation" },
  "operatorAccess.request": { resource: "Organisation" },
  "operatorAccess.approve": { resource: "OperatorAccess", stepUp: true },
  "operatorAccess.deny": { resource: "OperatorAccess" },
  "operatorAccess.revoke": { resource: "OperatorAccess" },
  "operatorAccess.expire": { resource: "OperatorAccess" },
} as const satisfies Record<string, ActionSpec>;

export type ActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

export function isActionId(value: unknown): value is ActionId {
  return typeof value === "string" && Object.hasOwn(ACTIONS, value);
}

export function isDestructive(action: ActionId): boolean {
  return "destructive" in ACTIONS[action];
}

/**
 * Authentication events: what happens before there is a principal to decide for (a sign-in attempt, a
 * reset link) or what proves who the principal is (a second factor). They are not policy decisions — the
 * credential check and the throttle decide — but each is recorded in the account's audit trail, in the
 * same transaction as its effect, by app/actions/authentication.server.ts.
 */
export const AUTH_EVENTS = [
  "auth.signIn",
  "auth.signInFailed",
  "auth.secondFactorFailed",
  "auth.stepUp",
  "auth.signOut",
  "auth.passwordResetRequested",
  "auth.passwordReset",
] as const;

export type AuthEventId = (typeof AUTH_EVENTS)[number];

/** How fresh a second factor must be for a destructive action. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

export type DelegationStatus = "requested" | "active" | "declined" | "revoked" | "expired" | "lapsed";
export type OperatorAccessStatus = "requested" | "active" | "denied" | "revoked" | "expired";
export type OperatorAccessMode = "notify" | "approve";

/**
 * Actions that start in one organisation and act on another's rows: a reseller asking a linked client for
 * a delegation or choosing its staff for one, the operator linking a reseller to a customer or asking for
 * access, an operator ending their own access early. Their definitions name the organisation they change
 * (`targetTenant`); every other action stays inside the acting tenant.
 */
export const CROSS_TENANT_ACTIONS = [
  "delegation.request",
  "delegation.assignStaff",
  "organisation.linkReseller",
  "operatorAccess.request",
  "operatorAccess.revoke",
] as const satisfies readonly ActionId[];

/** The roles a delegation may grant: every admin role of a customer (the list). */
export const DELEGABLE_ROLES = ["helpdesk_admin", "compliance_officer", "auditor", "domain_admin"] as const;

/**
 * Powers that stay with the customer's own domain admins whatever a delegation grants or an operator asks:
 * answering and revoking delegations and operator access (an operator may still end their own), the organisation's settings (the operator-access
 * mode among them), its policies, releasing legal holds, and its ingestion keys.
 */
export const CUSTOMER_ONLY_ACTIONS = [
  "delegation.approve",
  "delegation.decline",
  "delegation.revoke",
  "delegation.expire",
  "delegation.lapse",
  "operatorAccess.approve",
  "operatorAccess.expire",
  "operatorAccess.deny",
  "operatorAccess.revoke",
  "organisation.updateSettings",
  "policy.update",
  "hold.update",
  "hold.release",
  // A bulk run carries on after the request that started it, on its requester's standing in the
  // organisation; a delegation or operator access is decided per request, so it never starts one.
  "bulk.start",
  // The keys that let anyone post events as this organisation: no reseller or operator mints or ends them.
  "ingestionKey.create",
  "ingestionKey.rotate",
  "ingestionKey.revoke",
] as const satisfies readonly ActionId[];

/** What an operator may ask to do in a customer's organisation (reads always; these only when named). */
export const OPERATOR_READ_ACTIONS = ["account.view", "account.viewApps", "audit.view", "policy.view"] as const;
export const OPERATOR_GRANTABLE_ACTIONS = [
  ...OPERATOR_READ_ACTIONS,
  "account.updateProfile",
  "account.resetPassword",
  "account.revokeSessions",
  "account.resetMfa",
  "account.unsuspend",
] as const satisfies readonly ActionId[];

/** How the principal reaches the tenant it acts in. */
export type AccessPath =
  | { kind: "member" }
  | {
      kind: "delegation";
      delegationId: string;
      number: number;
      resellerId: string;
      resellerName: string;
      status: DelegationStatus;
      expiresAt: Date | null;
      /** The roles the delegation grants; also the principal's `roles` while it is live. */
      roles: AdminRole[];
      /** Whether the reseller's domain admin chose this person among the staff who may use it. */
      assigned: boolean;
    }
  | {
      kind: "operator";
      accessId: string;
      operatorName: string;
      status: OperatorAccessStatus;
      mode: OperatorAccessMode;
      endsAt: Date | null;
      /** One account, or null for the whole organisation. */
      subjectAccountId: string | null;
      /** The actions granted: the reads for read-only access, else the ones the request named. */
      actions: ActionId[];
      ticketReference: string;
      justification: string;
    };

export interface PrincipalFacts {
  accountId: string;
  name: string;
  homeTenantId: string;
  homeTenantKind: OrganisationKind;
  /** The tenant this request acts in (the URL's tenant). */
  actingTenantId: string;
  /** Admin roles effective in `actingTenantId` (home roles for members, granted roles for delegations). */
  roles: AdminRole[];
  access: AccessPath;
  /** When this session last confirmed a second factor, if ever. */
  secondFactorAt: Date | null;
}

export interface HoldFacts {
  id: string;
  name: string;
  placedByName: string;
  placedAt: Date;
}

export interface LockFacts {
  /** e.g. "marketing_consent", "profile.phone", "data_deletion". */
  setting: string;
  lockedByName: string;
  lockedAt: Date;
  reason: string;
}

export interface AccountResource {
  type: "Account";
  id: string;
  tenantId: string;
  name: string;
  status: AccountStatus;
  roles: AdminRole[];
  managerId: string | null;
  /** Active legal holds covering the account (including organisation-wide ones). */
  holds: HoldFacts[];
  /** Active privacy locks covering the account (including organisation-wide ones). */
  locks: LockFacts[];
}

export interface OrganisationResource {
  type: "Organisation";
  id: string;
  name: string;
  kind: OrganisationKind;
  /** Resellers linked to this customer (they may request delegations). */
  linkedResellerIds: string[];
  /**
   * Active legal holds on the whole organisation (scope 'organisation'), loaded by the action layer;
   * absent where no action that deletes data is decided (none then).
   */
  holds?: HoldFacts[];
}

export interface LegalHoldResource {
  type: "LegalHold";
  id: string;
  tenantId: string;
  name: string;
  released: boolean;
}

export interface DelegationResource {
  type: "Delegation";
  id: string;
  tenantId: string;
  number: number;
  resellerId: string;
  resellerName: string;
  status: DelegationStatus;
  /** The roles requested, or granted once approved. */
  roles: AdminRole[];
  /** The duration requested, or granted once approved. */
  durationDays: number;
}

export interface OperatorAccessResource {
  type: "OperatorAccess";
  id: string;
  tenantId: string;
  status: OperatorAccessStatus;
  /** The operator's staff member who asked for it. */
  operatorAccountId: string;
  operatorName: string;
}

export type ResourceFacts =
  AccountResource | OrganisationResource | LegalHoldResource | DelegationResource | OperatorAccessResource;

export interface ContextFacts {
  now: Date;
  /** The written reason the actor gave, if any. */
  reason?: string | null;
  /** The lock actions (lock.set, lock.setOrganisation…): the setting concerned. */
  setting?: string;
  /** self.updateProfile: the lockable settings the change touches ("profile.phone"…). */
  settings?: string[];
  /** account.assignRole / account.removeRole: the role concerned. */
  role?: AdminRole;
  /** delegation.approve: the roles being approved (may narrow, never widen, the request). */
  roles?: AdminRole[];
  /** delegation.approve: the duration being approved, in days (may shorten, never lengthen, the request). */
  durationDays?: number;
}

export interface DecisionRequest {
  principal: PrincipalFacts;
  action: ActionId;
  resource: ResourceFacts;
  context: ContextFacts;
}

export type Outcome = "allow" | "deny" | "needs_step_up";

export interface Decision {
  outcome: Outcome;
  /** Ids of the policies that decided (the satisfied forbids for a deny, the permits for an allow). */
  policyIds: string[];
  /** A sentence a person can read, built from the facts (English: what the audit trail records). */
  sentence: string;
  /** The same sentence in the other languages the product ships, by locale ("de"…). */
  sentences?: Partial<Record<string, string>>;
}
