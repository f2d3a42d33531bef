// Configuration from the environment, validated once. Every variable is listed in the README.
import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Drizzle's queries as named statements on PostgreSQL (db/prepared-statements.ts); false behind a pooler
  // in transaction mode that cannot keep them.
  DATABASE_PREPARE: booleanish.default(true),
  DATA_DIR: z.string().min(1).default(".data"),
  HOST: z.string().min(1).default("localhost"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_ORIGIN: z.url().optional(),
  SEED_DEMO: booleanish.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(12 * 60),
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  SECRETS_KEY: z.string().min(1).optional(),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .default(14 * 24),
  // Without SMTP_URL, email is built and kept in the outbox only (and logged): the embedded demo's default.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]/, "must be an smtp:// or smtps:// URL")
    .refine((value) => URL.canParse(value), "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/@[^@\s>]+>?$/, "must be an address, e.g. Glasshouse <no-reply@example.org>")
    .default("Glasshouse <no-reply@glasshouse.invalid>"),
  PURGE_SWEEP_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  // The events API's per-key rate, in events a second; a key may also post one second's worth at once.
  INGEST_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  // Batches one server stores at once (app/telemetry/batch-slots.server.ts): about the database's cores.
  INGEST_CONCURRENT_BATCHES: z.coerce.number().int().min(1).max(256).default(2),
  MAIL_DELIVERY_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60 * 60)
    .default(10),
});

export type Config = z.infer<typeof envSchema> & {
  /** Where PGlite keeps its files when no DATABASE_URL is set. */
  pgliteDir: string;
  /** Whether to seed the demo into an empty database at start. */
  seedDemo: boolean;
};

let cached: Config | undefined;

export function getConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const config: Config = {
    ...parsed.data,
    pgliteDir: path.resolve(parsed.data.DATA_DIR, "pglite"),
    seedDemo: parsed.data.SEED_DEMO ?? !parsed.data.DATABASE_URL,
  };
  if (env === process.env) cached = config;
  return config;
}

/**
 * The console's public origin, for links in emails: APP_ORIGIN, else where the server listens. Never taken
 * from the request's Host header, which whoever sends the request chooses: a reset link must not be
 * pointable at someone else's host.
 */
export function publicOrigin(config: Config = getConfig()): string {
  if (config.APP_ORIGIN) return new URL(config.APP_ORIGIN).origin;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
}
