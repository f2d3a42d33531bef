// Die Seiten des Plattformbetreibers auf Deutsch (Abschnitt operator, siehe en.operator.ts).
import type { enOperator, enOperatorEmails } from "./en.operator";

export const deOperator: typeof enOperator = {
  nav: "Betreiberzugriff",
};

export const deOperatorEmails: typeof enOperatorEmails = {};
