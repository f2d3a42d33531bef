// App-Telemetrie auf Deutsch (Abschnitt telemetry, siehe en.telemetry.ts).
import type { enTelemetry, enTelemetryMessagePatterns, enTelemetryMessages } from "./en.telemetry";

export const deTelemetry: typeof enTelemetry = {
  keys: {
    nav: "App-Schlüssel",
    pageTitle: "App-Schlüssel · {{organisation}} · Glasshouse",
    title: "App-Schlüssel",
    lede: "Installierte Apps melden ihre Installations-, Deinstallations- und Heartbeat-Ereignisse mit einem App-Schlüssel an {{organisation}}. Wer einen Schlüssel besitzt, kann Ereignisse im Namen von {{organisation}} senden: Bewahren Sie ihn in der geheimen Konfiguration Ihrer Apps auf, niemals in öffentlichem Code. Glasshouse speichert von jedem Schlüssel nur einen Fingerabdruck; deshalb wird ein Schlüssel nur einmal angezeigt, wenn er erstellt wird.",
    listHeading: "Schlüssel",
    listCaption: "Alle App-Schlüssel dieser Organisation, die verwendbaren zuerst",
    none: "Noch kein App-Schlüssel: Erstellen Sie unten den ersten.",
    columns: {
      name: "Name",
      prefix: "Schlüssel",
      created: "Erstellt",
      lastUsed: "Zuletzt verwendet",
      status: "Status",
      actions: "Aktionen",
    },
    createdBy: "{{when}}, von {{name}}",
    anAdministrator: "einem Admin",
    never: "Nie",
    status: {
      active: "Aktiv",
      ending: "Endet am {{when}}",
      endingReplaced: "Erneuert: ersetzt durch {{replacement}}",
      ended: "Am {{when}} nach der Erneuerung beendet",
      revoked: "Widerrufen",
      revokedBy: "{{when}}, von {{name}}",
    },
    rotate: "Erneuern",
    rotateHint:
      "Erstellt einen neuen Schlüssel mit demselben Namen. Dieser hier funktioniert noch 24 Stunden weiter, damit Ihre Apps auf den neuen umstellen können.",
    rotateResumed:
      "Ihr zweiter Faktor ist bestätigt: Klicken Sie bei {{prefix}} noch einmal auf „Erneuern“, um ihn zu erneuern.",
    revoke: "Widerrufen",
    revokeReason: "Begründung (optional)",
    revokeHint: "Beendet den Schlüssel sofort: Apps, die ihn verwenden, werden ab ihrer nächsten Anfrage abgewiesen.",
    createHeading: "App-Schlüssel erstellen",
    name: "Name",
    nameHint: "Geben Sie an, wo er verwendet wird, zum Beispiel „Außendienst-App, Produktion“. Höchstens 100 Zeichen.",
    create: "Schlüssel erstellen",
    createResumed:
      "Ihr zweiter Faktor ist bestätigt: Prüfen Sie den Namen und erstellen Sie den Schlüssel noch einmal.",
    newKey: {
      heading: "Ihr neuer App-Schlüssel",
      created: "Der App-Schlüssel „{{name}}“ ist bereit.",
      rotated:
        "Der App-Schlüssel „{{name}}“ wurde erneuert. Der alte Schlüssel funktioniert noch bis {{when}}; hinterlegen Sie bis dahin diesen hier in Ihren Apps.",
      label: "Der neue Schlüssel",
      warning: "Speichern Sie ihn jetzt; er kann nicht noch einmal angezeigt werden.",
      copyHint:
        "Markieren Sie den Schlüssel und kopieren Sie ihn in die geheime Konfiguration Ihrer Apps. Geht er verloren, erneuern Sie den Schlüssel, um einen neuen zu erhalten.",
    },
    revoked: "Widerrufen: Der App-Schlüssel „{{name}}“ ({{prefix}}) wird ab sofort abgewiesen.",
  },
  stats: {
    nav: "Apps",
    pageTitle: "Apps · {{organisation}} · Glasshouse",
    title: "Apps",
    lede: "Wie die Apps von {{organisation}} installiert sind: was jetzt installiert ist und was Tag für Tag installiert und deinstalliert wurde, wie die Apps es melden.",
    reports_one:
      "Sie sehen Ihre {{count}} direkt unterstellte Person: nur die Apps der Person, die Ihnen unterstellt ist.",
    reports_other:
      "Sie sehen Ihre {{count}} direkt unterstellten Personen: nur die Apps der Personen, die Ihnen unterstellt sind.",
    keysLink: "App-Schlüssel: die Schlüssel, mit denen Ihre Apps melden",
    notAllowed: "Sie dürfen die App-Statistiken dieser Organisation nicht sehen.",
    filters: {
      label: "Statistiken filtern",
      from: "Von",
      to: "Bis",
      dayHint: "Ein UTC-Tag, JJJJ-MM-TT",
      app: "App",
      os: "Betriebssystem",
      version: "Version",
      any: "Alle",
      apply: "Anzeigen",
      reset: "Zurücksetzen",
      fixThem: "Einige Filter konnten nicht verwendet werden und wurden weggelassen: siehe die Felder unten.",
    },
    errors: {
      badDay: "Geben Sie einen Tag als JJJJ-MM-TT ein, zum Beispiel 2026-03-31.",
      fromAfterTo: "Der Zeitraum endet, bevor er beginnt: Wählen Sie einen letzten Tag am oder nach dem ersten.",
      rangeTooLong: "Wählen Sie einen Zeitraum von höchstens {{max}} Tagen.",
      tooLong: "Höchstens 200 Zeichen.",
    },
    none: "Noch keine App hat eine Installation gemeldet.",
    noneReports: "Noch keine App hat eine Installation Ihrer direkt unterstellten Personen gemeldet.",
    active: {
      heading: "Aktive Installationen jetzt",
      value_one: "{{formattedCount}} aktive Installation von {{app}}",
      value_other: "{{formattedCount}} aktive Installationen von {{app}}",
    },
    daily: {
      heading: "Installationen und Deinstallationen pro Tag",
      caption:
        "Pro UTC-Tag (Mitternacht bis Mitternacht UTC), {{from}} bis {{to}}: {{installs}} Installationen, {{uninstalls}} Deinstallationen.",
      chartTitle: "Liniendiagramm der Installationen und Deinstallationen von {{app}} pro UTC-Tag, {{from}} bis {{to}}",
      installs: "Installationen",
      uninstalls: "Deinstallationen",
      day: "Tag (UTC)",
      showTable: "Die Zahlen pro Tag",
    },
    versions: {
      heading: "Verwendete Versionen",
      caption: "Aktive Installationen von {{app}} pro Version, die älteste Version zuerst.",
      chartTitle: "Balkendiagramm der aktiven Installationen von {{app}} pro Version",
      version: "Version",
      active: "Aktive Installationen",
      none: "Keine aktive Installation.",
    },
    os: {
      heading: "Betriebssysteme",
      caption: "Aktive Installationen von {{app}} pro Betriebssystem.",
      chartTitle: "Balkendiagramm der aktiven Installationen von {{app}} pro Betriebssystem",
      os: "Betriebssystem",
      active: "Aktive Installationen",
    },
    oldest: {
      heading: "Geräte mit den ältesten Versionen",
      caption:
        "Bis zu {{count}} aktive Installationen von {{app}} mit den ältesten Versionen, die älteste zuerst; zuletzt gesehen in {{timeZone}}.",
      version: "Version",
      os: "Betriebssystem",
      model: "Gerätemodell",
      identifier: "Gerätekennung",
      account: "Konto",
      lastSeen: "Zuletzt gesehen",
      unattributed: "Nicht zugeordnet",
      unknown: "Unbekannt",
      none: "Keine aktive Installation.",
    },
    csv: {
      download: "Als CSV herunterladen",
      columns: {
        app: "App",
        day: "Tag (UTC)",
        installs: "Installationen",
        uninstalls: "Deinstallationen",
        version: "Version",
        os: "Betriebssystem",
        osVersion: "Betriebssystemversion",
        active: "Aktive Installationen",
        installationNumber: "Installationsnummer",
        deviceModel: "Gerätemodell",
        deviceIdentifier: "Gerätekennung",
        account: "Konto",
        lastSeen: "Zuletzt gesehen (UTC)",
      },
      errors: {
        table: "Wählen Sie eine Tabelle: versions, os, days oder devices.",
      },
    },
  },
};

