// Die accounts-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleAccounts).
import type { enConsoleAccounts } from "./en.console-accounts";

export const deConsoleAccounts: typeof enConsoleAccounts = {};
