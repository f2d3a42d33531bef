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
