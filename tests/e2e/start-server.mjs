// Starts the production build for the end-to-end tests (playwright.config.ts `webServer`):
// a fresh SQLite database and outbox in tests/.tmp/e2e on every run, demo data seeded by the
// server itself, and credential rate limits raised so the suite's many sign-ins from 127.0.0.1
// are not throttled. Run `npm run build` first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = path.join(root, "tests/.tmp/e2e");
const entry = path.join(root, "build/node/main.js");

// Another process may be rebuilding right now: give a missing build half a minute to appear.
const hasBuild = () =>
  fs.existsSync(entry) && fs.existsSync(path.join(root, "build/server/index.js"));
for (let waited = 0; !hasBuild() && waited < 30_000; waited += 500) {
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (!hasBuild()) {
  console.error("No production build found: run `npm run build` before the e2e tests.");
  process.exit(1);
}

fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.join(tmp, "outbox"), { recursive: true });

const port = process.env.E2E_PORT ?? "3210";
// The server's output also goes to tests/.tmp/e2e/server.log, to read after a failed run.
const log = fs.createWriteStream(path.join(tmp, "server.log"));
const child = spawn(process.execPath, ["--enable-source-maps", entry], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(tmp, "e2e.db")}`,
    OUTBOX_DIR: path.join(tmp, "outbox"),
    SEED_DEMO: "true",
    // Queued mail goes out within a second, so tests can wait for it.
    MAIL_INTERVAL_SECONDS: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    LOGIN_RATE_LIMIT_IP: "1000",
    // Many sign-ups from 127.0.0.1 across the suite (and a CI retry) must not be throttled.
    SIGNUP_RATE_LIMIT_IP: "1000",
  },
});
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
}
child.on("exit", (code, signal) => {
  const message = `e2e server exited (code ${code}, signal ${signal})\n`;
  log.write(message);
  if (!stopping) process.stderr.write(message);
  log.end(() => process.exit(code ?? (signal ? 1 : 0)));
});
