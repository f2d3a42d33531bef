// Words the admin console's pages share (statuses, common column names and buttons). Each page's own texts
// live in its own section file next to this one (en.console-<area>.ts), wired into en.ts by name.
export const enConsole = {
  status: { active: "Active", suspended: "Suspended", terminated: "Terminated" },
  role: {
    domain_admin: "Domain admin",
    helpdesk_admin: "Helpdesk admin",
    compliance_officer: "Compliance officer",
    auditor: "Auditor",
  },
  /** A lockable setting by its name with "." written "_" (profile.phone → profile_phone). */
  setting: {
    marketing_consent: "Marketing consent",
    data_deletion: "Deleting their data",
    account_closure: "Closing their account",
    profile_displayName: "Display name",
    profile_givenName: "Given name",
    profile_familyName: "Family name",
    profile_phone: "Phone number",
    profile_jobTitle: "Job title",
    profile_department: "Department",
  },
  common: {
    name: "Name",
    email: "Email",
    status: "Status",
    roles: "Roles",
    when: "When",
    actions: "Actions",
    reason: "Reason",
    cancel: "Cancel",
    save: "Save",
    none: "None",
    nobody: "Nobody",
    erased: "Erased",
    yes: "Yes",
    no: "No",
    previous: "← Previous",
    next: "Next →",
    stepUpNext: "You will be asked for it next, and come back here.",
  },
};
