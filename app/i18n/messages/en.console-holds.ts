// The admin console's holds pages in English (section consoleHolds).
export const enConsoleHolds = {};
