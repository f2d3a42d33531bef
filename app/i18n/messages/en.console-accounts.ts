// The admin console's accounts pages in English (section consoleAccounts).
export const enConsoleAccounts = {};
