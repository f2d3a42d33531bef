// The platform operator's pages in English (section operator): /operator (organisations, links, access
// requests) and the customer's side of operator access (/t/:tenant/operator-access, and its setting).
export const enOperator = {
  /** The console's navigation link to the customer's operator-access page. */
  nav: "Operator access",
  kind: {
    customer: "Customer",
    reseller: "Reseller",
    operator: "Operator",
  },
  mode: {
    notify: "Notify",
    approve: "Approve",
  },
  status: {
    requested: "Waiting for approval",
    active: "Active",
    denied: "Denied",
    revoked: "Ended early",
    expired: "Over",
  },
  scope: {
    organisation: "Whole organisation",
    oneAccount: "One account",
    account: "{{name}}'s account",
    readOnly: "Read only",
  },
  home: {
    pageTitle: "Platform operator — Glasshouse",
    title: "Platform operator",
    lede:
      "Organisations and their size, and your access to customers. Nothing personal of a customer is shown here: " +
      "to read or act on a customer's data, ask for access below. The customer sees every request.",
    organisationsHeading: "Organisations",
    organisationsCaption: "Every organisation, with its kind and size",
    name: "Name",
    kind: "Kind",
    domain: "Primary domain",
    accounts: "Accounts",
    activeAccounts: "Active accounts",
    mode: "Operator access",
  },
  create: {
    heading: "Create an organisation",
    name: "Name",
    slug: "Address",
    slugHint: "Lowercase letters, digits and hyphens: its console opens at /t/<address>/.",
    kindLegend: "Kind",
    domain: "Primary domain (optional)",
    modeLegend: "How operator access starts (customers)",
    adminName: "First admin's name",
    adminEmail: "First admin's email address",
    adminHint: "They become its domain admin and are emailed a link to choose a password.",
    submit: "Create organisation",
    created: "{{name}} was created. Its first admin has been emailed a link to choose a password.",
  },
  link: {
    heading: "Link a reseller to a customer",
    lede: "The reseller may then ask the customer for a delegation. It gets no access until the customer approves one.",
    customer: "Customer",
    reseller: "Reseller",
    choose: "Choose…",
    submit: "Link reseller",
    linked: "The reseller is now linked to the customer, whose domain admins have been told.",
  },
  request: {
    heading: "Ask for access to a customer",
    lede:
      "Read or act on a customer's data only with a ticket and a justification, for at most 8 hours. A customer " +
      "in notify mode is told as your access starts; one in approve mode must approve it first.",
    customer: "Customer",
    scopeLegend: "Scope",
    scopeOrganisation: "The whole organisation",
    scopeAccount: "One account",
    subjectEmail: "Email address of the account (one account only)",
    readOnly: "Read only: view accounts, app statistics, the audit log and policies",
    actionsLegend: "Or, besides reading, allow",
    ticket: "Ticket reference",
    justification: "Justification",
    justificationHint: "The customer's domain admins read this, and so does anyone whose account you open.",
    duration: "Duration in minutes (15 to 480)",
    submit: "Ask for access",
    started: "Access #{{number}} has started and ends at {{until}}. The customer's domain admins have been told.",
    requested: "Access #{{number}} is waiting for a domain admin of the customer to approve it.",
  },
  mine: {
    heading: "Access requests",
    caption: "Every access request of the operator's staff, newest first",
    none: "No access has been asked for yet.",
    number: "#",
    customer: "Customer",
    askedBy: "Asked by",
    ticket: "Ticket",
    scope: "Scope",
    status: "Status",
    ends: "Ends",
    open: "Open {{customer}}",
    endNow: "End now",
    ended: "Access #{{number}} has ended.",
  },
  access: {
    pageTitle: "Operator access — {{organisation}}",
    title: "Operator access",
    lede:
      "The platform operator's staff reach your data only through a request with a ticket and a justification, " +
      "for at most 8 hours. Every request is listed here, and everything done under one is in your audit log.",
    modeNotify: "Your setting is notify: operator access starts at once and your domain admins are emailed.",
    modeApprove: "Your setting is approve: operator access waits until one of your domain admins approves it.",
    changeMode: "Change the setting",
    caption: "Every operator access request, newest first",
    none: "The operator has never asked for access to {{organisation}}.",
    number: "#",
    askedBy: "Asked by",
    askedByValue: "{{name}} ({{organisation}}), {{when}}",
    ticket: "Ticket and justification",
    scope: "Scope",
    allows: "Allows",
    status: "Status",
    window: "Starts and ends",
    notStarted: "Not started",
    from: "From {{when}}",
    until: "until {{when}}",
    minutes: "{{count}} minutes once approved",
    answeredBy: "Answered by {{name}}, {{when}}",
    endedBy: "Ended by {{name}}, {{when}}",
    activity: "Activity",
    approve: "Approve",
    deny: "Deny",
    endNow: "End now",
    approved: "Access #{{number}} approved: it ends at {{until}}.",
    denied: "Access #{{number}} denied.",
    ended: "Access #{{number}} has ended.",
    resumed: "You confirmed your second factor: approve access #{{number}} again to go ahead.",
  },
  settings: {
    heading: "Operator access",
    legend: "How operator access to {{organisation}} starts",
    notify: "Notify: access starts at once and your domain admins are emailed, like Google's Access Transparency.",
    approve: "Approve: a domain admin must approve each request first, like Microsoft's Customer Lockbox.",
    savedNotify: "Saved. Operator access now starts at once, and your domain admins are emailed.",
    savedApprove: "Saved. Operator access now waits for a domain admin's approval.",
  },
  /** Values of the emails below, written in each reader's language. */
  email: {
    scopeOrganisation: "the whole organisation",
    scopeAccount: "the account of {{name}}",
  },
};

