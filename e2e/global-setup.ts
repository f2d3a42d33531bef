// Starts the SMTP sink the e2e server delivers its email to (mail-sink.ts), on the port of the SMTP_URL that
// playwright.config.ts gives the server, writing into a folder next to the server's DATA_DIR. Playwright runs
// the returned function as the teardown.
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { announceMailDir, startMailSink } from "./mail-sink";

export default async function globalSetup(config: FullConfig) {
  const env = config.webServer?.env ?? {};
  if (!env.SMTP_URL || !env.DATA_DIR) {
    throw new Error("playwright.config.ts: the web server needs SMTP_URL and DATA_DIR");
  }
  const port = Number(new URL(env.SMTP_URL).port);
  const serverDir = path.resolve(path.dirname(config.configFile ?? "."), config.webServer?.cwd ?? ".");
  const sink = await startMailSink({ port, dir: path.resolve(serverDir, `${env.DATA_DIR}-mail`) });
  announceMailDir(sink.dir);
  return async () => {
    await sink.close();
  };
}
