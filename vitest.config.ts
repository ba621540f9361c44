import { defineConfig } from "vitest/config";
import { aliases } from "./vite.config";

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    setupFiles: ["test/support/fail-on-console-error.ts"],
    // expect.poll retries for 1 s by default: far too little on a busy machine, where a page can take seconds to render.
    expect: { poll: { timeout: 30_000, interval: 50 } },
    projects: [
      {
        extends: true,
        // Simulation tests run for seconds even on an idle machine; on a busy one, ten times that. Heavy tests also set their own.
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 30_000,
          globalSetup: ["test/support/require-build.ts"],
        },
      },
      {
        extends: true,
        test: {
          // The same integration suite on PostgreSQL: a server started for the run, a fresh database per test.
          name: "integration-pg",
          include: ["test/integration/**/*.test.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 30_000,
          globalSetup: ["test/support/require-build.ts", "test/support/postgres-setup.ts"],
          setupFiles: ["test/support/postgres-env.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          pool: "forks",
          testTimeout: 90_000,
          hookTimeout: 90_000,
          globalSetup: ["test/support/require-build.ts", "test/e2e/chromium-setup.ts"],
        },
      },
    ],
  },
});
