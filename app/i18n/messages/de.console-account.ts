// Die account-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleAccount).
import type { enConsoleAccount } from "./en.console-account";

export const deConsoleAccount: typeof enConsoleAccount = {};
