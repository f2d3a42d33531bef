// Die holds-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleHolds).
import type { enConsoleHolds } from "./en.console-holds";

export const deConsoleHolds: typeof enConsoleHolds = {};
