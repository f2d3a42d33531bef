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
    // Normalising can produce a protocol-relative path ("/.//evil.example" becomes "//evil.example"),
    // which a browser follows to another site: check the result, not only the input.
    if (resolved.pathname.startsWith("//") || resolved.pathname.startsWith("/\\")) return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}

export const REFUSED_REDIRECT_NOTICE =
  "The link you followed asked to send you to another site after signing in. Glasshouse will not do that: " +
  "you will go to your own start page instead.";

/**
 * For a `redirectTo` the person brought with them: the notice to show when it is refused (it names another
 * site, or is malformed), else null. The refusal is logged with the request id, so an attempt to use
 * Glasshouse as an open redirect leaves a trace.
 */
export function redirectProblem(
  target: string | null,
  request: { requestId: string | null; ipAddress: string | null },
) {
  if (!target) return null;
  if (safeRedirectPath(target, "") !== "") return null;
  console.warn(
    JSON.stringify({
      event: "redirect.refused",
      requestId: request.requestId,
      ip: request.ipAddress,
      target: target.slice(0, 200),
    }),
  );
  return REFUSED_REDIRECT_NOTICE;
}
