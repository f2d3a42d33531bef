// The admin console's audit pages in English (section consoleAudit).
export const enConsoleAudit = {};