export const deTelemetryMessages: typeof enTelemetryMessages = {
  ingestionKeyName: "Geben Sie dem App-Schlüssel einen Namen.",
  ingestionKeyNameTooLong: "Der Name darf höchstens 100 Zeichen lang sein.",
  ingestionKeyChoose: "Wählen Sie einen App-Schlüssel.",
  ingestionKeyGone: "Diesen App-Schlüssel gibt es nicht mehr.",
};

export const deTelemetryMessagePatterns: typeof enTelemetryMessagePatterns = {
  ingestionKeyRevokedNoRotate:
    "Der App-Schlüssel '{{name}}' ({{prefix}}) wurde widerrufen; ein widerrufener Schlüssel kann nicht erneuert werden. Erstellen Sie stattdessen einen neuen.",
  ingestionKeyAlreadyRotated:
    "Der App-Schlüssel '{{name}}' ({{prefix}}) wurde bereits erneuert; erneuern Sie stattdessen seinen Nachfolger.",
  ingestionKeyAlreadyRevoked: "Der App-Schlüssel '{{name}}' ({{prefix}}) wurde bereits widerrufen.",
  ingestionKeyAlreadyEnded: "Der App-Schlüssel '{{name}}' ({{prefix}}) ist nach seiner Erneuerung bereits beendet.",
};
