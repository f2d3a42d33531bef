// The policy engine, specified as tables: who (principal) does what (action) to what (resource) in which
// circumstances (context) → outcome and the policy that decided. Two customer organisations (Acme,
// Globex), two resellers (Northwind, with an active, an expired, a revoked and a pending delegation into
// Acme, and Contoso) and the platform operator (Glasshouse) with an access request into Acme.
// app/policy/access-table.test.ts holds the full tables of delegation and operator-access states.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AdminRole, OrganisationKind } from "~db/schema";
import { createPolicyEngine } from "./cedar.server";
import { compileTenantPolicies, decide, decideMany, validateTenantPolicies, builtInPolicies } from "./engine.server";
import { hasSentence } from "./sentences";
import {
  ACTIONS,
  ACTION_IDS,
  OPERATOR_GRANTABLE_ACTIONS,
  OPERATOR_READ_ACTIONS,
  STEP_UP_WINDOW_MS,
  type AccessPath,
  type AccountResource,
  type ActionId,
  type ContextFacts,
  type DecisionRequest,
  type DelegationResource,
  type DelegationStatus,
  type LegalHoldResource,
  type Outcome,
  type OrganisationResource,
  type OperatorAccessResource,
  type PrincipalFacts,
  type ResourceFacts,
} from "./types";

