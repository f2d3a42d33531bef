// Die Seiten des Plattformbetreibers auf Deutsch (Abschnitt operator, siehe en.operator.ts).
import type { enOperator, enOperatorEmails, enOperatorMessages } from "./en.operator";

export const deOperator: typeof enOperator = {
  nav: "Betreiberzugriff",
  kind: {
    customer: "Kunde",
    reseller: "Reseller",
    operator: "Betreiber",
  },
  mode: {
    notify: "Benachrichtigen",
    approve: "Genehmigen",
  },
  status: {
    requested: "Wartet auf Genehmigung",
    active: "Aktiv",
    denied: "Abgelehnt",
    revoked: "Vorzeitig beendet",
    expired: "Abgelaufen",
  },
  scope: {
    organisation: "Gesamte Organisation",
    oneAccount: "Ein Konto",
    account: "Konto von {{name}}",
    readOnly: "Nur lesen",
  },
  home: {
    pageTitle: "Plattformbetreiber — Glasshouse",
    title: "Plattformbetreiber",
    lede:
      "Organisationen und ihre Größe sowie Ihre Zugriffe auf Kunden. Hier wird nichts Persönliches eines Kunden " +
      "angezeigt: Um Daten eines Kunden zu lesen oder zu bearbeiten, beantragen Sie unten Zugriff. Der Kunde sieht " +
      "jeden Antrag.",
    organisationsHeading: "Organisationen",
    organisationsCaption: "Alle Organisationen mit Art und Größe",
    name: "Name",
    kind: "Art",
    domain: "Primäre Domain",
    accounts: "Konten",
    activeAccounts: "Aktive Konten",
    mode: "Betreiberzugriff",
  },
  create: {
    heading: "Organisation anlegen",
    name: "Name",
    slug: "Adresse",
    slugHint: "Kleinbuchstaben, Ziffern und Bindestriche: Die Konsole öffnet sich unter /t/<Adresse>/.",
    kindLegend: "Art",
    domain: "Primäre Domain (optional)",
    modeLegend: "Wie Betreiberzugriff beginnt (Kunden)",
    adminName: "Name des ersten Admins",
    adminEmail: "E-Mail-Adresse des ersten Admins",
    adminHint: "Diese Person wird Domain-Admin und erhält per E-Mail einen Link, um ein Passwort festzulegen.",
    submit: "Organisation anlegen",
    created:
      "{{name}} wurde angelegt. Der erste Admin hat per E-Mail einen Link erhalten, um ein Passwort festzulegen.",
  },
  link: {
    heading: "Reseller mit einem Kunden verknüpfen",
    lede: "Der Reseller kann den Kunden dann um eine Delegation bitten. Zugriff erhält er erst, wenn der Kunde eine genehmigt.",
    customer: "Kunde",
    reseller: "Reseller",
    choose: "Auswählen …",
    submit: "Reseller verknüpfen",
    linked: "Der Reseller ist jetzt mit dem Kunden verknüpft; dessen Domain-Admins wurden informiert.",
  },
  request: {
    heading: "Zugriff auf einen Kunden beantragen",
    lede:
      "Daten eines Kunden lesen oder bearbeiten Sie nur mit Ticket und Begründung, höchstens 8 Stunden lang. Ein " +
      "Kunde mit der Einstellung „Benachrichtigen“ wird informiert, sobald Ihr Zugriff beginnt; bei „Genehmigen“ " +
      "muss er ihn zuerst genehmigen.",
    customer: "Kunde",
    scopeLegend: "Umfang",
    scopeOrganisation: "Die gesamte Organisation",
    scopeAccount: "Ein Konto",
    subjectEmail: "E-Mail-Adresse des Kontos (nur bei einem Konto)",
    readOnly: "Nur lesen: Konten, App-Statistiken, Audit-Log und Richtlinien ansehen",
    actionsLegend: "Oder zusätzlich zum Lesen erlauben",
    ticket: "Ticketnummer",
    justification: "Begründung",
    justificationHint: "Die Domain-Admins des Kunden lesen sie, ebenso jede Person, deren Konto Sie öffnen.",
    duration: "Dauer in Minuten (15 bis 480)",
    submit: "Zugriff beantragen",
    started: "Zugriff #{{number}} hat begonnen und endet am {{until}}. Die Domain-Admins des Kunden wurden informiert.",
    requested: "Zugriff #{{number}} wartet darauf, dass ein Domain-Admin des Kunden ihn genehmigt.",
  },
  mine: {
    heading: "Zugriffsanträge",
    caption: "Alle Zugriffsanträge der Mitarbeitenden des Betreibers, neueste zuerst",
    none: "Bisher wurde kein Zugriff beantragt.",
    number: "#",
    customer: "Kunde",
    askedBy: "Beantragt von",
    ticket: "Ticket",
    scope: "Umfang",
    status: "Status",
    ends: "Endet",
    open: "{{customer}} öffnen",
    endNow: "Jetzt beenden",
    ended: "Zugriff #{{number}} wurde beendet.",
  },
  access: {
    pageTitle: "Betreiberzugriff — {{organisation}}",
    title: "Betreiberzugriff",
    lede:
      "Mitarbeitende des Plattformbetreibers erreichen Ihre Daten nur über einen Antrag mit Ticket und Begründung, " +
      "höchstens 8 Stunden lang. Jeder Antrag steht hier, und alles, was darunter geschieht, steht in Ihrem Audit-Log.",
    modeNotify:
      "Ihre Einstellung ist „Benachrichtigen“: Betreiberzugriff beginnt sofort, und Ihre Domain-Admins erhalten eine E-Mail.",
    modeApprove:
      "Ihre Einstellung ist „Genehmigen“: Betreiberzugriff wartet, bis einer Ihrer Domain-Admins ihn genehmigt.",
    changeMode: "Einstellung ändern",
    caption: "Alle Anträge auf Betreiberzugriff, neueste zuerst",
    none: "Der Betreiber hat noch nie Zugriff auf {{organisation}} beantragt.",
    number: "#",
    askedBy: "Beantragt von",
    askedByValue: "{{name}} ({{organisation}}), {{when}}",
    ticket: "Ticket und Begründung",
    scope: "Umfang",
    allows: "Erlaubt",
    status: "Status",
    window: "Beginn und Ende",
    notStarted: "Nicht begonnen",
    from: "Ab {{when}}",
    until: "bis {{when}}",
    minutes: "{{count}} Minuten ab Genehmigung",
    answeredBy: "Beantwortet von {{name}}, {{when}}",
    endedBy: "Beendet von {{name}}, {{when}}",
    activity: "Aktivitäten",
    approve: "Genehmigen",
    deny: "Ablehnen",
    endNow: "Jetzt beenden",
    approved: "Zugriff #{{number}} genehmigt: Er endet am {{until}}.",
    denied: "Zugriff #{{number}} abgelehnt.",
    ended: "Zugriff #{{number}} wurde beendet.",
    resumed:
      "Sie haben Ihren zweiten Faktor bestätigt: Genehmigen Sie Zugriff #{{number}} noch einmal, um fortzufahren.",
  },
  settings: {
    heading: "Betreiberzugriff",
    legend: "Wie Betreiberzugriff auf {{organisation}} beginnt",
    notify:
      "Benachrichtigen: Der Zugriff beginnt sofort, und Ihre Domain-Admins erhalten eine E-Mail – wie bei Googles Access Transparency.",
    approve: "Genehmigen: Ein Domain-Admin muss jeden Antrag zuerst genehmigen – wie bei Microsofts Customer Lockbox.",
    savedNotify: "Gespeichert. Betreiberzugriff beginnt jetzt sofort, und Ihre Domain-Admins erhalten eine E-Mail.",
    savedApprove: "Gespeichert. Betreiberzugriff wartet jetzt auf die Genehmigung eines Domain-Admins.",
  },
  email: {
    scopeOrganisation: "die gesamte Organisation",
    scopeAccount: "das Konto von {{name}}",
  },
};

