// Reseller und ihre Kunden auf Deutsch (Abschnitt partners, siehe en.partners.ts).
import type { enPartnerEmails, enPartnerMessagePatterns, enPartnerMessages, enPartners } from "./en.partners";

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
  days_one: "{{count}} Tag",
  days_other: "{{count}} Tage",
  status: {
    requested: "Angefragt",
    active: "Aktiv",
    expiring: "Läuft innerhalb von 14 Tagen ab",
    expired: "Abgelaufen",
    declined: "Abgelehnt",
    revoked: "Widerrufen",
    lapsed: "Verfallen",
    lapsesOn: "Verfällt am {{day}}, wenn niemand antwortet",
    lapsedOn: "Am {{day}} unbeantwortet verfallen",
    endedOn: "Beendet am {{day}}",
    theirReason: "Begründung des Kunden: „{{reason}}“",
    endedBy: "{{day}}, von {{name}}",
  },
  table: {
    number: "Delegation",
    reseller: "Reseller",
    status: "Status",
    roles: "Rollen und Dauer",
    expiry: "Ablauf",
    staff: "Berechtigte Mitarbeitende",
    lastUsed: "Zuletzt genutzt",
    nobody: "Noch niemand",
    never: "Nie",
  },
  form: {
    roles: "Rollen",
    durationDays: "Dauer in Tagen",
    durationHint: "Von 1 Tag bis 2 Jahre (730 Tage). Die Delegation beginnt, sobald der Kunde sie genehmigt.",
    presets: {
      7: "1 Woche",
      30: "30 Tage",
      90: "90 Tage",
      180: "6 Monate",
      365: "1 Jahr",
      730: "2 Jahre",
    },
  },
  reseller: {
    nav: "Kunden",
    pageTitle: "Kunden · {{reseller}} · Glasshouse",
    title: "Ihre Kunden",
    lede: "Die Organisationen, die mit {{reseller}} zusammenarbeiten. Sie handeln bei einem Kunden nur über eine Delegation, die er genehmigt hat – mit den Rollen und so lange, wie er sie genehmigt hat. Alles, was Sie dort tun, steht in seinem Audit-Protokoll und wird den betroffenen Personen angezeigt.",
    actingHeading: "Wo Sie jetzt handeln können",
    actingNone: "Zurzeit ist keine Delegation aktiv, für die Sie ausgewählt wurden.",
    actingItem: "— Delegation Nr. {{number}}: {{roles}}, bis {{until}}",
    clientsHeading: "Kunden und Delegationen",
    noClients:
      "Noch keine Organisation ist mit {{reseller}} verbunden. Der Plattformbetreiber verbindet einen Reseller mit einem Kunden; danach können Sie hier eine Delegation anfragen.",
    linkedSince: "Verbunden seit {{day}}",
    noDelegations: "Noch keine Delegation.",
    delegationsCaption: "Delegationen bei {{client}}",
    askedBy: "angefragt von {{name}} am {{day}}",
    formerColleague: "einer ehemaligen Kollegin oder einem ehemaligen Kollegen",
    staffLegend: "Mitarbeitende, die Delegation Nr. {{number}} nutzen dürfen",
    noPeople: "Ihre Organisation hat keine aktiven Konten zur Auswahl.",
    staffSubmit: "Mitarbeitende speichern",
    staffDone:
      "Gespeichert: Die für Delegation Nr. {{number}} ausgewählten Mitarbeitenden können sie ab ihrer nächsten Anfrage nutzen.",
    requestHeading: "Einen Kunden um eine Delegation bitten",
    requestLede:
      "Fragen Sie nur die Rollen an, die Sie brauchen, und nur so lange, wie Sie sie brauchen. Die Domain-Admins des Kunden erhalten eine E-Mail; sie können weniger Rollen oder eine kürzere Dauer genehmigen. Eine Anfrage, die niemand beantwortet, verfällt nach 90 Tagen.",
    client: "Kunde",
    chooseClient: "Kunden wählen …",
    message: "Nachricht an den Kunden (optional)",
    messageHint: "Wofür Sie den Zugriff brauchen: Die Admins des Kunden lesen es mit der Anfrage.",
    requestSubmit: "Anfrage senden",
    requestDone: "Gesendet: Die Delegationsanfrage Nr. {{number}} wartet auf die Antwort des Kunden.",
  },
  client: {
    pageTitle: "Partner · {{organisation}} · Glasshouse",
    title: "Partner",
    lede: "Mit {{organisation}} verbundene Reseller können eine Delegation anfragen: ausgewählte Admin-Rollen für begrenzte Zeit. Nichts wird gewährt, bevor ein Domain-Admin zustimmt; Sie können die Delegation jederzeit widerrufen, und alles, was die Mitarbeitenden eines Resellers hier tun, steht im Audit-Protokoll und wird den Betroffenen angezeigt.",
    resellersHeading: "Verbundene Reseller",
    noResellers: "Mit {{organisation}} ist kein Reseller verbunden.",
    linkedSince: "Verbunden seit",
    liveDelegations: "Aktive Delegationen",
    pendingHeading: "Warten auf Antwort",
    noPending: "Keine Anfrage wartet auf eine Antwort.",
    allHeading: "Alle Delegationen und Anfragen",
    noDelegations: "Noch kein Reseller hat eine Delegation angefragt.",
    allCaption: "Alle Delegationen und Anfragen, neueste zuerst",
    requestHeading: "Delegationsanfrage Nr. {{number}} von {{reseller}}",
    asked: "Angefragt",
    askedFor: "{{roles}}, für {{days}}",
    requestedOn: "Angefragt am",
    lapses: "Unbeantwortet",
    message: "Nachricht",
    approveHeading: "Genehmigen",
    resumed: "Ihr zweiter Faktor ist bestätigt: Prüfen Sie Rollen und Dauer und genehmigen Sie dann erneut.",
    narrowHint:
      "Entfernen Sie das Häkchen bei einer Rolle, um weniger zu gewähren als angefragt. Eine Genehmigung gewährt nie mehr.",
    shortenHint:
      "Höchstens {{days}} Tage, wie angefragt; eine kürzere Dauer ist möglich. Sie beginnt mit Ihrer Genehmigung.",
    approve: "Delegation genehmigen",
    declineHeading: "Ablehnen",
    declineReason: "Begründung (optional)",
    declineReasonHint: "Die Admins des Resellers erhalten die Begründung per E-Mail.",
    decline: "Anfrage ablehnen",
    anAdministrator: "einem Administrator",
    approvedBy: "genehmigt von {{name}} am {{day}}",
    staffCount_one: "{{count}} Person",
    staffCount_other: "{{count}} Personen",
    usedBy: "von {{names}}",
    activity: "Aktivitäten",
    activityOf: "Aktivitäten über Delegation Nr. {{number}}",
    revoke: "Widerrufen",
    revokeTitle: "Delegation Nr. {{number}} von {{reseller}} widerrufen",
    revokeDescription:
      "Die Mitarbeitenden von {{reseller}} verlieren den Zugriff sofort: Was sie noch nicht abgeschlossen haben, wird abgewiesen. Die Admins des Resellers erhalten Ihre Begründung per E-Mail.",
    done: {
      approve: "Genehmigt: Delegation Nr. {{number}} ist aktiv.",
      decline: "Abgelehnt: Delegationsanfrage Nr. {{number}}. Der Reseller wurde benachrichtigt.",
      revoke: "Widerrufen: Delegation Nr. {{number}} gewährt ab sofort nichts mehr. Der Reseller wurde benachrichtigt.",
    },
  },
};

