// Redirect targets that come from the client (`?redirectTo=`) may only name a path on this site.

/** `target` if it is a local path, otherwise `fallback`. Rejects //host, /\host, schemes and control characters. */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  try {
    const resolved = new URL(target, "http://glasshouse.invalid");
    if (resolved.origin !== "http://glasshouse.invalid") return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
