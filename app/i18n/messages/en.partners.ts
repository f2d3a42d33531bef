// Resellers and their clients in English (section partners): the reseller's home (/partner), the
// customer's partners page (/t/:tenant/partners) and the banner shown while acting through a delegation
// or operator access. A text with {{link}} has a link in it (see en.console-bulk.ts).
export const enPartners = {
  /** The console's navigation link to the partners page. */
  nav: "Partners",
  /** The banner on every console page opened through a delegation or operator access (app/routes/t.$tenant.tsx). */
  banner: {
    delegation: "Acting in {{organisation}} via delegation #{{number}} — {{roles}}, until {{until}}",
    operator:
      "Operator access to {{organisation}} for ticket {{ticket}} — {{scope}}, until {{until}}. Everything you do is shown to the customer.",
    operatorWholeOrganisation: "whole organisation",
    operatorOneAccount: "one account",
    operatorReadOnly: "read-only",
    back: "Back to your own organisation",
  },
  days_one: "{{count}} day",
  days_other: "{{count}} days",
  /** A delegation's status as both sides read it (app/partners/delegations.server.ts, delegationState). */
  status: {
    requested: "Requested",
    active: "Active",
    expiring: "Expiring within 14 days",
    expired: "Expired",
    declined: "Declined",
    revoked: "Revoked",
    lapsed: "Lapsed",
    lapsesOn: "Lapses on {{day}} if nobody answers",
    lapsedOn: "Lapsed on {{day}}, unanswered",
    endedOn: "Ended on {{day}}",
    theirReason: "The client’s reason: “{{reason}}”",
    endedBy: "{{day}}, by {{name}}",
  },
  table: {
    number: "Delegation",
    reseller: "Reseller",
    status: "Status",
    roles: "Roles and duration",
    expiry: "Expiry",
    staff: "Staff who may use it",
    lastUsed: "Last used",
    nobody: "Nobody yet",
    never: "Never",
  },
  form: {
    roles: "Roles",
    durationDays: "Duration in days",
    durationHint: "From 1 day to 2 years (730 days). The delegation starts when the client approves it.",
    /** The duration field's suggestions (app/routes/partner._index.tsx, DURATION_PRESETS), by days. */
    presets: {
      7: "1 week",
      30: "30 days",
      90: "90 days",
      180: "6 months",
      365: "1 year",
      730: "2 years",
    },
  },
  /** The reseller's home, /partner. */
  reseller: {
    nav: "Clients",
    pageTitle: "Clients · {{reseller}} · Glasshouse",
    title: "Your clients",
    lede: "The organisations that work with {{reseller}}. You act in a client only through a delegation it approved, with the roles and for as long as it approved, and everything you do there is recorded in its audit trail and shown to the people you act on.",
    actingHeading: "Where you can act now",
    actingNone: "No delegation you were chosen for is active at the moment.",
    actingItem: "— delegation #{{number}}: {{roles}}, until {{until}}",
    clientsHeading: "Clients and delegations",
    noClients:
      "No organisation has linked {{reseller}} yet. The platform operator links a reseller to a customer; then you can ask it for a delegation here.",
    linkedSince: "Linked since {{day}}",
    noDelegations: "No delegation yet.",
    delegationsCaption: "Delegations in {{client}}",
    askedBy: "asked by {{name}} on {{day}}",
    formerColleague: "a former colleague",
    staffLegend: "Staff who may use delegation #{{number}}",
    noPeople: "Your organisation has no active accounts to choose.",
    staffSubmit: "Save staff",
    staffDone: "Saved: the staff chosen for delegation #{{number}} may use it from their next request.",
    requestHeading: "Ask a client for a delegation",
    requestLede:
      "Ask only for the roles you need, for as long as you need them. The client's domain admins are emailed; they may approve fewer roles or a shorter time. A request nobody answers lapses after 90 days.",
    client: "Client",
    chooseClient: "Choose a client…",
    message: "Message to the client (optional)",
    messageHint: "What you need the access for: the client's admins read it with the request.",
    requestSubmit: "Send request",
    requestDone: "Sent: delegation request #{{number}} is waiting for the client's answer.",
  },
  /** The customer's partners page, /t/:tenant/partners. */
  client: {
    pageTitle: "Partners · {{organisation}} · Glasshouse",
    title: "Partners",
    lede: "Resellers linked to {{organisation}} may ask for a delegation: chosen admin roles for a limited time. Nothing is granted until a domain admin approves it, you may revoke it at any moment, and everything a reseller's staff do here is in the audit log and shown to the people concerned.",
    resellersHeading: "Linked resellers",
    noResellers: "No reseller is linked to {{organisation}}.",
    linkedSince: "Linked since",
    liveDelegations: "Active delegations",
    pendingHeading: "Waiting for an answer",
    noPending: "No request is waiting for an answer.",
    allHeading: "All delegations and requests",
    noDelegations: "No reseller has asked for a delegation yet.",
    allCaption: "Every delegation and request, newest first",
    requestHeading: "Delegation request #{{number}} from {{reseller}}",
    asked: "Asked for",
    askedFor: "{{roles}}, for {{days}}",
    requestedOn: "Asked on",
    lapses: "Unanswered",
    message: "Message",
    approveHeading: "Approve",
    resumed: "Your second factor is confirmed: check the roles and the duration, then approve again.",
    narrowHint: "Untick a role to grant less than was asked. An approval never grants more.",
    shortenHint: "At most {{days}} days, as asked; a shorter time is allowed. It starts when you approve.",
    approve: "Approve delegation",
    declineHeading: "Decline",
    declineReason: "Reason (optional)",
    declineReasonHint: "The reseller's admins are emailed the reason.",
    decline: "Decline request",
    anAdministrator: "an administrator",
    approvedBy: "approved by {{name}} on {{day}}",
    staffCount_one: "{{count}} person",
    staffCount_other: "{{count}} people",
    usedBy: "by {{names}}",
    activity: "Activity",
    activityOf: "Activity under delegation #{{number}}",
    revoke: "Revoke",
    revokeTitle: "Revoke delegation #{{number}} of {{reseller}}",
    revokeDescription:
      "{{reseller}}'s staff lose access at once: anything they have not finished is refused. The reseller's admins are emailed your reason.",
    done: {
      approve: "Approved: delegation #{{number}} is active.",
      decline: "Declined: delegation request #{{number}}. The reseller has been told.",
      revoke: "Revoked: delegation #{{number}} grants nothing from now on. The reseller has been told.",
    },
  },
};

