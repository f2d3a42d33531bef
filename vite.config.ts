import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Tests and scripts run under vite-node (for the `?raw` Cedar imports) without the Remix plugin.
const isTest = Boolean(process.env.VITEST || process.env.GLASSHOUSE_NO_REMIX);

export default defineConfig({
  server: {
    port: Number(process.env.PORT ?? 3000),
    // Scripts (vite-node) need no file watcher; it would rescan the project (PGlite's .data folders change
    // all the time while tests run) inside a benchmark's measured process.
    ...(process.env.GLASSHOUSE_NO_REMIX && { watch: null }),
  },
  // Remix 2.17 skips Vite's dependency scan without this, and the first dev load then sees two Reacts.
  // Server-only packages never reach the browser; keep the dependency optimizer away from them.
  optimizeDeps: {
    exclude: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "lucia", "@cedar-policy/cedar-wasm"],
  },
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "@cedar-policy/cedar-wasm"] },
  plugins: [
    !isTest &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          unstable_optimizeDeps: true,
        },
      }),
    tsconfigPaths(),
  ],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["./db/testing-global-setup.ts"],
    setupFiles: ["./app/test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
