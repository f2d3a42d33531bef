// The emails the job runner sends before a delegation expires, when it has expired and when a request
// lapses, in English (catalogue section email.expiry; templates `expiry.<key>`). Each has a body for the
// client's domain admins (`client`) and one for the reseller's domain admins and staff (`reseller`).
export const enExpiryEmails = {
  in14Days: {
    subject: "Delegation #{{number}} in {{client}} ends in 14 days",
    client:
      "{{reseller}}'s delegation #{{number}} in {{client}} ends on {{when}} ({{timeZone}}). After that, " +
      "{{reseller}}'s staff can no longer act in {{client}}.\n\n" +
      "If they should keep access, {{reseller}} asks for a new delegation, which you approve or decline. " +
      "See every delegation and what was done under it: {{url}}",
    reseller:
      "Your delegation #{{number}} in {{client}} ends on {{when}} ({{timeZone}}). After that, your staff can " +
      "no longer act in {{client}}.\n\nTo keep working for {{client}}, ask them for a new delegation: {{url}}",
  },
  in1Day: {
    subject: "Delegation #{{number}} in {{client}} ends within a day",
    client:
      "{{reseller}}'s delegation #{{number}} in {{client}} ends on {{when}} ({{timeZone}}), within a day. " +
      "After that, {{reseller}}'s staff can no longer act in {{client}}.\n\n" +
      "See every delegation and what was done under it: {{url}}",
    reseller:
      "Your delegation #{{number}} in {{client}} ends on {{when}} ({{timeZone}}), within a day. After that, " +
      "your staff can no longer act in {{client}}.\n\nTo keep working for {{client}}, ask them for a new " +
      "delegation: {{url}}",
  },
  expired: {
    subject: "Delegation #{{number}} in {{client}} has expired",
    client:
      "{{reseller}}'s delegation #{{number}} in {{client}} expired on {{day}}. {{reseller}}'s staff can no " +
      "longer act in {{client}} through it.\n\nWhat they did under it stays in your audit log: {{url}}",
    reseller:
      "Your delegation #{{number}} in {{client}} expired on {{day}}. Your staff can no longer act in " +
      "{{client}} through it.\n\nTo work for {{client}} again, ask them for a new delegation: {{url}}",
  },
  lapsed: {
    subject: "The request for delegation #{{number}} in {{client}} has lapsed",
    client:
      "{{reseller}} asked {{client}} for delegation #{{number}} on {{requested}}. Nobody answered within " +
      "{{days}} days, so the request lapsed on {{day}} and grants nothing.\n\n" +
      "If {{reseller}} still needs access, they can ask again: {{url}}",
    reseller:
      "Your request to {{client}} for delegation #{{number}}, made on {{requested}}, was not answered within " +
      "{{days}} days and lapsed on {{day}}.\n\nIf you still need access, ask again: {{url}}",
  },
};
