// The sentence a person reads with every decision, built from the request's facts. Every sentence goes
// through `translate(key, params)`: the key of a policy's sentence is the policy id (plus a variant after
// a "~" where one policy needs more than one sentence), so a later i18n catalogue can replace MESSAGES.
import type { AdminRole } from "~db/schema";
import { germanSentences } from "./sentences.de";
import { STEP_UP_WINDOW_MS, type ActionId, type Decision, type DecisionRequest, type ResourceFacts } from "./types";

type Params = Record<string, string | number>;

const STEP_UP_MINUTES = STEP_UP_WINDOW_MS / 60_000;

const ENGLISH: Record<string, string> = {
  // Allowed
  "role.domain-admin": "Allowed: {actor} is a domain admin of this organisation.",
  "role.domain-admin~delegated": "Allowed: {actor} acts as domain admin for {reseller} through delegation #{number}.",
  "role.helpdesk-admin": "Allowed: {actor} is a helpdesk admin of this organisation.",
  "role.helpdesk-admin~delegated":
    "Allowed: {actor} acts as helpdesk admin for {reseller} through delegation #{number}.",
  "role.compliance-officer": "Allowed: {actor} is a compliance officer of this organisation.",
  "role.compliance-officer~delegated":
    "Allowed: {actor} acts as compliance officer for {reseller} through delegation #{number}.",
  "role.auditor": "Allowed: {actor} is an auditor of this organisation.",
  "role.auditor~delegated": "Allowed: {actor} acts as auditor for {reseller} through delegation #{number}.",
  "line-manager.direct-reports": "Allowed: {actor} is {subject}'s line manager.",
  "self-service.own-account": "Allowed: this is {actor}'s own account.",
  "delegation.request-linked": "Allowed: {actor} is a domain admin of a reseller linked to {organisation}.",
  "delegation.assign-own-staff": "Allowed: {actor} is a domain admin of the reseller that holds delegation #{number}.",
  "operator.manage-organisations": "Allowed: {actor} is a domain admin of the platform operator.",
  "operator.request-access": "Allowed: {actor} is operator staff and {organisation} is a customer organisation.",
  "operator.end-own-access": "Allowed: {actor} asked for this operator access and may end it early.",
  "operator.granted": "Allowed: operator access for ticket {ticket} lets {actor} {action}.",

  // Refused
  "default-deny": "No policy allows {actor} ({roles}) to {action}.",
  "tenancy.cross-tenant": "Blocked: {target} belongs to another organisation, and nothing crosses organisations.",
  "tenancy.not-a-member": "Blocked: {actor} is not a member of this organisation and holds no delegation to it.",
  "delegation.not-live": "Blocked: {reseller}'s delegation #{number} is {status}, so it grants nothing.",
  "delegation.not-live~revoked": "Blocked: {reseller}'s delegation #{number} was revoked, so it grants nothing.",
  "delegation.not-live~expired":
    "Blocked: {reseller}'s delegation #{number} expired on {expiresAt}, so it grants nothing.",
  "delegation.not-live~unbounded": "Blocked: {reseller}'s delegation #{number} has no end date, so it grants nothing.",
  "delegation.roles-not-granted": "Blocked: {actor} claims roles that delegation #{number} does not grant.",
  "delegation.no-self-service": "Blocked: a delegation never reaches an account's own self-service settings.",
  "delegation.request-unlinked":
    "Blocked: {organisation} has not linked this reseller, so it cannot ask for a delegation.",
  "delegation.approve-own": "Blocked: {actor} cannot approve a delegation for their own reseller.",
  "delegation.approve-widens":
    "Blocked: delegation #{number} asked for {requested}; an approval may narrow the roles, never widen them.",
  "delegation.approve-lengthens":
    "Blocked: delegation #{number} asked for {requestedDays} days; an approval may shorten it, never lengthen it.",
  "delegation.not-assigned": "Blocked: {actor} is not among the staff {reseller} chose to use delegation #{number}.",
  "delegation.customer-only":
    "Blocked: only this organisation's own domain admins may {action}; no delegation grants it.",
  "delegation.assign-other-reseller": "Blocked: delegation #{number} belongs to another reseller.",
  "delegation.customer-admins":
    "Blocked: {subject}'s account is, or would become, a domain admin of this organisation; no delegation reaches the customer's own domain admins.",
  "operator.customer-admins":
    "Blocked: {subject}'s account is, or would become, a domain admin of this organisation; operator access never reaches the customer's own domain admins.",
  "operator.customers-only": "Blocked: {organisation} is not a customer organisation.",
  "operator.not-live": "Blocked: operator access for ticket {ticket} is {status}, so it grants nothing.",
  "operator.not-live~requested":
    "Blocked: operator access for ticket {ticket} is waiting for a domain admin of this organisation to approve it.",
  "operator.not-live~expired": "Blocked: operator access for ticket {ticket} ended on {endsAt}, so it grants nothing.",
  "operator.outside-scope": "Blocked: operator access for ticket {ticket} covers one account only, not {target}.",
  "operator.not-granted": "Blocked: operator access for ticket {ticket} does not let {actor} {action}.",
  "operator.no-self-service": "Blocked: operator access never reaches an account's own self-service settings.",
  "operator.customer-only":
    "Blocked: only this organisation's own domain admins may {action}; operator access never grants it.",
  "operator.staff-only":
    "Blocked: only the platform operator's staff, working in the operator's own organisation, may {action}.",
  "operator.revoke-not-theirs":
    "Blocked: {target} can be ended only by a domain admin of the organisation it reaches or by the operator who asked for it.",
  "legal-hold.nothing-deleted":
    "Blocked: {subject}'s account is under legal hold '{hold}', placed by {placedBy} on {placedAt}.",
  "legal-hold.nothing-deleted~organisation":
    "Blocked: {organisation} is under legal hold '{hold}' as a whole, placed by {placedBy} on {placedAt}.",
  "self-protection.own-account":
    "Blocked: {actor} cannot suspend, terminate, purge, erase or demote their own account; another admin has to.",
  "protected-admins.domain-admin": "Blocked: {subject} is a domain admin; only a domain admin can change that account.",
  "locks.profile-setting": "Blocked: {setting} is locked by {lockedBy} since {lockedAt}: '{reason}'.",
  "locks.marketing-consent": "Blocked: marketing consent is locked by {lockedBy} since {lockedAt}: '{reason}'.",
  "locks.data-deletion": "Blocked: data deletion is locked by {lockedBy} since {lockedAt}: '{reason}'.",
  "written-reason.required": "Blocked: write a reason first; it is recorded with the action.",
  "step-up.second-factor": `Confirm your second factor to continue: this action needs one from the last ${STEP_UP_MINUTES} minutes.`,

  // The engine itself
  "engine.failure": "Blocked: the policy engine could not decide this request, so the action is refused.",
  "engine.error": "Blocked: the policy '{policy}' could not be evaluated for this request, so the action is refused.",
  "tenant.permit": "Allowed by this organisation's policy '{name}'.",
  "tenant.forbid": "Blocked by this organisation's policy '{name}'.",
  "tenant.invalid": "Blocked: this organisation's own policies no longer validate; a domain admin must correct them.",
  "tenant.mismatch": "Blocked: these organisation policies belong to another organisation.",

  // Words used inside sentences
  "role:domain_admin": "domain admin",
  "role:helpdesk_admin": "helpdesk admin",
  "role:compliance_officer": "compliance officer",
  "role:auditor": "auditor",
  "role:none": "no admin role",
  "actor:delegated": "{actor} of {reseller}",
  "actor:operator": "{actor} of {operator}",
  "operator-status:requested": "waiting for approval",
  "operator-status:active": "active",
  "operator-status:denied": "denied",
  "operator-status:revoked": "ended",
  "operator-status:expired": "over",
  "delegation-status:requested": "still waiting for approval",
  "delegation-status:active": "active",
  "delegation-status:declined": "declined",
  "delegation-status:revoked": "revoked",
  "delegation-status:expired": "expired",
  "delegation-status:lapsed": "lapsed",
  and: "{first} and {last}",
  "target:Account": "{name}'s account",
  "target:Organisation": "{name}",
  "target:LegalHold": "legal hold '{name}'",
  "target:Delegation": "delegation #{number}",
  "target:OperatorAccess": "{name}'s operator access",
  setting: "the setting '{setting}'",
  "action:account.view": "view accounts",
  "action:account.viewApps": "view accounts' app installs",
  "action:account.updateProfile": "update account profiles",
  "action:account.resetPassword": "reset passwords",
  "action:account.revokeSessions": "revoke sessions",
  "action:account.resetMfa": "reset second factors",
  "action:account.suspend": "suspend accounts",
  "action:account.unsuspend": "unsuspend accounts",
  "action:account.terminate": "terminate accounts",
  "action:account.restore": "restore accounts",
  "action:account.purge": "purge accounts",
  "action:account.export": "export account data",
  "action:account.assignRole": "assign roles",
  "action:account.removeRole": "remove roles",
  "action:account.setManager": "set line managers",
  "action:lock.set": "lock privacy settings",
  "action:lock.clear": "unlock privacy settings",
  "action:dataRequest.fulfilErasure": "fulfil erasure requests",
  "action:dataRequest.view": "view data requests",
  "action:dataRequest.assign": "assign data requests",
  "action:dataRequest.respond": "answer data requests",
  "action:dataRequest.complete": "complete data requests",
  "action:dataRequest.refuse": "refuse data requests",
  "action:retention.deleteEvents": "delete events past their retention period",
  "action:retention.deleteUnattributedEvents": "delete unattributed events past their retention period",
  "action:self.updateProfile": "update this profile",
  "action:self.setMarketing": "change this account's marketing consent",
  "action:self.requestErasure": "request erasure of this account",
  "action:self.requestExport": "request a copy of this account's data",
  "action:self.requestCorrection": "request a correction of this account's data",
  "action:self.requestRestriction": "request that processing of this account's data stop",
  "action:self.changeEmail": "change this account's email address",
  "action:self.setPreferences": "change this account's language and time zone",
  "action:self.acknowledgePolicy": "acknowledge the privacy policy for this account",
  "action:self.changePassword": "change this account's password",
  "action:self.enrolTotp": "turn on an authenticator app for this account",
  "action:self.disableTotp": "turn off this account's authenticator app",
  "action:self.regenerateRecoveryCodes": "make new recovery codes for this account",
  "action:self.addPasskey": "add a passkey to this account",
  "action:self.renamePasskey": "rename this account's passkeys",
  "action:self.removePasskey": "remove this account's passkeys",
  "action:self.endSession": "end one of this account's sessions",
  "action:self.endOtherSessions": "end this account's other sessions",
  "action:audit.view": "view the audit log",
  "action:apps.viewStats": "view the organisation's app statistics",
  "action:audit.export": "export the audit log",
  "action:policy.view": "view policies",
  "action:policy.update": "change policies",
  "action:organisation.updateSettings": "change organisation settings",
  "action:organisation.updatePreferences": "change the organisation's privacy and language settings",
  "action:privacy.notify": "tell people of a new privacy policy",
  "action:hold.place": "place legal holds",
  "action:hold.update": "change legal holds",
  "action:hold.release": "release legal holds",
  "action:lock.setOrganisation": "lock privacy settings for the whole organisation",
  "action:lock.clearOrganisation": "unlock privacy settings for the whole organisation",
  "action:bulk.start": "start bulk actions",
  "action:ingestionKey.create": "create app keys",
  "action:ingestionKey.rotate": "rotate app keys",
  "action:ingestionKey.revoke": "revoke app keys",
  "action:delegation.request": "request delegations",
  "action:delegation.approve": "approve delegations",
  "action:delegation.decline": "decline delegations",
  "action:delegation.revoke": "revoke delegations",
  "action:delegation.assignStaff": "choose the staff who may use delegations",
  "action:delegation.expire": "end expired delegations",
  "action:delegation.lapse": "lapse unanswered delegation requests",
  "action:organisation.create": "create organisations",
  "action:organisation.linkReseller": "link resellers to customers",
  "action:operatorAccess.request": "ask for operator access",
  "action:operatorAccess.approve": "approve operator access",
  "action:operatorAccess.deny": "deny operator access",
  "action:operatorAccess.revoke": "end operator access",
  "action:operatorAccess.expire": "close operator access that is over",
};