export const deOperatorEmails: typeof enOperatorEmails = {
  welcome: {
    subject: "{{organisation}} ist auf Glasshouse bereit",
    body:
      "{{actor}} von {{operator}} hat die Organisation {{organisation}} auf Glasshouse angelegt und Sie zu ihrem " +
      "ersten Domain-Admin gemacht.\n\nÖffnen Sie diesen Link innerhalb von 30 Minuten, um Ihr Passwort festzulegen " +
      "(er funktioniert einmal):\n{{link}}\n\nIst er abgelaufen, fordern Sie auf der Anmeldeseite über " +
      "„Passwort vergessen?“ einen neuen an: {{signIn}}",
  },
  linked: {
    subject: "{{reseller}} ist jetzt Partner von {{organisation}}",
    body:
      "{{actor}} von {{operator}} hat den Reseller {{reseller}} mit {{organisation}} verknüpft.\n\n{{reseller}} " +
      "kann Ihre Organisation jetzt um eine Delegation bitten. Zugriff auf Ihre Konten erhält er nur, wenn einer " +
      "Ihrer Domain-Admins eine genehmigt – mit den Rollen und für die Dauer, die Sie wählen.\n\nIhre Partner: {{url}}",
  },
  accessStarted: {
    subject: "{{operator}} hat Betreiberzugriff #{{number}} auf {{organisation}} begonnen",
    body:
      "{{actor}} von {{operator}} hat ab jetzt {{minutes}} Minuten lang Zugriff auf {{organisation}}, bis {{until}}.\n" +
      "Ticket: {{ticket}}\nBegründung: {{justification}}\nUmfang: {{scope}}\nErlaubt: {{grants}}\n\n" +
      "Bei Ihrer Organisation beginnt Betreiberzugriff sofort, und Sie werden informiert (Einstellung: " +
      "Benachrichtigen). Alles, was darunter geschieht, steht in Ihrem Audit-Log. Sie können ihn sofort beenden: {{url}}",
  },
  accessRequested: {
    subject: "{{operator}} beantragt Betreiberzugriff #{{number}} auf {{organisation}}",
    body:
      "{{actor}} von {{operator}} beantragt {{minutes}} Minuten Zugriff auf {{organisation}}.\n" +
      "Ticket: {{ticket}}\nBegründung: {{justification}}\nUmfang: {{scope}}\nWürde erlauben: {{grants}}\n\n" +
      "Gewährt wird nichts, bis einer Ihrer Domain-Admins den Antrag genehmigt; die Zeit läuft ab dann. Genehmigen " +
      "oder ablehnen können Sie ihn hier: {{url}}",
  },
};

