// The policy engine's sentences in German: the same keys and {placeholders} as MESSAGES in sentences.ts
// (app/policy/sentences.test.ts fails on a missing key or placeholder). Action phrases are zu-infinitives,
// to fit "Keine Richtlinie erlaubt {actor} ({roles}), {action}."
export function germanSentences(stepUpMinutes: number): Record<string, string> {
  return {
    "role.domain-admin": "Erlaubt: {actor} hat in dieser Organisation die Rolle Domain-Admin.",
    "role.domain-admin~delegated":
      "Erlaubt: {actor} handelt für {reseller} über Delegation Nr. {number} in der Rolle Domain-Admin.",
    "role.helpdesk-admin": "Erlaubt: {actor} hat in dieser Organisation die Rolle Helpdesk-Admin.",
    "role.helpdesk-admin~delegated":
      "Erlaubt: {actor} handelt für {reseller} über Delegation Nr. {number} in der Rolle Helpdesk-Admin.",
    "role.compliance-officer": "Erlaubt: {actor} hat in dieser Organisation die Rolle Compliance-Beauftragte Person.",
    "role.compliance-officer~delegated":
      "Erlaubt: {actor} handelt für {reseller} über Delegation Nr. {number} in der Rolle Compliance-Beauftragte Person.",
    "role.auditor": "Erlaubt: {actor} hat in dieser Organisation die Rolle Prüfer/in.",
    "role.auditor~delegated":
      "Erlaubt: {actor} handelt für {reseller} über Delegation Nr. {number} in der Rolle Prüfer/in.",
    "line-manager.direct-reports": "Erlaubt: {actor} ist die Führungskraft von {subject}.",
    "self-service.own-account": "Erlaubt: Das ist das eigene Konto von {actor}.",
    "delegation.request-linked": "Erlaubt: {actor} ist Domain-Admin eines mit {organisation} verbundenen Resellers.",
    "delegation.assign-own-staff":
      "Erlaubt: {actor} ist Domain-Admin des Resellers, dem Delegation Nr. {number} gehört.",
    "operator.manage-organisations": "Erlaubt: {actor} ist Domain-Admin des Plattformbetreibers.",
    "operator.request-access":
      "Erlaubt: {actor} arbeitet für den Betreiber, und {organisation} ist eine Kundenorganisation.",
    "operator.end-own-access": "Erlaubt: {actor} hat diesen Betreiberzugriff beantragt und darf ihn vorzeitig beenden.",
    "operator.granted": "Erlaubt: Der Betreiberzugriff zu Ticket {ticket} erlaubt {actor}, {action}.",
    "delegation.approve-lengthens":
      "Gesperrt: Delegation Nr. {number} wurde für {requestedDays} Tage angefragt; eine Genehmigung darf sie verkürzen, nie verlängern.",
    "delegation.not-assigned":
      "Gesperrt: {actor} gehört nicht zu den Mitarbeitenden, die {reseller} für Delegation Nr. {number} ausgewählt hat.",
    "delegation.customer-only":
      "Gesperrt: Nur die eigenen Domain-Admins dieser Organisation haben das Recht, {action}; keine Delegation gewährt das.",
    "delegation.assign-other-reseller": "Gesperrt: Delegation Nr. {number} gehört einem anderen Reseller.",
    "delegation.customer-admins":
      "Gesperrt: Das Konto von {subject} ist Domain-Admin dieser Organisation oder würde es; keine Delegation reicht an die eigenen Domain-Admins des Kunden.",
    "operator.customer-admins":
      "Gesperrt: Das Konto von {subject} ist Domain-Admin dieser Organisation oder würde es; ein Betreiberzugriff reicht nie an die eigenen Domain-Admins des Kunden.",
    "operator.customers-only": "Gesperrt: {organisation} ist keine Kundenorganisation.",
    "operator.not-live": "Gesperrt: Der Betreiberzugriff zu Ticket {ticket} ist {status} und gewährt nichts.",
    "operator.not-live~requested":
      "Gesperrt: Der Betreiberzugriff zu Ticket {ticket} wartet auf die Genehmigung eines Domain-Admins dieser Organisation.",
    "operator.not-live~expired":
      "Gesperrt: Der Betreiberzugriff zu Ticket {ticket} endete am {endsAt} und gewährt nichts.",
    "operator.outside-scope":
      "Gesperrt: Der Betreiberzugriff zu Ticket {ticket} gilt nur für ein Konto, nicht für {target}.",
    "operator.not-granted": "Gesperrt: Der Betreiberzugriff zu Ticket {ticket} erlaubt {actor} nicht, {action}.",
    "operator.no-self-service": "Gesperrt: Ein Betreiberzugriff erreicht nie die Selbstbedienung eines Kontos.",
    "operator.customer-only":
      "Gesperrt: Nur die eigenen Domain-Admins dieser Organisation haben das Recht, {action}; ein Betreiberzugriff gewährt das nie.",
    "operator.staff-only":
      "Gesperrt: Nur Mitarbeitende des Plattformbetreibers haben in dessen eigener Organisation das Recht, {action}.",
    "operator.revoke-not-theirs":
      "Gesperrt: Nur ein Domain-Admin der betroffenen Organisation oder die Person beim Betreiber, die ihn beantragt hat, kann {target} beenden.",

    "default-deny": "Keine Richtlinie erlaubt {actor} ({roles}), {action}.",
    "tenancy.cross-tenant":
      "Gesperrt: {target} gehört zu einer anderen Organisation, und nichts überschreitet Organisationsgrenzen.",
    "tenancy.not-a-member": "Gesperrt: {actor} ist kein Mitglied dieser Organisation und hat keine Delegation für sie.",
    "delegation.not-live":
      "Gesperrt: Die Delegation Nr. {number} von {reseller} ist {status} und gewährt daher nichts.",
    "delegation.not-live~revoked":
      "Gesperrt: Die Delegation Nr. {number} von {reseller} wurde widerrufen und gewährt daher nichts.",
    "delegation.not-live~expired":
      "Gesperrt: Die Delegation Nr. {number} von {reseller} ist am {expiresAt} abgelaufen und gewährt daher nichts.",
    "delegation.not-live~unbounded":
      "Gesperrt: Die Delegation Nr. {number} von {reseller} hat kein Enddatum und gewährt daher nichts.",
    "delegation.roles-not-granted": "Gesperrt: {actor} beansprucht Rollen, die Delegation Nr. {number} nicht gewährt.",
    "delegation.no-self-service": "Gesperrt: Eine Delegation erreicht nie die Selbstbedienung eines Kontos.",
    "delegation.request-unlinked":
      "Gesperrt: {organisation} hat diesen Reseller nicht verbunden; er kann daher keine Delegation anfragen.",
    "delegation.approve-own": "Gesperrt: {actor} kann keine Delegation für den eigenen Reseller genehmigen.",
    "delegation.approve-widens":
      "Gesperrt: Delegation Nr. {number} hat {requested} angefragt; eine Genehmigung darf die Rollen einschränken, nie erweitern.",
    "legal-hold.nothing-deleted":
      "Gesperrt: Das Konto von {subject} unterliegt der rechtlichen Aufbewahrung '{hold}', veranlasst von {placedBy} am {placedAt}.",
    "legal-hold.nothing-deleted~organisation":
      "Gesperrt: {organisation} unterliegt als Ganzes der rechtlichen Aufbewahrung '{hold}', veranlasst von {placedBy} am {placedAt}.",
    "self-protection.own-account":
      "Gesperrt: {actor} kann das eigene Konto nicht sperren, schließen, endgültig löschen oder herabstufen; das muss jemand anderes tun.",
    "protected-admins.domain-admin":
      "Gesperrt: {subject} ist Domain-Admin; nur ein Domain-Admin kann dieses Konto ändern.",
    "locks.profile-setting": "Gesperrt: {setting} ist seit {lockedAt} von {lockedBy} gesperrt: '{reason}'.",
    "locks.marketing-consent":
      "Gesperrt: Die Marketing-Einwilligung ist seit {lockedAt} von {lockedBy} gesperrt: '{reason}'.",
    "locks.data-deletion": "Gesperrt: Das Löschen von Daten ist seit {lockedAt} von {lockedBy} gesperrt: '{reason}'.",
    "written-reason.required": "Gesperrt: Geben Sie zuerst eine Begründung ein; sie wird mit der Aktion festgehalten.",
    "step-up.second-factor": `Bestätigen Sie Ihren zweiten Faktor, um fortzufahren: Diese Aktion braucht einen aus den letzten ${stepUpMinutes} Minuten.`,

    "engine.failure":
      "Gesperrt: Die Richtlinien-Engine konnte über diese Anfrage nicht entscheiden; die Aktion wird daher abgelehnt.",
    "engine.error":
      "Gesperrt: Die Richtlinie '{policy}' konnte für diese Anfrage nicht ausgewertet werden; die Aktion wird daher abgelehnt.",
    "tenant.permit": "Erlaubt durch die Richtlinie '{name}' dieser Organisation.",
    "tenant.forbid": "Gesperrt durch die Richtlinie '{name}' dieser Organisation.",
    "tenant.invalid":
      "Gesperrt: Die eigenen Richtlinien dieser Organisation sind nicht mehr gültig; ein Domain-Admin muss sie korrigieren.",
    "tenant.mismatch": "Gesperrt: Diese Organisationsrichtlinien gehören zu einer anderen Organisation.",

    "role:domain_admin": "Domain-Admin",
    "role:helpdesk_admin": "Helpdesk-Admin",
    "role:compliance_officer": "Compliance-Beauftragte Person",
    "role:auditor": "Prüfer/in",
    "role:none": "keine Admin-Rolle",
    "actor:delegated": "{actor} von {reseller}",
    "actor:operator": "{actor} von {operator}",
    "operator-status:requested": "noch nicht genehmigt",
    "operator-status:active": "aktiv",
    "operator-status:denied": "abgelehnt",
    "operator-status:revoked": "beendet",
    "operator-status:expired": "abgelaufen",
    "delegation-status:requested": "noch nicht genehmigt",
    "delegation-status:active": "aktiv",
    "delegation-status:declined": "abgelehnt",
    "delegation-status:revoked": "widerrufen",
    "delegation-status:expired": "abgelaufen",
    "delegation-status:lapsed": "verfallen",
    and: "{first} und {last}",
    "target:Account": "das Konto von {name}",
    "target:Organisation": "{name}",
    "target:LegalHold": "die rechtliche Aufbewahrung '{name}'",
    "target:Delegation": "Delegation Nr. {number}",
    "target:OperatorAccess": "den Betreiberzugriff von {name}",
    setting: "die Einstellung '{setting}'",
    "action:account.view": "Konten anzusehen",
    "action:account.viewApps": "die App-Installationen von Konten anzusehen",
    "action:account.updateProfile": "Kontoprofile zu bearbeiten",
    "action:account.resetPassword": "Passwörter zurückzusetzen",
    "action:account.revokeSessions": "Sitzungen zu beenden",
    "action:account.resetMfa": "zweite Faktoren zurückzusetzen",
    "action:account.suspend": "Konten zu sperren",
    "action:account.unsuspend": "Konten zu entsperren",
    "action:account.terminate": "Konten zu schließen",
    "action:account.restore": "Konten wiederherzustellen",
    "action:account.purge": "Konten endgültig zu löschen",
    "action:account.export": "Kontodaten zu exportieren",
    "action:account.assignRole": "Rollen zuzuweisen",
    "action:account.removeRole": "Rollen zu entziehen",
    "action:account.setManager": "Führungskräfte festzulegen",
    "action:lock.set": "Datenschutzeinstellungen zu sperren",
    "action:lock.clear": "Sperren von Datenschutzeinstellungen aufzuheben",
    "action:dataRequest.fulfilErasure": "Löschanträge auszuführen",
    "action:dataRequest.view": "Datenanfragen anzusehen",
    "action:dataRequest.assign": "Datenanfragen zuzuweisen",
    "action:dataRequest.respond": "Datenanfragen zu beantworten",
    "action:dataRequest.complete": "Datenanfragen abzuschließen",
    "action:dataRequest.refuse": "Datenanfragen abzulehnen",
    "action:retention.deleteEvents": "Ereignisse nach Ablauf ihrer Aufbewahrungsfrist zu löschen",
    "action:retention.deleteUnattributedEvents":
      "keinem Konto zugeordnete Ereignisse nach Ablauf ihrer Aufbewahrungsfrist zu löschen",
    "action:self.updateProfile": "dieses Profil zu bearbeiten",
    "action:self.setMarketing": "die Marketing-Einwilligung dieses Kontos zu ändern",
    "action:self.requestErasure": "die Löschung dieses Kontos zu beantragen",
    "action:self.requestExport": "eine Kopie der Daten dieses Kontos zu beantragen",
    "action:self.requestCorrection": "eine Berichtigung der Daten dieses Kontos zu beantragen",
    "action:self.requestRestriction": "die Einschränkung der Verarbeitung der Daten dieses Kontos zu beantragen",
    "action:self.changeEmail": "die E-Mail-Adresse dieses Kontos zu ändern",
    "action:self.setPreferences": "Sprache und Zeitzone dieses Kontos zu ändern",
    "action:self.acknowledgePolicy": "die Datenschutzerklärung für dieses Konto zur Kenntnis zu nehmen",
    "action:self.changePassword": "das Passwort dieses Kontos zu ändern",
    "action:self.enrolTotp": "eine Authenticator-App für dieses Konto einzurichten",
    "action:self.disableTotp": "die Authenticator-App dieses Kontos auszuschalten",
    "action:self.regenerateRecoveryCodes": "neue Wiederherstellungscodes für dieses Konto zu erzeugen",
    "action:self.addPasskey": "diesem Konto einen Passkey hinzuzufügen",
    "action:self.renamePasskey": "Passkeys dieses Kontos umzubenennen",
    "action:self.removePasskey": "Passkeys dieses Kontos zu entfernen",
    "action:self.endSession": "eine Sitzung dieses Kontos zu beenden",
    "action:self.endOtherSessions": "die anderen Sitzungen dieses Kontos zu beenden",
    "action:audit.view": "das Audit-Protokoll anzusehen",
    "action:apps.viewStats": "die App-Statistiken der Organisation anzusehen",
    "action:audit.export": "das Audit-Protokoll zu exportieren",
    "action:policy.view": "Richtlinien anzusehen",
    "action:policy.update": "Richtlinien zu ändern",
    "action:organisation.updateSettings": "Organisationseinstellungen zu ändern",
    "action:organisation.updatePreferences": "Datenschutz- und Spracheinstellungen der Organisation zu ändern",
    "action:privacy.notify": "über eine neue Datenschutzerklärung zu informieren",
    "action:hold.place": "rechtliche Aufbewahrungen zu veranlassen",
    "action:hold.update": "rechtliche Aufbewahrungen zu ändern",
    "action:hold.release": "rechtliche Aufbewahrungen aufzuheben",
    "action:lock.setOrganisation": "Datenschutzeinstellungen für die ganze Organisation zu sperren",
    "action:lock.clearOrganisation": "Sperren von Datenschutzeinstellungen für die ganze Organisation aufzuheben",
    "action:bulk.start": "Massenaktionen zu starten",
    "action:ingestionKey.create": "App-Schlüssel zu erstellen",
    "action:ingestionKey.rotate": "App-Schlüssel zu erneuern",
    "action:ingestionKey.revoke": "App-Schlüssel zu widerrufen",
    "action:delegation.request": "Delegationen anzufragen",
    "action:delegation.approve": "Delegationen zu genehmigen",
    "action:delegation.decline": "Delegationen abzulehnen",
    "action:delegation.revoke": "Delegationen zu widerrufen",
    "action:delegation.assignStaff": "die Mitarbeitenden für Delegationen auszuwählen",
    "action:delegation.expire": "abgelaufene Delegationen zu beenden",
    "action:delegation.lapse": "unbeantwortete Delegationsanfragen verfallen zu lassen",
    "action:organisation.create": "Organisationen anzulegen",
    "action:organisation.linkReseller": "Reseller mit Kunden zu verbinden",
    "action:operatorAccess.request": "Betreiberzugriff zu beantragen",
    "action:operatorAccess.approve": "Betreiberzugriff zu genehmigen",
    "action:operatorAccess.deny": "Betreiberzugriff abzulehnen",
    "action:operatorAccess.revoke": "Betreiberzugriff zu beenden",
    "action:operatorAccess.expire": "abgelaufenen Betreiberzugriff zu schließen",
  };
}
