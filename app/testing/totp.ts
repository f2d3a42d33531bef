// Real authenticator codes for tests, from the secret a test enrolled (otplib, as an authenticator app
// would compute them).
import { generate } from "otplib";

/** One TOTP step. */
export const STEP_MS = 30_000;

/** The code for the step that contains `ms`. */
export function codeAt(secret: string, ms: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(ms / 1000) });
}

/** Six digits that are none of the codes the server would accept around now (two steps either side). */
export async function wrongCode(secret: string): Promise<string> {
  const now = Date.now();
  const accepted = new Set(await Promise.all([-2, -1, 0, 1, 2].map((steps) => codeAt(secret, now + steps * STEP_MS))));
  for (let n = 123456; ; n++) {
    const candidate = String(n % 1_000_000).padStart(6, "0");
    if (!accepted.has(candidate)) return candidate;
  }
}
