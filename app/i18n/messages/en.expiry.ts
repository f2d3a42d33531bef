// The emails the job runner sends before a delegation expires, in English (catalogue section
// email.expiry; templates `expiry.<key>`).
export const enExpiryEmails = {};
