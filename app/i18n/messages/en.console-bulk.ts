// The admin console's bulk pages in English (section consoleBulk).
export const enConsoleBulk = {};