/**
 * The messages the delegation actions write in English (app/actions/delegations.server.ts), by key: the
 * catalogue's `messages` section holds each so a German reader gets it in German (app/i18n/i18n.ts).
 */
export const enPartnerMessages = {
  delegationChooseRoles: "Choose at least one role to delegate.",
  delegationRoleNotDelegable:
    "That is a role that cannot be delegated: choose among helpdesk admin, compliance officer, auditor and domain admin.",
  delegationDuration: "Choose a duration from 1 day to 2 years (730 days).",
  delegationChoose: "Choose a delegation.",
  delegationChooseClient: "Choose one of your client organisations.",
  delegationMessageTooLong: "Keep the message under 2,000 characters.",
  delegationChooseStaff: "Choose the staff among your organisation's accounts.",
  delegationTooManyStaff: "Choose at most 500 people.",
  delegationGone: "That delegation is not there any more.",
  delegationNumberTaken: "Another request to this organisation was made at the same moment; try again.",
  delegationStaffInactive: "Choose the staff among your organisation's active accounts.",
};

/** The same, for messages with values in them (the catalogue's `messagePatterns` section). */
export const enPartnerMessagePatterns = {
  delegationLapsed:
    "Delegation request #{{number}} lapsed on {{day}}: nobody answered it within 90 days. The reseller can ask again.",
  delegationAlreadyApproved: "Delegation #{{number}} was already answered: approved by {{name}} on {{day}}.",
  delegationAlreadyDeclined: "Delegation #{{number}} was already answered: declined by {{name}} on {{day}}.",
  delegationAnsweredRevoked: "Delegation #{{number}} was already answered, and revoked by {{name}} on {{day}}.",
  delegationAnsweredExpired: "Delegation #{{number}} was already answered, and expired on {{day}}.",
  delegationAlreadyRevoked: "Delegation #{{number}} was already revoked by {{name}} on {{day}}.",
  delegationAlreadyExpired: "Delegation #{{number}} already expired on {{day}}.",
  delegationNotApprovedYet: "Delegation #{{number}} has not been approved yet: decline the request instead.",
  delegationNothingToRevoke: "Delegation #{{number}} is not active, so there is nothing to revoke.",
  delegationStaffNotActive: "Delegation #{{number}} is not active: staff are chosen for an active delegation.",
};

/** The emails of delegations (catalogue section email.partner; templates `partner.<key>`). */
export const enPartnerEmails = {
  requested: {
    subject: "{{reseller}} asks for delegation #{{number}} in {{organisation}}",
    body:
      "{{requester}} of {{reseller}} asks {{organisation}} for delegation #{{number}}: {{roles}}, for {{duration}}.\n\n" +
      "Nothing is granted until a domain admin of {{organisation}} approves it; you may approve fewer roles or a " +
      "shorter time, or decline it. If nobody answers, the request lapses on {{lapsesOn}}.\n\n" +
      "Answer it here: {{url}}",
    bodyWithMessage:
      "{{requester}} of {{reseller}} asks {{organisation}} for delegation #{{number}}: {{roles}}, for {{duration}}.\n\n" +
      "Their message:\n“{{message}}”\n\n" +
      "Nothing is granted until a domain admin of {{organisation}} approves it; you may approve fewer roles or a " +
      "shorter time, or decline it. If nobody answers, the request lapses on {{lapsesOn}}.\n\n" +
      "Answer it here: {{url}}",
  },
  approved: {
    subject: "{{organisation}} approved delegation #{{number}}",
    body:
      "{{actor}} of {{organisation}} approved delegation #{{number}}: {{roles}}, until {{until}}.\n\n" +
      "Choose which of your staff may use it: {{url}}",
    bodyNarrowed:
      "{{actor}} of {{organisation}} approved delegation #{{number}} with less than you asked for: {{roles}}, " +
      "until {{until}}.\n\nChoose which of your staff may use it: {{url}}",
  },
  declined: {
    subject: "{{organisation}} declined delegation request #{{number}}",
    body: "{{actor}} of {{organisation}} declined your request for delegation #{{number}}.\n{{reasonLine}}",
  },
  revoked: {
    subject: "{{organisation}} revoked delegation #{{number}}",
    body:
      "{{actor}} of {{organisation}} revoked delegation #{{number}}. From now on your staff cannot act in " +
      "{{organisation}} through it.\n{{reasonLine}}",
  },
};
