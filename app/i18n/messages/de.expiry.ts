// Die E-Mails vor und bei dem Ablauf einer Delegation und beim Verfall einer Anfrage auf Deutsch
// (Abschnitt email.expiry, siehe en.expiry.ts).
import type { enExpiryEmails } from "./en.expiry";

export const deExpiryEmails: typeof enExpiryEmails = {
  in14Days: {
    subject: "Delegation Nr. {{number}} in {{client}} endet in 14 Tagen",
    client:
      "Die Delegation Nr. {{number}} von {{reseller}} in {{client}} endet am {{when}} ({{timeZone}}). Danach " +
      "können die Mitarbeitenden von {{reseller}} in {{client}} nicht mehr handeln.\n\n" +
      "Soll der Zugriff bestehen bleiben, beantragt {{reseller}} eine neue Delegation, die Sie genehmigen " +
      "oder ablehnen. Alle Delegationen und was darüber getan wurde: {{url}}",
    reseller:
      "Ihre Delegation Nr. {{number}} in {{client}} endet am {{when}} ({{timeZone}}). Danach können Ihre " +
      "Mitarbeitenden in {{client}} nicht mehr handeln.\n\nUm weiter für {{client}} zu arbeiten, beantragen " +
      "Sie dort eine neue Delegation: {{url}}",
  },
  in1Day: {
    subject: "Delegation Nr. {{number}} in {{client}} endet in weniger als einem Tag",
    client:
      "Die Delegation Nr. {{number}} von {{reseller}} in {{client}} endet am {{when}} ({{timeZone}}), in " +
      "weniger als einem Tag. Danach können die Mitarbeitenden von {{reseller}} in {{client}} nicht mehr " +
      "handeln.\n\nAlle Delegationen und was darüber getan wurde: {{url}}",
    reseller:
      "Ihre Delegation Nr. {{number}} in {{client}} endet am {{when}} ({{timeZone}}), in weniger als einem " +
      "Tag. Danach können Ihre Mitarbeitenden in {{client}} nicht mehr handeln.\n\nUm weiter für {{client}} " +
      "zu arbeiten, beantragen Sie dort eine neue Delegation: {{url}}",
  },
  expired: {
    subject: "Delegation Nr. {{number}} in {{client}} ist abgelaufen",
    client:
      "Die Delegation Nr. {{number}} von {{reseller}} in {{client}} ist am {{day}} abgelaufen. Die " +
      "Mitarbeitenden von {{reseller}} können darüber in {{client}} nicht mehr handeln.\n\n" +
      "Was sie darüber getan haben, bleibt in Ihrem Audit-Log: {{url}}",
    reseller:
      "Ihre Delegation Nr. {{number}} in {{client}} ist am {{day}} abgelaufen. Ihre Mitarbeitenden können " +
      "darüber in {{client}} nicht mehr handeln.\n\nUm wieder für {{client}} zu arbeiten, beantragen Sie " +
      "dort eine neue Delegation: {{url}}",
  },
  lapsed: {
    subject: "Die Anfrage für Delegation Nr. {{number}} in {{client}} ist verfallen",
    client:
      "{{reseller}} hat {{client}} am {{requested}} um die Delegation Nr. {{number}} gebeten. Niemand hat " +
      "innerhalb von {{days}} Tagen geantwortet, daher ist die Anfrage am {{day}} verfallen und gewährt " +
      "nichts.\n\nBraucht {{reseller}} weiterhin Zugriff, kann der Partner erneut anfragen: {{url}}",
    reseller:
      "Ihre Anfrage an {{client}} für die Delegation Nr. {{number}} vom {{requested}} wurde nicht innerhalb " +
      "von {{days}} Tagen beantwortet und ist am {{day}} verfallen.\n\nBrauchen Sie weiterhin Zugriff, " +
      "fragen Sie erneut an: {{url}}",
  },
};
