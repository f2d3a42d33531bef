// The admin console's account pages in English (section consoleAccount).
export const enConsoleAccount = {};
