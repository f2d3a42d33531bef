// Reseller und ihre Kunden auf Deutsch (Abschnitt partners, siehe en.partners.ts).
import type { enPartnerEmails, enPartners } from "./en.partners";

export const dePartners: typeof enPartners = {
  /** The console's navigation link to the partners page. */
  nav: "Partner",
  banner: {
    delegation: "Sie handeln in {{organisation}} über Delegation Nr. {{number}} — {{roles}}, bis {{until}}",
    operator:
      "Betreiberzugriff auf {{organisation}} zu Ticket {{ticket}} — {{scope}}, bis {{until}}. Alles, was Sie tun, sieht der Kunde.",
    operatorWholeOrganisation: "ganze Organisation",
    operatorOneAccount: "ein Konto",
    operatorReadOnly: "nur lesen",
    back: "Zurück zur eigenen Organisation",
  },
};

export const dePartnerEmails: typeof enPartnerEmails = {};
