// Short-lived state the browser carries between two requests, sealed (AES-256-GCM, app/security/secrets) so
// it can be neither read nor forged: the sign-in waiting for its second factor, and the admin's form input
// kept while they confirm a second factor. Each cookie is HttpOnly, SameSite=Lax, Secure over TLS, and
// carries its own expiry inside the seal (a cookie's Max-Age is only advice to the browser).
import { Cookie } from "lucia";
import { z } from "zod";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { seal, unsealBytes } from "~/security/secrets.server";
import { isSecureRequest } from "./session.server";

interface SealedCookie<T> {
  /** The Set-Cookie header that stores `value` for `ttlMs`. */
  set(request: Request, value: T, ttlMs: number): string;
  /** Whether `value` fits in one cookie (browsers keep about 4 KB). */
  fits(request: Request, value: T, ttlMs: number): boolean;
  /** The value, or null when absent, tampered with, of the wrong shape or expired. */
  read(request: Request): T | null;
  /** The Set-Cookie header that removes it. */
  clear(request: Request): string;
}

const MAX_COOKIE_BYTES = 4000;

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header || header.length > 8192) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator >= 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

function sealedCookie<T>(name: string, schema: z.ZodType<T>, path = "/"): SealedCookie<T> {
  const envelope = z.object({ expires: z.number(), value: schema });
  const serialize = (request: Request, value: string, maxAge: number) =>
    new Cookie(name, value, {
      httpOnly: true,
      sameSite: "lax",
      path,
      secure: isSecureRequest(request),
      maxAge,
    }).serialize();
  // Compressed before sealing: a policy's source text kept across a step-up is mostly repetition.
  const sealValue = (value: T, ttlMs: number) =>
    seal(deflateRawSync(JSON.stringify({ expires: Date.now() + ttlMs, value })), `cookie:${name}`);
  return {
    set(request, value, ttlMs) {
      return serialize(request, sealValue(value, ttlMs), Math.ceil(ttlMs / 1000));
    },
    fits(request, value, ttlMs) {
      return serialize(request, sealValue(value, ttlMs), Math.ceil(ttlMs / 1000)).length <= MAX_COOKIE_BYTES;
    },
    read(request) {
      const raw = readCookie(request, name);
      if (!raw || raw.length > MAX_COOKIE_BYTES) return null;
      const opened = unsealBytes(raw, `cookie:${name}`);
      if (!opened) return null;
      let json: unknown;
      try {
        json = JSON.parse(inflateRawSync(opened, { maxOutputLength: 256 * 1024 }).toString("utf8"));
      } catch {
        return null;
      }
      const parsed = envelope.safeParse(json);
      if (!parsed.success || parsed.data.expires < Date.now()) return null;
      return parsed.data.value;
    },
    clear(request) {
      return serialize(request, "", 0);
    },
  };
}

/** A password (or nothing yet) has been proven; the second factor has not. Five minutes to give it. */
export const pendingSignIn = sealedCookie(
  "glasshouse_pending",
  z.object({
    tenantId: z.string().uuid(),
    accountId: z.string().uuid(),
    email: z.string(),
    redirectTo: z.string().nullable(),
  }),
);
export type PendingSignIn = NonNullable<ReturnType<typeof pendingSignIn.read>>;
export const PENDING_SIGN_IN_TTL_MS = 5 * 60 * 1000;

/** The form an admin submitted when the action asked for a step-up, to fill it in again afterwards. */
export const stepUpResume = sealedCookie(
  "glasshouse_resume",
  z.object({
    /** Whose form it is: offered back to no one else who signs in on this browser. */
    accountId: z.string(),
    /** The page (path and query) the form was on. */
    path: z.string(),
    fields: z.record(z.string(), z.string()),
  }),
);
export type StepUpResume = NonNullable<ReturnType<typeof stepUpResume.read>>;
export const STEP_UP_RESUME_TTL_MS = 10 * 60 * 1000;