export const deOperatorMessages: typeof enOperatorMessages = {
  operatorRequestStale:
    "Diese Anfrage ist älter als einen Tag und kann nicht mehr genehmigt werden; der Betreiber muss erneut fragen.",
  operatorWholeOrganisationNoEmail:
    "Zugriff auf die gesamte Organisation nennt kein Konto: Lassen Sie die E-Mail-Adresse leer.",
  operatorSlugTaken: "Eine andere Organisation hat bereits diese Adresse: Wählen Sie eine andere.",
  operatorAtLeastMinutes: "Beantragen Sie mindestens 15 Minuten.",
  operatorChooseCustomer: "Wählen Sie eine Kundenorganisation.",
  operatorChooseReseller: "Wählen Sie eine Reseller-Organisation.",
  operatorChooseActions: "Wählen Sie Aktionen aus der Liste.",
  operatorChooseRequest: "Wählen Sie einen Antrag auf Betreiberzugriff.",
  operatorAtLeastOneAction: "Wählen Sie mindestens eine Aktion, oder beantragen Sie Nur-Lese-Zugriff.",
  operatorChooseKind: "Wählen Sie Kunde oder Reseller.",
  operatorChooseMode: "Wählen Sie „Benachrichtigen“ oder „Genehmigen“.",
  operatorChooseSlug: "Wählen Sie die Adresse der Organisation.",
  operatorChooseScope: "Wählen Sie die gesamte Organisation oder ein Konto.",
  operatorDomain: "Geben Sie eine Domain wie example.com ein, oder lassen Sie das Feld leer.",
  operatorSubjectEmail: "Geben Sie die E-Mail-Adresse des Kontos ein.",
  operatorAdminEmail: "Geben Sie die E-Mail-Adresse des ersten Admins ein.",
  operatorAdminName: "Geben Sie den Namen des ersten Admins ein.",
  operatorDuration: "Geben Sie die Dauer in Minuten an.",
  operatorWholeMinutes: "Geben Sie die Dauer in ganzen Minuten an.",
  operatorOrganisationName: "Geben Sie der Organisation einen Namen.",
  operatorTicket: "Geben Sie die Ticketnummer an.",
  operatorJustificationTooLong: "Die Begründung darf höchstens 2.000 Zeichen lang sein.",
  operatorTicketTooLong: "Die Ticketnummer darf höchstens 100 Zeichen lang sein.",
  operatorNoSuchSubject: "Kein Konto dieser Organisation hat diese E-Mail-Adresse.",
  operatorAtMostEightHours: "Betreiberzugriff dauert höchstens 8 Stunden (480 Minuten).",
  operatorReadOnlyNoActions:
    "Nur-Lese-Zugriff erlaubt keine weitere Aktion: Entfernen Sie den Haken bei „Nur lesen“ oder bei den Aktionen.",
  operatorJustification: "Begründen Sie, warum Sie Zugriff brauchen: Der Kunde liest das.",
  operatorOrganisationGone: "Diese Organisation gibt es nicht mehr.",
  operatorAlreadyLinked: "Dieser Reseller ist bereits mit diesem Kunden verknüpft.",
  operatorNoSuchRequest: "In dieser Organisation gibt es keinen solchen Antrag auf Betreiberzugriff.",
  operatorAlreadyEnded: "Dieser Betreiberzugriff ist bereits beendet.",
  operatorAlreadyAnswered: "Dieser Antrag wurde bereits beantwortet oder ist beendet.",
  operatorSlugFormat: "Verwenden Sie 2 bis 40 Kleinbuchstaben, Ziffern und Bindestriche.",
  operatorModeCustomersOnly: "Nur eine Kundenorganisation legt fest, wie Betreiberzugriff beginnt.",
  operatorChooseSetting: "Wählen Sie eine Einstellung, die Sie ändern möchten.",
};
