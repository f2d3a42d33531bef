// Gemeinsame Wörter der Admin-Konsole (siehe en.console.ts).
import type { enConsole } from "./en.console";

export const deConsole: typeof enConsole = {
  status: { active: "Aktiv", suspended: "Gesperrt", terminated: "Geschlossen" },
  role: {
    domain_admin: "Domain-Admin",
    helpdesk_admin: "Helpdesk-Admin",
    compliance_officer: "Compliance-Beauftragte Person",
    auditor: "Prüfer/in",
  },
  /** A lockable setting by its name with "." written "_" (profile.phone → profile_phone). */
  setting: {
    marketing_consent: "Marketing-Einwilligung",
    data_deletion: "Löschen der eigenen Daten",
    account_closure: "Schließen des eigenen Kontos",
    profile_displayName: "Anzeigename",
    profile_givenName: "Vorname",
    profile_familyName: "Nachname",
    profile_phone: "Telefonnummer",
    profile_jobTitle: "Berufsbezeichnung",
    profile_department: "Abteilung",
  },
  common: {
    name: "Name",
    email: "E-Mail",
    status: "Status",
    roles: "Rollen",
    when: "Wann",
    actions: "Aktionen",
    reason: "Begründung",
    cancel: "Abbrechen",
    save: "Speichern",
    none: "Keine",
    nobody: "Niemand",
    erased: "Gelöscht",
    yes: "Ja",
    no: "Nein",
    previous: "← Zurück",
    next: "Weiter →",
    stepUpNext: "Sie werden als Nächstes danach gefragt und kehren dann hierher zurück.",
  },
};