export const dePartnerMessages: typeof enPartnerMessages = {
  delegationChooseRoles: "Wählen Sie mindestens eine Rolle, die delegiert werden soll.",
  delegationRoleNotDelegable:
    "Diese Rolle kann nicht delegiert werden: Wählen Sie unter Helpdesk-Admin, Compliance-Beauftragte Person, Prüfer/in und Domain-Admin.",
  delegationDuration: "Wählen Sie eine Dauer von 1 Tag bis 2 Jahre (730 Tage).",
  delegationChoose: "Wählen Sie eine Delegation.",
  delegationChooseClient: "Wählen Sie eine Ihrer Kundenorganisationen.",
  delegationMessageTooLong: "Die Nachricht darf höchstens 2.000 Zeichen lang sein.",
  delegationChooseStaff: "Wählen Sie die Mitarbeitenden unter den Konten Ihrer Organisation.",
  delegationTooManyStaff: "Wählen Sie höchstens 500 Personen.",
  delegationGone: "Diese Delegation gibt es nicht mehr.",
  delegationNumberTaken:
    "Im selben Moment ging eine andere Anfrage an diese Organisation ein; versuchen Sie es noch einmal.",
  delegationStaffInactive: "Wählen Sie die Mitarbeitenden unter den aktiven Konten Ihrer Organisation.",
};

