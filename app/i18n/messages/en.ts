// English: the product's source language. Every other catalogue has exactly these keys (checked by the
// compiler through `Catalogue`, and by app/i18n/i18n.test.ts, placeholders included). Placeholders are
// i18next's {{name}}; nothing here is HTML, so values are inserted as they are.
import { enSecurity } from "./en.security";

import { enConsole } from "./en.console";
import { enConsoleAccounts } from "./en.console-accounts";
import { enConsoleAccount } from "./en.console-account";
import { enConsoleHolds } from "./en.console-holds";
import { enConsoleAudit } from "./en.console-audit";
import { enConsoleBulk } from "./en.console-bulk";
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
      view: "View data requests",
      assign: "Assign a data request",
      respond: "Answer a data request",
      complete: "Complete a data request",
      refuse: "Refuse a data request",
    },
    retention: {
      deleteEvents: "Delete old events",
    },
    self: {
      updateProfile: "Update own profile",
      setMarketing: "Change marketing choice",
      requestErasure: "Request erasure",
      requestExport: "Request a copy of data",
      requestCorrection: "Request a correction",
      requestRestriction: "Request a restriction",
      changeEmail: "Change own email address",
      setPreferences: "Change language or time zone",
      acknowledgePolicy: "Acknowledge the privacy policy",
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
      updatePreferences: "Change organisation preferences",
    },
    privacy: {
      notify: "Tell people of a new privacy policy",
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
    lastSignIn: "Last sign-in",
    created: "Account created",
    givenName: "Given name",
    familyName: "Family name",
    locked: "Locked",
    lockedBy: "Locked by {{name}} on {{when}}: “{{reason}}”. Ask them if it needs to change.",
    phoneHint: "Digits, with an optional leading + and spaces.",
    save: "Save profile",
    saved: "Your profile is saved.",
    emailHeading: "Email address",
    emailCurrent: "You sign in with {{email}}.",
    emailHint:
      "We send a link to the new address; the change happens when you open it. Until then you sign in as before.",
    newEmail: "New email address",
    currentPassword: "Current password",
    sendLink: "Send confirmation link",
    emailSent: "We sent a link to {{email}}. Open it within 24 hours to finish the change.",
    emailChanged: "Done: you now sign in with {{email}}.",
    confirmEmail: "Sign in with {{email}} from now on?",
    confirmEmailButton: "Yes, change my email address",
    backToProfile: "Back to my profile",
    preferencesHeading: "Language and time zone",
    timeZoneHint: "Dates and times are shown in this time zone, on every page and in every email.",
    savePreferences: "Save preferences",
    preferencesSaved: "Your preferences are saved.",
    organisationHeading: "Kept by your organisation",
    organisationHint: "Your organisation keeps these details. If one is wrong,",
    askCorrection: "ask for a correction.",
  },
  nav: {
    profile: "Profile",
    security: "Security",
    activity: "Activity",
    access: "Who can access",
    privacy: "Privacy",
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
  security: enSecurity,
  console: enConsole,
  consoleAccounts: enConsoleAccounts,
  consoleAccount: enConsoleAccount,
  consoleHolds: enConsoleHolds,
  consoleAudit: enConsoleAudit,
  consoleBulk: enConsoleBulk,
  header: {
    home: "Glasshouse home",
    main: "Main",
    console: "Admin console",
    myAccount: "My account",
    signOut: "Sign out",
  },
  auth: {
    signInTitle: "Sign in to Glasshouse",
    resetDone: "Your password has been changed and every session has ended. Sign in with the new password.",
    email: "Email",
    password: "Password",
    signingIn: "Signing in…",
    signIn: "Sign in",
    passkeySignIn: "Sign in with a passkey",
    forgot: "Forgot your password?",
    lockedSeconds_one: "Too many failed attempts. For your security, try again in {{count}} second.",
    lockedSeconds_other: "Too many failed attempts. For your security, try again in {{count}} seconds.",
    lockedMinutes_one: "Too many failed attempts. For your security, try again in {{count}} minute.",
    lockedMinutes_other: "Too many failed attempts. For your security, try again in {{count}} minutes.",
    forgotTitle: "Reset your password",
    forgotSent:
      "If {{email}} belongs to an active account, we have emailed it a link to choose a new password. The link works once, for 30 minutes.",
    forgotLede: "Enter the email you sign in with. We will email you a link to choose a new password.",
    emailMeLink: "Email me a link",
    backToSignIn: "Back to sign in",
    confirmTitle: "Confirm it is you",
    signingInAs: "Signing in as",
    twoStepOn: "Your account has two-step verification on.",
    startAgain: "Start again",
    totpCode: "Code from your authenticator app",
    verify: "Verify",
    usePasskey: "Use a passkey",
    useRecoveryCode: "Use a recovery code",
    recoveryCode: "Recovery code",
    recoveryHint: "One of the codes you saved when you set up two-step verification. Each works once.",
    useRecoveryCodeButton: "Use recovery code",
    stepUpLede:
      "This action needs a second factor from the last 10 minutes. Afterwards you go back to where you were, with what you typed.",
    stepUpNoFactor: "This action needs a second factor, and your account has none yet.",
    stepUpSetUp: "Set up an authenticator app or a passkey",
    stepUpThen: ", then try again.",
    cancel: "Cancel",
    newPassword: "New password",
    newPasswordAgain: "New password again",
    passwordHint: "At least {{min}} characters. {{hint}}",
    chooseNewPassword: "Choose a new password",
    changePassword: "Change your password",
    adminReset:
      "An administrator reset your password. Choose a new one to continue; use the temporary password as your current one.",
    currentPassword: "Current password",
    strongHint: "A few unrelated words make a strong password that is easy to remember.",
    otherSessionsEnd: "Your other sessions will end; this one stays signed in.",
    changePasswordButton: "Change password",
    resetHint: "Every session of your account will end.",
    askNewLink: "Ask for a new link",
    setNewPassword: "Set new password",
  },
  access: {
    title: "Who can access your account",
    lede: "Everyone who can act on your account at {{organisation}}, and what the rules let each of them do today.",
    adminsHeading: "Admins of {{organisation}}",
    noAdmins: "Your organisation has no other admins.",
    name: "Name",
    email: "Email",
    roles: "Roles",
    rolesHeading: "What each role lets them do to your account",
    whoRole: "Each {{role}}",
    can: "{{who}} can: {{actions}}.",
    canWithStepUp: "{{who}} can, after confirming a second factor: {{actions}}.",
    canNothing: "{{who}} can do nothing to your account at the moment.",
    managerHeading: "Your line manager",
    noManager: "You have no line manager in Glasshouse.",
    resellersHeading: "Partners with access",
    noResellers: "No partner (reseller) has access to your organisation at the moment.",
    delegation: "{{reseller}}, delegation #{{number}}",
    since: "Since",
    until: "Until",
    noEnd: "No end date",
    whoReseller: "Staff of {{reseller}}",
    footnote:
      "This is worked out from your organisation's rules as they are now, including any legal hold or lock on your account. Everything anyone does is listed under Activity.",
  },
  privacy: {
    title: "Privacy",
    lede: "Your choices about email from {{organisation}}, and your rights over your data.",
    marketingHeading: "Mailing lists",
    marketingLede:
      "Each list is separate; joining or leaving one is recorded with the date and the privacy policy in force.",
    lists: {
      "product-news": {
        name: "Product news",
        description: "What is new in the products your organisation uses, once a month.",
      },
      events: { name: "Events and webinars", description: "Invitations to events and online sessions." },
      research: {
        name: "User research",
        description: "Occasional invitations to try new features and tell us what you think.",
      },
    },
    subscribed: "Subscribed",
    notSubscribed: "Not subscribed",
    join: "Join {{list}}",
    leave: "Leave {{list}}",
    joined: "You joined the list.",
    left: "You left the list.",
    consentHeading: "Your consent records",
    noConsents: "No choices recorded yet.",
    when: "When",
    list: "List",
    choice: "Choice",
    how: "How",
    policyVersion: "Privacy policy",
    optedIn: "Joined",
    optedOut: "Left",
    methods: { "my-account": "My account", "signup-form": "Sign-up form" },
    requestsHeading: "Your data",
    requestsLede:
      "Ask {{organisation}} for a copy of your data, a correction, a restriction or erasure. Each request is answered within {{days}} days.",
    held: "{{organisation}} must retain your data for a legal obligation at the moment. A request to erase it stays open and goes ahead once that obligation ends.",
    heldNamed:
      "{{organisation}} must retain your data for a legal obligation at the moment ({{matters}}). A request to erase it stays open and goes ahead once that obligation ends.",
    copyReady: "A copy of your data is ready:",
    copyJson: "Download as JSON",
    copyHtml: "Open a readable summary",
    kinds: {
      access: {
        title: "A copy of your data",
        description: "Everything Glasshouse holds about you, to download as JSON and as a readable page.",
        submit: "Ask for a copy",
      },
      rectification: {
        title: "A correction",
        description: "Something your organisation keeps about you is wrong.",
        submit: "Ask for a correction",
      },
      restriction: {
        title: "A restriction",
        description:
          "Ask your organisation to stop using your data, other than keeping it, while something is settled.",
        submit: "Ask for a restriction",
      },
      erasure: {
        title: "Erasure",
        description: "Ask your organisation to erase your data and close your account.",
        submit: "Ask for erasure",
      },
    },
    deletionLocked: "Requests to erase data are locked for your account by {{name}} since {{when}}: “{{reason}}”.",
    correctionDetails: "Which detail is wrong, and what should it be?",
    optionalDetails: "Anything to add (optional)",
    alreadyOpen: "You have an open request of this kind; follow it below.",
    requestSent: "Your request is received. You can follow it below and we will email you when it is answered.",
    requestHeld:
      "Your request is received, but your organisation must retain your data for a legal obligation at the moment. It stays open until that ends.",
    acknowledged: "Thank you.",
    myRequests: "Your requests",
    noRequests: "You have made no requests.",
    kind: "Request",
    received: "Received",
    due: "Due by",
    status: "Status",
    answer: "Answer",
    statuses: {
      received: "Received",
      in_progress: "Being handled",
      waiting_on_hold: "Waiting: data must be retained",
      completed: "Completed",
      refused: "Refused",
    },
    handledBy: "Handled by {{name}}",
    policyHeading: "Privacy policy",
    policyCurrent: "Version {{version}}, published {{day}}, is in force.",
    readPolicy: "Read it",
    archive: "Earlier versions",
    noPolicy: "No privacy policy has been published yet.",
  },
  policy: {
    title: "Privacy policy",
    current: "Version {{version}} (in force)",
    published: "Published {{day}}",
    earlier: "Earlier versions",
    significant: "significant change",
    back: "My account",
    versionTitle: "Privacy policy, version {{version}}",
    inForce: "In force",
    superseded: "Replaced by a newer version",
    bannerLabel: "Privacy policy notice",
    bannerTitle: "Our privacy policy changed on {{day}} (version {{version}}).",
    bannerDismiss: "Got it",
  },
  copy: {
    title: "Your data in Glasshouse",
    made: "Made {{when}} ({{timeZone}}).",
    signIn: "How you sign in",
    totpOn: "Authenticator app: on.",
    totpOff: "Authenticator app: off.",
    passkeys_one: "{{count}} passkey.",
    passkeys_other: "{{count}} passkeys.",
    sessions_one: "{{count}} session signed in.",
    sessions_other: "{{count}} sessions signed in.",
    holds: "Legal holds",
    held: "Your organisation must retain your data for a legal obligation.",
    heldNamed: "Your organisation must retain your data for a legal obligation: {{matters}}.",
    notHeld: "No legal hold covers your data.",
    apps: "Apps installed",
    noApps: "None.",
    reason: "Reason",
  },
  messages: {
    recoveryCodeWrong: "That recovery code is not right, or it has been used.",
    noSuchPolicyVersion: "There is no such version of the privacy policy.",
    totpAlreadySet: "An authenticator app is already set up. Turn it off first.",
    choosePasskey: "Choose a passkey.",
    passwordHasEmail: "Choose a password that does not contain your email address.",
    passwordHasName: "Choose a password that does not contain your name.",
    chooseSession: "Choose a session.",
    enterNewPassword: "Enter a new password.",
    enterTotp: "Enter the 6-digit code from your authenticator app.",
    passkeyNameExample: "Give the passkey a name, such as “Work laptop”.",
    passkeyName: "Give the passkey a name.",
    nameTooLong60: "Keep the name under 60 characters.",
    noTotp: "No authenticator app is set up.",
    factorFirst: "Set up an authenticator app or a passkey first.",
    setupExpired: "Start again: the set-up has expired.",
    codeUsed: "That code has already been used. Wait for the next one.",
    codeWrong: "That code is not right. Check the time on your phone, or wait for the next code.",
    thisSession: "That is this browser's session: sign out instead.",
    passkeyCopied:
      "That passkey could not be trusted: its use count went backwards, which can mean it was copied. Sign in another way and check your passkeys.",
    passkeyRegistered: "That passkey is already registered.",
    passkeyNotYours: "That passkey is not on your account.",
    passkeyNotThisAccount: "That passkey is not registered to this account. Try another one, or sign in another way.",
    passkeyExpired: "That passkey request has expired. Try again.",
    passkeyUnverified: "That passkey response could not be verified. Try again.",
    sessionEnded: "That session has already ended.",
    signInExpired: "That sign-in request has expired. Try again.",
    noPasskeySent: "The browser sent no passkey. Try again.",
    commonWithSuffix:
      "This is a common password with digits or symbols added at the end, which attackers try early. Choose another: a few unrelated words work well.",
    commonPassword:
      "This is one of the most common passwords, which attackers try first. Choose another: a few unrelated words work well.",
    enterYourPassword: "Enter your password.",
    enterYourEmail: "Enter your email address.",
    yourEmailTooLong: "That email address is too long.",
    emailLike: "Enter an email address like name@example.com.",
    wrongCredentials: "That email and password do not match an account.",
    enterCode: "Enter the code.",
    codeTooLong: "That code is too long.",
    samePasswords: "The two new passwords are not the same.",
    typeAgain: "Type the new password again.",
    differentPassword: "Choose a password different from your current one.",
    enterDisplayName: "Enter a display name.",
    displayNameTooLong: "Keep the display name under 200 characters.",
    givenNameTooLong: "Keep the given name under 200 characters.",
    familyNameTooLong: "Keep the family name under 200 characters.",
    phoneTooLong: "Keep the phone number under 40 characters.",
    phoneInvalid: "Enter a phone number of digits, with an optional leading + and spaces, ( ) . / or -.",
    accountGone: "Your account is not there any more.",
    nothingChanged: "Nothing to save: no detail was changed.",
    enterEmail: "Enter an email address.",
    emailTooLong: "Keep the email address under 254 characters.",
    emailInvalid: "Enter a valid email address, like name@example.com.",
    emailTaken: "That email address is already in use by another account.",
    emailLinkInvalid: "This link does not work any more. Ask for a new one from My account.",
    emailSame: "That is already your email address.",
    enterCurrentPassword: "Enter your current password.",
    passwordTooLong: "That password is too long.",
    wrongCurrentPassword: "That is not your current password.",
    chooseLanguage: "Choose one of the languages offered.",
    chooseTimeZone: "Choose a time zone.",
    unknownTimeZone: "Choose a time zone from the list, like Europe/Berlin.",
    nothingChangedPreferences: "Nothing to save: no preference was changed.",
    chooseList: "Choose one of the mailing lists.",
    chooseOnOff: "Choose on or off.",
    alreadyOnList: "You are already on that list.",
    notOnList: "You are not on that list.",
    newerPolicy: "A newer privacy policy has been published since; read that one.",
    duplicateRequest: "You already have an open request like this one; you can follow it below.",
    tooLong2000: "Keep it under 2,000 characters.",
    correctionNeeded: "Say which detail is wrong and what it should be.",
    chooseRequestKind: "Choose one of the kinds of request.",
    notUnderstood: "That request was not understood.",
    chooseAccount: "Choose an account.",
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
    request: {
      received: {
        subject: "We received your request to {{organisation}}",
        access:
          "You asked {{organisation}} for a copy of your data. It will be answered by {{due}}; when it is ready, " +
          "you can download it from My account → Privacy.",
        rectification:
          "You asked {{organisation}} to correct your data. It will be answered by {{due}}; you can follow it " +
          "under My account → Privacy.",
        restriction:
          "You asked {{organisation}} to restrict the processing of your data. It will be answered by {{due}}; " +
          "you can follow it under My account → Privacy.",
        erasure:
          "You asked {{organisation}} to erase your data. It will be answered by {{due}}; you can follow it " +
          "under My account → Privacy.",
        erasureHeld:
          "You asked {{organisation}} to erase your data. {{organisation}} must retain your data for a legal " +
          "obligation at the moment, so your request stays open until that obligation ends. You can follow it " +
          "under My account → Privacy.",
      },
      updated: {
        subject: "Your request to {{organisation}}: there is news",
        responded: "{{actor}} of {{organisation}} wrote about your request:\n\n“{{message}}”",
        respondedSilent: "{{actor}} of {{organisation}} is handling your request.",
        completed: "{{actor}} of {{organisation}} completed your request:\n\n“{{message}}”",
        completedSilent: "{{actor}} of {{organisation}} completed your request.",
        refused: "{{actor}} of {{organisation}} refused your request:\n\n“{{message}}”",
        refusedSilent: "{{actor}} of {{organisation}} refused your request.",
      },
    },
    self: {
      notYou: "If this was not you, change your password and contact your organisation's administrator now.",
      confirmEmail: {
        subject: "Confirm your new email address",
        body:
          "Someone (we hope you) asked to sign in to {{organisation}}'s Glasshouse with this address from now on.\n\n" +
          "Open this link within 24 hours, signed in to your account, to confirm:\n{{link}}\n\n" +
          "If you did not ask for this, ignore this email: nothing changes.",
      },
      policyChanged: {
        subject: "Our privacy policy has changed",
        body:
          "The privacy policy that covers your {{organisation}} account changed on {{day}} (version {{version}}).\n\n" +
          "In short: {{summary}}\n\nRead it here: {{url}}\n\n" +
          "You can see what Glasshouse holds about you, and ask for a copy, a correction or erasure, under My account → Privacy.",
      },
      emailChanged: {
        subject: "The email address of your account was changed",
        body: "The email address of your {{organisation}} account was changed from {{from}} to {{to}}.\n\n{{notYou}}",
      },
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
