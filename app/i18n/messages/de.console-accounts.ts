// Die accounts-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleAccounts).
import type { enConsoleAccounts } from "./en.console-accounts";

export const deConsoleAccounts: typeof enConsoleAccounts = {
  list: {
    pageTitle: "Konten · {{organisation}} · Glasshouse",
    heading: "Konten",
    total_one: "{{n}} Konto",
    total_other: "{{n}} Konten",
    totalMatching_one: "{{n}} passendes Konto",
    totalMatching_other: "{{n}} passende Konten",
    totalMore_one: "Mehr als {{n}} Konto",
    totalMore_other: "Mehr als {{n}} Konten",
    totalMoreMatching_one: "Mehr als {{n}} passendes Konto",
    totalMoreMatching_other: "Mehr als {{n}} passende Konten",
    notices: {
      badCursor: "Dieser Seitenlink ist nicht mehr gültig; Sie sind daher wieder auf der ersten Seite.",
      badSort: "Die Liste lässt sich so nicht sortieren; sie ist daher nach Namen sortiert.",
    },
    filters: {
      label: "Konten filtern",
      search: "Konten nach Name oder E-Mail suchen",
      searchPlaceholder: "Name oder E-Mail",
      role: "Rolle",
      manager: "Führungskraft",
      anyStatus: "Jeder Status",
      anyRole: "Jede Rolle",
      anyManager: "Jede Führungskraft",
      any: "Alle",
      noAdminRole: "Keine Admin-Rolle",
      hold: "Rechtliche Aufbewahrung",
      holdYes: "Unter rechtlicher Aufbewahrung",
      holdNo: "Nicht unter rechtlicher Aufbewahrung",
      locked: "Gesperrte Einstellungen",
      lockedYes: "Mit gesperrten Einstellungen",
      lockedNo: "Ohne gesperrte Einstellungen",
      twoFactor: "Zwei-Faktor-Anmeldung",
      twoFactorYes: "Ein",
      twoFactorNo: "Aus",
      submit: "Suchen",
      searching: "Suche läuft …",
      clear: "Filter zurücksetzen",
      managersCapped: "Der Filter nach Führungskraft zeigt die ersten {{n}} Führungskräfte nach Namen.",
    },
    filterErrors: {
      q: "Der Suchbegriff darf höchstens 200 Zeichen lang sein.",
      status: "Wählen Sie einen Status aus der Liste.",
      role: "Wählen Sie eine Rolle aus der Liste.",
      manager: "Wählen Sie eine Führungskraft aus der Liste.",
      yesNo: "Wählen Sie Ja oder Nein.",
    },
    bulk: {
      label: "Mehrere Konten bearbeiten",
      actOn: "Anwenden auf",
      ticked: "Die unten angehakten Konten",
      selectAllCounted: "Alle {{n}} passenden Konten auswählen",
      selectAll: "Alle passenden Konten auswählen",
      allSelected_one: "{{n}} passendes Konto ist ausgewählt.",
      allSelected_other: "Alle {{n}} passenden Konten sind ausgewählt.",
      selected: "{{n}} ausgewählt",
      operations: {
        suspend: "Sperren",
        unsuspend: "Entsperren",
        resetPassword: "Passwort zurücksetzen",
        revokeSessions: "Überall abmelden",
        hold: "Zur rechtlichen Aufbewahrung hinzufügen",
        lock: "Eine Einstellung sperren",
      },
    },
    empty: {
      search: "Keine Konten passen zu „{{search}}“.",
      filtered: "Keine Konten passen zu diesen Filtern.",
      none: "Diese Organisation hat noch keine Konten.",
    },
    caption: "Konten, sortiert nach {{column}} ({{direction}})",
    captionFiltered: "Konten, die zu den Filtern passen, sortiert nach {{column}} ({{direction}})",
    ascending: "aufsteigend",
    descending: "absteigend",
    columns: {
      created: "Erstellt",
      lastSignIn: "Letzte Anmeldung",
      twoStep: "Zwei-Faktor",
    },
    sortedBy: {
      name: "Namen",
      email: "E-Mail",
      status: "Status",
      created: "Erstellungsdatum",
      lastSignIn: "letzter Anmeldung",
    },
    selectPage: "Alle Konten auf dieser Seite auswählen",
    selectAccount: "{{name}} auswählen",
    legalHold: "Rechtliche Aufbewahrung",
    underHold: "Unter rechtlicher Aufbewahrung: {{matters}}",
    lockedSettings: "Gesperrte Einstellungen",
    locked: "Gesperrt: {{settings}}",
    authenticator: "Authenticator-App",
    passkeys_one: "{{count}} Passkey",
    passkeys_other: "{{count}} Passkeys",
    off: "Aus",
    never: "Nie",
    pages: "Seiten",
    done: {
      suspend_one: "Gesperrt. {{count}} Sitzung beendet; die Person wurde per E-Mail benachrichtigt.",
      suspend_other: "Gesperrt. {{count}} Sitzungen beendet; die Person wurde per E-Mail benachrichtigt.",
      resetPasswordTemporary_one:
        "Passwort zurückgesetzt. Vorläufiges Passwort, nur jetzt angezeigt: {{password}} – die Person muss es bei der Anmeldung ändern. {{count}} Sitzung beendet.",
      resetPasswordTemporary_other:
        "Passwort zurückgesetzt. Vorläufiges Passwort, nur jetzt angezeigt: {{password}} – die Person muss es bei der Anmeldung ändern. {{count}} Sitzungen beendet.",
      resetPasswordLink_one:
        "Passwort zurückgesetzt. Ein einmal verwendbarer Link, 30 Minuten gültig, wurde per E-Mail verschickt. {{count}} Sitzung beendet.",
      resetPasswordLink_other:
        "Passwort zurückgesetzt. Ein einmal verwendbarer Link, 30 Minuten gültig, wurde per E-Mail verschickt. {{count}} Sitzungen beendet.",
      resetMfa:
        "Zwei-Faktor-Anmeldung zurückgesetzt. Die Person meldet sich mit ihrem Passwort an und richtet sie neu ein; sie wurde per E-Mail benachrichtigt.",
      unsuspend: "Entsperrt. Die Person kann sich wieder anmelden und wurde per E-Mail benachrichtigt.",
      terminate_one:
        "Geschlossen. {{count}} Sitzung beendet; das Konto wird nach Ablauf der Frist gelöscht, sofern es nicht wiederhergestellt wird. Die Person wurde per E-Mail benachrichtigt.",
      terminate_other:
        "Geschlossen. {{count}} Sitzungen beendet; das Konto wird nach Ablauf der Frist gelöscht, sofern es nicht wiederhergestellt wird. Die Person wurde per E-Mail benachrichtigt.",
      restore: "Wiederhergestellt. Die Person kann sich wieder anmelden und wurde per E-Mail benachrichtigt.",
      revokeSessions_one: "Überall abgemeldet: {{count}} Sitzung beendet.",
      revokeSessions_other: "Überall abgemeldet: {{count}} Sitzungen beendet.",
    },
  },
  dialogs: {
    suspend: {
      title: "{{name}} sperren?",
      description:
        "Die Person wird überall abgemeldet und kann sich nicht anmelden, bis eine Administratorin oder ein Administrator das Konto entsperrt. Sie sieht dies mit Ihrer Begründung in ihren Aktivitäten.",
    },
    resetPassword: {
      title: "Passwort von {{name}} zurücksetzen?",
      description:
        "Alle Sitzungen der Person werden beendet. Schicken Sie ihr per E-Mail einen Link, mit dem sie ein neues Passwort wählt, oder legen Sie ein vorläufiges Passwort fest, das Sie weitergeben und das sie bei der Anmeldung ändern muss. Sie sieht dies mit Ihrer Begründung in ihren Aktivitäten.",
    },
    resetMfa: {
      title: "Zwei-Faktor-Anmeldung von {{name}} zurücksetzen?",
      description:
        "Authenticator-App, Passkeys und Wiederherstellungscodes der Person funktionieren nicht mehr, und ihre Sitzungen werden beendet; sie meldet sich mit ihrem Passwort an und richtet den zweiten Faktor neu ein. Sie wird per E-Mail benachrichtigt und sieht dies mit Ihrer Begründung in ihren Aktivitäten.",
    },
    terminate: {
      title: "Konto von {{name}} schließen?",
      description:
        "Die Person wird überall abgemeldet und kann sich nicht mehr anmelden. Das Konto wird nach der Frist der Organisation (30 Tage, sofern nicht geändert) gelöscht, es sei denn, eine Administratorin oder ein Administrator stellt es vorher wieder her; eine rechtliche Aufbewahrung verhindert die Löschung. Die Person wird per E-Mail benachrichtigt und sieht dies mit Ihrer Begründung in ihren Aktivitäten.",
    },
    export: {
      title: "Daten von {{name}} exportieren?",
      description:
        "Eine JSON-Datei mit allem, was Glasshouse über das Konto speichert (Profil, Einstellungen, Einwilligungen, Geräte, Installationen, Ereignisse und jeder Audit-Eintrag dazu), für ein rechtliches Ersuchen. Der Export wird mit Ihrer Begründung aufgezeichnet.",
    },
    stepUpConfirmed: "Zweiter Faktor bestätigt. Prüfen Sie die Begründung und klicken Sie erneut auf „{{button}}“.",
    how: "Wie",
    methodLink: "Einen Link zum Zurücksetzen per E-Mail schicken",
    methodTemporary: "Ein vorläufiges Passwort festlegen (wird Ihnen einmal angezeigt)",
  },
};
