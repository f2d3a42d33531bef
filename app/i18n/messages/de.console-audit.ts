// Die audit-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleAudit).
import type { enConsoleAudit } from "./en.console-audit";

export const deConsoleAudit: typeof enConsoleAudit = {};
