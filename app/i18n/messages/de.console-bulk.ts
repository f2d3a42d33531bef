// Die bulk-Seiten der Admin-Konsole auf Deutsch (Abschnitt consoleBulk).
import type { enConsoleBulk } from "./en.console-bulk";

export const deConsoleBulk: typeof enConsoleBulk = {};
