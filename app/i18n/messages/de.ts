// German. Same keys and placeholders as English (app/i18n/messages/en.ts).
import type { Catalogue } from "./en";

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
      terminate: "Kündigen",
      restore: "Wiederherstellen",
      purge: "Endgültig löschen",
      export: "Daten exportieren",
      assignRole: "Rolle zuweisen",
      removeRole: "Rolle entziehen",
      setManager: "Vorgesetzte Person festlegen",
    },
    lock: {
      set: "Einstellung sperren",
      clear: "Sperre aufheben",
      setOrganisation: "Einstellung für alle sperren",
      clearOrganisation: "Sperre für alle aufheben",
    },
    dataRequest: {
      fulfilErasure: "Daten auf Antrag löschen",
    },
    retention: {
      deleteEvents: "Alte Ereignisse löschen",
    },
    self: {
      updateProfile: "Eigenes Profil ändern",
      setMarketing: "Marketing-Wahl ändern",
      requestErasure: "Löschung beantragen",
      requestExport: "Datenkopie beantragen",
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
    },
    hold: {
      place: "Rechtliche Aufbewahrung anordnen",
      update: "Rechtliche Aufbewahrung ändern",
      release: "Rechtliche Aufbewahrung aufheben",
    },
    bulk: {
      start: "Massenaktion starten",
    },
    delegation: {
      request: "Delegierung anfragen",
      approve: "Delegierung genehmigen",
      decline: "Delegierung ablehnen",
      revoke: "Delegierung widerrufen",
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
    manager: "Vorgesetzte Person",
    managerWithEmail: "{{name}} ({{email}})",
    managerNoEmail: "{{name}} (keine E-Mail)",
    organisation: "Organisation",
    roles: "Admin-Rollen",
    noRoles: "Keine",
    language: "Sprache",
    languages: { en: "English", de: "Deutsch" },
    timeZone: "Zeitzone",
    marketing: "Marketing-E-Mails",
    subscribed: "Abonniert",
    notSubscribed: "Nicht abonniert",
    lastSignIn: "Letzte Anmeldung",
    created: "Konto erstellt",
  },
  nav: {
    profile: "Profil",
    security: "Sicherheit",
    activity: "Aktivitäten",
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
      reason: "Begründung",
      sentence: "Entscheidung",
      ipAddress: "IP-Adresse",
      device: "Gerät",
    },
  },
  email: {
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
    self: {
      notYou:
        "Wenn Sie das nicht waren, ändern Sie Ihr Passwort und wenden Sie sich sofort an die Administration " +
        "Ihrer Organisation.",
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
