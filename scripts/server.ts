// The HTTP server, in development (Vite middleware, hot reload) and production (the built app).
// Before it listens it opens the database, migrates it when it may (always on the embedded database,
// and in development), and seeds the demo into an empty embedded database.
import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { count } from "drizzle-orm";
import express from "express";
import { getConfig } from "../app/config.server";
import "../app/context";
import { openConfiguredDatabase } from "../app/db.server";
import { cspNonceOf, securityHeaders } from "../app/security/headers.server";
import { checkOrigin } from "../app/security/origin";
import { secretsKey } from "../app/security/secrets.server";
import { migrateDatabase } from "../db/migrate";
import { organisations } from "../db/schema";
import { DEMO_SIGN_INS, seedDemo } from "../db/seed";
import { getSigningKey } from "../app/audit/signing-key.server";
import { createCheckpoint, listChains } from "../app/audit/trail.server";
import { deliverPendingEmail } from "../app/mail/delivery.server";

const config = getConfig();
const isProduction = config.NODE_ENV === "production";
// The key that seals TOTP secrets and sign-in cookies: a missing or malformed SECRETS_KEY stops the server
// here, not at the first person who signs in with two-step verification.
secretsKey();

const database = await openConfiguredDatabase();
if (database.driver === "pglite" || !isProduction) {
  await migrateDatabase(database);
}
let seeded = false;
if (config.seedDemo) {
  const [row] = await database.db.select({ n: count() }).from(organisations);
  if ((row?.n ?? 0) === 0) {
    console.log("Seeding the demo organisations (first start)…");
    await seedDemo(database.db);
    seeded = true;
  }
}

const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY (e.g. 1 or "loopback") so req.ip and req.protocol are the client's.
app.set("trust proxy", process.env.TRUST_PROXY ?? false);
app.use(securityHeaders({ isProduction, appOrigin: config.APP_ORIGIN }));

app.use((req, res, next) => {
  const result = checkOrigin({
    method: req.method,
    path: req.path,
    origin: req.get("Origin"),
    referer: req.get("Referer"),
    expectedOrigin: config.APP_ORIGIN ?? `${req.protocol}://${req.get("Host")}`,
  });
  if (result.ok) return next();
  res.status(403).type("text/plain").send(`Forbidden: ${result.reason}`);
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}
app.use(express.static("public", { maxAge: "1h" }));

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: (req, res): AppLoadContext => {
      const requestId = randomUUID();
      res.setHeader("X-Request-Id", requestId);
      return { requestId, clientIp: req.ip ?? null, cspNonce: cspNonceOf(res) };
    },
  }),
);

const server = app.listen(config.PORT, config.HOST, () => {
  const url = `http://${config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST}:${config.PORT}`;
  const lines = [
    "",
    `Glasshouse is running at ${config.APP_ORIGIN ?? url}`,
    `Database: ${database.driver === "pglite" ? `embedded PGlite in ${database.location}` : database.location}${seeded ? " (demo seeded)" : ""}`,
  ];
  if (config.seedDemo) {
    lines.push("", "Demo sign-ins:");
    for (const person of DEMO_SIGN_INS) {
      lines.push(`  ${person.email.padEnd(34)} ${person.password}   ${person.role}, ${person.organisation}`);
    }
  }
  console.log(lines.join("\n") + "\n");
});

// Signed checkpoints of every chain that moved, so truncating or rewriting a chain shows.
async function signCheckpoints() {
  try {
    getSigningKey();
  } catch (error) {
    console.warn(`Audit checkpoints are off: ${error instanceof Error ? error.message : String(error)}`);
    clearInterval(checkpointTimer);
    return;
  }
  for (const chain of await listChains(database.db)) {
    try {
      await createCheckpoint(database.db, chain.tenantId);
    } catch (error) {
      console.error(`Audit chain of ${chain.slug ?? chain.tenantId} could not be checkpointed:`, error);
    }
  }
}
const checkpointTimer =
  config.AUDIT_CHECKPOINT_MINUTES > 0
    ? setInterval(() => void signCheckpoints(), config.AUDIT_CHECKPOINT_MINUTES * 60_000).unref()
    : undefined;

// Email waiting in the outbox: sent to SMTP_URL, or without it stored and logged (app/mail/delivery.server.ts).
let isDelivering = false;
async function deliverEmail() {
  // One round at a time in this process, however slow the mail server; other servers skip the locked rows.
  if (isDelivering) return;
  isDelivering = true;
  try {
    await deliverPendingEmail();
  } catch (error) {
    console.error("Email delivery failed:", error);
  } finally {
    isDelivering = false;
  }
}
if (config.MAIL_DELIVERY_SECONDS > 0) {
  setInterval(() => void deliverEmail(), config.MAIL_DELIVERY_SECONDS * 1000).unref();
}

// The job runner (app/jobs/runner.server.ts): bulk runs, and the sweep that purges terminated accounts past
// their grace period. pg-boss on PostgreSQL, so several servers share the work; in-process on PGlite. It
// lives in the app's module graph (the handlers need the policy engine), so it is started through it.
type JobsModule = {
  startJobRunner: (options: { connectionString?: string; purgeSweepMinutes: number }) => Promise<{ kind: string }>;
  stopJobRunner: () => Promise<void>;
};
const jobsModule = async () => {
  const serverBuild = typeof build === "function" ? await build() : build;
  return serverBuild.entry.module as unknown as JobsModule;
};
const runner = await (
  await jobsModule()
).startJobRunner({ connectionString: config.DATABASE_URL, purgeSweepMinutes: config.PURGE_SWEEP_MINUTES });
console.log(`Jobs: ${runner.kind === "pg-boss" ? "pg-boss queue on PostgreSQL" : "in this process"}`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down…`);
  server.close();
  server.closeAllConnections();
  await (await jobsModule()).stopJobRunner().catch((error) => console.error("Stopping the jobs failed:", error));
  await viteDevServer?.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
