// Cross-site request forgery defence for every state-changing request: the browser's Origin header (or,
// failing that, the Referer's origin) must be our own. Browsers send Origin on every POST, so a missing
// one is refused too. Machine APIs under /api/ authenticate with a bearer key, not a cookie, and are exempt.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  path: string;
  origin: string | undefined;
  referer: string | undefined;
  /** The origin this request was addressed to (APP_ORIGIN, or scheme and Host of the request). */
  expectedOrigin: string;
}

export type OriginCheckResult = { ok: true } | { ok: false; reason: string };

export function checkOrigin(input: OriginCheckInput): OriginCheckResult {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (input.path.startsWith("/api/")) return { ok: true };
  const claimed = input.origin && input.origin !== "null" ? input.origin : originOf(input.referer);
  if (!claimed) return { ok: false, reason: "The request did not say which site it came from." };
  if (claimed !== originOf(input.expectedOrigin)) {
    return { ok: false, reason: "The request came from another site." };
  }
  return { ok: true };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
