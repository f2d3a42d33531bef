// The platform operator's pages in English (section operator): /operator (organisations, links, access
// requests) and the customer's side of operator access (/t/:tenant/operator-access).
export const enOperator = {
  /** The console's navigation link to the customer's operator-access page. */
  nav: "Operator access",
};

/** The emails of operator access and new organisations (catalogue section email.operator; templates `operator.<key>`). */
export const enOperatorEmails = {};
