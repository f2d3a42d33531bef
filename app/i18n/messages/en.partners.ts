// Resellers and their clients in English (section partners): the reseller's home (/partner), the
// customer's partners page (/t/:tenant/partners) and the banner shown while acting through a delegation
// or operator access. A text with {{link}} has a link in it (see en.console-bulk.ts).
export const enPartners = {
  /** The banner on every console page opened through a delegation or operator access (app/routes/t.$tenant.tsx). */
  /** The console's navigation link to the partners page. */
  nav: "Partners",
  banner: {
    delegation: "Acting in {{organisation}} via delegation #{{number}} — {{roles}}, until {{until}}",
    operator:
      "Operator access to {{organisation}} for ticket {{ticket}} — {{scope}}, until {{until}}. Everything you do is shown to the customer.",
    operatorWholeOrganisation: "whole organisation",
    operatorOneAccount: "one account",
    operatorReadOnly: "read-only",
    back: "Back to your own organisation",
  },
};

/** The emails of delegations (catalogue section email.partner; templates `partner.<key>`). */
export const enPartnerEmails = {};