/** The languages the engine writes its sentences in; English is what the audit trail records. */
export const SENTENCE_LOCALES = ["en", "de"] as const;
export type SentenceLocale = (typeof SENTENCE_LOCALES)[number];

const MESSAGES: Record<SentenceLocale, Record<string, string>> = {
  en: ENGLISH,
  de: germanSentences(STEP_UP_MINUTES),
};

/** Every sentence template of a language, by key (for the completeness test). */
export function sentenceCatalogue(locale: SentenceLocale): Readonly<Record<string, string>> {
  return MESSAGES[locale];
}

/** The one door to the catalogue: `{name}` placeholders are filled from `params`. */
export function translate(key: string, params: Params = {}, locale: SentenceLocale = "en"): string {
  const template = MESSAGES[locale][key] ?? MESSAGES.en[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** Whether the catalogue has a sentence for `key` (tests check every built-in policy has one). */
export function hasSentence(key: string): boolean {
  return Object.hasOwn(MESSAGES.en, key);
}

const dateFormats: Record<SentenceLocale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  de: new Intl.DateTimeFormat("de-DE", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
};

/** "3 Nov 2026" ("3. Nov. 2026" in German). */
export function formatDate(date: Date, locale: SentenceLocale = "en"): string {
  return dateFormats[locale].format(date);
}

function joinWords(words: string[], locale: SentenceLocale): string {
  if (words.length <= 1) return words[0] ?? "";
  return translate("and", { first: words.slice(0, -1).join(", "), last: words[words.length - 1]! }, locale);
}

function roleLabels(roles: readonly AdminRole[], locale: SentenceLocale): string {
  return roles.length
    ? joinWords(
        roles.map((role) => translate(`role:${role}`, {}, locale)),
        locale,
      )
    : translate("role:none", {}, locale);
}

function actorName(request: DecisionRequest, locale: SentenceLocale): string {
  const { principal } = request;
  if (principal.access.kind === "delegation") {
    return translate("actor:delegated", { actor: principal.name, reseller: principal.access.resellerName }, locale);
  }
  if (principal.access.kind === "operator") {
    return translate("actor:operator", { actor: principal.name, operator: principal.access.operatorName }, locale);
  }
  return principal.name;
}

function describeTarget(resource: ResourceFacts, locale: SentenceLocale): string {
  switch (resource.type) {
    case "Account":
    case "Organisation":
    case "LegalHold":
      return translate(`target:${resource.type}`, { name: resource.name }, locale);
    case "Delegation":
      return translate("target:Delegation", { number: resource.number }, locale);
    case "OperatorAccess":
      return translate("target:OperatorAccess", { name: resource.operatorName }, locale);
  }
}

/** What a tenant's own policy says about itself: its name and an optional `@sentence("…")`. */
export interface TenantPolicyInfo {
  effect: "permit" | "forbid";
  name: string;
  sentence?: string;
}

/**
 * The sentence for a decision made by `policyId`. Built-in policies and the engine's own ids have a
 * message each; a tenant's policy says what its `@sentence` annotation says, or names the policy.
 */
export function describeDecision(
  policyId: string,
  request: DecisionRequest,
  tenantPolicy?: TenantPolicyInfo,
  locale: SentenceLocale = "en",
): string {
  if (tenantPolicy) {
    return tenantPolicy.sentence ?? translate(`tenant.${tenantPolicy.effect}`, { name: tenantPolicy.name }, locale);
  }
  const { principal, action, resource, context } = request;
  const access = principal.access;
  const account = resource.type === "Account" ? resource : null;
  const params: Params = {
    actor: actorName(request, locale),
    roles: roleLabels(principal.roles, locale),
    action: translate(`action:${action satisfies ActionId}`, {}, locale),
    target: describeTarget(resource, locale),
    subject: "name" in resource ? resource.name : "",
    organisation: resource.type === "Organisation" ? resource.name : "",
  };
  if (access.kind === "delegation") {
    params.reseller = access.resellerName;
    params.number = access.number;
  }
  if (access.kind === "operator") params.ticket = access.ticketReference;
  if (resource.type === "Delegation") {
    params.number = resource.number;
    params.reseller ??= resource.resellerName;
  }
  let key = policyId;

  switch (policyId) {
    case "default-deny":
      if (access.kind === "delegation") params.roles = `${params.roles}, delegation #${access.number}`;
      break;
    case "role.domain-admin":
    case "role.helpdesk-admin":
    case "role.compliance-officer":
    case "role.auditor":
      if (access.kind === "delegation") {
        key = `${policyId}~delegated`;
        params.actor = principal.name;
      }
      break;
    case "delegation.not-live":
      if (access.kind === "delegation") {
        params.status = translate(`delegation-status:${access.status}`, {}, locale);
        if (access.status === "revoked") key = `${policyId}~revoked`;
        else if (access.expiresAt && access.expiresAt <= context.now) {
          key = `${policyId}~expired`;
          params.expiresAt = formatDate(access.expiresAt, locale);
        } else if (access.status === "active") key = `${policyId}~unbounded`;
      }
      break;
    case "delegation.approve-own":
    case "delegation.approve-widens":
    case "delegation.approve-lengthens":
      if (resource.type === "Delegation") {
        params.requested = roleLabels(resource.roles, locale);
        params.requestedDays = resource.durationDays;
      }
      params.actor = principal.name;
      break;
    case "delegation.assign-own-staff":
    case "operator.manage-organisations":
    case "operator.request-access":
    case "operator.end-own-access":
      params.actor = principal.name;
      break;
    case "operator.granted":
    case "operator.not-granted":
      params.actor = principal.name;
      break;
    case "operator.not-live":
      if (access.kind === "operator") {
        params.status = translate(`operator-status:${access.status}`, {}, locale);
        if (access.status === "requested") key = `${policyId}~requested`;
        else if (["active", "expired"].includes(access.status) && access.endsAt && access.endsAt <= context.now) {
          key = `${policyId}~expired`;
          params.endsAt = formatDate(access.endsAt, locale);
        }
      }
      break;
    case "legal-hold.nothing-deleted": {
      if (resource.type === "Organisation") key = `${policyId}~organisation`;
      const hold = account ? account.holds[0] : resource.type === "Organisation" ? resource.holds?.[0] : undefined;
      if (hold) {
        params.hold = hold.name;
        params.placedBy = hold.placedByName;
        params.placedAt = formatDate(hold.placedAt, locale);
      }
      break;
    }
    case "self-protection.own-account":
      params.actor = principal.name;
      break;
    case "locks.profile-setting":
    case "locks.marketing-consent":
    case "locks.data-deletion": {
      const settings =
        policyId === "locks.marketing-consent"
          ? ["marketing_consent"]
          : policyId === "locks.data-deletion"
            ? ["data_deletion"]
            : (context.settings ?? []);
      const lock = account?.locks.find((candidate) => settings.includes(candidate.setting));
      params.setting = translate("setting", { setting: lock?.setting ?? settings[0] ?? "" }, locale);
      if (lock) {
        params.lockedBy = lock.lockedByName;
        params.lockedAt = formatDate(lock.lockedAt, locale);
        params.reason = lock.reason;
      }
      break;
    }
  }
  return translate(key, params, locale);
}

/** The sentence when a policy could not be evaluated (the decision is then a refusal). */
export function describeEvaluationError(policyId: string, locale: SentenceLocale = "en"): string {
  return translate("engine.error", { policy: policyId }, locale);
}

/** How a decision's sentence is written in any language. */
export type SentenceRenderer = (locale: SentenceLocale) => string;

/**
 * A decision with its sentence in English (`sentence`, what the audit trail records) and, in `sentences`,
 * in every other language — written only when first read: a bulk run decides thousands of times and shows
 * none of them, a page shows a few. The property is enumerable, so JSON and loader data carry it.
 */
export function decisionOf(outcome: Decision["outcome"], policyIds: string[], render: SentenceRenderer): Decision {
  const decision = { outcome, policyIds, sentence: render("en") } as Decision;
  let written: Partial<Record<string, string>> | undefined;
  Object.defineProperty(decision, "sentences", {
    enumerable: true,
    get() {
      if (!written) {
        written = {};
        for (const locale of SENTENCE_LOCALES) if (locale !== "en") written[locale] = render(locale);
      }
      return written;
    },
  });
  return decision;
}

/** A decision's sentence in `locale`, where the engine wrote one in it; English otherwise. */
export function decisionSentence(decision: Pick<Decision, "sentence" | "sentences">, locale: string): string {
  return decision.sentences?.[locale] ?? decision.sentence;
}
