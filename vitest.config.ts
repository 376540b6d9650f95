import { defineConfig } from "vitest/config";

// Unit tests sit beside their module (app/**/*.test.ts); integration tests in tests/integration.
// Every test worker talks to a real SQLite file, migrated once by tests/global-setup.ts.
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    env: {
      NODE_ENV: "test",
      DATABASE_URL: "file:tests/.tmp/vitest/werkplaats.db",
      OUTBOX_DIR: "tests/.tmp/vitest/outbox",
      LOG_LEVEL: "warn",
      LOGIN_RATE_LIMIT_IP: "1000",
      LOGIN_RATE_LIMIT_EMAIL: "5",
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
