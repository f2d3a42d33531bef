// The simulator's command line: parsed with node:util, validated with zod, every problem named.
import { parseArgs } from "node:util";
import { z } from "zod";

export const USAGE = `Usage: npm run telemetry:simulate -- --key <ingestion key> [options]

Posts simulated app-install events to a running Glasshouse server.

  --url <url>           the server (default http://localhost:3000; /api/v1/events is added)
  --key <key>           an ingestion key, ghk_… (default: $GLASSHOUSE_INGEST_KEY); make one at
                        /t/<organisation>/apps/keys
  --devices <n>         simulated devices (default 200)
  --events <n>          events in all, re-sent batches not counted (default 10000)
  --batch <n>           events per request, at most 1000 (default 500)
  --rate <n>            events per second; 0 sends as fast as the server answers (default 0)
  --concurrency <n>     requests in flight at once (default 2)
  --duplicates <0..1>   fraction of batches sent a second time, with the same ids (default 0.02)
  --bad <0..1>          fraction of events made invalid (default 0)
  --accounts <emails>   comma-separated emails of the organisation's people the devices belong to; without
                        it every event is unattributed (the simulator cannot see who is in the organisation)
  --apps <names>        comma-separated app names (default: the demo's apps for each device's OS)
  --seed <text>         the random seed; the same seed on the same (UTC) day sends the same events again
  --format json|ndjson  the request body (default json)
  --days <n>            events spread over the last n days (default 30)
  --help                this text

Example:
  npm run telemetry:simulate -- --key ghk_… --accounts olivia.smith@northwind.example --bad 0.01`;

const count = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} must be at most ${max.toLocaleString("en")}`);
const fraction = (name: string) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .min(0, `--${name} must be between 0 and 1`)
    .max(1, `--${name} must be between 0 and 1`);
const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

export const optionsSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "--url must be an http:// or https:// URL" })
    .default("http://localhost:3000"),
  key: z
    .string({ error: "--key (or GLASSHOUSE_INGEST_KEY) is required: make a key at /t/<organisation>/apps/keys" })
    .trim()
    .regex(/^ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/, "--key must be an ingestion key: ghk_<8 hex>_<43 characters>"),
  devices: count("devices", 1, 1_000_000).default(200),
  events: count("events", 1, 100_000_000).default(10_000),
  batch: count("batch", 1, 1000).default(500),
  rate: count("rate", 0, 10_000_000).default(0),
  concurrency: count("concurrency", 1, 64).default(2),
  duplicates: fraction("duplicates").default(0.02),
  bad: fraction("bad").default(0),
  accounts: list(z.email("--accounts must be comma-separated email addresses")).default([]),
  apps: list(z.string().max(200, "--apps: an app name is at most 200 characters")).default([]),
  seed: z.string().min(1, "--seed must not be empty").optional(),
  format: z.enum(["json", "ndjson"], { error: "--format must be json or ndjson" }).default("json"),
  days: count("days", 1, 3650).default(30),
});

export type SimulateOptions = z.infer<typeof optionsSchema>;

const NAMES = Object.keys(optionsSchema.shape) as (keyof typeof optionsSchema.shape)[];

/** The options from the command line and environment, or the problems with them. */
export function readOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): { options: SimulateOptions } | { help: true } | { problems: string[] } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(NAMES.map((name) => [name, { type: "string" as const }])),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help) return { help: true };
  const parsed = optionsSchema.safeParse({ ...values, key: values.key ?? env.GLASSHOUSE_INGEST_KEY });
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => issue.message) };
  return { options: parsed.data };
}

export function eventsEndpoint(url: string): string {
  const base = url.replace(/\/+$/, "");
  return base.endsWith("/api/v1/events") ? base : `${base}/api/v1/events`;
}
