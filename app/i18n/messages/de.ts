// German. Same keys and placeholders as English (app/i18n/messages/en.ts).
import type { Catalogue } from "./en";
import { dePartners, dePartnerEmails, dePartnerMessages, dePartnerMessagePatterns } from "./de.partners";
import { deExpiryEmails } from "./de.expiry";
import { deOperator, deOperatorEmails, deOperatorMessages } from "./de.operator";
import { deTelemetry, deTelemetryMessagePatterns, deTelemetryMessages } from "./de.telemetry";

import { deSecurity } from "./de.security";

import { deConsole } from "./de.console";
import { deConsoleAccounts } from "./de.console-accounts";
import { deConsoleAccount } from "./de.console-account";
import { deConsoleHolds } from "./de.console-holds";
import { deConsoleAudit } from "./de.console-audit";
import { deConsoleBulk } from "./de.console-bulk";
export const de: Catalogue = {
  actions: {
    account: {
      view: "Konto ansehen",
      viewApps: "Apps des Kontos ansehen",
      updateProfile: "Profil bearbeiten",
      resetPassword: "Passwort zurücksetzen",
      revokeSessions: "Überall abmelden",
      resetMfa: "Zwei-Faktor zurücksetzen",
      suspend: "Sperren",
      unsuspend: "Entsperren",
      terminate: "Schließen",
      restore: "Wiederherstellen",
      purge: "Endgültig löschen",
      export: "Daten exportieren",
      assignRole: "Rolle zuweisen",
      removeRole: "Rolle entziehen",
      setManager: "Führungskraft festlegen",
    },
    lock: {
      set: "Einstellung sperren",
      clear: "Sperre aufheben",
      setOrganisation: "Einstellung für alle sperren",
      clearOrganisation: "Sperre für alle aufheben",
    },
    dataRequest: {
      fulfilErasure: "Daten auf Antrag löschen",
      view: "Datenanfragen ansehen",
      assign: "Datenanfrage zuweisen",
      respond: "Datenanfrage beantworten",
      complete: "Datenanfrage abschließen",
      refuse: "Datenanfrage ablehnen",
    },
    retention: {
      deleteEvents: "Alte Ereignisse löschen",
      deleteUnattributedEvents: "Alte, keinem Konto zugeordnete Ereignisse löschen",
    },
    self: {
      updateProfile: "Eigenes Profil ändern",
      setMarketing: "Marketing-Wahl ändern",
      requestErasure: "Löschung beantragen",
      requestExport: "Datenkopie beantragen",
      requestCorrection: "Berichtigung beantragen",
      requestRestriction: "Einschränkung beantragen",
      changeEmail: "Eigene E-Mail-Adresse ändern",
      setPreferences: "Sprache oder Zeitzone ändern",
      acknowledgePolicy: "Datenschutzerklärung zur Kenntnis nehmen",
      changePassword: "Eigenes Passwort ändern",
      enrolTotp: "Authenticator-App einschalten",
      disableTotp: "Authenticator-App ausschalten",
      regenerateRecoveryCodes: "Neue Wiederherstellungscodes erstellen",
      addPasskey: "Passkey hinzufügen",
      renamePasskey: "Passkey umbenennen",
      removePasskey: "Passkey entfernen",
      endSession: "Sitzung beenden",
      endOtherSessions: "Alle anderen Sitzungen beenden",
    },
    apps: {
      viewStats: "App-Statistiken ansehen",
    },
    audit: {
      view: "Audit-Protokoll ansehen",
      export: "Audit-Protokoll exportieren",
    },
    policy: {
      view: "Richtlinien ansehen",
      update: "Richtlinie ändern",
    },
    organisation: {
      updateSettings: "Organisationseinstellungen ändern",
      updatePreferences: "Voreinstellungen der Organisation ändern",
      create: "Organisation anlegen",
      linkReseller: "Reseller verbinden",
    },
    privacy: {
      notify: "Über neue Datenschutzerklärung informieren",
    },
    hold: {
      place: "Rechtliche Aufbewahrung anordnen",
      update: "Rechtliche Aufbewahrung ändern",
      release: "Rechtliche Aufbewahrung aufheben",
    },
    bulk: {
      start: "Massenaktion starten",
    },
    ingestionKey: {
      create: "App-Schlüssel erstellen",
      rotate: "App-Schlüssel erneuern",
      revoke: "App-Schlüssel widerrufen",
    },
    delegation: {
      request: "Delegation anfragen",
      approve: "Delegation genehmigen",
      decline: "Delegation ablehnen",
      revoke: "Delegation widerrufen",
      assignStaff: "Mitarbeitende für Delegation wählen",
      expire: "Delegation abgelaufen",
      lapse: "Delegationsanfrage verfallen",
    },
    operatorAccess: {
      request: "Betreiberzugriff beantragen",
      approve: "Betreiberzugriff genehmigen",
      deny: "Betreiberzugriff ablehnen",
      revoke: "Betreiberzugriff beenden",
      expire: "Betreiberzugriff abgelaufen",
    },
    auth: {
      signIn: "Angemeldet",
      signInFailed: "Anmeldung fehlgeschlagen",
      secondFactorFailed: "Falscher zweiter Faktor",
      stepUp: "Mit zweitem Faktor bestätigt",
      signOut: "Abgemeldet",
      passwordResetRequested: "Link zum Zurücksetzen des Passworts angefordert",
      passwordReset: "Passwort per Link zurückgesetzt",
    },
  },
  outcomes: {
    allowed: "Erlaubt",
    denied: "Abgelehnt",
    needs_step_up: "Bestätigung nötig",
    failed: "Fehlgeschlagen",
  },
  roles: {
    domain_admin: "Domain-Admin",
    helpdesk_admin: "Helpdesk-Admin",
    compliance_officer: "Compliance-Beauftragte Person",
    auditor: "Prüfer/in",
    self: "selbst",
    system: "automatisch",
    member: "Mitglied",
  },
  profile: {
    title: "Mein Konto",
    lede: "Das speichert {{organisation}} über Sie.",
    heading: "Profil",
    notSet: "Nicht angegeben",
    name: "Name",
    email: "E-Mail",
    phone: "Telefon",
    jobTitle: "Stellenbezeichnung",
    department: "Abteilung",
    manager: "Führungskraft",
    managerWithEmail: "{{name}} ({{email}})",
    managerNoEmail: "{{name}} (keine E-Mail)",
    organisation: "Organisation",
    roles: "Admin-Rollen",
    noRoles: "Keine",
    language: "Sprache",
    languages: { en: "English", de: "Deutsch" },
    timeZone: "Zeitzone",
    lastSignIn: "Letzte Anmeldung",
    created: "Konto erstellt",
    givenName: "Vorname",
    familyName: "Nachname",
    locked: "Gesperrt",
    lockedBy: "Gesperrt von {{name}} am {{when}}: „{{reason}}“. Fragen Sie dort nach, wenn es geändert werden muss.",
    phoneHint: "Ziffern, optional mit führendem + und Leerzeichen.",
    save: "Profil speichern",
    saved: "Ihr Profil ist gespeichert.",
    emailHeading: "E-Mail-Adresse",
    emailCurrent: "Sie melden sich mit {{email}} an.",
    emailHint:
      "Wir senden einen Link an die neue Adresse; die Änderung gilt, sobald Sie ihn öffnen. Bis dahin melden Sie sich wie bisher an.",
    newEmail: "Neue E-Mail-Adresse",
    currentPassword: "Aktuelles Passwort",
    sendLink: "Bestätigungslink senden",
    emailSent:
      "Wir haben einen Link an {{email}} gesendet. Öffnen Sie ihn innerhalb von 24 Stunden, um die Änderung abzuschließen.",
    emailChanged: "Erledigt: Sie melden sich jetzt mit {{email}} an.",
    confirmEmail: "Ab jetzt mit {{email}} anmelden?",
    confirmEmailButton: "Ja, meine E-Mail-Adresse ändern",
    backToProfile: "Zurück zu meinem Profil",
    preferencesHeading: "Sprache und Zeitzone",
    timeZoneHint: "Datum und Uhrzeit erscheinen in dieser Zeitzone, auf jeder Seite und in jeder E-Mail.",
    savePreferences: "Einstellungen speichern",
    preferencesSaved: "Ihre Einstellungen sind gespeichert.",
    organisationHeading: "Von Ihrer Organisation gepflegt",
    organisationHint: "Diese Angaben pflegt Ihre Organisation. Wenn eine davon falsch ist,",
    askCorrection: "beantragen Sie eine Berichtigung.",
  },
  nav: {
    teamApps: "Apps Ihres Teams",
    profile: "Profil",
    security: "Sicherheit",
    activity: "Aktivitäten",
    access: "Wer hat Zugriff",
    devices: "Geräte",
    privacy: "Datenschutz",
  },
  activity: {
    title: "Aktivitäten",
    lede: "Alles, was über Ihr Konto aufgezeichnet wurde und Sie sehen dürfen: was getan wurde, von wem, warum und wann. Zeiten in {{timeZone}}.",
    filters: "Filtern",
    kind: "Was",
    kinds: {
      all: "Alles",
      signIn: "Anmeldungen und Sicherheitsprüfungen",
      admin: "Änderungen an Ihrem Konto",
      self: "Was Sie selbst getan haben",
      privacy: "Aufbewahrungen, Sperren und Ihre Daten",
      other: "Sonstiges",
    },
    from: "Von",
    to: "Bis",
    show: "Anzeigen",
    clear: "Filter zurücksetzen",
    download: "Als CSV herunterladen",
    badDay: "Geben Sie ein Datum wie 2026-11-03 ein.",
    badRange: "Das Anfangsdatum liegt nach dem Enddatum.",
    badKind: "Wählen Sie eine der aufgeführten Arten.",
    empty: "Keine Aufzeichnung passt dazu.",
    caption: "Audit-Einträge zu Ihrem Konto, neueste zuerst",
    when: "Wann",
    what: "Was",
    who: "Wer",
    where: "Von wo",
    you: "Sie",
    nobody: "Jemand, der nicht angemeldet war",
    system: "Glasshouse (automatisch)",
    actorWithRole: "{{name}}, {{role}}",
    reason: "Begründung: „{{reason}}“",
    viaDelegation: "über {{reseller}} im Rahmen der Delegation Nr. {{number}}",
    viaOperator: "über {{operator}} mit Betreiberzugriff Nr. {{number}}",
    justification: "Begründung des Zugriffs: „Ticket {{ticket}}, {{justification}}“",
    sealed: "In der signierten Audit-Kette Ihrer Organisation festgehalten (Prüfpunkt vom {{when}})",
    unsealed: "Festgehalten; der nächste signierte Prüfpunkt wird den Eintrag abdecken",
    pseudonymised: "Angaben eines gelöschten Kontos wurden in diesem Eintrag ersetzt",
    chain:
      "Jeder Eintrag ist über einen Hash mit dem vorigen verknüpft, und die Kette wird regelmäßig signiert: Ein geänderter oder entfernter Eintrag fiele auf.",
    newest: "← Neueste",
    older: "Ältere →",
    csv: {
      occurredAt: "wann (UTC)",
      action: "was",
      outcome: "Ergebnis",
      actor: "wer",
      role: "Rolle",
      organisation: "Organisation",
      via: "über",
      justification: "Begründung des Zugriffs",
      reason: "Begründung",
      sentence: "Entscheidung",
      ipAddress: "IP-Adresse",
      device: "Gerät",
    },
    csvValues: {
      delegation: "{{reseller}}, Delegation Nr. {{number}}",
      operatorAccess: "{{operator}}, Betreiberzugriff Nr. {{number}}",
      justification: "Ticket {{ticket}}, {{justification}}",
    },
  },
  security: deSecurity,
  console: deConsole,
  consoleAccounts: deConsoleAccounts,
  consoleAccount: deConsoleAccount,
  consoleHolds: deConsoleHolds,
  consoleAudit: deConsoleAudit,
  consoleBulk: deConsoleBulk,
  partners: dePartners,
  operator: deOperator,
  telemetry: deTelemetry,
  /** Browser tab titles of the pages outside the admin console. */
  titles: {
    myAccount: "Mein Konto · Glasshouse",
    access: "Wer auf mein Konto zugreifen kann · Glasshouse",
    devices: "Geräte · Mein Konto · Glasshouse",
    activity: "Aktivitäten · Mein Konto · Glasshouse",
    confirmEmail: "E-Mail-Adresse bestätigen · Glasshouse",
    changePassword: "Passwort ändern · Glasshouse",
    privacy: "Datenschutz · Mein Konto · Glasshouse",
    policy: "Datenschutzerklärung · Glasshouse",
    signIn: "Anmelden · Glasshouse",
    twoStep: "Bestätigung in zwei Schritten · Glasshouse",
    resetPassword: "Passwort zurücksetzen · Glasshouse",
    newPassword: "Neues Passwort wählen · Glasshouse",
    confirm: "Bestätigen Sie, dass Sie es sind · Glasshouse",
  },
  header: {
    home: "Glasshouse-Startseite",
    main: "Hauptnavigation",
    console: "Admin-Konsole",
    myAccount: "Mein Konto",
    signOut: "Abmelden",
  },
  auth: {
    signInTitle: "Bei Glasshouse anmelden",
    resetDone:
      "Ihr Passwort wurde geändert und alle Sitzungen wurden beendet. Melden Sie sich mit dem neuen Passwort an.",
    email: "E-Mail",
    password: "Passwort",
    signingIn: "Anmeldung läuft…",
    signIn: "Anmelden",
    passkeySignIn: "Mit einem Passkey anmelden",
    forgot: "Passwort vergessen?",
    lockedSeconds_one: "Zu viele Fehlversuche. Zu Ihrer Sicherheit versuchen Sie es in {{count}} Sekunde erneut.",
    lockedSeconds_other: "Zu viele Fehlversuche. Zu Ihrer Sicherheit versuchen Sie es in {{count}} Sekunden erneut.",
    lockedMinutes_one: "Zu viele Fehlversuche. Zu Ihrer Sicherheit versuchen Sie es in {{count}} Minute erneut.",
    lockedMinutes_other: "Zu viele Fehlversuche. Zu Ihrer Sicherheit versuchen Sie es in {{count}} Minuten erneut.",
    forgotTitle: "Passwort zurücksetzen",
    forgotSent:
      "Wenn {{email}} zu einem aktiven Konto gehört, haben wir einen Link geschickt, mit dem Sie ein neues Passwort wählen können. Der Link funktioniert einmal, 30 Minuten lang.",
    forgotLede:
      "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.",
    emailMeLink: "Link senden",
    backToSignIn: "Zurück zur Anmeldung",
    confirmTitle: "Bestätigen Sie, dass Sie es sind",
    signingInAs: "Anmeldung als",
    twoStepOn: "Für Ihr Konto ist die Bestätigung in zwei Schritten eingeschaltet.",
    startAgain: "Neu beginnen",
    totpCode: "Code aus Ihrer Authenticator-App",
    verify: "Bestätigen",
    usePasskey: "Passkey verwenden",
    useRecoveryCode: "Einen Wiederherstellungscode verwenden",
    recoveryCode: "Wiederherstellungscode",
    recoveryHint:
      "Einer der Codes, die Sie beim Einrichten der Bestätigung in zwei Schritten gespeichert haben. Jeder funktioniert einmal.",
    useRecoveryCodeButton: "Wiederherstellungscode verwenden",
    stepUpLede:
      "Diese Aktion braucht einen zweiten Faktor aus den letzten 10 Minuten. Danach kehren Sie dorthin zurück, wo Sie waren, mit dem, was Sie eingegeben haben.",
    stepUpNoFactor: "Diese Aktion braucht einen zweiten Faktor, und Ihr Konto hat noch keinen.",
    stepUpSetUp: "Richten Sie eine Authenticator-App oder einen Passkey ein",
    stepUpThen: " und versuchen Sie es dann erneut.",
    cancel: "Abbrechen",
    newPassword: "Neues Passwort",
    newPasswordAgain: "Neues Passwort wiederholen",
    passwordHint: "Mindestens {{min}} Zeichen. {{hint}}",
    chooseNewPassword: "Neues Passwort wählen",
    changePassword: "Passwort ändern",
    adminReset:
      "Ihr Passwort wurde von der Administration zurückgesetzt. Wählen Sie ein neues, um fortzufahren; das vorläufige Passwort ist Ihr aktuelles.",
    currentPassword: "Aktuelles Passwort",
    strongHint: "Einige Wörter ohne Zusammenhang ergeben ein starkes Passwort, das man sich gut merken kann.",
    otherSessionsEnd: "Ihre anderen Sitzungen werden beendet; diese bleibt angemeldet.",
    changePasswordButton: "Passwort ändern",
    resetHint: "Alle Sitzungen Ihres Kontos werden beendet.",
    askNewLink: "Neuen Link anfordern",
    setNewPassword: "Neues Passwort festlegen",
  },
  access: {
    title: "Wer auf Ihr Konto zugreifen kann",
    lede: "Alle, die bei {{organisation}} auf Ihr Konto einwirken können, und was die Regeln jedem von ihnen heute erlauben.",
    adminsHeading: "Administration von {{organisation}}",
    noAdmins: "Ihre Organisation hat keine weiteren Administratoren.",
    name: "Name",
    email: "E-Mail",
    roles: "Rollen",
    rolesHeading: "Was jede Rolle an Ihrem Konto tun darf",
    whoRole: "die Rolle {{role}}",
    can: "Erlaubt für {{who}}: {{actions}}.",
    canWithStepUp: "Erlaubt für {{who}} nach Bestätigung eines zweiten Faktors: {{actions}}.",
    canNothing: "Für {{who}} ist derzeit nichts an Ihrem Konto erlaubt.",
    managerHeading: "Ihre Führungskraft",
    noManager: "In Glasshouse ist für Sie keine Führungskraft eingetragen.",
    resellersHeading: "Partner mit Zugriff",
    noResellers: "Derzeit hat kein Partner (Reseller) Zugriff auf Ihre Organisation.",
    delegation: "{{reseller}}, Delegation Nr. {{number}}",
    since: "Seit",
    until: "Bis",
    noEnd: "Ohne Enddatum",
    whoReseller: "die Mitarbeitenden von {{reseller}}",
    delegationUntil: "{{reseller}}, Delegation Nr. {{number}}, bis {{until}}",
    operatorHeading: "Mitarbeitende des Plattformbetreibers mit Zugriff",
    noOperatorAccess: "Derzeit hat niemand beim Plattformbetreiber Zugriff auf Ihr Konto.",
    operatorAccess: "{{operator}}, Betreiberzugriff Nr. {{number}}",
    operatorAccessUntil: "{{operator}}, Betreiberzugriff Nr. {{number}}, bis {{until}}",
    scope: "Umfang",
    scopeMe: "Ihr Konto, namentlich",
    scopeOrganisation: "Alle bei {{organisation}}",
    ticket: "Ticket",
    justification: "Begründung",
    quoted: "„{{text}}“",
    grants: "Erlaubt",
    readOnly: "Nur Lesen",
    readAndActions: "Lesen sowie: {{actions}}",
    requestedBy: "Beantragt von",
    whoOperator: "die Mitarbeitenden von {{operator}} mit diesem Zugriff",
    footnote:
      "Das ergibt sich aus den aktuellen Regeln Ihrer Organisation, einschließlich rechtlicher Aufbewahrungen und Sperren für Ihr Konto. Alles, was jemand tut, steht unter Aktivitäten.",
  },
  myDevices: {
    title: "Ihre Geräte und Apps",
    lede: "Die Geräte und App-Installationen, die die Apps von {{organisation}} für Ihr Konto gemeldet haben. Zeiten in {{timeZone}}.",
    devicesHeading: "Geräte",
    noDevices: "Keine App hat ein Gerät für Ihr Konto gemeldet.",
    installationsHeading: "App-Installationen",
    noInstallations: "Keine App hat eine Installation für Ihr Konto gemeldet.",
    model: "Modell",
    os: "Betriebssystem",
    identifier: "Gerätekennung",
    app: "App",
    version: "Version",
    device: "Gerät",
    installationNumber: "Installationsnummer",
    firstSeen: "Zuerst gesehen",
    lastSeen: "Zuletzt gesehen",
    uninstalled: "Deinstalliert",
    unknown: "unbekannt",
    collectedHeading: "Was die Apps melden",
    collectedLede:
      "Bei jeder Installation und Deinstallation einer App, und regelmäßig, solange sie installiert bleibt, meldet sie {{organisation}}:",
    collected: {
      installationNumber: "die Installationsnummer, die die App bei der Installation auf dem Gerät gewählt hat",
      app: "den Namen und die Version der App",
      os: "das Betriebssystem des Geräts und seine Version",
      device: "das Modell und die Kennung des Geräts",
      account: "das Konto, mit dem sie angemeldet war (Ihres)",
      times: "wann sie installiert und deinstalliert wurde und wann sie sich zuletzt gemeldet hat",
    },
    retention_one:
      "{{organisation}} bewahrt jede dieser Meldungen {{count}} Monat lang auf und löscht sie dann, es sei denn, eine rechtliche Aufbewahrung verlangt, sie länger aufzubewahren.",
    retention_other:
      "{{organisation}} bewahrt jede dieser Meldungen {{count}} Monate lang auf und löscht sie dann, es sei denn, eine rechtliche Aufbewahrung verlangt, sie länger aufzubewahren.",
    rollups:
      "Tägliche Zahlen der Installationen und Deinstallationen je App, Version und Betriebssystem bleiben erhalten; sie nennen weder Sie noch Ihre Geräte. Die Listen oben zeigen die jeweils letzte Meldung jedes Geräts und jeder Installation.",
  },
  privacy: {
    title: "Datenschutz",
    lede: "Ihre Entscheidungen über E-Mails von {{organisation}} und Ihre Rechte an Ihren Daten.",
    marketingHeading: "Verteiler",
    marketingLede:
      "Jeder Verteiler ist getrennt; Beitritt und Austritt werden mit Datum und der geltenden Datenschutzerklärung festgehalten.",
    lists: {
      "product-news": {
        name: "Produktneuigkeiten",
        description: "Was es Neues in den Produkten Ihrer Organisation gibt, einmal im Monat.",
      },
      events: {
        name: "Veranstaltungen und Webinare",
        description: "Einladungen zu Veranstaltungen und Online-Terminen.",
      },
      research: {
        name: "Nutzerforschung",
        description: "Gelegentliche Einladungen, neue Funktionen auszuprobieren und uns Ihre Meinung zu sagen.",
      },
    },
    subscribed: "Abonniert",
    notSubscribed: "Nicht abonniert",
    join: "{{list}} abonnieren",
    leave: "{{list}} abbestellen",
    joined: "Sie haben den Verteiler abonniert.",
    left: "Sie haben den Verteiler abbestellt.",
    consentHeading: "Ihre Einwilligungen",
    noConsents: "Noch keine Entscheidungen festgehalten.",
    when: "Wann",
    list: "Verteiler",
    choice: "Entscheidung",
    how: "Wie",
    policyVersion: "Datenschutzerklärung",
    optedIn: "Abonniert",
    optedOut: "Abbestellt",
    methods: { "my-account": "Mein Konto", "signup-form": "Anmeldeformular" },
    requestsHeading: "Ihre Daten",
    requestsLede:
      "Beantragen Sie bei {{organisation}} eine Kopie Ihrer Daten, eine Berichtigung, eine Einschränkung oder die Löschung. Jede Anfrage wird innerhalb von {{days}} Tagen beantwortet.",
    held: "{{organisation}} muss Ihre Daten derzeit aufgrund einer rechtlichen Verpflichtung aufbewahren. Ein Antrag auf Löschung bleibt offen und wird ausgeführt, sobald diese Verpflichtung endet.",
    heldNamed:
      "{{organisation}} muss Ihre Daten derzeit aufgrund einer rechtlichen Verpflichtung aufbewahren ({{matters}}). Ein Antrag auf Löschung bleibt offen und wird ausgeführt, sobald diese Verpflichtung endet.",
    copyReady: "Eine Kopie Ihrer Daten liegt bereit:",
    copyJson: "Als JSON herunterladen",
    copyHtml: "Lesbare Übersicht öffnen",
    kinds: {
      access: {
        title: "Eine Kopie Ihrer Daten",
        description: "Alles, was Glasshouse über Sie speichert, als JSON und als lesbare Seite zum Herunterladen.",
        submit: "Kopie beantragen",
      },
      rectification: {
        title: "Eine Berichtigung",
        description: "Etwas, das Ihre Organisation über Sie speichert, ist falsch.",
        submit: "Berichtigung beantragen",
      },
      restriction: {
        title: "Eine Einschränkung",
        description:
          "Bitten Sie Ihre Organisation, Ihre Daten außer zur Aufbewahrung nicht mehr zu verwenden, bis etwas geklärt ist.",
        submit: "Einschränkung beantragen",
      },
      erasure: {
        title: "Löschung",
        description: "Bitten Sie Ihre Organisation, Ihre Daten zu löschen und Ihr Konto zu schließen.",
        submit: "Löschung beantragen",
      },
    },
    deletionLocked: "Anträge auf Löschung sind für Ihr Konto seit {{when}} von {{name}} gesperrt: „{{reason}}“.",
    correctionDetails: "Welche Angabe ist falsch, und wie sollte sie lauten?",
    optionalDetails: "Ergänzungen (freiwillig)",
    alreadyOpen: "Sie haben bereits eine offene Anfrage dieser Art; unten sehen Sie, wie es darum steht.",
    requestSent:
      "Ihre Anfrage ist eingegangen. Unten sehen Sie, wie es darum steht, und wir schreiben Ihnen, sobald sie beantwortet ist.",
    requestHeld:
      "Ihre Anfrage ist eingegangen, aber Ihre Organisation muss Ihre Daten derzeit aufgrund einer rechtlichen Verpflichtung aufbewahren. Sie bleibt offen, bis diese endet.",
    acknowledged: "Danke.",
    myRequests: "Ihre Anfragen",
    noRequests: "Sie haben keine Anfragen gestellt.",
    kind: "Anfrage",
    received: "Eingegangen",
    due: "Fällig bis",
    status: "Stand",
    answer: "Antwort",
    statuses: {
      received: "Eingegangen",
      in_progress: "In Bearbeitung",
      waiting_on_hold: "Wartet: Daten müssen aufbewahrt werden",
      completed: "Erledigt",
      refused: "Abgelehnt",
    },
    handledBy: "Bearbeitet von {{name}}",
    policyHeading: "Datenschutzerklärung",
    policyCurrent: "Es gilt Version {{version}}, veröffentlicht am {{day}}.",
    readPolicy: "Lesen",
    archive: "Frühere Versionen",
    noPolicy: "Es wurde noch keine Datenschutzerklärung veröffentlicht.",
  },
  policy: {
    title: "Datenschutzerklärung",
    current: "Version {{version}} (gültig)",
    published: "Veröffentlicht am {{day}}",
    earlier: "Frühere Versionen",
    significant: "wesentliche Änderung",
    back: "Mein Konto",
    versionTitle: "Datenschutzerklärung, Version {{version}}",
    inForce: "Gültig",
    superseded: "Durch eine neuere Version ersetzt",
    bannerLabel: "Hinweis zur Datenschutzerklärung",
    bannerTitle: "Unsere Datenschutzerklärung hat sich am {{day}} geändert (Version {{version}}).",
    bannerDismiss: "Verstanden",
  },
  copy: {
    title: "Ihre Daten in Glasshouse",
    made: "Erstellt am {{when}} ({{timeZone}}).",
    signIn: "Wie Sie sich anmelden",
    totpOn: "Authenticator-App: eingeschaltet.",
    totpOff: "Authenticator-App: ausgeschaltet.",
    passkeys_one: "{{count}} Passkey.",
    passkeys_other: "{{count}} Passkeys.",
    sessions_one: "{{count}} angemeldete Sitzung.",
    sessions_other: "{{count}} angemeldete Sitzungen.",
    holds: "Rechtliche Aufbewahrung",
    held: "Ihre Organisation muss Ihre Daten aufgrund einer rechtlichen Verpflichtung aufbewahren.",
    heldNamed: "Ihre Organisation muss Ihre Daten aufgrund einer rechtlichen Verpflichtung aufbewahren: {{matters}}.",
    notHeld: "Für Ihre Daten gilt keine rechtliche Aufbewahrung.",
    apps: "Installierte Apps",
    noApps: "Keine.",
    reason: "Begründung",
  },
  /** Server messages with values in them: {{placeholders}} stand for the values (app/i18n/i18n.ts, localiseMessage). */
  messagePatterns: {
    ...dePartnerMessagePatterns,
    ...deTelemetryMessagePatterns,
    accountAlreadySuspended: "Das Konto von {{name}} ist bereits gesperrt.",
    accountAlreadyTerminated: "Das Konto von {{name}} ist bereits geschlossen.",
    accountNotSuspended: "Das Konto von {{name}} ist nicht gesperrt.",
    accountNotTerminated: "Das Konto von {{name}} ist nicht geschlossen.",
    accountPurgedNoRestore: "Das Konto von {{name}} wurde endgültig gelöscht und kann nicht wiederhergestellt werden.",
    accountGoneNamed: "Das Konto von {{name}} gibt es nicht mehr.",
    accountAlreadyPurged: "Das Konto von {{name}} wurde bereits endgültig gelöscht.",
    accountChanged: "Das Konto von {{name}} hat sich inzwischen geändert; es wurde nichts daran getan.",
    suspendedRestoreFirst: "Das Konto von {{name}} ist gesperrt; stellen Sie es zuerst wieder her.",
    activeOnlyTerminatedPurged:
      "Das Konto von {{name}} ist aktiv; nur ein geschlossenes Konto wird endgültig gelöscht.",
    suspendedOnlyTerminatedPurged:
      "Das Konto von {{name}} ist gesperrt; nur ein geschlossenes Konto wird endgültig gelöscht.",
    hasRole: "{{name}} hat diese Rolle bereits.",
    lacksRole: "{{name}} hat diese Rolle nicht.",
    ownManager: "{{name}} kann nicht die eigene Führungskraft sein.",
    alreadyManager: "Das ist bereits die Führungskraft von {{name}}.",
    noManagerAlready: "{{name}} hat bereits keine Führungskraft.",
    managerLoop: "{{manager}} berichtet direkt oder über andere an {{name}}; das ergäbe einen Kreis.",
    managerTerminated: "Das Konto von {{manager}} ist geschlossen; wählen Sie eine aktive Führungskraft.",
    noEmailUseTemporary: "{{name}} hat keine E-Mail-Adresse; legen Sie stattdessen ein vorläufiges Passwort fest.",
    noSecondFactor: "{{name}} hat keinen zweiten Faktor, der zurückgesetzt werden könnte.",
    holdCoversAll: "Die rechtliche Aufbewahrung '{{hold}}' erfasst bereits die ganze Organisation.",
    holdNamesNone:
      "Die rechtliche Aufbewahrung '{{hold}}' erfasst die ganze Organisation: Sie nennt keine Konten, die hinzugefügt oder entfernt werden könnten.",
    holdAlreadyReleased: "Die rechtliche Aufbewahrung '{{hold}}' wurde bereits aufgehoben.",
    holdReleased: "Die rechtliche Aufbewahrung '{{hold}}' wurde aufgehoben.",
    holdReleasedNoChange:
      "Die rechtliche Aufbewahrung '{{hold}}' wurde aufgehoben; eine aufgehobene Aufbewahrung kann nicht geändert werden.",
    lockCleared: "Diese Sperre wurde bereits am {{on}} von {{who}} aufgehoben.",
    requestCompleted: "Diese Anfrage ist bereits erledigt.",
    requestRefused: "Diese Anfrage wurde bereits abgelehnt.",
    filterMoved:
      "Der Filter trifft jetzt auf {{now}} Konten zu, nicht auf die {{saw}}, die Sie gesehen haben. Sehen Sie sich die Liste erneut an und bestätigen Sie dann.",
  },
  messages: {
    ...dePartnerMessages,
    ...deOperatorMessages,
    ...deTelemetryMessages,
    nameADelegationByItsNumber: "Geben Sie eine Delegation mit ihrer Nummer oder ID an.",
    nameAnOperatorAccessByItsNumber: "Geben Sie einen Betreiberzugriff mit seiner Nummer oder ID an.",
    aHoldOnTheWholeOrganisation:
      "Eine Aufbewahrung für die ganze Organisation erfasst jedes Konto: Wählen Sie dafür keine Konten.",
    aLegalHoldCoversThisPerson:
      "Für diese Person gilt eine rechtliche Aufbewahrung: Der Löschantrag bleibt offen, bis die Aufbewahrung aufgehoben ist.",
    anAccountCannotBeAddedAnd: "Ein Konto kann nicht gleichzeitig hinzugefügt und entfernt werden.",
    anAccountChangedMeanwhileNothingWas: "Ein Konto hat sich inzwischen geändert; es wurde nichts daran getan.",
    anAuthenticatorAppIsAlreadySet: "Für dieses Konto ist bereits eine Authenticator-App eingerichtet.",
    anEmailIsAtMostCharacters: "Eine E-Mail-Adresse hat höchstens 254 Zeichen.",
    anErasureRequestIsFulfilledBy:
      "Ein Löschantrag wird erfüllt, indem die Daten der Person gelöscht werden: Verwenden Sie „Daten löschen“.",
    chooseALegalHold: "Wählen Sie eine rechtliche Aufbewahrung.",
    chooseALock: "Wählen Sie eine Sperre.",
    chooseARequest: "Wählen Sie eine Anfrage.",
    chooseARole: "Wählen Sie eine Rolle.",
    chooseASettingToLock: "Wählen Sie eine Einstellung zum Sperren.",
    chooseAccountsToAddOrTo: "Wählen Sie Konten zum Hinzufügen oder Entfernen.",
    chooseAnAccountOfThisOrganisation: "Wählen Sie ein Konto dieser Organisation.",
    chooseAnActiveDomainAdminOr:
      "Wählen Sie einen aktiven Domain-Admin oder eine aktive Compliance-beauftragte Person dieser Organisation.",
    chooseAtLeastOneAccountTo: "Wählen Sie mindestens ein Konto für die Aufbewahrung.",
    chooseAtLeastOneAccount: "Wählen Sie mindestens ein Konto.",
    chooseHowToResetThePassword: "Wählen Sie, wie das Passwort zurückgesetzt wird.",
    chooseTheAccountsByTheirIds: "Wählen Sie die Konten anhand ihrer IDs.",
    chooseTheAccountsTickThemIn:
      "Wählen Sie die Konten: Markieren Sie sie in der Liste, oder wählen Sie alle passenden aus.",
    chooseTheLegalHoldToAdd: "Wählen Sie die rechtliche Aufbewahrung, zu der die Konten hinzukommen.",
    chooseTheSettingToLock: "Wählen Sie die Einstellung, die gesperrt werden soll.",
    chooseWhatTheHoldCoversChosen:
      "Wählen Sie, was die Aufbewahrung erfasst: ausgewählte Konten oder die ganze Organisation.",
    chooseWhatToDoToThe: "Wählen Sie aus der Liste, was mit den Konten geschehen soll.",
    chooseWhatToDoToThe2: "Wählen Sie, was mit den Konten geschehen soll.",
    chooseWhoHandlesTheRequest: "Wählen Sie, wer die Anfrage bearbeitet.",
    giveTheHoldAName: "Geben Sie der Aufbewahrung einen Namen.",
    giveThePolicyAName: "Geben Sie der Richtlinie einen Namen.",
    keepTheDescriptionUnderCharacters: "Die Beschreibung darf höchstens 2.000 Zeichen lang sein.",
    keepTheNameUnderCharacters: "Der Name darf höchstens 120 Zeichen lang sein.",
    keepTheNameUnderCharacters2: "Der Name darf höchstens 80 Zeichen lang sein.",
    keepThePolicyUnderCharacters: "Die Richtlinie darf höchstens 20.000 Zeichen lang sein.",
    keepTheReasonUnderCharacters: "Die Begründung darf höchstens 1.000 Zeichen lang sein.",
    keepTheReferenceUnderCharacters: "Das Aktenzeichen darf höchstens 120 Zeichen lang sein.",
    noAccountInThisOrganisationHas: "Kein Konto dieser Organisation hat diese E-Mail-Adresse.",
    nothingToSaveNoSettingWas: "Nichts zu speichern: Es wurde keine Einstellung geändert.",
    oneOfTheChosenAccountsIs: "Eines der gewählten Konten ist keine Konto-ID.",
    oneOfTheChosenAccountsIs2:
      "Eines der gewählten Konten gehört nicht zu dieser Organisation (wurde es inzwischen gelöscht?). Es wurde nichts geändert.",
    onlyAPublishedSignificantVersionIs: "Angekündigt wird nur eine veröffentlichte, wesentliche Version.",
    onlyAnErasureRequestIsFulfilled: "Nur ein Löschantrag wird durch Löschen der Daten erfüllt.",
    sayWhetherTheHeldPeopleMay: "Geben Sie an, ob die betroffenen Personen davon erfahren dürfen.",
    sayWhyTheRequestIsRefused: "Begründen Sie die Ablehnung; die Person liest es.",
    sayWhyYouAreDoingThis: "Begründen Sie, warum Sie das tun (eine Ticketnummer oder ein paar Worte).",
    sayWhyYouAreDoingThis2: "Begründen Sie, warum Sie das tun.",
    selectTheAccountsFromTheList: "Wählen Sie die Konten erneut aus der Liste.",
    thatAccountIsNoLongerThere: "Dieses Konto gibt es nicht mehr.",
    thatAccountIsNotInThis: "Dieses Konto gehört nicht zu dieser Organisation.",
    thatCodeIsNotRightCheck:
      "Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit Ihrer Authenticator-App oder versuchen Sie den nächsten Code.",
    thatIsNotAnAccountOf: "Das ist kein Konto dieser Organisation.",
    thatPolicyNoLongerExists: "Diese Richtlinie gibt es nicht mehr.",
    thatRequestIsNotThereAny: "Diese Anfrage gibt es nicht mehr.",
    theActionFailedAndNothingWas: "Die Aktion ist fehlgeschlagen; es wurde nichts geändert.",
    theFilterIsNotOneThe: "Diesen Filter erzeugt die Kontenliste nicht; filtern Sie die Liste erneut.",
    theFilterMatchesNoAccounts: "Der Filter trifft auf kein Konto zu.",
    theOrganisationIsNotThereAny: "Die Organisation gibt es nicht mehr.",
    theRequestIsAlreadyAssignedTo: "Die Anfrage ist bereits dieser Person zugewiesen.",
    thereIsNoSuchAccountIn: "In dieser Organisation gibt es kein solches Konto.",
    thereIsNoSuchLegalHold: "In dieser Organisation gibt es keine solche rechtliche Aufbewahrung.",
    thisAccountCannotSignInAsk:
      "Mit diesem Konto ist keine Anmeldung möglich. Wenden Sie sich an die Administration Ihrer Organisation.",
    thisResetLinkHasExpiredOr:
      "Dieser Link zum Zurücksetzen ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.",
    useLettersDigitsSpacesDotsDashes:
      "Verwenden Sie Buchstaben, Ziffern, Leerzeichen, Punkte, Bindestriche und Unterstriche.",
    writeThePolicy: "Schreiben Sie die Richtlinie.",
    writeWhatThePersonShouldRead: "Schreiben Sie, was die Person lesen soll (mindestens ein paar Worte).",
    writeWhatThePersonShouldRead2: "Schreiben Sie, was die Person lesen soll.",
    yourSessionHasEndedSignIn: "Ihre Sitzung ist beendet. Melden Sie sich erneut an.",
    recoveryCodeWrong: "Dieser Wiederherstellungscode stimmt nicht oder wurde bereits verwendet.",
    noSuchPolicyVersion: "Diese Version der Datenschutzerklärung gibt es nicht.",
    totpAlreadySet: "Eine Authenticator-App ist bereits eingerichtet. Schalten Sie sie zuerst aus.",
    choosePasskey: "Wählen Sie einen Passkey.",
    passwordHasEmail: "Wählen Sie ein Passwort, das Ihre E-Mail-Adresse nicht enthält.",
    passwordHasName: "Wählen Sie ein Passwort, das Ihren Namen nicht enthält.",
    chooseSession: "Wählen Sie eine Sitzung.",
    enterNewPassword: "Geben Sie ein neues Passwort ein.",
    enterTotp: "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
    passkeyNameExample: "Geben Sie dem Passkey einen Namen, etwa „Arbeitslaptop“.",
    passkeyName: "Geben Sie dem Passkey einen Namen.",
    nameTooLong60: "Der Name darf höchstens 60 Zeichen lang sein.",
    noTotp: "Es ist keine Authenticator-App eingerichtet.",
    factorFirst: "Richten Sie zuerst eine Authenticator-App oder einen Passkey ein.",
    setupExpired: "Beginnen Sie neu: Die Einrichtung ist abgelaufen.",
    codeUsed: "Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten.",
    codeWrong:
      "Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit auf Ihrem Telefon oder warten Sie auf den nächsten Code.",
    thisSession: "Das ist die Sitzung dieses Browsers: Melden Sie sich stattdessen ab.",
    passkeyCopied:
      "Diesem Passkey kann nicht vertraut werden: Sein Nutzungszähler ist zurückgegangen, was auf eine Kopie hindeuten kann. Melden Sie sich anders an und prüfen Sie Ihre Passkeys.",
    passkeyRegistered: "Dieser Passkey ist bereits registriert.",
    passkeyNotYours: "Dieser Passkey gehört nicht zu Ihrem Konto.",
    passkeyNotThisAccount:
      "Dieser Passkey ist für dieses Konto nicht registriert. Versuchen Sie einen anderen oder melden Sie sich anders an.",
    passkeyExpired: "Diese Passkey-Anfrage ist abgelaufen. Versuchen Sie es erneut.",
    passkeyUnverified: "Diese Passkey-Antwort konnte nicht geprüft werden. Versuchen Sie es erneut.",
    sessionEnded: "Diese Sitzung ist bereits beendet.",
    signInExpired: "Diese Anmeldeanfrage ist abgelaufen. Versuchen Sie es erneut.",
    noPasskeySent: "Der Browser hat keinen Passkey gesendet. Versuchen Sie es erneut.",
    commonWithSuffix:
      "Das ist ein häufiges Passwort mit angehängten Ziffern oder Zeichen, das Angreifer früh ausprobieren. Wählen Sie ein anderes: Einige Wörter ohne Zusammenhang eignen sich gut.",
    commonPassword:
      "Das ist eines der häufigsten Passwörter, die Angreifer zuerst ausprobieren. Wählen Sie ein anderes: Einige Wörter ohne Zusammenhang eignen sich gut.",
    enterYourPassword: "Geben Sie Ihr Passwort ein.",
    enterYourEmail: "Geben Sie Ihre E-Mail-Adresse ein.",
    yourEmailTooLong: "Diese E-Mail-Adresse ist zu lang.",
    emailLike: "Geben Sie eine E-Mail-Adresse wie name@example.com ein.",
    wrongCredentials: "Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.",
    enterCode: "Geben Sie den Code ein.",
    codeTooLong: "Dieser Code ist zu lang.",
    samePasswords: "Die beiden neuen Passwörter stimmen nicht überein.",
    typeAgain: "Geben Sie das neue Passwort noch einmal ein.",
    differentPassword: "Wählen Sie ein anderes Passwort als Ihr aktuelles.",
    enterDisplayName: "Geben Sie einen Anzeigenamen ein.",
    displayNameTooLong: "Der Anzeigename darf höchstens 200 Zeichen lang sein.",
    givenNameTooLong: "Der Vorname darf höchstens 200 Zeichen lang sein.",
    familyNameTooLong: "Der Nachname darf höchstens 200 Zeichen lang sein.",
    phoneTooLong: "Die Telefonnummer darf höchstens 40 Zeichen lang sein.",
    phoneInvalid:
      "Geben Sie eine Telefonnummer aus Ziffern ein, optional mit führendem + sowie Leerzeichen, ( ) . / oder -.",
    accountGone: "Ihr Konto ist nicht mehr vorhanden.",
    nothingChanged: "Nichts zu speichern: Es wurde keine Angabe geändert.",
    enterEmail: "Geben Sie eine E-Mail-Adresse ein.",
    emailTooLong: "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.",
    emailInvalid: "Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.",
    emailTaken: "Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet.",
    emailLinkInvalid: "Dieser Link funktioniert nicht mehr. Fordern Sie unter Mein Konto einen neuen an.",
    emailSame: "Das ist bereits Ihre E-Mail-Adresse.",
    enterCurrentPassword: "Geben Sie Ihr aktuelles Passwort ein.",
    passwordTooLong: "Dieses Passwort ist zu lang.",
    wrongCurrentPassword: "Das ist nicht Ihr aktuelles Passwort.",
    chooseLanguage: "Wählen Sie eine der angebotenen Sprachen.",
    chooseTimeZone: "Wählen Sie eine Zeitzone.",
    unknownTimeZone: "Wählen Sie eine Zeitzone aus der Liste, etwa Europe/Berlin.",
    nothingChangedPreferences: "Nichts zu speichern: Es wurde keine Einstellung geändert.",
    chooseList: "Wählen Sie einen der Verteiler.",
    chooseOnOff: "Wählen Sie ein oder aus.",
    chooseARetentionPeriod: "Wählen Sie eine Aufbewahrungsfrist von 1 bis 120 Monaten.",
    alreadyOnList: "Sie haben diesen Verteiler bereits abonniert.",
    notOnList: "Sie haben diesen Verteiler nicht abonniert.",
    newerPolicy: "Inzwischen wurde eine neuere Datenschutzerklärung veröffentlicht; bitte lesen Sie diese.",
    duplicateRequest: "Sie haben bereits eine gleiche offene Anfrage; unten sehen Sie, wie es darum steht.",
    tooLong2000: "Bitte höchstens 2.000 Zeichen.",
    correctionNeeded: "Geben Sie an, welche Angabe falsch ist und wie sie lauten sollte.",
    chooseRequestKind: "Wählen Sie eine der Anfragearten.",
    notUnderstood: "Diese Anfrage wurde nicht verstanden.",
    chooseAccount: "Wählen Sie ein Konto.",
  },
  email: {
    partner: dePartnerEmails,
    operator: deOperatorEmails,
    expiry: deExpiryEmails,
    footer: {
      when: "Wann: {{when}} ({{timeZone}})",
      details: "Details: Melden Sie sich an und öffnen Sie Mein Konto → Aktivitäten: {{url}}",
    },
    reason: "Begründung: {{reason}}",
    account: {
      suspended: {
        subject: "Ihr Konto bei {{organisation}} wurde gesperrt",
        body:
          "{{actor}} hat Ihr Konto bei {{organisation}} gesperrt.\n{{reasonLine}}\n\n" +
          "Sie können sich erst wieder anmelden, wenn eine Administratorin oder ein Administrator es wiederherstellt. " +
          "Alle Ihre Sitzungen wurden beendet.",
      },
      unsuspended: {
        subject: "Ihr Konto bei {{organisation}} ist wieder aktiv",
        body: "{{actor}} hat Ihr Konto bei {{organisation}} wiederhergestellt. Sie können sich wieder anmelden.",
      },
      terminated: {
        subject: "Ihr Konto bei {{organisation}} wurde geschlossen",
        body:
          "{{actor}} hat Ihr Konto bei {{organisation}} geschlossen.\n{{reasonLine}}\n\n" +
          "Sie können sich nicht mehr anmelden, und alle Ihre Sitzungen wurden beendet. Ihre Daten bleiben bis " +
          "zum {{purgeDay}} erhalten und werden dann gelöscht, sofern das Konto bis dahin nicht wiederhergestellt wird.",
        bodyUndated:
          "{{actor}} hat Ihr Konto bei {{organisation}} geschlossen.\n{{reasonLine}}\n\n" +
          "Sie können sich nicht mehr anmelden, und alle Ihre Sitzungen wurden beendet. Ihre Daten bleiben bis " +
          "zum Ende der Frist erhalten und werden dann gelöscht, sofern das Konto bis dahin nicht wiederhergestellt wird.",
      },
      restored: {
        subject: "Ihr Konto bei {{organisation}} ist wieder geöffnet",
        body: "{{actor}} hat Ihr Konto bei {{organisation}} wiederhergestellt. Sie können sich wieder anmelden.",
      },
      passwordReset: {
        subject: "Ihr Passwort bei {{organisation}} wurde zurückgesetzt",
        bodyLink:
          "{{actor}} hat das Passwort Ihres Kontos bei {{organisation}} zurückgesetzt.\n{{reasonLine}}\n\n" +
          "Öffnen Sie diesen Link innerhalb von 30 Minuten, um ein neues Passwort zu wählen (er funktioniert " +
          "nur einmal):\n{{link}}\n\nAlle Ihre Sitzungen wurden beendet.",
        bodyTemporary:
          "{{actor}} hat das Passwort Ihres Kontos bei {{organisation}} zurückgesetzt.\n{{reasonLine}}\n\n" +
          "Sie erhalten ein vorläufiges Passwort; bei der Anmeldung damit wählen Sie ein neues.\n\n" +
          "Alle Ihre Sitzungen wurden beendet.",
      },
      mfaReset: {
        subject: "Ihre Zwei-Faktor-Anmeldung bei {{organisation}} wurde zurückgesetzt",
        body:
          "{{actor}} hat die Zwei-Faktor-Anmeldung Ihres Kontos bei {{organisation}} zurückgesetzt.\n{{reasonLine}}\n\n" +
          "Ihre Authenticator-App, Ihre Passkeys und Ihre Wiederherstellungscodes funktionieren nicht mehr. Alle " +
          "Ihre Sitzungen wurden beendet. Melden Sie sich mit Ihrem Passwort an und richten Sie die " +
          "Zwei-Faktor-Anmeldung unter Mein Konto → Sicherheit neu ein.",
      },
      emailChanged: {
        subject: "Die E-Mail-Adresse Ihres Kontos bei {{organisation}} wurde geändert",
        body:
          "{{actor}} hat die E-Mail-Adresse Ihres Kontos bei {{organisation}} von {{from}} in {{to}} geändert.\n\n" +
          "Ab jetzt melden Sie sich mit {{to}} an. Falls Sie das nicht erwartet haben, wenden Sie sich an Ihre " +
          "Administration.",
        bodyNoPrevious:
          "{{actor}} hat die E-Mail-Adresse Ihres Kontos bei {{organisation}} in {{to}} geändert.\n\n" +
          "Ab jetzt melden Sie sich mit {{to}} an. Falls Sie das nicht erwartet haben, wenden Sie sich an Ihre " +
          "Administration.",
      },
    },
    request: {
      received: {
        subject: "Ihre Anfrage an {{organisation}} ist eingegangen",
        access:
          "Sie haben bei {{organisation}} eine Kopie Ihrer Daten beantragt. Sie wird bis {{due}} beantwortet; sobald sie " +
          "bereitliegt, können Sie sie unter Mein Konto → Datenschutz herunterladen.",
        rectification:
          "Sie haben bei {{organisation}} die Berichtigung Ihrer Daten beantragt. Sie wird bis {{due}} beantwortet; " +
          "den Stand sehen Sie unter Mein Konto → Datenschutz.",
        restriction:
          "Sie haben bei {{organisation}} die Einschränkung der Verarbeitung Ihrer Daten beantragt. Sie wird bis {{due}} " +
          "beantwortet; den Stand sehen Sie unter Mein Konto → Datenschutz.",
        erasure:
          "Sie haben bei {{organisation}} die Löschung Ihrer Daten beantragt. Sie wird bis {{due}} beantwortet; den " +
          "Stand sehen Sie unter Mein Konto → Datenschutz.",
        erasureHeld:
          "Sie haben bei {{organisation}} die Löschung Ihrer Daten beantragt. {{organisation}} muss Ihre Daten derzeit " +
          "aufgrund einer rechtlichen Verpflichtung aufbewahren; Ihre Anfrage bleibt daher offen, bis diese " +
          "Verpflichtung endet. Den Stand sehen Sie unter Mein Konto → Datenschutz.",
      },
      updated: {
        subject: "Ihre Anfrage an {{organisation}}: Es gibt Neuigkeiten",
        responded: "{{actor}} von {{organisation}} schreibt zu Ihrer Anfrage:\n\n„{{message}}“",
        respondedSilent: "{{actor}} von {{organisation}} bearbeitet Ihre Anfrage.",
        completed: "{{actor}} von {{organisation}} hat Ihre Anfrage erledigt:\n\n„{{message}}“",
        completedSilent: "{{actor}} von {{organisation}} hat Ihre Anfrage erledigt.",
        refused: "{{actor}} von {{organisation}} hat Ihre Anfrage abgelehnt:\n\n„{{message}}“",
        refusedSilent: "{{actor}} von {{organisation}} hat Ihre Anfrage abgelehnt.",
      },
    },
    self: {
      notYou:
        "Wenn Sie das nicht waren, ändern Sie Ihr Passwort und wenden Sie sich sofort an die Administration " +
        "Ihrer Organisation.",
      confirmEmail: {
        subject: "Bestätigen Sie Ihre neue E-Mail-Adresse",
        body:
          "Jemand (hoffentlich Sie) möchte sich ab jetzt mit dieser Adresse bei Glasshouse von {{organisation}} anmelden.\n\n" +
          "Öffnen Sie diesen Link innerhalb von 24 Stunden, angemeldet in Ihrem Konto, um es zu bestätigen:\n{{link}}\n\n" +
          "Wenn Sie das nicht beantragt haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.",
      },
      policyChanged: {
        subject: "Unsere Datenschutzerklärung hat sich geändert",
        body:
          "Die Datenschutzerklärung für Ihr Konto bei {{organisation}} hat sich am {{day}} geändert (Version {{version}}).\n\n" +
          "Kurz gesagt (auf Englisch): {{summary}}\n\nHier lesen: {{url}}\n\n" +
          "Was Glasshouse über Sie speichert, sehen Sie unter Mein Konto → Datenschutz; dort können Sie auch eine Kopie, eine Berichtigung oder die Löschung beantragen.",
      },
      emailChanged: {
        subject: "Die E-Mail-Adresse Ihres Kontos wurde geändert",
        body: "Die E-Mail-Adresse Ihres Kontos bei {{organisation}} wurde von {{from}} zu {{to}} geändert.\n\n{{notYou}}",
      },
      passwordChanged: {
        subject: "Ihr Glasshouse-Passwort wurde geändert",
        body_one: "Das Passwort Ihres Kontos wurde geändert. {{count}} andere Sitzung wurde beendet.\n\n{{notYou}}",
        body_other:
          "Das Passwort Ihres Kontos wurde geändert. {{count}} andere Sitzungen wurden beendet.\n\n{{notYou}}",
      },
      totpEnabled: {
        subject: "Die Zwei-Faktor-Anmeldung ist eingeschaltet",
        body:
          "Für Ihr Konto wurde eine Authenticator-App eingerichtet. Bei der Anmeldung werden Sie nach einem Code " +
          "gefragt.\n\n{{notYou}}",
      },
      totpDisabled: {
        subject: "Ihre Authenticator-App wurde ausgeschaltet",
        body: "Die Authenticator-App wurde von Ihrem Konto entfernt.\n\n{{notYou}}",
      },
      passkeyAdded: {
        subject: "Ihrem Konto wurde ein Passkey hinzugefügt",
        body: "Ihrem Konto wurde ein Passkey namens „{{name}}“ hinzugefügt.\n\n{{notYou}}",
      },
      passkeyRemoved: {
        subject: "Ein Passkey wurde von Ihrem Konto entfernt",
        body: "Der Passkey namens „{{name}}“ wurde von Ihrem Konto entfernt.\n\n{{notYou}}",
      },
    },
    auth: {
      passwordReset: {
        subject: "Setzen Sie Ihr Glasshouse-Passwort zurück",
        body:
          "Jemand (hoffentlich Sie) hat darum gebeten, das Passwort Ihres Kontos bei {{organisation}} " +
          "zurückzusetzen.\n\nÖffnen Sie diesen Link innerhalb von 30 Minuten, um ein neues Passwort zu wählen:\n" +
          "{{link}}\n\nDer Link funktioniert nur einmal. Wenn Sie nicht darum gebeten haben, ignorieren Sie diese " +
          "E-Mail: Ihr Passwort bleibt, wie es ist.",
      },
      passwordChanged: {
        subject: "Ihr Glasshouse-Passwort wurde geändert",
        body:
          "Das Passwort Ihres Kontos bei {{organisation}} wurde mit einem Link zum Zurücksetzen geändert. Alle Ihre " +
          "Sitzungen wurden beendet.\n\nWenn Sie das nicht waren, wenden Sie sich sofort an die Administration " +
          "Ihrer Organisation.",
      },
    },
  },
};