export const dePartnerMessagePatterns: typeof enPartnerMessagePatterns = {
  delegationLapsed:
    "Die Delegationsanfrage Nr. {{number}} ist am {{day}} verfallen: Niemand hat sie innerhalb von 90 Tagen beantwortet. Der Reseller kann erneut anfragen.",
  delegationAlreadyApproved: "Delegation Nr. {{number}} wurde bereits beantwortet: genehmigt von {{name}} am {{day}}.",
  delegationAlreadyDeclined: "Delegation Nr. {{number}} wurde bereits beantwortet: abgelehnt von {{name}} am {{day}}.",
  delegationAnsweredRevoked:
    "Delegation Nr. {{number}} wurde bereits beantwortet und am {{day}} von {{name}} widerrufen.",
  delegationAnsweredExpired: "Delegation Nr. {{number}} wurde bereits beantwortet und ist am {{day}} abgelaufen.",
  delegationAlreadyRevoked: "Delegation Nr. {{number}} wurde bereits am {{day}} von {{name}} widerrufen.",
  delegationAlreadyExpired: "Delegation Nr. {{number}} ist bereits am {{day}} abgelaufen.",
  delegationNotApprovedYet:
    "Delegation Nr. {{number}} ist noch nicht genehmigt: Lehnen Sie die Anfrage stattdessen ab.",
  delegationNothingToRevoke: "Delegation Nr. {{number}} ist nicht aktiv; es gibt nichts zu widerrufen.",
  delegationStaffNotActive:
    "Delegation Nr. {{number}} ist nicht aktiv: Mitarbeitende werden für eine aktive Delegation ausgewählt.",
};

export const dePartnerEmails: typeof enPartnerEmails = {
  requested: {
    subject: "{{reseller}} bittet um Delegation Nr. {{number}} bei {{organisation}}",
    body:
      "{{requester}} von {{reseller}} bittet {{organisation}} um Delegation Nr. {{number}}: {{roles}}, für {{duration}}.\n\n" +
      "Nichts wird gewährt, bevor ein Domain-Admin von {{organisation}} zustimmt; Sie können weniger Rollen oder eine " +
      "kürzere Dauer genehmigen oder die Anfrage ablehnen. Antwortet niemand, verfällt die Anfrage am {{lapsesOn}}.\n\n" +
      "Hier antworten: {{url}}",
    bodyWithMessage:
      "{{requester}} von {{reseller}} bittet {{organisation}} um Delegation Nr. {{number}}: {{roles}}, für {{duration}}.\n\n" +
      "Die Nachricht dazu:\n„{{message}}“\n\n" +
      "Nichts wird gewährt, bevor ein Domain-Admin von {{organisation}} zustimmt; Sie können weniger Rollen oder eine " +
      "kürzere Dauer genehmigen oder die Anfrage ablehnen. Antwortet niemand, verfällt die Anfrage am {{lapsesOn}}.\n\n" +
      "Hier antworten: {{url}}",
  },
  approved: {
    subject: "{{organisation}} hat Delegation Nr. {{number}} genehmigt",
    body:
      "{{actor}} von {{organisation}} hat Delegation Nr. {{number}} genehmigt: {{roles}}, bis {{until}}.\n\n" +
      "Wählen Sie, welche Ihrer Mitarbeitenden sie nutzen dürfen: {{url}}",
    bodyNarrowed:
      "{{actor}} von {{organisation}} hat Delegation Nr. {{number}} mit weniger als angefragt genehmigt: {{roles}}, " +
      "bis {{until}}.\n\nWählen Sie, welche Ihrer Mitarbeitenden sie nutzen dürfen: {{url}}",
  },
  declined: {
    subject: "{{organisation}} hat die Delegationsanfrage Nr. {{number}} abgelehnt",
    body: "{{actor}} von {{organisation}} hat Ihre Anfrage nach Delegation Nr. {{number}} abgelehnt.\n{{reasonLine}}",
  },
  revoked: {
    subject: "{{organisation}} hat Delegation Nr. {{number}} widerrufen",
    body:
      "{{actor}} von {{organisation}} hat Delegation Nr. {{number}} widerrufen. Ab sofort können Ihre Mitarbeitenden " +
      "darüber nicht mehr in {{organisation}} handeln.\n{{reasonLine}}",
  },
};
