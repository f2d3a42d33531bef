// The security headers on every response. The content security policy admits only scripts from our own
// origin and inline scripts carrying this response's nonce, so an injected <script> does not run; the nonce
// is fresh per request and reaches Remix through the load context (see app/entry.server.tsx). Adding
// 'unsafe-inline' to script-src, or reusing a nonce across responses, undoes that.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";

export interface SecurityHeadersOptions {
  /** Development relaxes the policy for Vite's hot reload; production never does. */
  isProduction: boolean;
  /** The public origin (APP_ORIGIN). An https: origin means TLS ends in front of us, so HSTS is sent. */
  appOrigin?: string;
}

const HSTS_MAX_AGE_SECONDS = 63_072_000; // two years

// Powerful features the console never uses, denied to it and to anything it might embed. Passkeys stay
// available to our own origin. Only names Chromium knows: an unknown one draws a console warning.
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-create=(self)",
  "publickey-credentials-get=(self)",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** The nonce of this response's content security policy; set by the middleware from securityHeaders(). */
export function cspNonceOf(res: Response | ServerResponse): string {
  const nonce = (res as Response).locals?.cspNonce;
  if (typeof nonce !== "string") throw new Error("securityHeaders() must run before the nonce is read");
  return nonce;
}

/** Middleware, in order, that sets a fresh CSP nonce and the security headers on every response. */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler[] {
  const servedOverTls = options.appOrigin?.startsWith("https:") ?? false;
  const nonceSource = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${cspNonceOf(res)}'`;
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });

  const assignNonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };

  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // No 'strict-dynamic': Remix's <link rel="modulepreload"> tags carry no nonce and rely on 'self'.
        scriptSrc: ["'self'", nonceSource],
        // Radix UI positions popovers and dialogs with inline style attributes, and Vite injects <style> in
        // development; styles cannot run code, so inline ones are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // QR codes for authenticator set-up are data: URLs or inline SVG.
        imgSrc: ["'self'", "data:"],
        // Vite's hot reload talks over its own WebSocket in development only. Scripts need no development
        // relaxation: the HMR runtime is imported from the same nonced inline module script.
        connectSrc: options.isProduction ? ["'self'"] : ["'self'", "ws:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Set below, only for TLS: a development host served over plain HTTP must not be pinned to HTTPS.
    strictTransportSecurity: false,
    // frame-ancestors covers current browsers; X-Frame-Options covers the old ones.
    xFrameOptions: { action: "deny" },
    // URLs name organisations and accounts; no other site needs to see them, or even which host we are.
    referrerPolicy: { policy: "same-origin" },
  });

  const transportAndPermissions: RequestHandler = (req: Request, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    // req.secure reflects X-Forwarded-Proto only when the app trusts the proxy (TRUST_PROXY).
    if (req.secure || servedOverTls) return hsts(req, res, next);
    next();
  };

  return [assignNonce, headers, transportAndPermissions];
}
