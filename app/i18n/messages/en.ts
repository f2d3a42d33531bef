// English: the product's source language. Every other catalogue has exactly these keys (checked by the
// compiler through `Catalogue`, and by app/i18n/i18n.test.ts, placeholders included). Placeholders are
// i18next's {{name}}; nothing here is HTML, so values are inserted as they are.
export const en = {
  /** How an action or sign-in event reads to a person, by its id (app/policy/labels.ts). */
  actions: {
    account: {
      view: "View account",
      viewApps: "View account's apps",
      updateProfile: "Edit profile",
      resetPassword: "Reset password",
      revokeSessions: "Sign out everywhere",
      resetMfa: "Reset two-factor",
      suspend: "Suspend",
      unsuspend: "Unsuspend",
      terminate: "Terminate",
      restore: "Restore",
      purge: "Purge",
      export: "Export data",
      assignRole: "Assign role",
      removeRole: "Remove role",
      setManager: "Set manager",
    },
    lock: {
      set: "Lock setting",
      clear: "Clear lock",
      setOrganisation: "Lock setting for everyone",
      clearOrganisation: "Clear lock for everyone",
    },
    dataRequest: {
      fulfilErasure: "Erase data on request",
    },
    retention: {
      deleteEvents: "Delete old events",
    },
    self: {
      updateProfile: "Update own profile",
      setMarketing: "Change marketing choice",
      requestErasure: "Request erasure",
      requestExport: "Request a copy of data",
      changePassword: "Change own password",
      enrolTotp: "Turn on authenticator app",
      disableTotp: "Turn off authenticator app",
      regenerateRecoveryCodes: "Make new recovery codes",
      addPasskey: "Add a passkey",
      renamePasskey: "Rename a passkey",
      removePasskey: "Remove a passkey",
      endSession: "End a session",
      endOtherSessions: "End all other sessions",
    },
    audit: {
      view: "View audit log",
      export: "Export audit log",
    },
    policy: {
      view: "View policies",
      update: "Change a policy",
    },
    organisation: {
      updateSettings: "Change organisation settings",
    },
    hold: {
      place: "Place legal hold",
      update: "Change legal hold",
      release: "Release legal hold",
    },
    bulk: {
      start: "Start a bulk action",
    },
    delegation: {
      request: "Request delegation",
      approve: "Approve delegation",
      decline: "Decline delegation",
      revoke: "Revoke delegation",
    },
    auth: {
      signIn: "Signed in",
      signInFailed: "Failed sign-in",
      secondFactorFailed: "Wrong second factor",
      stepUp: "Confirmed with a second factor",
      signOut: "Signed out",
      passwordResetRequested: "Asked for a password reset link",
      passwordReset: "Reset password with a link",
    },
  },
  outcomes: {
    allowed: "Allowed",
    denied: "Denied",
    needs_step_up: "Needs step-up",
    failed: "Failed",
  },
  roles: {
    domain_admin: "domain admin",
    helpdesk_admin: "helpdesk admin",
    compliance_officer: "compliance officer",
    auditor: "auditor",
    self: "themself",
    system: "automatic",
    member: "member",
  },
  profile: {
    title: "My account",
    lede: "This is what {{organisation}} holds about you.",
    heading: "Profile",
    notSet: "Not set",
    name: "Name",
    email: "Email",
    phone: "Phone",
    jobTitle: "Job title",
    department: "Department",
    manager: "Manager",
    managerWithEmail: "{{name}} ({{email}})",
    managerNoEmail: "{{name}} (no email)",
    organisation: "Organisation",
    roles: "Admin roles",
    noRoles: "None",
    language: "Language",
    languages: { en: "English", de: "Deutsch" },
    timeZone: "Time zone",
    marketing: "Marketing emails",
    subscribed: "Subscribed",
    notSubscribed: "Not subscribed",
    lastSignIn: "Last sign-in",
    created: "Account created",
  },
  nav: {
    profile: "Profile",
    security: "Security",
    activity: "Activity",
  },
  activity: {
    title: "Activity",
    lede: "Everything recorded about your account that you may see: what was done, by whom, why and when. Times are in {{timeZone}}.",
    filters: "Filter",
    kind: "What",
    kinds: {
      all: "Everything",
      signIn: "Sign-ins and security checks",
      admin: "Changes to your account",
      self: "What you did yourself",
      privacy: "Holds, locks and your data",
      other: "Other",
    },
    from: "From",
    to: "To",
    show: "Show",
    clear: "Clear filters",
    download: "Download as CSV",
    badDay: "Use a date like 2026-11-03.",
    badRange: "The start date is after the end date.",
    badKind: "Choose one of the listed kinds.",
    empty: "Nothing recorded matches.",
    caption: "Audit entries about your account, newest first",
    when: "When",
    what: "What",
    who: "Who",
    where: "From where",
    you: "You",
    nobody: "Someone not signed in",
    system: "Glasshouse (automatic)",
    actorWithRole: "{{name}}, {{role}}",
    reason: "Reason: “{{reason}}”",
    sealed: "Recorded in your organisation's signed audit chain (checkpoint of {{when}})",
    unsealed: "Recorded; the next signed checkpoint will cover it",
    pseudonymised: "Details of an erased account were replaced in this entry",
    chain:
      "Each entry is linked to the one before it by a hash, and the chain is signed regularly, so a changed or removed entry would show.",
    newest: "← Newest",
    older: "Older →",
    csv: {
      occurredAt: "when (UTC)",
      action: "what",
      outcome: "outcome",
      actor: "who",
      role: "role",
      reason: "reason",
      sentence: "decision",
      ipAddress: "IP address",
      device: "device",
    },
  },
  email: {
    footer: {
      when: "When: {{when}} ({{timeZone}})",
      details: "Details: sign in and open My account → Activity: {{url}}",
    },
    reason: "Reason: {{reason}}",
    account: {
      suspended: {
        subject: "Your {{organisation}} account has been suspended",
        body:
          "{{actor}} suspended your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "You cannot sign in until an administrator restores it. Every session you had has ended.",
      },
      unsuspended: {
        subject: "Your {{organisation}} account is active again",
        body: "{{actor}} restored your {{organisation}} account. You can sign in again.",
      },
      terminated: {
        subject: "Your {{organisation}} account has been closed",
        body:
          "{{actor}} closed your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "You can no longer sign in, and every session you had has ended. Your data is kept until {{purgeDay}}, " +
          "when it is erased unless an administrator restores the account before then.",
        bodyUndated:
          "{{actor}} closed your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "You can no longer sign in, and every session you had has ended. Your data is kept until the end of " +
          "the grace period, when it is erased unless an administrator restores the account before then.",
      },
      restored: {
        subject: "Your {{organisation}} account is open again",
        body: "{{actor}} restored your {{organisation}} account. You can sign in again.",
      },
      passwordReset: {
        subject: "Your {{organisation}} password was reset",
        bodyLink:
          "{{actor}} reset the password of your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "Open this link within 30 minutes to choose a new password (it works once):\n{{link}}\n\n" +
          "Every session you had has ended.",
        bodyTemporary:
          "{{actor}} reset the password of your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "They will give you a temporary password; you will choose a new one when you sign in with it.\n\n" +
          "Every session you had has ended.",
      },
      mfaReset: {
        subject: "Your {{organisation}} two-factor sign-in was reset",
        body:
          "{{actor}} reset the two-factor sign-in of your {{organisation}} account.\n{{reasonLine}}\n\n" +
          "Your authenticator app, passkeys and recovery codes no longer work. Every session you had has ended. " +
          "Sign in with your password and set up two-factor again from My account → Security.",
      },
      emailChanged: {
        subject: "The email address of your {{organisation}} account was changed",
        body:
          "{{actor}} changed the email address of your {{organisation}} account from {{from}} to {{to}}.\n\n" +
          "From now on you sign in with {{to}}. If you did not expect this, contact your administrator.",
        bodyNoPrevious:
          "{{actor}} changed the email address of your {{organisation}} account to {{to}}.\n\n" +
          "From now on you sign in with {{to}}. If you did not expect this, contact your administrator.",
      },
    },
    self: {
      notYou: "If this was not you, change your password and contact your organisation's administrator now.",
      passwordChanged: {
        subject: "Your Glasshouse password was changed",
        body_one: "The password of your account was changed. {{count}} other session ended.\n\n{{notYou}}",
        body_other: "The password of your account was changed. {{count}} other sessions ended.\n\n{{notYou}}",
      },
      totpEnabled: {
        subject: "Two-factor sign-in is on",
        body:
          "An authenticator app was set up for your account. You will be asked for a code when you sign in." +
          "\n\n{{notYou}}",
      },
      totpDisabled: {
        subject: "Your authenticator app was turned off",
        body: "The authenticator app was removed from your account.\n\n{{notYou}}",
      },
      passkeyAdded: {
        subject: "A passkey was added to your account",
        body: "A passkey named “{{name}}” was added to your account.\n\n{{notYou}}",
      },
      passkeyRemoved: {
        subject: "A passkey was removed from your account",
        body: "The passkey named “{{name}}” was removed from your account.\n\n{{notYou}}",
      },
    },
    auth: {
      passwordReset: {
        subject: "Reset your Glasshouse password",
        body:
          "Someone (we hope you) asked to reset the password of your {{organisation}} account.\n\n" +
          "Open this link within 30 minutes to choose a new password:\n{{link}}\n\n" +
          "The link works once. If you did not ask for it, ignore this email: your password stays as it is.",
      },
      passwordChanged: {
        subject: "Your Glasshouse password was changed",
        body:
          "The password of your {{organisation}} account was changed with a reset link. Every session you had " +
          "has ended.\n\nIf this was not you, contact your organisation's administrator now.",
      },
    },
  },
};

/** The shape every catalogue has: the same keys as English, each a string. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
