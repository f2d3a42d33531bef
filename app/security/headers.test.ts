import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { cspNonceOf, securityHeaders, type SecurityHeadersOptions } from "./headers.server";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A tiny app behind the middleware; its page echoes the nonce it was given, as Remix's scripts would. */
async function serve(options: SecurityHeadersOptions, trustProxy = false): Promise<string> {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(securityHeaders(options));
  app.get("/", (_req, res) => {
    res.type("html").send(`<script nonce="${cspNonceOf(res)}"></script>`);
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function directives(response: Response): Map<string, string> {
  const policy = response.headers.get("Content-Security-Policy") ?? "";
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(" ")]),
  );
}

const production = { isProduction: true };

describe("security headers", () => {
  it("gives every response a fresh nonce in script-src, the one the page's scripts carry", async () => {
    const url = await serve(production);
    const [first, second] = [await fetch(url), await fetch(url)];
    const nonces = await Promise.all(
      [first, second].map(async (response) => {
        const scriptSrc = directives(response).get("script-src") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(await response.text()).toBe(`<script nonce="${nonce}"></script>`);
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("admits no inline script without the nonce, and no eval", async () => {
    const scriptSrc = directives(await fetch(await serve(production))).get("script-src");
    expect(scriptSrc).toMatch(/^'self' 'nonce-[^']+'$/);
    expect(scriptSrc).not.toContain("unsafe");
  });

  it("locks down framing, plugins, base URLs and form targets", async () => {
    const policy = directives(await fetch(await serve(production)));
    expect(Object.fromEntries(policy)).toMatchObject({
      "default-src": "'self'",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
    });
  });

  it("lets Vite's hot-reload WebSocket connect in development only", async () => {
    const policy = directives(await fetch(await serve({ isProduction: false })));
    expect(policy.get("connect-src")).toBe("'self' ws:");
    expect(policy.get("script-src")).not.toContain("unsafe");
  });

  it("sets the other protective headers", async () => {
    const response = await fetch(await serve(production));
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    const permissions = response.headers.get("Permissions-Policy") ?? "";
    expect(permissions).toContain("publickey-credentials-get=(self)");
    expect(permissions).toContain("publickey-credentials-create=(self)");
    expect(permissions).toContain("camera=()");
    expect(permissions).toContain("microphone=()");
    expect(permissions).toContain("geolocation=()");
  });

  describe("HSTS", () => {
    const HSTS = "max-age=63072000; includeSubDomains";

    it("is not sent over plain HTTP", async () => {
      const response = await fetch(await serve(production));
      expect(response.headers.get("Strict-Transport-Security")).toBeNull();
    });

    it("is sent when a trusted proxy says the request came over TLS", async () => {
      const response = await fetch(await serve(production, true), { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.headers.get("Strict-Transport-Security")).toBe(HSTS);
    });

    it("ignores X-Forwarded-Proto when the proxy is not trusted", async () => {
      const response = await fetch(await serve(production, false), { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.headers.get("Strict-Transport-Security")).toBeNull();
    });

    it("is sent when the public origin is https:", async () => {
      const response = await fetch(await serve({ ...production, appOrigin: "https://console.example.com" }));
      expect(response.headers.get("Strict-Transport-Security")).toBe(HSTS);
    });
  });
});
