// A console.error during a test is a failure: it means something went wrong that no assertion saw.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, vi } from "vitest";
import { setSecretsKeyForTesting } from "~/security/secrets.server";

// Sealed secrets use a key of the run's own, never one written into a data folder.
setSecretsKeyForTesting(randomBytes(32));

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called during the test: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