/** The emails of operator access and new organisations (catalogue section email.operator; templates `operator.<key>`). */
export const enOperatorEmails = {
  welcome: {
    subject: "{{organisation}} is ready on Glasshouse",
    body:
      "{{actor}} of {{operator}} created the organisation {{organisation}} on Glasshouse and made you its first " +
      "domain admin.\n\nOpen this link within 30 minutes to choose your password (it works once):\n{{link}}\n\n" +
      "If it has expired, ask for a new one with “Forgot your password?” on the sign-in page: {{signIn}}",
  },
  linked: {
    subject: "{{reseller}} is now a partner of {{organisation}}",
    body:
      "{{actor}} of {{operator}} linked the reseller {{reseller}} to {{organisation}}.\n\n{{reseller}} may now ask " +
      "your organisation for a delegation. It gets no access to your accounts unless one of your domain admins " +
      "approves one, with the roles and for as long as you choose.\n\nYour partners: {{url}}",
  },
  accessStarted: {
    subject: "{{operator}} has started operator access #{{number}} to {{organisation}}",
    body:
      "{{actor}} of {{operator}} has access to {{organisation}} from now for {{minutes}} minutes, until {{until}}.\n" +
      "Ticket: {{ticket}}\nJustification: {{justification}}\nScope: {{scope}}\nAllows: {{grants}}\n\n" +
      "Your organisation lets operator access start at once and tells you (setting: notify). Everything done " +
      "under it is in your audit log. You can end it now: {{url}}",
  },
  accessRequested: {
    subject: "{{operator}} asks for operator access #{{number}} to {{organisation}}",
    body:
      "{{actor}} of {{operator}} asks for access to {{organisation}} for {{minutes}} minutes.\n" +
      "Ticket: {{ticket}}\nJustification: {{justification}}\nScope: {{scope}}\nWould allow: {{grants}}\n\n" +
      "Nothing is granted until one of your domain admins approves it; the time starts then. Approve or deny " +
      "it here: {{url}}",
  },
};

/**
 * What the operator's actions and the operator-access setting answer when refused (app/actions: zod and
 * expected failures), by the English text, for localiseMessage: spread into the catalogue's `messages`.
 */
export const enOperatorMessages = {
  operatorRequestStale:
    "This request is more than a day old and can no longer be approved; the operator must ask again.",
  operatorWholeOrganisationNoEmail: "Access to the whole organisation names no account: leave the email empty.",
  operatorSlugTaken: "Another organisation already has that address: choose another.",
  operatorAtLeastMinutes: "Ask for at least 15 minutes.",
  operatorChooseCustomer: "Choose a customer organisation.",
  operatorChooseReseller: "Choose a reseller organisation.",
  operatorChooseActions: "Choose actions from the list.",
  operatorChooseRequest: "Choose an operator access request.",
  operatorAtLeastOneAction: "Choose at least one action, or ask for read-only access.",
  operatorChooseKind: "Choose customer or reseller.",
  operatorChooseMode: "Choose notify or approve.",
  operatorChooseSlug: "Choose the organisation's address.",
  operatorChooseScope: "Choose the whole organisation or one account.",
  operatorDomain: "Enter a domain like example.com, or leave it empty.",
  operatorSubjectEmail: "Enter the email address of the account.",
  operatorAdminEmail: "Enter the first admin's email address.",
  operatorAdminName: "Enter the first admin's name.",
  operatorDuration: "Give the duration in minutes.",
  operatorWholeMinutes: "Give the duration in whole minutes.",
  operatorOrganisationName: "Give the organisation a name.",
  operatorTicket: "Give the ticket reference.",
  operatorJustificationTooLong: "Keep the justification under 2,000 characters.",
  operatorTicketTooLong: "Keep the ticket reference under 100 characters.",
  operatorNoSuchSubject: "No account of this organisation has that email address.",
  operatorAtMostEightHours: "Operator access lasts at most 8 hours (480 minutes).",
  operatorReadOnlyNoActions: "Read-only access allows no other action: untick read-only, or the actions.",
  operatorJustification: "Say why you need access: the customer reads this.",
  operatorOrganisationGone: "That organisation is not there any more.",
  operatorAlreadyLinked: "That reseller is already linked to this customer.",
  operatorNoSuchRequest: "There is no such operator access request in this organisation.",
  operatorAlreadyEnded: "This operator access has already ended.",
  operatorAlreadyAnswered: "This request has already been answered or has ended.",
  operatorSlugFormat: "Use 2 to 40 lowercase letters, digits and hyphens.",
  operatorModeCustomersOnly: "Only a customer organisation chooses how operator access starts.",
  operatorChooseSetting: "Choose a setting to change.",
};
