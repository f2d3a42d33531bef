// The admin console's accounts pages in English (section consoleAccounts).
export const enConsoleAccounts = {
  /** The accounts list (app/routes/t.$tenant._index.tsx). */
  list: {
    pageTitle: "Accounts · {{organisation}} · Glasshouse",
    heading: "Accounts",
    // English writes the count with and without "match"; `n` is the count as the console writes numbers.
    total_one: "{{n}} account",
    total_other: "{{n}} accounts",
    totalMatching_one: "{{n}} account matches",
    totalMatching_other: "{{n}} accounts match",
    totalMore_one: "More than {{n}} account",
    totalMore_other: "More than {{n}} accounts",
    totalMoreMatching_one: "More than {{n}} account matches",
    totalMoreMatching_other: "More than {{n}} accounts match",
    notices: {
      badCursor: "That page link is not valid any more, so you are back on the first page.",
      badSort: "The list cannot be sorted that way, so it is sorted by name.",
    },
    filters: {
      label: "Filter accounts",
      search: "Search accounts by name or email",
      searchPlaceholder: "Name or email",
      role: "Role",
      manager: "Manager",
      anyStatus: "Any status",
      anyRole: "Any role",
      anyManager: "Any manager",
      any: "Any",
      noAdminRole: "No admin role",
      hold: "Legal hold",
      holdYes: "Under legal hold",
      holdNo: "Not under legal hold",
      locked: "Locked settings",
      lockedYes: "Has locked settings",
      lockedNo: "No locked settings",
      twoFactor: "Two-step verification",
      twoFactorYes: "On",
      twoFactorNo: "Off",
      submit: "Search",
      searching: "Searching…",
      clear: "Clear filters",
      managersCapped: "The manager filter lists the first {{n}} managers by name.",
    },
    /** A hand-edited filter field that does not validate, by field (app/accounts/filters.ts). */
    filterErrors: {
      q: "Search for at most 200 characters.",
      status: "Choose a status from the list.",
      role: "Choose a role from the list.",
      manager: "Choose a manager from the list.",
      // English shows the validator's own message for the yes/no fields; other languages say this.
      yesNo: "Choose yes or no.",
    },
    bulk: {
      label: "Act on several accounts",
      actOn: "Act on",
      ticked: "The accounts ticked below",
      selectAllCounted: "Select all {{n}} accounts that match",
      selectAll: "Select all accounts that match",
      allSelected_one: "All {{n}} accounts that match are selected.",
      allSelected_other: "All {{n}} accounts that match are selected.",
      selected: "{{n}} selected",
      /** The bulk bar's buttons, by bulk operation (app/bulk/operations.ts). */
      operations: {
        suspend: "Suspend",
        unsuspend: "Unsuspend",
        resetPassword: "Reset password",
        revokeSessions: "Sign out everywhere",
        hold: "Add to legal hold",
        lock: "Lock a setting",
      },
    },
    empty: {
      search: "No accounts match “{{search}}”.",
      filtered: "No accounts match these filters.",
      none: "This organisation has no accounts yet.",
    },
    caption: "Accounts, sorted by {{column}} ({{direction}})",
    captionFiltered: "Accounts that match the filters, sorted by {{column}} ({{direction}})",
    ascending: "ascending",
    descending: "descending",
    /** The sortable columns' headers, and how the caption names each (lower case in English). */
    columns: {
      created: "Created",
      lastSignIn: "Last sign-in",
      twoStep: "Two-step",
    },
    sortedBy: {
      name: "name",
      email: "email",
      status: "status",
      created: "created",
      lastSignIn: "last sign-in",
    },
    selectPage: "Select every account on this page",
    selectAccount: "Select {{name}}",
    legalHold: "Legal hold",
    underHold: "Under legal hold: {{matters}}",
    lockedSettings: "Locked settings",
    locked: "Locked: {{settings}}",
    authenticator: "Authenticator app",
    passkeys_one: "{{count}} passkey",
    passkeys_other: "{{count}} passkeys",
    off: "Off",
    never: "Never",
    pages: "Pages",
    /** What a row action says when it is done (the English says "session(s)" whatever the count). */
    done: {
      suspend_one: "Suspended. {{count}} session(s) ended; the person has been emailed.",
      suspend_other: "Suspended. {{count}} session(s) ended; the person has been emailed.",
      resetPasswordTemporary_one:
        "Password reset. Temporary password, shown only now: {{password}} — they must change it when they sign in. {{count}} session(s) ended.",
      resetPasswordTemporary_other:
        "Password reset. Temporary password, shown only now: {{password}} — they must change it when they sign in. {{count}} session(s) ended.",
      resetPasswordLink_one:
        "Password reset. A single-use link valid for 30 minutes has been emailed. {{count}} session(s) ended.",
      resetPasswordLink_other:
        "Password reset. A single-use link valid for 30 minutes has been emailed. {{count}} session(s) ended.",
      resetMfa:
        "Two-step verification reset. The person signs in with their password and sets it up again; they have been emailed.",
      unsuspend: "Unsuspended. The person can sign in again and has been emailed.",
      terminate_one:
        "Terminated. {{count}} session(s) ended; the account will be erased after the grace period unless restored. The person has been emailed.",
      terminate_other:
        "Terminated. {{count}} session(s) ended; the account will be erased after the grace period unless restored. The person has been emailed.",
      restore: "Restored. The person can sign in again and has been emailed.",
      revokeSessions_one: "Signed out everywhere: {{count}} session(s) ended.",
      revokeSessions_other: "Signed out everywhere: {{count}} session(s) ended.",
    },
  },
  /** The dialogs that ask for a reason (app/components/account-actions.tsx); buttons are the actions' names. */
  dialogs: {
    suspend: {
      title: "Suspend {{name}}?",
      description:
        "They will be signed out everywhere and cannot sign in until an admin unsuspends them. They will see this in their activity, with your reason.",
    },
    resetPassword: {
      title: "Reset {{name}}’s password?",
      description:
        "Every session they have ends. Email them a link to choose a new password, or set a temporary password that you pass on and they must change when they sign in. They will see this in their activity, with your reason.",
    },
    resetMfa: {
      title: "Reset {{name}}’s two-step verification?",
      description:
        "Their authenticator app, passkeys and recovery codes stop working and their sessions end; they sign in with their password and set up again. They will be emailed, and see this in their activity with your reason.",
    },
    terminate: {
      title: "Terminate {{name}}’s account?",
      description:
        "They are signed out everywhere and can no longer sign in. The account is erased after the organisation's grace period (30 days unless changed) unless an admin restores it before then; a legal hold stops the erasure. They will be emailed, and see this in their activity with your reason.",
    },
    export: {
      title: "Export {{name}}’s data?",
      description:
        "A JSON file of everything Glasshouse holds about the account (profile, settings, consents, devices, installations, events, and every audit entry about it), for a legal request. The export is recorded with your reason.",
    },
    stepUpConfirmed: "Second factor confirmed. Check the reason and press {{button}} again.",
    how: "How",
    methodLink: "Email them a reset link",
    methodTemporary: "Set a temporary password (shown to you once)",
  },
};