const NOW = new Date("2026-11-03T10:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const DAY = 24 * 60 * 60_000;

// ---------------------------------------------------------------------------------------------------
// The world

const acme: OrganisationResource = {
  type: "Organisation",
  id: "acme",
  name: "Acme",
  kind: "customer",
  linkedResellerIds: ["northwind"],
};
const globex: OrganisationResource = {
  type: "Organisation",
  id: "globex",
  name: "Globex",
  kind: "customer",
  linkedResellerIds: [],
};
const northwind: OrganisationResource = {
  type: "Organisation",
  id: "northwind",
  name: "Northwind",
  kind: "reseller",
  linkedResellerIds: [],
};
const glasshouse: OrganisationResource = {
  type: "Organisation",
  id: "ops",
  name: "Glasshouse",
  kind: "operator",
  linkedResellerIds: [],
};
/** Acme under a legal hold on the whole organisation. */
const acmeHeld: OrganisationResource = {
  ...acme,
  holds: [
    { id: "hold-2", name: "Matter 2026-20", placedByName: "Carla Mendes", placedAt: new Date("2026-11-02T14:00:00Z") },
  ],
};
const KIND_OF_HOME: Record<string, OrganisationKind> = { northwind: "reseller", contoso: "reseller", ops: "operator" };

function account(
  id: string,
  name: string,
  tenantId: string,
  roles: AdminRole[] = [],
  extra: Partial<AccountResource> = {},
) {
  const resource: AccountResource = {
    type: "Account",
    id,
    tenantId,
    name,
    status: "active",
    roles,
    managerId: null,
    holds: [],
    locks: [],
    ...extra,
  };
  return resource;
}

// Acme
const danaAccount = account("dana", "Dana Okafor", "acme", ["domain_admin"]);
const diegoAccount = account("diego", "Diego Ruiz", "acme", ["domain_admin"]);
const bobAccount = account("bob", "Bob Lindqvist", "acme", ["helpdesk_admin"]);
const carlaAccount = account("carla", "Carla Mendes", "acme", ["compliance_officer"]);
const aldoAccount = account("aldo", "Aldo Brun", "acme", ["auditor"]);
const mikeAccount = account("mike", "Mike Tanaka", "acme");
const alice = account("alice", "Alice Ng", "acme", [], { managerId: "mike" });
const hank = account("hank", "Hank Ito", "acme", [], {
  holds: [
    { id: "hold-1", name: "Matter 2026-14", placedByName: "Dana Okafor", placedAt: new Date("2026-11-03T08:30:00Z") },
  ],
});
const lockedBy = { lockedByName: "Dana Okafor", lockedAt: new Date("2026-10-01T09:00:00Z") };
const lena = account("lena", "Lena Ford", "acme", [], {
  locks: [
    { setting: "profile.phone", reason: "Company phones are managed by IT", ...lockedBy },
    { setting: "marketing_consent", reason: "Works council agreement", ...lockedBy },
    { setting: "data_deletion", reason: "Pending HR case", ...lockedBy },
  ],
});
const matter: LegalHoldResource = {
  type: "LegalHold",
  id: "hold-1",
  tenantId: "acme",
  name: "Matter 2026-14",
  released: false,
};

// Globex
const ginaAccount = account("gina", "Gina Rossi", "globex", ["domain_admin"]);
const gus = account("gus", "Gus Meyer", "globex");
const globexHold: LegalHoldResource = {
  type: "LegalHold",
  id: "hold-9",
  tenantId: "globex",
  name: "Audit 2026",
  released: false,
};

// Northwind's delegations into Acme
function delegation(number: number, status: DelegationStatus, roles: AdminRole[]): DelegationResource {
  return {
    type: "Delegation",
    id: `delegation-${number}`,
    tenantId: "acme",
    number,
    resellerId: "northwind",
    resellerName: "Northwind",
    status,
    roles,
    durationDays: 90,
  };
}
const activeDelegation = delegation(1, "active", ["helpdesk_admin"]);
const expiredDelegation = delegation(2, "active", ["helpdesk_admin"]);
const revokedDelegation = delegation(3, "revoked", ["helpdesk_admin"]);
const pendingDelegation = delegation(4, "requested", ["helpdesk_admin", "compliance_officer"]);
const adminDelegation = delegation(5, "active", ["domain_admin"]);
// A delegation recorded in the reseller's own organisation: nothing should create one, and if anything
// did, the reseller still could not approve it.
const ownOrganisationDelegation: DelegationResource = {
  ...delegation(6, "requested", ["domain_admin"]),
  tenantId: "northwind",
};

// Olga Berg of the operator holds an access to Acme, and waits for Acme's approval of another.
const operatorAccessResource: OperatorAccessResource = {
  type: "OperatorAccess",
  id: "operator-access-1",
  tenantId: "acme",
  status: "active",
  operatorAccountId: "olga",
  operatorName: "Olga Berg",
};
const requestedOperatorAccess: OperatorAccessResource = {
  ...operatorAccessResource,
  id: "operator-access-2",
  status: "requested",
};
const globexOperatorAccess: OperatorAccessResource = {
  ...operatorAccessResource,
  id: "operator-access-3",
  tenantId: "globex",
};

// Principals
function member(resource: AccountResource, options: Partial<PrincipalFacts> = {}): PrincipalFacts {
  return {
    accountId: resource.id,
    name: resource.name,
    homeTenantId: resource.tenantId,
    homeTenantKind: KIND_OF_HOME[resource.tenantId] ?? "customer",
    actingTenantId: resource.tenantId,
    roles: resource.roles,
    access: { kind: "member" },
    secondFactorAt: minutesAgo(2),
    ...options,
  };
}

function viaDelegation(
  granted: DelegationResource,
  expiresAt: Date | null,
  options: Partial<PrincipalFacts> = {},
): PrincipalFacts {
  return {
    accountId: "ned",
    name: "Ned Park",
    homeTenantId: "northwind",
    homeTenantKind: "reseller",
    actingTenantId: granted.tenantId,
    roles: granted.roles,
    access: {
      kind: "delegation",
      delegationId: granted.id,
      number: granted.number,
      resellerId: "northwind",
      resellerName: "Northwind",
      status: granted.status,
      expiresAt,
      roles: granted.roles,
      assigned: true,
    },
    secondFactorAt: minutesAgo(2),
    ...options,
  };
}

function unassigned(principal: PrincipalFacts): PrincipalFacts {
  if (principal.access.kind !== "delegation") throw new Error("only a delegation has assigned staff");
  return { ...principal, access: { ...principal.access, assigned: false } };
}

function viaOperatorAccess(access: Partial<Extract<AccessPath, { kind: "operator" }>> = {}): PrincipalFacts {
  return {
    accountId: "olga",
    name: "Olga Berg",
    homeTenantId: "ops",
    homeTenantKind: "operator",
    actingTenantId: "acme",
    roles: [],
    access: {
      kind: "operator",
      accessId: "operator-access-1",
      operatorName: "Glasshouse",
      status: "active",
      mode: "notify",
      endsAt: new Date(NOW.getTime() + 4 * 60 * 60_000),
      subjectAccountId: null,
      actions: [...OPERATOR_READ_ACTIONS],
      ticketReference: "88123",
      justification: "mail sync failure",
      ...access,
    },
    secondFactorAt: minutesAgo(2),
  };
}

const dana = member(danaAccount);
const bob = member(bobAccount);
const carla = member(carlaAccount);
const aldo = member(aldoAccount);
const mike = member(mikeAccount);
const aliceSelf = member(alice);
const lenaSelf = member(lena);
const hankSelf = member(hank);
const gina = member(ginaAccount);
const gusSelf = member(gus);
const nina = member(account("nina", "Nina Berg", "northwind", ["domain_admin"]));
const nedAtHome = member(account("ned", "Ned Park", "northwind"));
const nedActive = viaDelegation(activeDelegation, new Date(NOW.getTime() + 7 * DAY));
const nedExpired = viaDelegation(expiredDelegation, new Date(NOW.getTime() - DAY));
const nedRevoked = viaDelegation(revokedDelegation, new Date(NOW.getTime() + 7 * DAY));
const nedAsAdmin = viaDelegation(adminDelegation, new Date(NOW.getTime() + 7 * DAY));
const nedUnassigned = unassigned(nedActive);
const oscar = member(account("oscar", "Oscar Lind", "contoso", ["domain_admin"]));
const jobRunner = member(account("jobs", "Scheduled jobs", "acme", ["domain_admin"]));
const imogen = member(account("imogen", "Imogen Hart", "ops", ["domain_admin"]));
const olgaAtHome = member(account("olga", "Olga Berg", "ops", ["helpdesk_admin"]));
const olgaReading = viaOperatorAccess();
const olgaWithActions = viaOperatorAccess({ actions: [...OPERATOR_GRANTABLE_ACTIONS] });
const olgaOnAlice = viaOperatorAccess({ subjectAccountId: "alice", actions: [...OPERATOR_GRANTABLE_ACTIONS] });
const olgaWaiting = viaOperatorAccess({ status: "requested", mode: "approve", endsAt: null });
const olgaOver = viaOperatorAccess({ endsAt: minutesAgo(1) });

const stale = (principal: PrincipalFacts) => ({ ...principal, secondFactorAt: minutesAgo(30) });

// ---------------------------------------------------------------------------------------------------
// The table

interface Case {
  rule: string;
  principal: PrincipalFacts;
  action: ActionId;
  resource: ResourceFacts;
  context?: Partial<ContextFacts>;
  outcome: Outcome;
  policy: string;
  sentence?: string;
}

const allows = (policy: string) => ({ outcome: "allow" as const, policy });
const denies = (policy: string) => ({ outcome: "deny" as const, policy });
const stepUp = { outcome: "needs_step_up" as const, policy: "step-up.second-factor" };

// prettier-ignore
const cases: Case[] = [
  // Role grants: each admin role, in its own organisation
  { rule: "a helpdesk admin views a member's account", principal: bob, action: "account.view", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "an auditor views a member's account", principal: aldo, action: "account.view", resource: alice, ...allows("role.auditor") },
  { rule: "a compliance officer views a member's account", principal: carla, action: "account.view", resource: alice, ...allows("role.compliance-officer") },
  { rule: "a member without a role cannot view a colleague's account", principal: aliceSelf, action: "account.view", resource: lena, ...denies("default-deny") },
  { rule: "a helpdesk admin views a member's app installs", principal: bob, action: "account.viewApps", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "an auditor cannot view app installs", principal: aldo, action: "account.viewApps", resource: alice, ...denies("default-deny") },
  { rule: "a helpdesk admin updates a member's profile", principal: bob, action: "account.updateProfile", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "a compliance officer cannot update profiles", principal: carla, action: "account.updateProfile", resource: alice, ...denies("default-deny") },
  { rule: "a helpdesk admin resets a member's password", principal: bob, action: "account.resetPassword", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "an auditor cannot reset passwords", principal: aldo, action: "account.resetPassword", resource: alice, ...denies("default-deny") },
  { rule: "a helpdesk admin revokes a member's sessions", principal: bob, action: "account.revokeSessions", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "an auditor cannot revoke sessions", principal: aldo, action: "account.revokeSessions", resource: alice, ...denies("default-deny") },
  { rule: "a helpdesk admin resets a member's second factor", principal: bob, action: "account.resetMfa", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "a compliance officer cannot reset second factors", principal: carla, action: "account.resetMfa", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin suspends a member", principal: dana, action: "account.suspend", resource: alice, ...allows("role.domain-admin"), sentence: "Allowed: Dana Okafor is a domain admin of this organisation." },
  { rule: "a helpdesk admin cannot suspend", principal: bob, action: "account.suspend", resource: alice, ...denies("default-deny"), sentence: "No policy allows Bob Lindqvist (helpdesk admin) to suspend accounts." },
  { rule: "a domain admin unsuspends a member", principal: dana, action: "account.unsuspend", resource: alice, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot unsuspend", principal: bob, action: "account.unsuspend", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin terminates another domain admin", principal: dana, action: "account.terminate", resource: diegoAccount, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot terminate", principal: carla, action: "account.terminate", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin restores a member", principal: dana, action: "account.restore", resource: alice, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot restore", principal: carla, action: "account.restore", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin purges an account no hold covers", principal: dana, action: "account.purge", resource: alice, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot purge", principal: bob, action: "account.purge", resource: alice, ...denies("default-deny") },
  { rule: "a compliance officer exports an account's data", principal: carla, action: "account.export", resource: alice, ...allows("role.compliance-officer") },
  { rule: "an auditor cannot export an account's data", principal: aldo, action: "account.export", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin gives a member a role", principal: dana, action: "account.assignRole", resource: alice, context: { role: "helpdesk_admin" }, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot give roles", principal: bob, action: "account.assignRole", resource: alice, context: { role: "helpdesk_admin" }, ...denies("default-deny") },
  { rule: "a domain admin removes another admin's role", principal: dana, action: "account.removeRole", resource: diegoAccount, context: { role: "domain_admin" }, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot remove roles", principal: bob, action: "account.removeRole", resource: carlaAccount, context: { role: "compliance_officer" }, ...denies("default-deny") },
  { rule: "a domain admin sets a member's line manager", principal: dana, action: "account.setManager", resource: alice, ...allows("role.domain-admin") },
  { rule: "a line manager cannot change who reports to them", principal: mike, action: "account.setManager", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin locks a privacy setting", principal: dana, action: "lock.set", resource: alice, context: { setting: "marketing_consent" }, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot lock settings", principal: bob, action: "lock.set", resource: alice, context: { setting: "marketing_consent" }, ...denies("default-deny") },
  { rule: "a domain admin unlocks a privacy setting", principal: dana, action: "lock.clear", resource: lena, context: { setting: "profile.phone" }, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot unlock settings", principal: carla, action: "lock.clear", resource: lena, context: { setting: "profile.phone" }, ...denies("default-deny") },
  { rule: "a domain admin fulfils an erasure request", principal: dana, action: "dataRequest.fulfilErasure", resource: alice, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot fulfil erasure", principal: carla, action: "dataRequest.fulfilErasure", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin tells people of a new privacy policy", principal: dana, action: "privacy.notify", resource: acme, ...allows("role.domain-admin") },
  { rule: "an auditor cannot send the privacy notice", principal: aldo, action: "privacy.notify", resource: acme, ...denies("default-deny") },
  { rule: "a compliance officer reads the data-request queue", principal: carla, action: "dataRequest.view", resource: acme, ...allows("role.compliance-officer") },
  { rule: "a helpdesk admin cannot read the data-request queue", principal: bob, action: "dataRequest.view", resource: acme, ...denies("default-deny") },
  { rule: "a compliance officer assigns a data request", principal: carla, action: "dataRequest.assign", resource: alice, ...allows("role.compliance-officer") },
  { rule: "a helpdesk admin cannot assign a data request", principal: bob, action: "dataRequest.assign", resource: alice, ...denies("default-deny") },
  { rule: "a compliance officer answers a data request", principal: carla, action: "dataRequest.respond", resource: alice, ...allows("role.compliance-officer") },
  { rule: "a line manager cannot answer a report's data request", principal: mike, action: "dataRequest.respond", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin completes a data request", principal: dana, action: "dataRequest.complete", resource: alice, ...allows("role.domain-admin") },
  { rule: "an auditor cannot complete a data request", principal: aldo, action: "dataRequest.complete", resource: alice, ...denies("default-deny") },
  { rule: "a compliance officer refuses a data request", principal: carla, action: "dataRequest.refuse", resource: alice, ...allows("role.compliance-officer") },
  { rule: "a member cannot refuse their own data request", principal: aliceSelf, action: "dataRequest.refuse", resource: alice, ...denies("default-deny") },
  { rule: "a domain admin sets the organisation's preferences", principal: dana, action: "organisation.updatePreferences", resource: acme, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot set the organisation's preferences", principal: bob, action: "organisation.updatePreferences", resource: acme, ...denies("default-deny") },
  { rule: "the retention job deletes old events with a domain admin's authority", principal: dana, action: "retention.deleteEvents", resource: alice, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot delete events", principal: bob, action: "retention.deleteEvents", resource: alice, ...denies("default-deny") },
  { rule: "the retention job deletes old unattributed events with a domain admin's authority", principal: jobRunner, action: "retention.deleteUnattributedEvents", resource: acme, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot delete unattributed events", principal: carla, action: "retention.deleteUnattributedEvents", resource: acme, ...denies("default-deny") },
  { rule: "a helpdesk admin cannot delete unattributed events", principal: bob, action: "retention.deleteUnattributedEvents", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin of another organisation cannot delete Acme's unattributed events", principal: gina, action: "retention.deleteUnattributedEvents", resource: acme, ...denies("tenancy.cross-tenant") },

  // Organisation-wide actions
  { rule: "an auditor reads the audit log", principal: aldo, action: "audit.view", resource: acme, ...allows("role.auditor") },
  { rule: "a compliance officer reads the audit log", principal: carla, action: "audit.view", resource: acme, ...allows("role.compliance-officer") },
  { rule: "a helpdesk admin cannot read the audit log", principal: bob, action: "audit.view", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin reads the organisation's app statistics", principal: dana, action: "apps.viewStats", resource: acme, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin reads the organisation's app statistics", principal: bob, action: "apps.viewStats", resource: acme, ...allows("role.helpdesk-admin") },
  { rule: "an auditor reads the organisation's app statistics", principal: aldo, action: "apps.viewStats", resource: acme, ...allows("role.auditor") },
  { rule: "a compliance officer does not read the organisation's app statistics", principal: carla, action: "apps.viewStats", resource: acme, ...denies("default-deny") },
  { rule: "a Globex domain admin cannot read Acme's app statistics", principal: gina, action: "apps.viewStats", resource: acme, ...denies("tenancy.cross-tenant") },
  { rule: "an auditor exports the audit log", principal: aldo, action: "audit.export", resource: acme, ...allows("role.auditor") },
  { rule: "a line manager cannot export the audit log", principal: mike, action: "audit.export", resource: acme, ...denies("default-deny") },
  { rule: "exporting the audit log needs a fresh second factor", principal: stale(aldo), action: "audit.export", resource: acme, ...stepUp },
  { rule: "viewing the audit log does not", principal: stale(aldo), action: "audit.view", resource: acme, ...allows("role.auditor") },
  { rule: "an auditor reads the policies", principal: aldo, action: "policy.view", resource: acme, ...allows("role.auditor") },
  { rule: "a helpdesk admin cannot read the policies", principal: bob, action: "policy.view", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin changes the policies", principal: dana, action: "policy.update", resource: acme, ...allows("role.domain-admin") },
  { rule: "an auditor cannot change the policies", principal: aldo, action: "policy.update", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin changes organisation settings", principal: dana, action: "organisation.updateSettings", resource: acme, ...allows("role.domain-admin") },
  { rule: "a compliance officer cannot change organisation settings", principal: carla, action: "organisation.updateSettings", resource: acme, ...denies("default-deny") },
  { rule: "a compliance officer places a legal hold", principal: carla, action: "hold.place", resource: acme, ...allows("role.compliance-officer") },
  { rule: "a helpdesk admin cannot place a legal hold", principal: bob, action: "hold.place", resource: acme, ...denies("default-deny") },
  { rule: "a helpdesk admin starts a bulk action", principal: bob, action: "bulk.start", resource: acme, ...allows("role.helpdesk-admin") },
  { rule: "an auditor cannot start a bulk action", principal: aldo, action: "bulk.start", resource: acme, ...denies("default-deny") },
  { rule: "a compliance officer changes a legal hold", principal: carla, action: "hold.update", resource: matter, ...allows("role.compliance-officer") },
  { rule: "an auditor cannot change a legal hold", principal: aldo, action: "hold.update", resource: matter, ...denies("default-deny") },
  { rule: "a domain admin releases a legal hold", principal: dana, action: "hold.release", resource: matter, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot release a legal hold", principal: bob, action: "hold.release", resource: matter, ...denies("default-deny") },
  { rule: "a domain admin locks a setting for the whole organisation", principal: dana, action: "lock.setOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot lock a setting for the whole organisation", principal: bob, action: "lock.setOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...denies("default-deny"), sentence: "No policy allows Bob Lindqvist (helpdesk admin) to lock privacy settings for the whole organisation." },
  { rule: "a compliance officer cannot lock a setting for the whole organisation", principal: carla, action: "lock.setOrganisation", resource: acme, context: { setting: "data_deletion" }, ...denies("default-deny") },
  { rule: "a domain admin clears an organisation-wide lock", principal: dana, action: "lock.clearOrganisation", resource: acme, context: { setting: "profile.phone" }, ...allows("role.domain-admin") },
  { rule: "an auditor cannot clear an organisation-wide lock", principal: aldo, action: "lock.clearOrganisation", resource: acme, context: { setting: "profile.phone" }, ...denies("default-deny") },
  { rule: "a reseller acting as domain admin locks a setting for the client organisation", principal: nedAsAdmin, action: "lock.setOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...allows("role.domain-admin") },
  { rule: "a reseller acting as helpdesk admin cannot lock for the client organisation", principal: nedActive, action: "lock.setOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...denies("default-deny") },

  // Line managers: direct reports, read only
  { rule: "a line manager views a direct report", principal: mike, action: "account.view", resource: alice, ...allows("line-manager.direct-reports"), sentence: "Allowed: Mike Tanaka is Alice Ng's line manager." },
  { rule: "a line manager views a direct report's app installs", principal: mike, action: "account.viewApps", resource: alice, ...allows("line-manager.direct-reports") },
  { rule: "a line manager cannot view someone who is not their report", principal: mike, action: "account.view", resource: lena, ...denies("default-deny") },
  { rule: "a line manager cannot reset a report's password", principal: mike, action: "account.resetPassword", resource: alice, ...denies("default-deny") },

  // Self-service: one's own account, and no one else's
  { rule: "a member updates their own display name", principal: aliceSelf, action: "self.updateProfile", resource: alice, context: { settings: ["profile.displayName"] }, ...allows("self-service.own-account") },
  { rule: "a member cannot self-serve on a colleague's account", principal: aliceSelf, action: "self.updateProfile", resource: lena, context: { settings: ["profile.displayName"] }, ...denies("default-deny") },
  { rule: "a member sets their own marketing consent", principal: aliceSelf, action: "self.setMarketing", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin cannot set someone else's marketing consent", principal: dana, action: "self.setMarketing", resource: alice, ...denies("default-deny") },
  { rule: "a member asks for their data to be erased", principal: aliceSelf, action: "self.requestErasure", resource: alice, ...allows("self-service.own-account") },
  { rule: "a member under legal hold may still ask for erasure", principal: hankSelf, action: "self.requestErasure", resource: hank, ...allows("self-service.own-account") },
  { rule: "a member asks for a copy of their data", principal: aliceSelf, action: "self.requestExport", resource: alice, ...allows("self-service.own-account") },
  { rule: "a member of Globex self-serves in Globex", principal: gusSelf, action: "self.requestExport", resource: gus, ...allows("self-service.own-account") },
  { rule: "a helpdesk admin cannot request someone's export", principal: bob, action: "self.requestExport", resource: alice, ...denies("default-deny") },
  { rule: "a member asks for a correction", principal: aliceSelf, action: "self.requestCorrection", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin cannot ask for someone's correction", principal: dana, action: "self.requestCorrection", resource: alice, ...denies("default-deny") },
  { rule: "a member asks for a restriction", principal: aliceSelf, action: "self.requestRestriction", resource: alice, ...allows("self-service.own-account") },
  { rule: "a helpdesk admin cannot ask for someone's restriction", principal: bob, action: "self.requestRestriction", resource: alice, ...denies("default-deny") },
  { rule: "a member changes their own email address", principal: aliceSelf, action: "self.changeEmail", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin cannot self-serve someone's email address", principal: dana, action: "self.changeEmail", resource: alice, ...denies("default-deny") },
  { rule: "a member sets their language and time zone", principal: aliceSelf, action: "self.setPreferences", resource: alice, ...allows("self-service.own-account") },
  { rule: "a member cannot set a colleague's language", principal: aliceSelf, action: "self.setPreferences", resource: lena, ...denies("default-deny") },
  { rule: "a member acknowledges the privacy policy", principal: aliceSelf, action: "self.acknowledgePolicy", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin cannot acknowledge the policy for someone", principal: dana, action: "self.acknowledgePolicy", resource: alice, ...denies("default-deny") },

  // Account security: each person manages their own factors, password and sessions, no one else's
  { rule: "a member may self.changePassword on their own account", principal: aliceSelf, action: "self.changePassword", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.changePassword on someone else's account", principal: dana, action: "self.changePassword", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.enrolTotp on their own account", principal: aliceSelf, action: "self.enrolTotp", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.enrolTotp on someone else's account", principal: dana, action: "self.enrolTotp", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.disableTotp on their own account", principal: aliceSelf, action: "self.disableTotp", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.disableTotp on someone else's account", principal: dana, action: "self.disableTotp", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.regenerateRecoveryCodes on their own account", principal: aliceSelf, action: "self.regenerateRecoveryCodes", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.regenerateRecoveryCodes on someone else's account", principal: dana, action: "self.regenerateRecoveryCodes", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.addPasskey on their own account", principal: aliceSelf, action: "self.addPasskey", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.addPasskey on someone else's account", principal: dana, action: "self.addPasskey", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.renamePasskey on their own account", principal: aliceSelf, action: "self.renamePasskey", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.renamePasskey on someone else's account", principal: dana, action: "self.renamePasskey", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.removePasskey on their own account", principal: aliceSelf, action: "self.removePasskey", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.removePasskey on someone else's account", principal: dana, action: "self.removePasskey", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.endSession on their own account", principal: aliceSelf, action: "self.endSession", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.endSession on someone else's account", principal: dana, action: "self.endSession", resource: alice, ...denies("default-deny") },
  { rule: "a member may self.endOtherSessions on their own account", principal: aliceSelf, action: "self.endOtherSessions", resource: alice, ...allows("self-service.own-account") },
  { rule: "a domain admin may not self.endOtherSessions on someone else's account", principal: dana, action: "self.endOtherSessions", resource: alice, ...denies("default-deny") },

  // Locks: the person cannot change what an admin locked
  { rule: "a locked profile field cannot be changed", principal: lenaSelf, action: "self.updateProfile", resource: lena, context: { settings: ["profile.phone"] }, ...denies("locks.profile-setting"), sentence: "Blocked: the setting 'profile.phone' is locked by Dana Okafor since 1 Oct 2026: 'Company phones are managed by IT'." },
  { rule: "an unlocked profile field can be changed", principal: lenaSelf, action: "self.updateProfile", resource: lena, context: { settings: ["profile.displayName"] }, ...allows("self-service.own-account") },
  { rule: "locked marketing consent cannot be changed", principal: lenaSelf, action: "self.setMarketing", resource: lena, ...denies("locks.marketing-consent") },
  { rule: "locked data deletion blocks an erasure request", principal: lenaSelf, action: "self.requestErasure", resource: lena, ...denies("locks.data-deletion") },
  { rule: "locks do not stop asking for a copy", principal: lenaSelf, action: "self.requestExport", resource: lena, ...allows("self-service.own-account") },

  // Legal hold: nothing deletes held data
  { rule: "a held account cannot be purged", principal: dana, action: "account.purge", resource: hank, ...denies("legal-hold.nothing-deleted"), sentence: "Blocked: Hank Ito's account is under legal hold 'Matter 2026-14', placed by Dana Okafor on 3 Nov 2026." },
  { rule: "an erasure request is not fulfilled under legal hold", principal: dana, action: "dataRequest.fulfilErasure", resource: hank, ...denies("legal-hold.nothing-deleted") },
  { rule: "the retention job deletes nothing under legal hold", principal: dana, action: "retention.deleteEvents", resource: hank, ...denies("legal-hold.nothing-deleted") },
  { rule: "the retention job deletes no unattributed events while the whole organisation is held", principal: jobRunner, action: "retention.deleteUnattributedEvents", resource: acmeHeld, ...denies("legal-hold.nothing-deleted"), sentence: "Blocked: Acme is under legal hold 'Matter 2026-20' as a whole, placed by Carla Mendes on 2 Nov 2026." },
  { rule: "a hold on the whole organisation does not stop changing its settings", principal: dana, action: "organisation.updatePreferences", resource: acmeHeld, ...allows("role.domain-admin") },
  { rule: "a legal hold does not stop suspension", principal: dana, action: "account.suspend", resource: hank, ...allows("role.domain-admin") },

  // Only a domain admin acts on a domain admin
  { rule: "a helpdesk admin cannot reset a domain admin's password", principal: bob, action: "account.resetPassword", resource: danaAccount, ...denies("protected-admins.domain-admin"), sentence: "Blocked: Dana Okafor is a domain admin; only a domain admin can change that account." },
  { rule: "a helpdesk admin cannot reset a domain admin's second factor", principal: bob, action: "account.resetMfa", resource: diegoAccount, ...denies("protected-admins.domain-admin") },
  { rule: "a helpdesk admin cannot update a domain admin's profile", principal: bob, action: "account.updateProfile", resource: diegoAccount, ...denies("protected-admins.domain-admin") },
  { rule: "a helpdesk admin may still view a domain admin's account", principal: bob, action: "account.view", resource: diegoAccount, ...allows("role.helpdesk-admin") },
  { rule: "a domain admin resets another domain admin's second factor", principal: dana, action: "account.resetMfa", resource: diegoAccount, ...allows("role.domain-admin") },

  // Nobody suspends, terminates, purges or demotes themself
  { rule: "a domain admin cannot suspend themself", principal: dana, action: "account.suspend", resource: danaAccount, ...denies("self-protection.own-account"), sentence: "Blocked: Dana Okafor cannot suspend, terminate, purge, erase or demote their own account; another admin has to." },
  { rule: "a domain admin cannot terminate themself", principal: dana, action: "account.terminate", resource: danaAccount, ...denies("self-protection.own-account") },
  { rule: "a domain admin cannot purge themself", principal: dana, action: "account.purge", resource: danaAccount, ...denies("self-protection.own-account") },
  { rule: "a domain admin cannot remove their own role", principal: dana, action: "account.removeRole", resource: danaAccount, context: { role: "domain_admin" }, ...denies("self-protection.own-account") },
  { rule: "a domain admin may still update their own profile", principal: dana, action: "account.updateProfile", resource: danaAccount, ...allows("role.domain-admin") },

  // Destructive actions: a written reason, and a second factor from the last 10 minutes
  { rule: "a destructive action without a reason is refused", principal: dana, action: "account.suspend", resource: alice, context: { reason: "" }, ...denies("written-reason.required") },
  { rule: "a reason of only spaces is no reason", principal: bob, action: "account.resetPassword", resource: alice, context: { reason: "   " }, ...denies("written-reason.required") },
  { rule: "a stale second factor asks for a step-up", principal: stale(bob), action: "account.resetPassword", resource: alice, ...stepUp, sentence: "Confirm your second factor to continue: this action needs one from the last 10 minutes." },
  { rule: "no second factor at all asks for a step-up", principal: { ...dana, secondFactorAt: null }, action: "account.suspend", resource: alice, ...stepUp },
  { rule: "a second factor exactly 10 minutes old is still fresh", principal: { ...dana, secondFactorAt: new Date(NOW.getTime() - STEP_UP_WINDOW_MS) }, action: "account.suspend", resource: alice, ...allows("role.domain-admin") },
  { rule: "a second factor 10 minutes and 1 second old is stale", principal: { ...dana, secondFactorAt: new Date(NOW.getTime() - STEP_UP_WINDOW_MS - 1000) }, action: "account.suspend", resource: alice, ...stepUp },
  { rule: "a step-up is not offered for an action refused anyway", principal: stale(bob), action: "account.suspend", resource: alice, ...denies("default-deny") },
  { rule: "a step-up is not offered to a helpdesk admin acting on a domain admin", principal: stale(bob), action: "account.resetPassword", resource: danaAccount, ...denies("protected-admins.domain-admin") },
  { rule: "a missing reason wins over a missing step-up", principal: stale(dana), action: "account.suspend", resource: alice, context: { reason: null }, ...denies("written-reason.required") },
  { rule: "reads and light changes need no step-up", principal: stale(bob), action: "account.revokeSessions", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "changing policies needs a step-up", principal: stale(dana), action: "policy.update", resource: acme, ...stepUp },
  { rule: "removing one's own passkey needs a step-up", principal: { ...aliceSelf, secondFactorAt: null }, action: "self.removePasskey", resource: alice, ...stepUp },
  { rule: "replacing one's own recovery codes needs a step-up, but no reason", principal: { ...aliceSelf, secondFactorAt: null }, action: "self.regenerateRecoveryCodes", resource: alice, context: { reason: "" }, ...stepUp },
  { rule: "adding a passkey needs no step-up", principal: { ...aliceSelf, secondFactorAt: null }, action: "self.addPasskey", resource: alice, ...allows("self-service.own-account") },
  { rule: "locking a setting needs a step-up", principal: stale(dana), action: "lock.set", resource: alice, context: { setting: "data_deletion" }, ...stepUp },
  { rule: "locking a setting for everyone needs a step-up", principal: stale(dana), action: "lock.setOrganisation", resource: acme, context: { setting: "data_deletion" }, ...stepUp },
  { rule: "clearing an organisation-wide lock needs a step-up", principal: { ...dana, secondFactorAt: null }, action: "lock.clearOrganisation", resource: acme, context: { setting: "data_deletion" }, ...stepUp },
  { rule: "locking a setting for everyone needs a reason", principal: dana, action: "lock.setOrganisation", resource: acme, context: { setting: "data_deletion", reason: "" }, ...denies("written-reason.required") },
  { rule: "clearing an organisation-wide lock needs a reason", principal: dana, action: "lock.clearOrganisation", resource: acme, context: { setting: "data_deletion", reason: " " }, ...denies("written-reason.required") },
  { rule: "organisation settings need a reason", principal: dana, action: "organisation.updateSettings", resource: acme, context: { reason: "" }, ...denies("written-reason.required") },
  { rule: "an export needs a reason", principal: carla, action: "account.export", resource: alice, context: { reason: undefined }, ...denies("written-reason.required") },

  // Nothing crosses a tenant
  { rule: "a Globex domain admin cannot view an Acme account", principal: gina, action: "account.view", resource: alice, ...denies("tenancy.cross-tenant"), sentence: "Blocked: Alice Ng's account belongs to another organisation, and nothing crosses organisations." },
  { rule: "an Acme domain admin cannot suspend a Globex account", principal: dana, action: "account.suspend", resource: gus, ...denies("tenancy.cross-tenant") },
  { rule: "a Globex domain admin suspends a Globex member", principal: gina, action: "account.suspend", resource: gus, ...allows("role.domain-admin") },
  { rule: "a Globex domain admin cannot read Acme's audit log", principal: gina, action: "audit.view", resource: acme, ...denies("tenancy.cross-tenant") },
  { rule: "a Globex domain admin reads Globex's audit log", principal: gina, action: "audit.view", resource: globex, ...allows("role.domain-admin") },
  { rule: "an Acme domain admin cannot release a Globex legal hold", principal: dana, action: "hold.release", resource: globexHold, ...denies("tenancy.cross-tenant") },
  { rule: "a Globex domain admin cannot lock settings for everyone in Acme", principal: gina, action: "lock.setOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...denies("tenancy.cross-tenant"), sentence: "Blocked: Acme belongs to another organisation, and nothing crosses organisations." },
  { rule: "a Globex domain admin cannot clear Acme's organisation-wide locks", principal: gina, action: "lock.clearOrganisation", resource: acme, context: { setting: "marketing_consent" }, ...denies("tenancy.cross-tenant") },
  { rule: "a member of Globex cannot act in Acme by naming it", principal: { ...gina, actingTenantId: "acme" }, action: "account.view", resource: alice, ...denies("tenancy.not-a-member") },
  { rule: "nobody self-serves on an account in another organisation", principal: { ...gusSelf, actingTenantId: "acme" }, action: "self.requestExport", resource: alice, ...denies("tenancy.not-a-member") },

  // Resellers: only through a live delegation, only with its roles
  { rule: "a reseller resets a password through an active delegation", principal: nedActive, action: "account.resetPassword", resource: alice, ...allows("role.helpdesk-admin"), sentence: "Allowed: Ned Park acts as helpdesk admin for Northwind through delegation #1." },
  { rule: "a reseller views accounts through an active delegation", principal: nedActive, action: "account.view", resource: alice, ...allows("role.helpdesk-admin") },
  { rule: "a reseller gets only the roles the delegation grants", principal: nedActive, action: "account.suspend", resource: alice, ...denies("default-deny") },
  { rule: "an expired delegation grants nothing", principal: nedExpired, action: "account.view", resource: alice, ...denies("delegation.not-live"), sentence: "Blocked: Northwind's delegation #2 expired on 2 Nov 2026, so it grants nothing." },
  { rule: "a revoked delegation grants nothing", principal: nedRevoked, action: "account.view", resource: alice, ...denies("delegation.not-live"), sentence: "Blocked: Northwind's delegation #3 was revoked, so it grants nothing." },
  { rule: "a delegation without an end date grants nothing", principal: viaDelegation(activeDelegation, null), action: "account.view", resource: alice, ...denies("delegation.not-live") },
  { rule: "a delegation ends at its expiry instant", principal: viaDelegation(activeDelegation, NOW), action: "account.view", resource: alice, ...denies("delegation.not-live") },
  { rule: "a reseller cannot claim roles the delegation does not grant", principal: { ...nedActive, roles: ["domain_admin"] }, action: "account.suspend", resource: alice, ...denies("delegation.roles-not-granted") },
  { rule: "a delegation never opens self-service", principal: nedActive, action: "self.requestExport", resource: alice, ...denies("delegation.no-self-service") },
  { rule: "a delegation to Acme does not reach Globex", principal: nedActive, action: "account.view", resource: gus, ...denies("tenancy.cross-tenant") },
  { rule: "only the reseller's own staff use its delegation", principal: { ...nedActive, homeTenantId: "globex", homeTenantKind: "customer" }, action: "account.view", resource: alice, ...denies("tenancy.not-a-member") },
  { rule: "a reseller's domain admin asks a linked customer for a delegation", principal: nina, action: "delegation.request", resource: acme, ...allows("delegation.request-linked") },
  { rule: "a reseller cannot ask a customer that has not linked it", principal: nina, action: "delegation.request", resource: globex, ...denies("delegation.request-unlinked") },
  { rule: "reseller staff without the domain admin role cannot ask", principal: nedAtHome, action: "delegation.request", resource: acme, ...denies("default-deny") },
  { rule: "a customer's domain admin cannot ask another customer for a delegation", principal: dana, action: "delegation.request", resource: globex, ...denies("delegation.request-unlinked") },
  { rule: "a customer's domain admin approves a delegation, narrowing its roles", principal: dana, action: "delegation.approve", resource: pendingDelegation, context: { roles: ["helpdesk_admin"] }, ...allows("role.domain-admin") },
  { rule: "an approval never widens the requested roles", principal: dana, action: "delegation.approve", resource: pendingDelegation, context: { roles: ["helpdesk_admin", "domain_admin"] }, ...denies("delegation.approve-widens"), sentence: "Blocked: delegation #4 asked for helpdesk admin and compliance officer; an approval may narrow the roles, never widen them." },
  { rule: "a reseller acting as domain admin never approves a delegation: that stays with the customer", principal: nedAsAdmin, action: "delegation.approve", resource: pendingDelegation, context: { roles: ["helpdesk_admin"] }, ...denies("delegation.customer-only"), sentence: "Blocked: only this organisation's own domain admins may approve delegations; no delegation grants it." },
  { rule: "a reseller's domain admin never approves its own delegation, even one recorded in its own organisation", principal: nina, action: "delegation.approve", resource: ownOrganisationDelegation, ...denies("delegation.approve-own"), sentence: "Blocked: Nina Berg cannot approve a delegation for their own reseller." },
  { rule: "an approval may shorten the requested duration", principal: dana, action: "delegation.approve", resource: pendingDelegation, context: { roles: ["helpdesk_admin"], durationDays: 30 }, ...allows("role.domain-admin") },
  { rule: "an approval may keep the requested duration", principal: dana, action: "delegation.approve", resource: pendingDelegation, context: { durationDays: 90 }, ...allows("role.domain-admin") },
  { rule: "an approval never lengthens the requested duration", principal: dana, action: "delegation.approve", resource: pendingDelegation, context: { durationDays: 91 }, ...denies("delegation.approve-lengthens"), sentence: "Blocked: delegation #4 asked for 90 days; an approval may shorten it, never lengthen it." },
  { rule: "approving a delegation needs a fresh second factor", principal: stale(dana), action: "delegation.approve", resource: pendingDelegation, ...stepUp },
  { rule: "a helpdesk admin cannot approve delegations", principal: bob, action: "delegation.approve", resource: pendingDelegation, ...denies("default-deny") },
  { rule: "a customer's domain admin declines a delegation", principal: dana, action: "delegation.decline", resource: pendingDelegation, ...allows("role.domain-admin") },
  { rule: "an auditor cannot decline delegations", principal: aldo, action: "delegation.decline", resource: pendingDelegation, ...denies("default-deny") },
  { rule: "a customer's domain admin revokes a delegation", principal: dana, action: "delegation.revoke", resource: activeDelegation, ...allows("role.domain-admin") },
  { rule: "a helpdesk admin cannot revoke delegations", principal: bob, action: "delegation.revoke", resource: activeDelegation, ...denies("default-deny") },
  { rule: "a reseller acting as domain admin cannot revoke delegations", principal: nedAsAdmin, action: "delegation.revoke", resource: activeDelegation, ...denies("delegation.customer-only") },
  { rule: "the job runner ends an expired delegation with the domain admins' authority", principal: jobRunner, action: "delegation.expire", resource: expiredDelegation, ...allows("role.domain-admin") },
  { rule: "a reseller cannot end a delegation as expired", principal: nedAsAdmin, action: "delegation.expire", resource: expiredDelegation, ...denies("delegation.customer-only") },
  { rule: "a helpdesk admin cannot end a delegation as expired", principal: bob, action: "delegation.expire", resource: expiredDelegation, ...denies("default-deny") },
  { rule: "a domain admin creates an app key", principal: dana, action: "ingestionKey.create", resource: acme, context: { reason: "" }, ...allows("role.domain-admin"), sentence: "Allowed: Dana Okafor is a domain admin of this organisation." },
  { rule: "creating an app key needs a fresh second factor", principal: stale(dana), action: "ingestionKey.create", resource: acme, ...stepUp },
  { rule: "a helpdesk admin cannot create an app key", principal: bob, action: "ingestionKey.create", resource: acme, ...denies("default-deny"), sentence: "No policy allows Bob Lindqvist (helpdesk admin) to create app keys." },
  { rule: "a domain admin rotates an app key", principal: dana, action: "ingestionKey.rotate", resource: acme, ...allows("role.domain-admin") },
  { rule: "rotating an app key needs a fresh second factor", principal: stale(dana), action: "ingestionKey.rotate", resource: acme, ...stepUp },
  { rule: "a compliance officer cannot rotate an app key", principal: carla, action: "ingestionKey.rotate", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin revokes an app key at once, without a fresh second factor", principal: stale(dana), action: "ingestionKey.revoke", resource: acme, context: { reason: "" }, ...allows("role.domain-admin") },
  { rule: "an auditor cannot revoke an app key", principal: aldo, action: "ingestionKey.revoke", resource: acme, ...denies("default-deny") },
  { rule: "a domain admin of another organisation cannot create an app key here", principal: gina, action: "ingestionKey.create", resource: acme, ...denies("tenancy.cross-tenant") },
  { rule: "the job runner lapses an unanswered request", principal: jobRunner, action: "delegation.lapse", resource: pendingDelegation, ...allows("role.domain-admin") },
  { rule: "an auditor cannot lapse a request", principal: aldo, action: "delegation.lapse", resource: pendingDelegation, ...denies("default-deny") },

  // Delegations: only the staff the reseller chose, never the customer's own powers
  { rule: "a reseller's staff member it did not choose cannot use its delegation", principal: nedUnassigned, action: "account.view", resource: alice, ...denies("delegation.not-assigned"), sentence: "Blocked: Ned Park of Northwind is not among the staff Northwind chose to use delegation #1." },
  { rule: "a revoked delegation is refused as revoked before as unassigned", principal: unassigned(nedRevoked), action: "account.view", resource: alice, ...denies("delegation.not-live") },
  { rule: "a reseller acting as domain admin cannot reset a customer domain admin's password", principal: nedAsAdmin, action: "account.resetPassword", resource: danaAccount, context: { reason: "Ticket 4711" }, ...denies("delegation.customer-admins"), sentence: "Blocked: Dana Okafor's account is, or would become, a domain admin of this organisation; no delegation reaches the customer's own domain admins." },
  { rule: "a reseller acting as domain admin cannot make a customer account a domain admin", principal: nedAsAdmin, action: "account.assignRole", resource: alice, context: { role: "domain_admin" }, ...denies("delegation.customer-admins") },
  { rule: "a reseller acting as domain admin may still read a customer domain admin's account", principal: nedAsAdmin, action: "account.view", resource: danaAccount, ...allows("role.domain-admin") },
  { rule: "operator access with actions never resets a customer domain admin's password", principal: olgaWithActions, action: "account.resetPassword", resource: danaAccount, context: { reason: "Ticket 88123" }, ...denies("operator.customer-admins"), sentence: "Blocked: Dana Okafor's account is, or would become, a domain admin of this organisation; operator access never reaches the customer's own domain admins." },
  { rule: "a reseller acting as domain admin cannot change a legal hold's accounts", principal: nedAsAdmin, action: "hold.update", resource: matter, context: { reason: "Ticket 4711" }, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin cannot release a legal hold", principal: nedAsAdmin, action: "hold.release", resource: matter, ...denies("delegation.customer-only"), sentence: "Blocked: only this organisation's own domain admins may release legal holds; no delegation grants it." },
  { rule: "a reseller acting as domain admin cannot change the client's policies", principal: nedAsAdmin, action: "policy.update", resource: acme, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin cannot change the operator-access setting", principal: nedAsAdmin, action: "organisation.updateSettings", resource: acme, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin cannot answer operator access", principal: nedAsAdmin, action: "operatorAccess.approve", resource: requestedOperatorAccess, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin cannot end operator access", principal: nedAsAdmin, action: "operatorAccess.revoke", resource: operatorAccessResource, ...denies("delegation.customer-only"), sentence: "Blocked: only this organisation's own domain admins may end operator access; no delegation grants it." },
  { rule: "a reseller acting as domain admin cannot create an app key", principal: nedAsAdmin, action: "ingestionKey.create", resource: acme, ...denies("delegation.customer-only"), sentence: "Blocked: only this organisation's own domain admins may create app keys; no delegation grants it." },
  { rule: "a reseller acting as domain admin cannot rotate an app key", principal: nedAsAdmin, action: "ingestionKey.rotate", resource: acme, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin cannot revoke an app key", principal: nedAsAdmin, action: "ingestionKey.revoke", resource: acme, ...denies("delegation.customer-only") },
  { rule: "a reseller acting as domain admin still places a legal hold", principal: nedAsAdmin, action: "hold.place", resource: acme, ...allows("role.domain-admin"), sentence: "Allowed: Ned Park acts as domain admin for Northwind through delegation #5." },

  // Resellers choose which of their staff may use each delegation
  { rule: "a reseller's domain admin chooses the staff for its delegation", principal: nina, action: "delegation.assignStaff", resource: activeDelegation, ...allows("delegation.assign-own-staff"), sentence: "Allowed: Nina Berg is a domain admin of the reseller that holds delegation #1." },
  { rule: "reseller staff without the domain admin role cannot choose staff", principal: nedAtHome, action: "delegation.assignStaff", resource: activeDelegation, ...denies("default-deny") },
  { rule: "another reseller cannot choose staff for Northwind's delegation", principal: oscar, action: "delegation.assignStaff", resource: activeDelegation, ...denies("delegation.assign-other-reseller"), sentence: "Blocked: delegation #1 belongs to another reseller." },
  { rule: "the customer does not choose the reseller's staff", principal: dana, action: "delegation.assignStaff", resource: activeDelegation, ...denies("delegation.assign-other-reseller") },
  { rule: "reseller staff inside the client do not choose staff from there", principal: nedAsAdmin, action: "delegation.assignStaff", resource: activeDelegation, ...denies("delegation.assign-other-reseller") },

  // The operator: organisations and links, with no standing access to anyone's data
  { rule: "an operator domain admin creates an organisation", principal: imogen, action: "organisation.create", resource: glasshouse, ...allows("operator.manage-organisations"), sentence: "Allowed: Imogen Hart is a domain admin of the platform operator." },
  { rule: "operator staff without the domain admin role cannot create organisations", principal: olgaAtHome, action: "organisation.create", resource: glasshouse, ...denies("default-deny") },
  { rule: "a customer's domain admin cannot create organisations", principal: dana, action: "organisation.create", resource: acme, ...denies("operator.staff-only"), sentence: "Blocked: only the platform operator's staff, working in the operator's own organisation, may create organisations." },
  { rule: "an operator domain admin links a reseller to a customer", principal: imogen, action: "organisation.linkReseller", resource: acme, ...allows("operator.manage-organisations") },
  { rule: "a reseller is linked to customers only", principal: imogen, action: "organisation.linkReseller", resource: northwind, ...denies("operator.customers-only"), sentence: "Blocked: Northwind is not a customer organisation." },
  { rule: "a reseller cannot link itself to a customer", principal: nina, action: "organisation.linkReseller", resource: globex, ...denies("operator.staff-only") },
  { rule: "operator staff ask for access to a customer", principal: olgaAtHome, action: "operatorAccess.request", resource: acme, ...allows("operator.request-access"), sentence: "Allowed: Olga Berg is operator staff and Acme is a customer organisation." },
  { rule: "operator staff do not ask for access to a reseller", principal: olgaAtHome, action: "operatorAccess.request", resource: northwind, ...denies("operator.customers-only") },
  { rule: "a customer's domain admin cannot ask for operator access to another customer", principal: gina, action: "operatorAccess.request", resource: acme, ...denies("operator.staff-only") },
  { rule: "operator access does not ask for more access", principal: olgaWithActions, action: "operatorAccess.request", resource: acme, ...denies("operator.not-granted") },

  // Customers answer operator access; the operator may end their own early
  { rule: "a customer's domain admin approves operator access", principal: dana, action: "operatorAccess.approve", resource: requestedOperatorAccess, ...allows("role.domain-admin") },
  { rule: "approving operator access needs a fresh second factor", principal: stale(dana), action: "operatorAccess.approve", resource: requestedOperatorAccess, ...stepUp },
  { rule: "a helpdesk admin cannot approve operator access", principal: bob, action: "operatorAccess.approve", resource: requestedOperatorAccess, ...denies("default-deny") },
  { rule: "operator access never approves operator access", principal: olgaWithActions, action: "operatorAccess.approve", resource: requestedOperatorAccess, ...denies("operator.customer-only"), sentence: "Blocked: only this organisation's own domain admins may approve operator access; operator access never grants it." },
  { rule: "a customer's domain admin denies operator access", principal: dana, action: "operatorAccess.deny", resource: requestedOperatorAccess, ...allows("role.domain-admin") },
  { rule: "an auditor cannot deny operator access", principal: aldo, action: "operatorAccess.deny", resource: requestedOperatorAccess, ...denies("default-deny") },
  { rule: "a customer's domain admin ends operator access at once", principal: dana, action: "operatorAccess.revoke", resource: operatorAccessResource, ...allows("role.domain-admin") },
  { rule: "the operator who asked ends their access early", principal: olgaAtHome, action: "operatorAccess.revoke", resource: operatorAccessResource, ...allows("operator.end-own-access"), sentence: "Allowed: Olga Berg asked for this operator access and may end it early." },
  { rule: "another operator staff member cannot end it", principal: imogen, action: "operatorAccess.revoke", resource: operatorAccessResource, ...denies("operator.revoke-not-theirs"), sentence: "Blocked: Olga Berg's operator access can be ended only by a domain admin of the organisation it reaches or by the operator who asked for it." },
  { rule: "another customer's domain admin cannot end it", principal: dana, action: "operatorAccess.revoke", resource: globexOperatorAccess, ...denies("operator.revoke-not-theirs") },
  { rule: "a helpdesk admin cannot end operator access", principal: bob, action: "operatorAccess.revoke", resource: operatorAccessResource, ...denies("default-deny") },
  { rule: "the job runner closes operator access that is over", principal: jobRunner, action: "operatorAccess.expire", resource: operatorAccessResource, ...allows("role.domain-admin") },
  { rule: "operator access does not close itself", principal: olgaWithActions, action: "operatorAccess.expire", resource: operatorAccessResource, ...denies("operator.customer-only") },
  { rule: "a compliance officer cannot close operator access", principal: carla, action: "operatorAccess.expire", resource: operatorAccessResource, ...denies("default-deny") },

  // Operator access: only its scope and actions, only while it lasts, and in approve mode only once approved
  { rule: "read-only operator access views an account", principal: olgaReading, action: "account.view", resource: alice, ...allows("operator.granted"), sentence: "Allowed: operator access for ticket 88123 lets Olga Berg view accounts." },
  { rule: "read-only operator access reads the audit log", principal: olgaReading, action: "audit.view", resource: acme, ...allows("operator.granted") },
  { rule: "read-only operator access resets no password", principal: olgaReading, action: "account.resetPassword", resource: alice, ...denies("operator.not-granted"), sentence: "Blocked: operator access for ticket 88123 does not let Olga Berg reset passwords." },
  { rule: "operator access that names an action does it", principal: olgaWithActions, action: "account.resetPassword", resource: alice, ...allows("operator.granted") },
  { rule: "operator access still needs a fresh second factor for a destructive action", principal: stale(olgaWithActions), action: "account.resetPassword", resource: alice, ...stepUp },
  { rule: "operator access still needs a reason for a destructive action", principal: olgaWithActions, action: "account.resetPassword", resource: alice, context: { reason: "" }, ...denies("written-reason.required") },
  { rule: "operator access never suspends: it cannot be granted", principal: olgaWithActions, action: "account.suspend", resource: alice, ...denies("operator.not-granted") },
  { rule: "operator access to one account reaches that account", principal: olgaOnAlice, action: "account.resetPassword", resource: alice, ...allows("operator.granted") },
  { rule: "operator access to one account reaches no other", principal: olgaOnAlice, action: "account.view", resource: lena, ...denies("operator.outside-scope"), sentence: "Blocked: operator access for ticket 88123 covers one account only, not Lena Ford's account." },
  { rule: "operator access to one account does not read the whole audit log", principal: olgaOnAlice, action: "audit.view", resource: acme, ...denies("operator.outside-scope") },
  { rule: "operator access waiting for approval grants nothing", principal: olgaWaiting, action: "account.view", resource: alice, ...denies("operator.not-live"), sentence: "Blocked: operator access for ticket 88123 is waiting for a domain admin of this organisation to approve it." },
  { rule: "operator access that is over grants nothing", principal: olgaOver, action: "account.view", resource: alice, ...denies("operator.not-live"), sentence: "Blocked: operator access for ticket 88123 ended on 3 Nov 2026, so it grants nothing." },
  { rule: "operator access the customer ended grants nothing", principal: viaOperatorAccess({ status: "revoked" }), action: "account.view", resource: alice, ...denies("operator.not-live") },
  { rule: "operator access never reaches self-service", principal: olgaWithActions, action: "self.requestExport", resource: alice, ...denies("operator.no-self-service"), sentence: "Blocked: operator access never reaches an account's own self-service settings." },
  { rule: "operator access never changes the customer's policies", principal: olgaWithActions, action: "policy.update", resource: acme, ...denies("operator.customer-only") },
  { rule: "operator access never creates or revokes the customer's app keys", principal: viaOperatorAccess({ actions: [...OPERATOR_GRANTABLE_ACTIONS, "ingestionKey.create", "ingestionKey.revoke"] }), action: "ingestionKey.revoke", resource: acme, ...denies("operator.customer-only") },
  { rule: "operator access to Acme does not reach Globex", principal: olgaWithActions, action: "account.view", resource: gus, ...denies("tenancy.cross-tenant") },
  { rule: "only the operator's staff use operator access", principal: { ...olgaReading, homeTenantId: "globex", homeTenantKind: "customer" }, action: "account.view", resource: alice, ...denies("tenancy.not-a-member") },
];

function requestFor(row: Pick<Case, "principal" | "action" | "resource" | "context">): DecisionRequest {
  return {
    principal: row.principal,
    action: row.action,
    resource: row.resource,
    context: { now: NOW, reason: "Ticket 4711", ...row.context },
  };
}

function engineFromDisk(options: { decisionCacheSize?: number; specialise?: boolean }) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.join(here, "policies");
  return createPolicyEngine({
    schemaText: readFileSync(path.join(here, "glasshouse.cedarschema"), "utf8"),
    policyFiles: Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), "utf8")])),
    ...options,
  });
}

/** The plain question to Cedar: every policy, every fact, no cache. What the fast path must agree with. */
const reference = engineFromDisk({ specialise: false });
const uncached = engineFromDisk({ decisionCacheSize: 0 });

/** Requests drawn from the whole world, fitting or not: any actor, action, resource and circumstance. */
function randomRequests(count: number, seed: number): DecisionRequest[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const principals = [
    dana,
    bob,
    carla,
    aldo,
    mike,
    aliceSelf,
    lenaSelf,
    hankSelf,
    gina,
    gusSelf,
    nina,
    nedAtHome,
    nedActive,
    nedExpired,
    nedRevoked,
    nedAsAdmin,
    { ...gina, actingTenantId: "acme" },
    { ...nedActive, roles: ["domain_admin" as const] },
    viaDelegation(activeDelegation, new Date(NOW.getTime() + 60_000)),
    nedUnassigned,
    unassigned(nedAsAdmin),
    unassigned(nedExpired),
    oscar,
    jobRunner,
    imogen,
    olgaAtHome,
    // Operator access in both modes: notify starts active, approve waits for a domain admin first
    olgaReading,
    olgaWithActions,
    olgaOnAlice,
    olgaWaiting,
    olgaOver,
    viaOperatorAccess({ mode: "approve", actions: [...OPERATOR_GRANTABLE_ACTIONS] }),
    viaOperatorAccess({ mode: "approve", subjectAccountId: "hank", endsAt: new Date(NOW.getTime() + 60_000) }),
    viaOperatorAccess({ mode: "approve", status: "denied", endsAt: null }),
    viaOperatorAccess({ status: "revoked", subjectAccountId: "alice" }),
    viaOperatorAccess({ status: "expired", endsAt: minutesAgo(5), actions: [...OPERATOR_GRANTABLE_ACTIONS] }),
    viaOperatorAccess({
      actions: [...OPERATOR_READ_ACTIONS, "self.requestExport", "delegation.approve", "account.purge"],
    }),
  ];
  const accounts = [
    danaAccount,
    diegoAccount,
    bobAccount,
    carlaAccount,
    aldoAccount,
    mikeAccount,
    alice,
    hank,
    lena,
    ginaAccount,
    gus,
  ];
  const resources: Record<ResourceFacts["type"], ResourceFacts[]> = {
    Account: accounts,
    Organisation: [acme, acmeHeld, globex, northwind, glasshouse],
    LegalHold: [matter, globexHold],
    Delegation: [
      activeDelegation,
      expiredDelegation,
      revokedDelegation,
      pendingDelegation,
      adminDelegation,
      ownOrganisationDelegation,
    ],
    OperatorAccess: [operatorAccessResource, requestedOperatorAccess, globexOperatorAccess],
  };
  const allRoles: AdminRole[] = ["domain_admin", "helpdesk_admin", "compliance_officer", "auditor"];
  return Array.from({ length: count }, () => {
    const action = pick(ACTION_IDS);
    const factor = pick([minutesAgo(1), minutesAgo(9), minutesAgo(10), minutesAgo(11), minutesAgo(60), null]);
    const context: ContextFacts = { now: new Date(NOW.getTime() + Math.floor(next() * 3) * 60_000) };
    if (next() < 0.8) context.reason = pick(["Ticket 4711", "", "  "]);
    if (next() < 0.5)
      context.setting = pick(["profile.phone", "profile.displayName", "marketing_consent", "data_deletion"]);
    if (next() < 0.3) context.role = pick(allRoles);
    if (next() < 0.3) context.roles = allRoles.filter(() => next() < 0.5);
    if (next() < 0.3) context.durationDays = pick([1, 89, 90, 91, 730]);
    return {
      principal: { ...pick(principals), secondFactorAt: factor },
      action,
      resource: pick(resources[ACTIONS[action].resource]),
      context,
    };
  });
}

describe("built-in policies", () => {
  it.each(cases)("$rule", (row) => {
    const decision = decide(requestFor(row));
    expect({ outcome: decision.outcome, policy: decision.policyIds[0] }).toEqual({
      outcome: row.outcome,
      policy: row.policy,
    });
    expect(decision.sentence).not.toBe("");
    if (row.sentence) expect(decision.sentence).toBe(row.sentence);
  });

  it("has at least 80 cases, with an allowed and a denied case for every action", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const missing = ACTION_IDS.flatMap((action) =>
      (["allow", "deny"] as const)
        .filter((outcome) => !cases.some((row) => row.action === action && row.outcome === outcome))
        .map((outcome) => `${action}: no ${outcome} case`),
    );
    expect(missing).toEqual([]);
  });

  it("covers every built-in policy in the table", () => {
    const decided = new Set(cases.map((row) => row.policy));
    expect(builtInPolicies.map((policy) => policy.id).filter((id) => !decided.has(id))).toEqual([]);
  });

  it("has a sentence for every built-in policy", () => {
    for (const { id } of builtInPolicies) expect(hasSentence(id), id).toBe(true);
    expect(hasSentence("default-deny")).toBe(true);
  });

  it("names only the real objections when a step-up would not help", () => {
    const decision = decide(
      requestFor({ principal: stale(bob), action: "account.resetPassword", resource: danaAccount }),
    );
    expect(decision.policyIds).toEqual(["protected-admins.domain-admin"]);
  });

  it("lists every satisfied forbid, the most fundamental first", () => {
    const decision = decide(
      requestFor({ principal: { ...gina, actingTenantId: "acme" }, action: "account.purge", resource: hank }),
    );
    expect(decision.outcome).toBe("deny");
    expect(decision.policyIds).toEqual(["tenancy.not-a-member", "legal-hold.nothing-deleted"]);
  });

  it("names both objections when a reseller's staff try to approve their own delegation inside the client", () => {
    const decision = decide(
      requestFor({ principal: nedAsAdmin, action: "delegation.approve", resource: pendingDelegation }),
    );
    expect(decision.policyIds).toEqual(["delegation.customer-only", "delegation.approve-own"]);
  });

  it("decides a batch exactly as it decides one at a time", () => {
    const requests = cases.map(requestFor);
    expect(decideMany(requests)).toEqual(requests.map((request) => decide(request)));
  });

  it("gives the same answers as Cedar asked the whole question, without cache", () => {
    const requests = cases.map(requestFor);
    expect(reference.decideMany(requests)).toEqual(decideMany(requests));
    expect(uncached.decideMany(requests)).toEqual(decideMany(requests));
    expect(uncached.stats().cacheHits).toBe(0);
  });

  it("gives the same answers as the reference on 3,000 random requests", () => {
    const requests = randomRequests(3_000, 7);
    const expected = reference.decideMany(requests);
    expect(decideMany(requests)).toEqual(expected);
    expect(decideMany(requests)).toEqual(expected); // now largely from the decision cache
    expect(uncached.decideMany(requests)).toEqual(expected);
    // The draw reaches the delegation and operator rules, not only their refusals at the door.
    const deciding = new Set(expected.map((decision) => decision.policyIds[0]));
    for (const policy of [
      "delegation.not-assigned",
      "operator.granted",
      "operator.outside-scope",
      "operator.not-live",
    ]) {
      expect(deciding, policy).toContain(policy);
    }
  });

  it("refuses, without throwing, a request whose resource does not fit the action", () => {
    const decision = decide(requestFor({ principal: dana, action: "account.suspend", resource: acme }));
    expect(decision.outcome).toBe("deny");
    expect(decision.sentence).toMatch(/could not decide/);
  });
});

// ---------------------------------------------------------------------------------------------------
// An organisation's own policies

describe("tenant policies", () => {
  const acmePolicies = (source: string, name = "House rules") =>
    compileTenantPolicies("acme", [{ id: "p1", name, source }]);

  describe("validation", () => {
    it("accepts policies that parse and fit the schema, and counts them", () => {
      const source = `@id("no-purges")
forbid (principal, action == Action::"account.purge", resource);

permit (principal, action == Action::"account.suspend", resource)
when { principal.roles.contains("helpdesk_admin") };`;
      expect(validateTenantPolicies(source)).toEqual({ ok: true, policyCount: 2 });
    });

    it("reports a syntax error at its line and column", () => {
      const source = `// Exports need sign-off
forbid (principal, action == Action::"account.export", resource)
when { resource.tenant == };`;
      const result = validateTenantPolicies(source);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[0]).toMatchObject({ line: 3, column: 27 });
      expect(result.errors[0]!.message).toMatch(/unexpected token/);
    });

    it("counts columns in characters, not bytes", () => {
      const source = `// Prüfung für Geschäftsführer ✓
permit (principal, action, resource) when { resource.nope == 1 };`;
      const result = validateTenantPolicies(source);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 2, column: 45 });
    });

    it("refuses an attribute the schema does not know", () => {
      const source = `forbid (principal, action == Action::"account.suspend", resource)
when { resource.department == "Sales" };`;
      const result = validateTenantPolicies(source);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ line: 2, column: 8 });
      expect(result.errors[0]!.message).toMatch(/attribute `department` on entity type `Account` not found/);
    });

    it("refuses an action that does not exist", () => {
      const result = validateTenantPolicies(`permit (principal, action == Action::"account.delete", resource);`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]!.message).toMatch(/unrecognized action/);
    });

    it("refuses templates and duplicate ids", () => {
      const source = `@id("a")
permit (principal == ?principal, action, resource);
@id("b")
forbid (principal, action, resource);
@id("b")
forbid (principal, action, resource);`;
      const result = validateTenantPolicies(source);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map((error) => error.line)).toEqual([1, 5]);
    });
  });

  it("cannot override a built-in forbid with a permit", () => {
    const compiled = acmePolicies(`permit (principal, action, resource);`);
    const held = decide(requestFor({ principal: dana, action: "account.purge", resource: hank }), compiled);
    expect(held).toMatchObject({ outcome: "deny", policyIds: ["legal-hold.nothing-deleted"] });
    const crossTenant = decide(requestFor({ principal: dana, action: "account.view", resource: gus }), compiled);
    expect(crossTenant).toMatchObject({ outcome: "deny", policyIds: ["tenancy.cross-tenant"] });
    const stepUpStill = decide(
      requestFor({ principal: stale(dana), action: "account.suspend", resource: alice }),
      compiled,
    );
    expect(stepUpStill.outcome).toBe("needs_step_up");
  });

  it("adds permissions with a permit, under every built-in forbid", () => {
    const compiled = acmePolicies(
      `permit (principal, action == Action::"account.suspend", resource) when { principal.roles.contains("helpdesk_admin") };`,
      "Helpdesk suspends",
    );
    expect(decide(requestFor({ principal: bob, action: "account.suspend", resource: alice }), compiled)).toEqual({
      outcome: "allow",
      policyIds: ["tenant:Helpdesk suspends:1"],
      sentence: "Allowed by this organisation's policy 'Helpdesk suspends'.",
      sentences: { de: "Erlaubt durch die Richtlinie 'Helpdesk suspends' dieser Organisation." },
    });
    const onAdmin = decide(requestFor({ principal: bob, action: "account.suspend", resource: diegoAccount }), compiled);
    expect(onAdmin).toMatchObject({ outcome: "deny", policyIds: ["protected-admins.domain-admin"] });
  });

  it("takes a tenant forbid into account, with its own sentence", () => {
    const compiled = acmePolicies(`@id("dpo-sign-off")
@sentence("Blocked: exports need the data protection officer's sign-off.")
forbid (principal, action == Action::"account.export", resource);`);
    const decision = decide(requestFor({ principal: carla, action: "account.export", resource: alice }), compiled);
    expect(decision).toEqual({
      outcome: "deny",
      policyIds: ["tenant:House rules:dpo-sign-off"],
      sentence: "Blocked: exports need the data protection officer's sign-off.",
      // A tenant's own sentence is theirs: the same in every language.
      sentences: { de: "Blocked: exports need the data protection officer's sign-off." },
    });
    expect(decide(requestFor({ principal: carla, action: "account.view", resource: alice }), compiled).outcome).toBe(
      "allow",
    );
  });

  it("lets a tenant forbid read the facts it needs", () => {
    const compiled = acmePolicies(`@id("officers-at-the-desk")
forbid (principal, action == Action::"account.resetPassword", resource)
when { resource.roles.contains("compliance_officer") && context.reason like "*urgent*" };`);
    const urgent = { reason: "urgent, locked out" };
    const officer = decide(
      requestFor({ principal: bob, action: "account.resetPassword", resource: carlaAccount, context: urgent }),
      compiled,
    );
    expect(officer).toMatchObject({ outcome: "deny", policyIds: ["tenant:House rules:officers-at-the-desk"] });
    const memberReset = decide(
      requestFor({ principal: bob, action: "account.resetPassword", resource: alice, context: urgent }),
      compiled,
    );
    expect(memberReset.outcome).toBe("allow");
  });

  it("refuses when a tenant forbid cannot be evaluated, and ignores a permit that cannot", () => {
    const overflow = acmePolicies(
      `forbid (principal, action == Action::"account.view", resource) when { context.now * 1000000000 > 0 };`,
    );
    const refused = decide(requestFor({ principal: bob, action: "account.view", resource: alice }), overflow);
    expect(refused.outcome).toBe("deny");
    expect(refused.policyIds).toEqual(["tenant:House rules:1"]);
    expect(refused.sentence).toMatch(/could not be evaluated/);

    const brokenPermit = acmePolicies(
      `permit (principal, action == Action::"account.suspend", resource) when { context.now * 1000000000 > 0 };`,
    );
    expect(
      decide(requestFor({ principal: bob, action: "account.suspend", resource: alice }), brokenPermit),
    ).toMatchObject({
      outcome: "deny",
      policyIds: ["default-deny"],
    });
    expect(
      decide(requestFor({ principal: dana, action: "account.suspend", resource: alice }), brokenPermit).outcome,
    ).toBe("allow");
  });

  it("honours a tenant policy about the second factor itself", () => {
    const compiled = acmePolicies(`@id("always-two-factor")
forbid (principal, action == Action::"account.suspend", resource) unless { principal has secondFactorAt };`);
    const never = decide(
      requestFor({ principal: { ...dana, secondFactorAt: null }, action: "account.suspend", resource: alice }),
      compiled,
    );
    expect(never).toMatchObject({ outcome: "deny", policyIds: ["tenant:House rules:always-two-factor"] });
    const staleDecision = decide(
      requestFor({ principal: stale(dana), action: "account.suspend", resource: alice }),
      compiled,
    );
    expect(staleDecision.outcome).toBe("needs_step_up");
  });

  it("are decided on the fast path as Cedar decides the whole question", () => {
    const source = `@id("officers-stay")
forbid (principal, action == Action::"account.purge", resource) when { resource.roles.contains("compliance_officer") };

@id("helpdesk-suspends")
permit (principal, action == Action::"account.suspend", resource)
when { principal.roles.contains("helpdesk_admin") && resource.status == "active" };

@id("no-reads-on-three")
forbid (principal, action in Action::"read", resource)
when { principal has delegation && principal.delegation.number == 3 };

@id("namesakes")
permit (principal, action == Action::"account.view", resource) when { resource.name == principal.name };

@id("hank-stays")
forbid (principal, action, resource is Account) when { resource == Account::"hank" && action != Action::"account.view" };

@id("late-locks")
forbid (principal, action == Action::"lock.set", resource) when { context.now > ${NOW.getTime() + 60_000} };`;
    expect(validateTenantPolicies(source)).toEqual({ ok: true, policyCount: 6 });
    const sources = [{ id: "p1", name: "House rules", source }];
    const requests = randomRequests(1_500, 11).map((request) => ({
      ...request,
      principal: { ...request.principal, actingTenantId: "acme" },
    }));
    const expected = reference.decideMany(requests, reference.compileTenantPolicies("acme", sources));
    expect(decideMany(requests, compileTenantPolicies("acme", sources))).toEqual(expected);
    expect(uncached.decideMany(requests, uncached.compileTenantPolicies("acme", sources))).toEqual(expected);
    expect(expected.some((decision) => decision.policyIds[0]?.startsWith("tenant:"))).toBe(true);
  });

  it("applies only to the organisation they were compiled for", () => {
    const compiled = acmePolicies(`permit (principal, action, resource);`);
    const decision = decide(requestFor({ principal: gina, action: "account.view", resource: gus }), compiled);
    expect(decision).toMatchObject({ outcome: "deny", policyIds: ["tenant.mismatch"] });
  });

  it("locks the organisation down, except for fixing them, when stored policies no longer validate", () => {
    const compiled = acmePolicies(`forbid (principal, action, resource) when { resource.retired == true };`);
    expect(compiled.valid).toBe(false);
    const view = decide(requestFor({ principal: bob, action: "account.view", resource: alice }), compiled);
    expect(view).toMatchObject({ outcome: "deny", policyIds: ["tenant.invalid"] });
    expect(decide(requestFor({ principal: dana, action: "policy.update", resource: acme }), compiled).outcome).toBe(
      "allow",
    );
  });

  it("compiles the same sources once", () => {
    const source = `forbid (principal, action == Action::"hold.release", resource);`;
    expect(acmePolicies(source)).toBe(acmePolicies(source));
    expect(acmePolicies(source, "Other name")).not.toBe(acmePolicies(source));
  });
});
